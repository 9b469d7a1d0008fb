"""config/aws_config.py against a real moto server, so boto3's wire calls are exercised."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest

from config import aws_config
from config.aws_config import (
    AwsConfigurationError,
    load_aws_configuration,
    promote_pending_credentials,
    read_credentials_secret,
    stage_pending_credentials,
)
from core.tests.stand_ins import rds_managed_secret

PREFIX = "/habit-tracker/staging/"


def _put_parameters(**values: str) -> None:
    client = boto3.client("ssm")
    for name, value in values.items():
        client.put_parameter(Name=f"{PREFIX}{name}", Value=value, Type="SecureString")


def test_it_does_nothing_without_aws_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aws_config, "_loaded", False)
    environ: dict[str, str] = {"DJANGO_ENV": "production"}

    load_aws_configuration(environ)

    assert environ == {"DJANGO_ENV": "production"}


def test_it_reads_the_parameters_under_the_prefix(aws: str) -> None:
    _put_parameters(
        SECRET_KEY="s3cret",
        ALLOWED_HOSTS="habits.example.com",
        REDIS_URL="rediss://cache.internal:6379/0",
        CSRF_TRUSTED_ORIGINS="https://habits.example.com",
        CORS_ALLOWED_ORIGINS="https://habits.example.com",
        UNRELATED="ignored",
    )
    environ = {"SSM_PARAMETER_PREFIX": PREFIX}

    load_aws_configuration(environ)

    assert environ["SECRET_KEY"] == "s3cret"
    assert environ["ALLOWED_HOSTS"] == "habits.example.com"
    assert environ["REDIS_URL"] == "rediss://cache.internal:6379/0"
    assert environ["CSRF_TRUSTED_ORIGINS"] == "https://habits.example.com"
    assert environ["CORS_ALLOWED_ORIGINS"] == "https://habits.example.com"
    assert "UNRELATED" not in environ


def test_it_accepts_a_prefix_without_a_trailing_slash(aws: str) -> None:
    _put_parameters(SECRET_KEY="s3cret", ALLOWED_HOSTS="habits.example.com")
    environ = {"SSM_PARAMETER_PREFIX": PREFIX.rstrip("/")}

    load_aws_configuration(environ)

    assert environ["SECRET_KEY"] == "s3cret"


def test_explicit_environment_variables_win_over_aws(aws: str) -> None:
    _put_parameters(SECRET_KEY="from-ssm", ALLOWED_HOSTS="from-ssm.example.com")
    environ = {"SSM_PARAMETER_PREFIX": PREFIX, "ALLOWED_HOSTS": "explicit.example.com"}

    load_aws_configuration(environ)

    assert environ["ALLOWED_HOSTS"] == "explicit.example.com"
    assert environ["SECRET_KEY"] == "from-ssm"


def test_the_rds_managed_secret_holds_only_the_username_and_the_password(aws: str) -> None:
    # The AWS rule behind issue 19 item 1: RDS writes {"username", "password"} and nothing
    # else, so the endpoint has to come from the Lambda's environment (DB_HOST, DB_PORT).
    arn = rds_managed_secret()
    raw = boto3.client("secretsmanager").get_secret_value(SecretId=arn)["SecretString"]

    assert set(json.loads(raw)) == {"username", "password"}
    assert read_credentials_secret(arn) == ("admin", json.loads(raw)["password"])


def test_a_cold_start_with_the_rds_managed_secret_does_not_look_for_a_host_in_it(
    aws: str,
) -> None:
    _put_parameters(SECRET_KEY="s3cret", ALLOWED_HOSTS="habits.example.com")
    environ = {"SSM_PARAMETER_PREFIX": PREFIX, "DB_SECRET_ARN": rds_managed_secret()}

    load_aws_configuration(environ)

    # The credentials are read when the database connects (core/db/credentials.py), so
    # nothing about them lands in the environment.
    assert "DATABASE_URL" not in environ
    assert environ["SECRET_KEY"] == "s3cret"


def test_a_missing_secret_raises_an_error_naming_it(aws: str) -> None:
    arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!missing-AbCdEf"

    with pytest.raises(AwsConfigurationError, match=r"rds!missing-AbCdEf"):
        read_credentials_secret(arn)


def test_a_secret_in_another_layout_raises_an_error_naming_it(aws: str) -> None:
    client = boto3.client("secretsmanager")
    arn = client.create_secret(Name="not-rds", SecretString="plain text")["ARN"]

    with pytest.raises(AwsConfigurationError, match="not-rds"):
        read_credentials_secret(arn)


def test_a_secret_without_a_value_yet_is_an_error_unless_missing_is_expected(aws: str) -> None:
    # Terraform creates the application role's secret empty; create_app_role fills it.
    arn = boto3.client("secretsmanager").create_secret(Name="habits-app")["ARN"]

    with pytest.raises(AwsConfigurationError, match="habits-app"):
        read_credentials_secret(arn)
    assert read_credentials_secret(arn, missing_ok=True) is None


def test_new_credentials_are_pending_until_promoted_as_in_a_secrets_manager_rotation(
    aws: str,
) -> None:
    client = boto3.client("secretsmanager")
    arn = client.create_secret(
        Name="habits-app", SecretString=json.dumps({"username": "app", "password": "old"})
    )["ARN"]

    version = stage_pending_credentials(arn, "app", "new")

    assert read_credentials_secret(arn) == ("app", "old")
    assert read_credentials_secret(arn, "AWSPENDING") == ("app", "new")

    promote_pending_credentials(arn, version)

    assert read_credentials_secret(arn) == ("app", "new")
    assert read_credentials_secret(arn, "AWSPENDING", missing_ok=True) is None


def test_the_first_credentials_of_an_empty_secret_can_be_promoted(aws: str) -> None:
    arn = boto3.client("secretsmanager").create_secret(Name="habits-app")["ARN"]

    promote_pending_credentials(arn, stage_pending_credentials(arn, "app", "first"))

    assert read_credentials_secret(arn) == ("app", "first")


def test_a_missing_required_parameter_raises_an_error_naming_it(aws: str) -> None:
    _put_parameters(ALLOWED_HOSTS="habits.example.com")

    with pytest.raises(AwsConfigurationError, match=f"{PREFIX}SECRET_KEY"):
        load_aws_configuration({"SSM_PARAMETER_PREFIX": PREFIX})


def test_an_unreachable_endpoint_fails_fast_with_a_clear_error(
    aws: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{closed_port}")
    started = time.monotonic()

    with pytest.raises(AwsConfigurationError, match="Secrets Manager"):
        read_credentials_secret("arn:aws:secretsmanager:us-east-1:1:secret:x")
    with pytest.raises(AwsConfigurationError, match="SSM"):
        load_aws_configuration({"SSM_PARAMETER_PREFIX": PREFIX})

    assert time.monotonic() - started < 30


def test_it_reads_aws_only_once_per_process(aws: str) -> None:
    _put_parameters(SECRET_KEY="first", ALLOWED_HOSTS="habits.example.com")
    first = {"SSM_PARAMETER_PREFIX": PREFIX}
    load_aws_configuration(first)
    boto3.client("ssm").delete_parameter(Name=f"{PREFIX}SECRET_KEY")
    second = {"SSM_PARAMETER_PREFIX": PREFIX}

    load_aws_configuration(second)

    assert first["SECRET_KEY"] == "first"
    assert second == {"SSM_PARAMETER_PREFIX": PREFIX}


def test_a_failed_load_is_retried_on_the_next_call(aws: str) -> None:
    environ = {"SSM_PARAMETER_PREFIX": PREFIX}
    with pytest.raises(AwsConfigurationError):
        load_aws_configuration(environ)
    _put_parameters(SECRET_KEY="late", ALLOWED_HOSTS="habits.example.com")

    load_aws_configuration(environ)

    assert environ["SECRET_KEY"] == "late"


def test_it_does_not_import_boto3_when_nothing_is_configured() -> None:
    code = (
        "import sys; from config.aws_config import load_aws_configuration;"
        "load_aws_configuration({}); print('boto3' in sys.modules)"
    )
    backend = Path(aws_config.__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=backend, capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "False"
