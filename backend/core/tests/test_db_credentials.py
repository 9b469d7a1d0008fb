"""The database credentials as RDS keeps them: a secret holding only the username and the
password, rotated while the app runs, and an application role with row privileges only.

Against a private PostgreSQL that, like Aurora with rds.force_ssl, accepts only TLS and a
SCRAM password (the shared server trusts 127.0.0.1, so a wrong password would pass there),
and a moto server standing in for RDS and Secrets Manager.
"""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import boto3
import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from django.db.utils import ConnectionHandler
from psycopg import sql

from config import settings as project_settings
from config.aws_config import read_credentials_secret, stage_pending_credentials
from core.db import credentials
from core.tests.private_postgres import PrivatePostgres
from core.tests.stand_ins import (
    AWS_ENVIRONMENT,
    rds_managed_secret,
    reset_moto,
    subprocess_environment,
)

BACKEND = Path(__file__).resolve().parents[2]
DATABASE = "habits_rds"
HEALTH_EVENT = BACKEND / "core" / "tests" / "fixtures" / "apigw_health.json"
STRONG_KEY = "credentials-tests-0123456789-abcdefghijklmnopqrstuvwxyz"


@dataclass
class Deployment:
    """What Terraform and RDS would have created, with the Lambda's environment for it."""

    cluster: PrivatePostgres
    owner_secret: str
    app_secret: str
    env: dict[str, str] = field(default_factory=dict)

    def connect(self, user: str, password: str) -> psycopg.Connection[tuple[Any, ...]]:
        return psycopg.connect(
            host="localhost", port=self.cluster.port, dbname=DATABASE, user=user,
            password=password, sslmode="verify-full",
            sslrootcert=str(self.cluster.authority.certificate), autocommit=True,
        )  # fmt: skip


def run_python(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=BACKEND, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip


def manage(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *argv], cwd=BACKEND, env=env, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def deployment(
    private_postgres: PrivatePostgres, moto_endpoint: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Deployment]:
    reset_moto(moto_endpoint)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
        for name, value in AWS_ENVIRONMENT.items():
            patch.setenv(name, value)
        # RDS creates the master user and its secret; Terraform creates the empty secret of
        # the application role, which create_app_role fills.
        owner_secret = rds_managed_secret()
        owner, owner_password = read_credentials_secret(owner_secret) or ("", "")
        app_secret = boto3.client("secretsmanager").create_secret(Name="habits-db-app")["ARN"]
        with private_postgres.admin() as admin:
            # Aurora's master user is no superuser, but may create roles and owns the database.
            admin.execute(
                sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
                    sql.Identifier(owner), sql.Literal(owner_password)
                )
            )
            admin.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(DATABASE), sql.Identifier(owner)
                )
            )
        env = subprocess_environment(
            DATABASE_URL="",
            REDIS_URL="",
            DB_HOST="localhost",
            DB_PORT=str(private_postgres.port),
            DB_NAME=DATABASE,
            DB_SECRET_ARN=owner_secret,
            DB_APP_SECRET_ARN=app_secret,
            DB_SSLMODE="verify-full",
            DB_SSLROOTCERT=str(private_postgres.authority.certificate),
            AWS_ENDPOINT_URL=moto_endpoint,
            VAR_DIR=str(tmp_path_factory.mktemp("var")),
            LOG_LEVEL="WARNING",
            **AWS_ENVIRONMENT,
        )
        # Migrations run as the owner, as the Lambda's {"manage": [...]} invocations do.
        migrated = run_python(
            "import django; django.setup()\n"
            "from django.core.management import call_command\n"
            "from core.db.credentials import as_database_owner\n"
            "with as_database_owner():\n"
            "    call_command('migrate', '--noinput', verbosity=0)\n",
            env,
        )
        assert migrated.returncode == 0, migrated.stderr
        try:
            yield Deployment(private_postgres, owner_secret, app_secret, env)
        finally:
            with private_postgres.admin() as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(DATABASE))
                )
                for role in ("habits_app", "warm", owner):
                    admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_a_cold_start_takes_the_endpoint_from_the_environment_and_the_login_from_the_rds_secret(
    deployment: Deployment,
) -> None:
    # The secret RDS manages has no host, port or database name (issue 19, item 1). Before
    # the application role exists, requests connect with the master secret alone.
    env = {k: v for k, v in deployment.env.items() if k != "DB_APP_SECRET_ARN"}
    event = json.loads(HEALTH_EVENT.read_text())
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS=event["headers"]["host"],
        API_STAGE=event["requestContext"]["stage"],
    )
    code = (
        "import json, sys\n"
        "from types import SimpleNamespace\n"
        "from config.lambda_handler import handler\n"
        "event = json.loads(open(sys.argv[1]).read())\n"
        "response = handler(event, SimpleNamespace(aws_request_id='cold', function_name='api'))\n"
        "print(response['statusCode'], json.loads(response['body'])['database'])\n"
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SELECT current_user, ssl FROM pg_stat_ssl'\n"
        "                   ' WHERE pid = pg_backend_pid()')\n"
        "    print(*cursor.fetchone())\n"
    )

    result = run_python(code, env, str(HEALTH_EVENT))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "ok", "admin", "True"]


@pytest.fixture(scope="module")
def app_role(deployment: Deployment) -> tuple[str, str]:
    """The application role, created as the deploy pipeline does after migrating."""
    result = manage(deployment.env, "create_app_role")
    assert result.returncode == 0, result.stderr
    assert "role habits_app: created" in result.stdout
    credentials = read_credentials_secret(deployment.app_secret)
    assert credentials is not None
    return credentials


def test_create_app_role_makes_a_role_that_may_only_read_and_write_rows(
    deployment: Deployment, app_role: tuple[str, str]
) -> None:
    username, password = app_role
    assert username == "habits_app"
    with deployment.connect(username, password) as app:
        attributes = app.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles"
            " WHERE rolname = current_user"
        ).fetchone()
        assert attributes == (False, False, False, False)
        assert app.execute("SELECT has_schema_privilege('public', 'CREATE')").fetchone() == (False,)
        tables = app.execute(
            "SELECT tablename, has_table_privilege(quote_ident(tablename),"
            " 'SELECT, INSERT, UPDATE, DELETE'), has_table_privilege(quote_ident(tablename),"
            " 'TRUNCATE') FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
        assert {"habits_habit", "users_user", "django_session"} <= {t[0] for t in tables}
        assert all(rows and not truncate for _, rows, truncate in tables)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute("CREATE TABLE not_allowed (id int)")


def test_tables_created_by_later_migrations_are_granted_to_the_app_role(
    deployment: Deployment, app_role: tuple[str, str]
) -> None:
    owner, owner_password = read_credentials_secret(deployment.owner_secret) or ("", "")
    with deployment.connect(owner, owner_password) as migrator:
        migrator.execute("CREATE TABLE later_table (id bigint GENERATED BY DEFAULT AS IDENTITY)")
    try:
        with deployment.connect(*app_role) as app:
            app.execute("INSERT INTO later_table DEFAULT VALUES")
            assert app.execute("SELECT count(*) FROM later_table").fetchone() == (1,)
    finally:
        with deployment.connect(owner, owner_password) as migrator:
            migrator.execute("DROP TABLE later_table")


def test_create_app_role_keeps_the_password_unless_asked_to_rotate_it(
    deployment: Deployment, app_role: tuple[str, str]
) -> None:
    before = read_credentials_secret(deployment.app_secret)

    again = manage(deployment.env, "create_app_role")

    assert again.returncode == 0, again.stderr
    assert "role habits_app: updated" in again.stdout
    assert read_credentials_secret(deployment.app_secret) == before
    # As the Lambda's {"manage": [...]} invocation runs it: inside as_database_owner.
    rotated = run_python(
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from core.db.credentials import as_database_owner\n"
        "with as_database_owner():\n"
        "    call_command('create_app_role', '--rotate')\n",
        deployment.env,
    )
    assert "password rotated" in rotated.stdout, rotated.stderr
    assert read_credentials_secret(deployment.app_secret) != before


@pytest.mark.usefixtures("app_role")
def test_a_manage_invocation_connects_as_the_owner_and_requests_as_the_app_role(
    deployment: Deployment,
) -> None:
    # The deploy pipeline's {"manage": ["migrate"]} must create tables, which habits_app may
    # not; requests before and after it, in the same warm container, stay habits_app.
    event = json.loads(HEALTH_EVENT.read_text())
    env = deployment.env | {
        "DJANGO_ENV": "production",
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": event["headers"]["host"],
        "API_STAGE": event["requestContext"]["stage"],
    }
    ask = (
        "from django.db import connection as c; k = c.cursor();"
        " k.execute('SELECT current_user'); print('manage', k.fetchone()[0])"
    )
    code = (
        "import json, sys\n"
        "from types import SimpleNamespace\n"
        "from django.db import connection\n"
        "from config.lambda_handler import handler\n"
        "context = SimpleNamespace(aws_request_id='warm', function_name='api')\n"
        "event = json.loads(open(sys.argv[1]).read())\n"
        "def request():\n"
        "    assert handler(event, context)['statusCode'] == 200\n"
        "    with connection.cursor() as cursor:\n"
        "        cursor.execute('SELECT current_user')\n"
        "        print('request', cursor.fetchone()[0])\n"
        "request()\n"
        f"ask = {ask!r}\n"
        "result = handler({'manage': ['shell', '--verbosity', '0', '-c', ask]}, context)\n"
        "assert result['ok'], result\n"
        "print(result['output'], end='')\n"
        "result = handler({'manage': ['migrate', '--noinput']}, context)\n"
        "assert result['ok'], result\n"
        "request()\n"
    )

    result = run_python(code, env, str(HEALTH_EVENT))

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "request habits_app",
        "manage admin",
        "request habits_app",
    ]


def test_create_app_role_refuses_to_run_without_a_secret_of_its_own() -> None:
    # The test settings connect with DATABASE_URL, as local runs do: there is no secret.
    with pytest.raises(CommandError, match="DB_APP_SECRET_ARN"):
        call_command("create_app_role")


class Browser:
    """One user of the running app: cookies, the CSRF header, a new connection per request."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: object = None) -> tuple[int, Any]:
        headers = {"Accept": "application/json"}
        if method != "GET":
            if "csrftoken" not in self.cookies:
                self.request("GET", "/api/auth/csrf")
            headers |= {
                "X-CSRFToken": self.cookies["csrftoken"],
                "Content-Type": "application/json",
            }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, None if body is None else json.dumps(body), headers)
            response = conn.getresponse()
            payload = response.read()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return response.status, json.loads(payload) if payload else None


@pytest.fixture
def server(
    deployment: Deployment, app_role: tuple[str, str], tmp_path: Path
) -> Iterator[tuple[int, Path]]:
    """gunicorn as configured for production, opening a new connection for every request
    (DB_CONN_MAX_AGE=0), so that each request logs in to PostgreSQL with the cached
    password: the situation of a warm container whose connection was dropped."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    log = tmp_path / "gunicorn.log"
    env = deployment.env | {
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "4",
        "DB_CONN_MAX_AGE": "0",
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=BACKEND, env=env, stdout=output, stderr=output,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if Browser(port).request("GET", "/health/")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_running_app_keeps_serving_while_its_database_password_is_rotated(
    deployment: Deployment, server: tuple[int, Path]
) -> None:
    port, log = server
    user = Browser(port)
    # The whole API as the application role: its privileges are enough.
    assert user.request("POST", "/api/auth/register", {
        "email": "rotation@example.com", "password": "a long and sturdy passphrase",
    })[0] == 201  # fmt: skip
    status, habit = user.request("POST", "/api/habits", {"name": "Read"})
    assert status == 201
    assert user.request("PUT", f"/api/habits/{habit['id']}/entries/2024-01-02",
                        {"status": "done"})[0] == 200  # fmt: skip
    before = read_credentials_secret(deployment.app_secret)

    statuses: list[tuple[str, int]] = []
    failures: list[tuple[str, str, int, Any]] = []
    stop = threading.Event()
    phase = ["before"]

    def traffic() -> None:
        while not stop.is_set():
            for path in ("/health/", "/api/today"):
                status, body = user.request("GET", path)
                statuses.append((phase[0], status))
                if status != 200:
                    failures.append((phase[0], path, status, body))

    sender = threading.Thread(target=traffic)
    sender.start()
    try:
        while len(statuses) < 10:
            time.sleep(0.05)
        phase[0] = "during"
        rotated = manage(deployment.env, "create_app_role", "--rotate")
        phase[0] = "after"
        seen = len(statuses)
        while len(statuses) < seen + 20:
            time.sleep(0.05)
    finally:
        stop.set()
        sender.join(timeout=60)

    assert rotated.returncode == 0, rotated.stderr
    assert read_credentials_secret(deployment.app_secret) != before
    assert failures == [], log.read_text()[-3000:]
    assert {phase for phase, _ in statuses} >= {"before", "after"}
    # The first new connection after the rotation was refused and retried with the new value.
    assert "retrying with the secret's new value" in log.read_text()


# The backend itself, in this process: a warm process whose cached password stops working.


@pytest.fixture
def warm(
    deployment: Deployment,
    monkeypatch: pytest.MonkeyPatch,
    django_db_blocker: Any,
) -> Iterator[tuple[Any, str]]:
    """A connection configured from the Lambda's environment, logging in as role ``warm``
    whose password lives in its own secret."""
    for name in ("AWS_ENDPOINT_URL", *AWS_ENVIRONMENT):
        monkeypatch.setenv(name, deployment.env[name])
    arn = boto3.client("secretsmanager").create_secret(
        Name=f"warm-{time.monotonic_ns()}",
        SecretString=json.dumps({"username": "warm", "password": "first-password"}),
    )["ARN"]
    deployment.cluster.execute("DROP ROLE IF EXISTS warm")
    deployment.cluster.execute("CREATE ROLE warm LOGIN PASSWORD 'first-password'")
    for name in ("DB_HOST", "DB_PORT", "DB_NAME", "DB_SECRET_ARN", "DB_SSLMODE", "DB_SSLROOTCERT"):
        monkeypatch.setenv(name, deployment.env[name])
    monkeypatch.setenv("DB_APP_SECRET_ARN", arn)
    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setattr(credentials, "_sources", {})
    handler = ConnectionHandler({"default": project_settings._database()})
    with django_db_blocker.unblock():
        yield handler["default"], arn
        handler["default"].close()


def _current_user(connection: Any) -> str:
    connection.close()  # a new connection, so the password is checked again
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        return str(cursor.fetchone()[0])


def test_a_warm_process_logs_in_again_after_the_password_and_the_secret_changed(
    deployment: Deployment, warm: tuple[Any, str]
) -> None:
    connection, arn = warm
    assert _current_user(connection) == "warm"
    deployment.cluster.execute("ALTER ROLE warm PASSWORD 'second-password'")
    boto3.client("secretsmanager").put_secret_value(
        SecretId=arn, SecretString=json.dumps({"username": "warm", "password": "second-password"})
    )

    assert _current_user(connection) == "warm"
    assert credentials.for_secret(arn).get().password == "second-password"


def test_during_a_rotation_the_password_already_set_is_found_under_awspending(
    deployment: Deployment, warm: tuple[Any, str]
) -> None:
    # Rotation writes AWSPENDING, sets the password, and only then moves AWSCURRENT.
    connection, arn = warm
    assert _current_user(connection) == "warm"
    stage_pending_credentials(arn, "warm", "pending-password")
    deployment.cluster.execute("ALTER ROLE warm PASSWORD 'pending-password'")

    assert _current_user(connection) == "warm"


def test_a_pending_version_left_by_an_aborted_rotation_does_not_hide_the_current_one(
    deployment: Deployment, warm: tuple[Any, str]
) -> None:
    connection, arn = warm
    assert _current_user(connection) == "warm"
    stage_pending_credentials(arn, "warm", "never-set-on-the-role")
    deployment.cluster.execute("ALTER ROLE warm PASSWORD 'changed-by-hand'")
    boto3.client("secretsmanager").put_secret_value(
        SecretId=arn, SecretString=json.dumps({"username": "warm", "password": "changed-by-hand"})
    )

    assert _current_user(connection) == "warm"
    assert credentials.for_secret(arn).get().password == "changed-by-hand"


def test_a_password_the_secret_does_not_know_fails_after_reading_the_secret_once(
    deployment: Deployment, warm: tuple[Any, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    connection, _ = warm
    assert _current_user(connection) == "warm"
    deployment.cluster.execute("ALTER ROLE warm PASSWORD 'nobody-knows-this'")
    reads: list[str] = []
    real_read = credentials.read_credentials_secret

    def counting_read(arn: str, stage: str = "AWSCURRENT", **kwargs: Any) -> Any:
        reads.append(stage)
        return real_read(arn, stage, **kwargs)

    monkeypatch.setattr(credentials, "read_credentials_secret", counting_read)

    with pytest.raises(OperationalError, match="password authentication failed"):
        _current_user(connection)
    assert reads == ["AWSPENDING", "AWSCURRENT"]


def test_an_unreadable_secret_makes_the_database_unavailable_not_a_crash(
    deployment: Deployment, warm: tuple[Any, str]
) -> None:
    connection, _ = warm
    missing = "arn:aws:secretsmanager:us-east-1:123456789012:secret:habits-gone-AbCdEf"
    connection.settings_dict["SECRET_ARN"] = missing

    # An OperationalError is what the JSON error middleware answers with a 503.
    with pytest.raises(OperationalError, match="habits-gone"):
        _current_user(connection)


def test_management_commands_connect_as_the_owner_inside_as_database_owner(
    deployment: Deployment, warm: tuple[Any, str]
) -> None:
    connection, _ = warm
    with credentials.as_database_owner():
        assert _current_user(connection) == "admin"
    assert _current_user(connection) == "warm"
