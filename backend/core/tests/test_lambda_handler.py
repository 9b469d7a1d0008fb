from __future__ import annotations

import base64
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from config.lambda_handler import handler
from core.db.credentials import owner_credentials_requested
from users.models import User

FIXTURES = Path(__file__).parent / "fixtures"
HOST = "r3pmxmplak.execute-api.us-east-1.amazonaws.com"
CONTEXT = SimpleNamespace(aws_request_id="lambda-request-1", function_name="api")


def event(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text())


def body_of(response: dict[str, Any]) -> Any:
    raw = response["body"]
    if response.get("isBase64Encoded"):
        raw = base64.b64decode(raw).decode()
    return json.loads(raw)


@pytest.fixture(autouse=True)
def _gateway_host(settings: Any) -> None:
    settings.ALLOWED_HOSTS = [HOST]
    settings.CSRF_TRUSTED_ORIGINS = [f"https://{HOST}"]


@pytest.mark.django_db(transaction=True)
def test_it_answers_health_through_the_staging_stage() -> None:
    response = handler(event("apigw_health.json"), CONTEXT)
    assert response["statusCode"] == 200
    assert body_of(response)["database"] == "ok"
    assert response["headers"]["x-request-id"] == "lambda-request-1"


@pytest.mark.django_db(transaction=True)
def test_it_logs_in_from_a_base64_body_and_sets_the_session_cookie() -> None:
    User.objects.create_user(email="lambda@example.com", password="a long and sturdy passphrase")
    response = handler(event("apigw_login_base64.json"), CONTEXT)
    assert response["statusCode"] == 200, response
    assert body_of(response)["email"] == "lambda@example.com"
    cookies = response.get("cookies") or response["multiValueHeaders"].get("set-cookie", [])
    session = [c for c in cookies if c.startswith("sessionid=")]
    assert session
    assert "HttpOnly" in session[0]


@pytest.mark.django_db(transaction=True)
def test_it_reads_the_session_cookie_from_the_event() -> None:
    User.objects.create_user(email="lambda@example.com", password="a long and sturdy passphrase")
    login = handler(event("apigw_login_base64.json"), CONTEXT)
    cookie = next(c for c in login["cookies"] if c.startswith("sessionid="))
    me = event("apigw_me_cookie.json")
    me["cookies"] = [cookie.split(";")[0]]
    response = handler(me, CONTEXT)
    assert response["statusCode"] == 200
    assert body_of(response)["email"] == "lambda@example.com"


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_post_without_the_csrf_token() -> None:
    login = event("apigw_login_base64.json")
    del login["headers"]["x-csrftoken"]
    response = handler(login, CONTEXT)
    assert response["statusCode"] == 403
    assert "CSRF" in body_of(response)["detail"]


@pytest.mark.django_db(transaction=True)
def test_it_runs_a_management_command_on_direct_invocation() -> None:
    result = handler({"manage": ["check"]}, CONTEXT)
    assert result["ok"] is True
    assert "no issues" in result["output"]


@pytest.mark.django_db(transaction=True)
def test_management_commands_run_as_the_database_owner_and_requests_do_not() -> None:
    # Against PostgreSQL with secrets, core/tests/test_db_credentials.py shows which role
    # each one logs in as; here, that the handler asks for the owner and lets go after.
    ask = "from core.db.credentials import owner_credentials_requested as o; print('owner', o())"

    result = handler({"manage": ["shell", "--verbosity", "0", "-c", ask]}, CONTEXT)

    assert result == {"ok": True, "output": "owner True\n"}
    response = handler(event("apigw_health.json"), CONTEXT)
    assert response["statusCode"] == 200
    assert not owner_credentials_requested()


def test_it_reports_a_failing_management_command() -> None:
    result = handler({"manage": ["no_such_command"]}, CONTEXT)
    assert result["ok"] is False
    assert "no_such_command" in result["output"]


def test_it_never_runs_commands_from_an_api_gateway_event() -> None:
    smuggled = event("apigw_health.json") | {"manage": ["flush", "--noinput"]}
    response = handler(smuggled, CONTEXT)
    assert "statusCode" in response
    assert "ok" not in response


class _ScheduledContext:
    function_name = "habit-tracker-staging-api"

    def __init__(self, remaining_ms: int = 60_000) -> None:
        self.remaining_ms = remaining_ms

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


def _emf_lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith('{"_aws"')]


@pytest.mark.django_db(transaction=True)
def test_the_minute_event_runs_the_periodic_tasks_then_drains_the_queue(
    settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from django_tasks import default_task_backend

    from core.tests import worker_tasks
    from core.worker import worker_status

    settings.PERIODIC_TASKS = ["core.tests.worker_tasks.count_call"]
    worker_tasks.calls.clear()
    queued = worker_tasks.add.enqueue(40, 2)

    result = handler({"scheduled": "minute"}, _ScheduledContext())

    assert result["ok"] is True
    assert result["tick"] == {"done": {"core.tests.worker_tasks.count_call": 7}, "failed": {}}
    assert result["drain"] == {"succeeded": 1, "failed": 0, "empty": True}
    assert result["lag_seconds"] == {"reminders": 0.0, "queue": 0.0}
    assert len(worker_tasks.calls) == 1
    assert default_task_backend.get_result(queued.id).return_value == 42
    assert worker_status()["status"] == "ok"
    (metrics,) = _emf_lines(capsys.readouterr().out)
    (directive,) = metrics["_aws"]["CloudWatchMetrics"]
    assert directive["Namespace"] == "HabitTracker/Worker"
    assert directive["Dimensions"] == [["Function"]]
    assert metrics["Function"] == "habit-tracker-staging-api"
    # The names the alarms of infra/terraform/modules/scheduler watch.
    assert {m["Name"] for m in directive["Metrics"]} == {
        "Ticks",
        "PeriodicTaskFailures",
        "ReminderLagSeconds",
        "QueueLagSeconds",
    }
    assert (metrics["Ticks"], metrics["PeriodicTaskFailures"], metrics["TasksSucceeded"]) == (
        1,
        0,
        1,
    )


@pytest.mark.django_db(transaction=True)
def test_a_failing_dispatch_is_answered_and_counted_for_the_alarm(
    settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.PERIODIC_TASKS = ["core.tests.worker_tasks.fail"]

    result = handler({"scheduled": "minute"}, _ScheduledContext())

    assert result["ok"] is False
    assert "on fire" in result["tick"]["failed"]["core.tests.worker_tasks.fail"]
    (metrics,) = _emf_lines(capsys.readouterr().out)
    assert metrics["PeriodicTaskFailures"] == 1


@pytest.mark.django_db(transaction=True)
def test_the_drain_leaves_the_function_time_to_answer(settings: Any) -> None:
    from core.tests import worker_tasks

    settings.PERIODIC_TASKS = []
    worker_tasks.add.enqueue(1, 1)

    # Four seconds left is less than the reserve: nothing is claimed, the task waits.
    result = handler({"scheduled": "minute"}, _ScheduledContext(remaining_ms=4_000))

    assert result["drain"] == {"succeeded": 0, "failed": 0, "empty": False}
    assert result["lag_seconds"]["queue"] >= 0.0


def test_the_minute_event_is_never_taken_from_an_api_gateway_event() -> None:
    smuggled = event("apigw_health.json") | {"scheduled": "minute"}
    response = handler(smuggled, CONTEXT)
    assert "statusCode" in response
    assert "tick" not in response
