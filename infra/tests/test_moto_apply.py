"""terraform apply and destroy of the modules moto supports, against a local moto server.

One apply is shared by the tests of this file (module-scoped fixture); they read what it
created and run in file order, the last one destroying it. moto stands in for AWS: it
accepts what AWS would refuse, so what it created is also checked against AWS's rules
(aws_rules.py), and it neither runs the function nor enforces TLS or IAM.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from aws_rules import (
    http_api_route_for,
    http_api_route_key_problems,
    rds_identifier_problem,
)
from conftest import APP_REQUESTS, INFRA, RDS_CA_BUNDLE

ROOT = INFRA / "tests" / "moto_root"
PLUGIN_DIR = Path(os.environ.get("TF_PLUGIN_DIR", "/opt/tf-plugins"))
CLUSTER = "habit-tracker-moto"

pytestmark = pytest.mark.skipif(
    shutil.which("terraform") is None or not PLUGIN_DIR.is_dir(),
    reason="terraform or the offline provider mirror is not installed",
)


def _terraform(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    result = subprocess.run(
        ["terraform", f"-chdir={ROOT}", *args, "-no-color"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    print(f"terraform {args[0]}: {time.monotonic() - started:.0f} s")
    if result.returncode != 0:
        pytest.fail(
            f"terraform {args[0]} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return result


@dataclass
class Applied:
    env: dict[str, str]
    state: Path
    outputs: dict[str, Any]
    aws: dict[str, str]
    workdir: Path

    def client(self, service: str) -> Any:
        return boto3.client(service, **self.aws)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def applied(
    module_moto_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Applied:
    tmp_path = tmp_path_factory.mktemp("moto_apply")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        "TF_DATA_DIR": str(tmp_path / ".terraform"),
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
        "CHECKPOINT_DISABLE": "1",
        "TF_VAR_endpoint": module_moto_server,
    }
    if not Path(env.get("TF_CLI_CONFIG_FILE", "/")).is_file():
        env.pop("TF_CLI_CONFIG_FILE", None)
    state = tmp_path / "terraform.tfstate"
    _terraform(
        "init", f"-plugin-dir={PLUGIN_DIR}", f"-backend-config=path={state}", env=env
    )
    _terraform("apply", "-auto-approve", "-parallelism=20", env=env)
    outputs = {
        name: output["value"]
        for name, output in json.loads(
            _terraform("output", "-json", env=env).stdout
        ).items()
    }
    aws = {
        "endpoint_url": module_moto_server,
        "region_name": "us-east-1",
        "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing",
    }
    # The moto server, and everything in it, is thrown away after the module.
    return Applied(env=env, state=state, outputs=outputs, aws=aws, workdir=tmp_path)


def _function_environment(applied: Applied) -> dict[str, str]:
    function = applied.client("lambda").get_function_configuration(
        FunctionName=applied.outputs["function_name"]
    )
    return dict(function["Environment"]["Variables"])


def test_the_supported_modules_apply_against_moto(applied: Applied) -> None:
    assert len(applied.outputs["alarm_names"]) == 8
    function = applied.client("lambda").get_function_configuration(
        FunctionName=applied.outputs["function_name"]
    )
    assert function["Environment"]["Variables"]["DJANGO_ENV"] == "production"
    assert function["VpcConfig"]["SubnetIds"]
    parameters = {
        p["Name"].rsplit("/", 1)[1]: p["Value"]
        for p in applied.client("ssm").get_parameters_by_path(
            Path="/habit-tracker/moto/", WithDecryption=True
        )["Parameters"]
    }
    assert set(parameters) >= {
        "REDIS_URL",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "CORS_ALLOWED_ORIGINS",
        "SECRET_KEY",
        "ORIGIN_VERIFY_SECRET",
    }
    # Drawn by GetRandomPassword, so a first deploy starts without a value set by hand:
    # production refuses a SECRET_KEY under 50 characters, the app an origin secret under 32.
    for name in ("SECRET_KEY", "ORIGIN_VERIFY_SECRET"):
        assert re.fullmatch(r"[A-Za-z0-9]{64}", parameters[name]), name
    assert parameters["SECRET_KEY"] != parameters["ORIGIN_VERIFY_SECRET"]


def test_every_route_key_the_apply_created_is_one_aws_accepts(applied: Applied) -> None:
    routes = applied.client("apigatewayv2").get_routes(ApiId=applied.outputs["api_id"])
    keys = [route["RouteKey"] for route in routes["Items"]]
    assert keys, "the API has no route"
    assert [
        problem for key in keys for problem in http_api_route_key_problems(key)
    ] == []
    for method, path in APP_REQUESTS:
        assert http_api_route_for(keys, method, path) is not None, (method, path)


def test_the_function_is_told_where_the_database_is_since_the_rds_secret_holds_only_credentials(
    applied: Applied,
) -> None:
    rds = applied.client("rds")
    (cluster,) = rds.describe_db_clusters(DBClusterIdentifier=CLUSTER)["DBClusters"]
    secrets = applied.client("secretsmanager")
    # The secret moto's RDS made for manage_master_user_password, as RDS makes it.
    master_arn = cluster["MasterUserSecret"]["SecretArn"]
    master = json.loads(secrets.get_secret_value(SecretId=master_arn)["SecretString"])
    assert set(master) == {"username", "password"}

    environment = _function_environment(applied)
    assert environment["DB_HOST"] == cluster["Endpoint"]
    assert environment["DB_PORT"] == str(cluster["Port"]) == "5432"
    assert environment["DB_NAME"] == cluster["DatabaseName"] == "habits"
    assert environment["DB_SECRET_ARN"] == master_arn
    assert environment["DB_SSLMODE"] == "verify-full"
    assert environment["DB_SSLROOTCERT"] == RDS_CA_BUNDLE

    app_arn = environment["DB_APP_SECRET_ARN"]
    app_secret = secrets.describe_secret(SecretId=app_arn)
    assert app_secret["Name"] == f"{CLUSTER}-db-app"
    assert app_secret["KmsKeyId"] == applied.outputs["kms_key_arn"]
    # Empty until create_app_role writes the role's credentials: no password in the state.
    assert not app_secret.get("VersionIdsToStages")
    with pytest.raises(secrets.exceptions.ResourceNotFoundException):
        secrets.get_secret_value(SecretId=app_arn)


def test_the_function_may_read_both_database_secrets_and_write_only_its_own(
    applied: Applied,
) -> None:
    environment = _function_environment(applied)
    iam = applied.client("iam")
    role = f"{applied.outputs['function_name']}-lambda"
    document = iam.get_role_policy(RoleName=role, PolicyName="runtime")[
        "PolicyDocument"
    ]
    if isinstance(document, str):
        document = json.loads(document)
    by_sid = {statement["Sid"]: statement for statement in document["Statement"]}

    def as_list(value: str | list[str]) -> list[str]:
        return [value] if isinstance(value, str) else list(value)

    read = by_sid["DatabaseSecrets"]
    assert "secretsmanager:GetSecretValue" in as_list(read["Action"])
    assert sorted(as_list(read["Resource"])) == sorted(
        [environment["DB_SECRET_ARN"], environment["DB_APP_SECRET_ARN"]]
    )
    write = by_sid["ApplicationSecretRotation"]
    assert as_list(write["Resource"]) == [environment["DB_APP_SECRET_ARN"]]
    for statement in document["Statement"]:
        if any(
            a.startswith("secretsmanager:Put") for a in as_list(statement["Action"])
        ):
            assert environment["DB_SECRET_ARN"] not in as_list(statement["Resource"])


def test_the_cluster_refuses_connections_without_tls(applied: Applied) -> None:
    rds = applied.client("rds")
    (cluster,) = rds.describe_db_clusters(DBClusterIdentifier=CLUSTER)["DBClusters"]
    group = cluster["DBClusterParameterGroup"]
    parameters = rds.describe_db_cluster_parameters(
        DBClusterParameterGroupName=group, Source="user"
    )["Parameters"]
    values = {p["ParameterName"]: p["ParameterValue"] for p in parameters}
    assert values["rds.force_ssl"] == "1"


def test_the_aurora_log_group_is_terraforms_with_retention_and_key(
    applied: Applied,
) -> None:
    name = f"/aws/rds/cluster/{CLUSTER}/postgresql"
    groups = applied.client("logs").describe_log_groups(logGroupNamePrefix=name)[
        "logGroups"
    ]
    (group,) = [g for g in groups if g["logGroupName"] == name]
    assert group["retentionInDays"] == 30
    assert group["kmsKeyId"] == applied.outputs["kms_key_arn"]


def test_the_minute_schedule_invokes_the_function_with_the_direct_event(
    applied: Applied,
) -> None:
    worker = applied.outputs["scheduler"]
    schedule = applied.client("scheduler").get_schedule(
        Name=f"{CLUSTER}-worker", GroupName="default"
    )
    function = applied.client("lambda").get_function_configuration(
        FunctionName=applied.outputs["function_name"]
    )
    assert schedule["ScheduleExpression"] == "rate(1 minute)"
    assert schedule["State"] == "ENABLED"
    assert schedule["FlexibleTimeWindow"] == {"Mode": "OFF"}
    target = schedule["Target"]
    assert target["Arn"] == function["FunctionArn"]
    # What backend/config/lambda_handler.py takes for the minute tick.
    assert json.loads(target["Input"]) == {"scheduled": "minute"}
    assert target["RoleArn"] == worker["role_arn"]
    assert target["DeadLetterConfig"]["Arn"] == worker["dead_letter_queue_arn"]
    assert target["RetryPolicy"] == {
        "MaximumEventAgeInSeconds": 120,
        "MaximumRetryAttempts": 2,
    }
    retries = applied.client("lambda").get_function_event_invoke_config(
        FunctionName=applied.outputs["function_name"]
    )
    assert retries["MaximumRetryAttempts"] == 0


def test_the_schedule_role_may_only_invoke_the_function_and_write_its_dead_letters(
    applied: Applied,
) -> None:
    worker = applied.outputs["scheduler"]
    iam = applied.client("iam")
    role_name = worker["role_arn"].rsplit("/", 1)[1]
    trust = iam.get_role(RoleName=role_name)["Role"]["AssumeRolePolicyDocument"]
    if isinstance(trust, str):
        trust = json.loads(trust)
    (assume,) = trust["Statement"]
    assert assume["Principal"] == {"Service": "scheduler.amazonaws.com"}
    document = iam.get_role_policy(RoleName=role_name, PolicyName="invoke")[
        "PolicyDocument"
    ]
    if isinstance(document, str):
        document = json.loads(document)
    by_sid = {statement["Sid"]: statement for statement in document["Statement"]}
    function_arn = applied.client("lambda").get_function_configuration(
        FunctionName=applied.outputs["function_name"]
    )["FunctionArn"]

    def as_list(value: str | list[str]) -> list[str]:
        return [value] if isinstance(value, str) else list(value)

    assert set(by_sid) == {"InvokeTheFunction", "DeadLetters", "DeadLetterEncryption"}
    assert as_list(by_sid["InvokeTheFunction"]["Action"]) == ["lambda:InvokeFunction"]
    assert sorted(as_list(by_sid["InvokeTheFunction"]["Resource"])) == sorted(
        [function_arn, f"{function_arn}:*"]
    )
    assert as_list(by_sid["DeadLetters"]["Action"]) == ["sqs:SendMessage"]
    assert as_list(by_sid["DeadLetters"]["Resource"]) == [
        worker["dead_letter_queue_arn"]
    ]
    assert as_list(by_sid["DeadLetterEncryption"]["Resource"]) == [
        applied.outputs["kms_key_arn"]
    ]
    attributes = applied.client("sqs").get_queue_attributes(
        QueueUrl=worker["dead_letter_queue_url"], AttributeNames=["All"]
    )["Attributes"]
    assert attributes["KmsMasterKeyId"] == applied.outputs["kms_key_arn"]


def test_the_worker_alarms_notify_the_topic(applied: Applied) -> None:
    worker = applied.outputs["scheduler"]
    alarms = applied.client("cloudwatch").describe_alarms(
        AlarmNames=worker["alarm_names"]
    )["MetricAlarms"]
    by_name = {a["AlarmName"].removeprefix(f"{CLUSTER}-worker-"): a for a in alarms}
    assert set(by_name) == {
        "dispatch-failing",
        "not-ticking",
        "reminders-behind",
        "queue-behind",
        "dead-letters",
    }
    topic = applied.client("sns").list_topics()["Topics"][0]["TopicArn"]
    for alarm in alarms:
        assert alarm["AlarmActions"] == [topic], alarm["AlarmName"]
    assert by_name["not-ticking"]["TreatMissingData"] == "breaching"
    assert by_name["not-ticking"]["Namespace"] == "HabitTracker/Worker"
    assert by_name["not-ticking"]["Dimensions"] == [
        {"Name": "Function", "Value": applied.outputs["function_name"]}
    ]


def test_an_automatic_minor_upgrade_makes_no_plan_to_downgrade_or_rename_the_snapshot(
    applied: Applied,
) -> None:
    rds = applied.client("rds")
    (cluster,) = rds.describe_db_clusters(DBClusterIdentifier=CLUSTER)["DBClusters"]
    major, _, minor = cluster["EngineVersion"].partition(".")
    upgraded = f"{major}.{int(minor or 6) + 2}"
    # What AWS does in a maintenance window with auto_minor_version_upgrade.
    rds.modify_db_cluster(
        DBClusterIdentifier=CLUSTER, EngineVersion=upgraded, ApplyImmediately=True
    )
    plan = applied.workdir / "upgrade.tfplan"
    _terraform(
        "plan",
        f"-out={plan}",
        "-target=module.database.aws_rds_cluster.this",
        env=applied.env,
    )
    shown = json.loads(_terraform("show", "-json", str(plan), env=applied.env).stdout)
    changes = {c["address"]: c["change"] for c in shown.get("resource_changes", [])}
    change = changes["module.database.aws_rds_cluster.this"]
    assert "delete" not in change["actions"]
    for attribute in ("engine_version", "final_snapshot_identifier"):
        assert change["before"][attribute] == change["after"][attribute], (
            attribute,
            change["before"][attribute],
            change["after"][attribute],
        )
    assert changes["module.database.terraform_data.final_snapshot_suffix"][
        "actions"
    ] == ["no-op"]


def test_a_destroy_leaves_a_final_snapshot_under_a_name_rds_accepts(
    applied: Applied,
) -> None:
    # Last in this file: it destroys what the others read.
    name = applied.outputs["database"]["final_snapshot_identifier"]
    assert rds_identifier_problem(name) is None
    _terraform("destroy", "-auto-approve", "-parallelism=20", env=applied.env)
    remaining = json.loads(applied.state.read_text())["resources"]
    assert [r for r in remaining if r["mode"] == "managed"] == []
    snapshots = applied.client("rds").describe_db_cluster_snapshots(
        DBClusterSnapshotIdentifier=name
    )["DBClusterSnapshots"]
    assert [(s["DBClusterIdentifier"], s["Status"]) for s in snapshots] == [
        (CLUSTER, "available")
    ]
