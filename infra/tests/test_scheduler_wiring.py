"""The background worker on AWS, read from the Terraform source: what EventBridge Scheduler
sends is what the handler takes, the alarms watch the metrics the app prints, and the role
may do nothing else."""

from __future__ import annotations

import re
from typing import Any

from conftest import REPO

SCHEDULED_PY = REPO / "backend" / "config" / "scheduled.py"
HANDLER_PY = REPO / "backend" / "config" / "lambda_handler.py"


def test_the_schedule_sends_the_direct_event_the_handler_takes_every_minute(
    modules: dict[str, Any],
) -> None:
    schedule = modules["scheduler"]["resource"]["aws_scheduler_schedule"]["this"]
    (target,) = schedule["target"]
    assert target["input"] == '${jsonencode({scheduled = "minute"})}'
    assert target["arn"] == "${var.function_arn}"
    assert target["dead_letter_config"] == [{"arn": "${aws_sqs_queue.dead_letter.arn}"}]
    assert schedule["flexible_time_window"] == [{"mode": "OFF"}]
    variables = modules["scheduler"]["variable"]
    assert variables["schedule_expression"]["default"] == "rate(1 minute)"
    handler = HANDLER_PY.read_text()
    assert 'event.get("scheduled") == "minute"' in handler
    assert '"requestContext" not in event' in handler


def test_the_schedule_role_may_invoke_only_the_function_and_use_only_its_queue(
    modules: dict[str, Any],
) -> None:
    scheduler = modules["scheduler"]
    policy = scheduler["data"]["aws_iam_policy_document"]["scheduler"]
    actions = {
        statement["sid"]: (statement["actions"], statement["resources"])
        for statement in policy["statement"]
    }
    assert actions == {
        "InvokeTheFunction": (
            ["lambda:InvokeFunction"],
            ["${var.function_arn}", "${var.function_arn}:*"],
        ),
        "DeadLetters": (["sqs:SendMessage"], ["${aws_sqs_queue.dead_letter.arn}"]),
        "DeadLetterEncryption": (
            ["kms:GenerateDataKey", "kms:Decrypt"],
            ["${var.kms_key_arn}"],
        ),
    }
    (assume,) = scheduler["data"]["aws_iam_policy_document"]["assume"]["statement"]
    assert assume["principals"][0]["identifiers"] == ["scheduler.amazonaws.com"]
    assert assume["condition"][0]["variable"] == "aws:SourceAccount"
    queue = scheduler["resource"]["aws_sqs_queue"]["dead_letter"]
    assert queue["kms_master_key_id"] == "${var.kms_key_arn}"


def test_the_alarms_watch_the_metrics_the_minute_invocation_prints(
    modules: dict[str, Any],
) -> None:
    scheduler = modules["scheduler"]
    source = SCHEDULED_PY.read_text()
    (namespace,) = re.findall(r'METRIC_NAMESPACE = "([^"]+)"', source)
    assert scheduler["locals"]["namespace"] == namespace
    printed = set(re.findall(r'"(\w+)": \(', source))
    alarms = scheduler["locals"]["alarms"]
    watched = {
        alarm["metric"]
        for alarm in alarms.values()
        if alarm["namespace"] == "${local.namespace}"
    }
    assert watched == {
        "PeriodicTaskFailures",
        "Ticks",
        "ReminderLagSeconds",
        "QueueLagSeconds",
    }
    assert watched <= printed
    # The dimension the app writes (the function's name) is the one the alarms name.
    assert '"Dimensions": [["Function"]]' in source
    assert scheduler["locals"]["worker"] == {"Function": "${var.function_name}"}
    # A function that crashes or times out prints nothing: silence must alarm.
    assert alarms["not-ticking"]["treat_missing_data"] == "breaching"
    assert set(alarms) == {
        "dispatch-failing",
        "not-ticking",
        "reminders-behind",
        "queue-behind",
        "dead-letters",
    }


def test_staging_wires_the_schedule_to_the_api_function_in_both_profiles(
    staging: dict[str, Any],
) -> None:
    module = staging["module"]["scheduler"]
    assert module["source"] == "../../modules/scheduler"
    assert module["function_arn"] == "${module.api.function_arn}"
    assert module["function_name"] == "${module.api.function_name}"
    assert module["kms_key_arn"] == "${module.kms.key_arn}"
    assert module["alarm_topic_arn"] == "${module.monitoring.topic_arn}"
    # Not behind a count: the lean profile has the schedule too, off unless asked for.
    assert "count" not in module
    assert module["enabled"] == "${coalesce(var.worker_schedule_enabled, !local.lean)}"


def test_the_function_outlives_the_fifty_second_drain(staging: dict[str, Any]) -> None:
    source = SCHEDULED_PY.read_text()
    drain = float(re.findall(r"DRAIN_SECONDS = ([\d.]+)", source)[0])
    reserve = float(re.findall(r"RESERVE_SECONDS = ([\d.]+)", source)[0])
    assert drain == 50
    assert staging["module"]["api"]["timeout"] >= drain + reserve
