"""load_aws_configuration against a real moto server, so boto3's wire calls are exercised."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from config import aws_config
from config.aws_config import AwsConfigurationError, load_aws_configuration

PREFIX = "/habit-tracker/staging/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    port = _free_port()
    moto_server = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(
        [str(moto_server), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def aws(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point boto3 at a freshly reset moto server and forget any earlier load."""
    reset = f"{moto_endpoint}/moto-api/reset"
    request = urllib.request.Request(reset, method="POST")  # noqa: S310 - local moto server
    urllib.request.urlopen(request, timeout=5).close()  # noqa: S310 - local moto server
    for name, value in {
        "AWS_ENDPOINT_URL": moto_endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.setattr(aws_config, "_loaded", False)
    return moto_endpoint


def _create_db_secret(**fields: object) -> str:
    secret = {"host": "db.internal", "port": 5432, "username": "habits", "password": "p@ss/w:rd"}
    secret.update(fields)
    client = boto3.client("secretsmanager")
    return str(client.create_secret(Name="rds!cluster-1", SecretString=json.dumps(secret))["ARN"])


def _put_parameters(**values: str) -> None:
    client = boto3.client("ssm")
    for name, value in values.items():
        client.put_parameter(Name=f"{PREFIX}{name}", Value=value, Type="SecureString")


def test_it_does_nothing_without_aws_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aws_config, "_loaded", False)
    environ: dict[str, str] = {"DJANGO_ENV": "production"}

    load_aws_configuration(environ)

    assert environ == {"DJANGO_ENV": "production"}


def test_it_builds_the_database_url_from_the_rds_secret(aws: str) -> None:
    environ = {"DB_SECRET_ARN": _create_db_secret(dbname="tracker")}

    load_aws_configuration(environ)

    assert environ["DATABASE_URL"] == "postgres://habits:p%40ss%2Fw%3Ard@db.internal:5432/tracker"


def test_it_uses_db_name_when_the_secret_has_no_dbname(aws: str) -> None:
    environ = {"DB_SECRET_ARN": _create_db_secret(), "DB_NAME": "other"}

    load_aws_configuration(environ)

    assert environ["DATABASE_URL"].endswith("@db.internal:5432/other")


def test_it_falls_back_to_habits_as_the_database_name(aws: str) -> None:
    environ = {"DB_SECRET_ARN": _create_db_secret()}

    load_aws_configuration(environ)

    assert environ["DATABASE_URL"].endswith("/habits")


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
    environ = {
        "SSM_PARAMETER_PREFIX": PREFIX,
        "DB_SECRET_ARN": _create_db_secret(),
        "ALLOWED_HOSTS": "explicit.example.com",
        "DATABASE_URL": "postgres://explicit/db",
    }

    load_aws_configuration(environ)

    assert environ["ALLOWED_HOSTS"] == "explicit.example.com"
    assert environ["DATABASE_URL"] == "postgres://explicit/db"
    assert environ["SECRET_KEY"] == "from-ssm"


def test_a_missing_secret_raises_an_error_naming_it(aws: str) -> None:
    arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!missing-AbCdEf"

    with pytest.raises(AwsConfigurationError, match=r"rds!missing-AbCdEf"):
        load_aws_configuration({"DB_SECRET_ARN": arn})


def test_a_secret_in_another_layout_raises_an_error_naming_it(aws: str) -> None:
    client = boto3.client("secretsmanager")
    arn = client.create_secret(Name="not-rds", SecretString="plain text")["ARN"]

    with pytest.raises(AwsConfigurationError, match="not-rds"):
        load_aws_configuration({"DB_SECRET_ARN": arn})


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
        load_aws_configuration({"DB_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:1:secret:x"})

    assert time.monotonic() - started < 15


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
