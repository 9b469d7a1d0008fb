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
