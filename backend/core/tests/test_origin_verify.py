"""The execute-api URL goes around CloudFront and the WAF: in production the app answers only
requests carrying the secret CloudFront adds to every origin request (X-Origin-Verify)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from config.lambda_handler import handler
from core.tests.helpers import run_django

SECRET = "cloudfront-origin-secret-0123456789abcdefghij"
FIXTURES = Path(__file__).parent / "fixtures"
HOST = "r3pmxmplak.execute-api.us-east-1.amazonaws.com"
CONTEXT = SimpleNamespace(aws_request_id="lambda-request-1", function_name="api")


@pytest.fixture
def secret(settings: Any) -> str:
    settings.ORIGIN_VERIFY_SECRET = SECRET
    return SECRET


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/health/", "/api/auth/csrf", "/api/habits", "/admin/login/"])
@pytest.mark.parametrize("sent", [None, "", "wrong", SECRET[:-1], SECRET + "x", SECRET.upper()])
def test_a_request_without_cloudfronts_secret_is_refused_with_403_json(
    secret: str, path: str, sent: str | None
) -> None:
    headers = {} if sent is None else {"HTTP_X_ORIGIN_VERIFY": sent}
    response = Client().get(path, **headers)  # type: ignore[arg-type]
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()
    assert SECRET not in response.content.decode()
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/health/", "/api/auth/csrf"])
def test_a_request_with_cloudfronts_secret_is_served(secret: str, path: str) -> None:
    assert Client().get(path, HTTP_X_ORIGIN_VERIFY=secret).status_code == 200


@pytest.mark.django_db
def test_without_a_secret_configured_nothing_is_required(settings: Any) -> None:
    settings.ORIGIN_VERIFY_SECRET = ""
    assert Client().get("/api/auth/csrf").status_code == 200


def _health_event() -> dict[str, Any]:
    return json.loads((FIXTURES / "apigw_health.json").read_text())


@pytest.mark.django_db(transaction=True)
def test_a_lambda_event_straight_from_the_execute_api_url_is_refused(
    secret: str, settings: Any
) -> None:
    settings.ALLOWED_HOSTS = [HOST]
    refused = handler(_health_event(), CONTEXT)
    assert refused["statusCode"] == 403
    through_cloudfront = _health_event()
    through_cloudfront["headers"]["x-origin-verify"] = secret
    assert handler(through_cloudfront, CONTEXT)["statusCode"] == 200


PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "k" * 20 + "production-secret-key-for-a-test-0123456789abcdefghij",
    "ALLOWED_HOSTS": "habits.example.com",
    "ORIGIN_VERIFY_SECRET": SECRET,
    "TRUSTED_PROXY_COUNT": "2",
}


def test_production_requires_the_origin_header_when_the_secret_is_set(tmp_path: Path) -> None:
    code = (
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='habits.example.com', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(client.get('/api/auth/csrf').status_code)\n"
        f"print(client.get('/api/auth/csrf', HTTP_X_ORIGIN_VERIFY={SECRET!r}).status_code)\n"
        "from django.conf import settings\n"
        "print(settings.TRUSTED_PROXY_COUNT)\n"
    )
    result = run_django(code, **PRODUCTION, VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["403", "200", "2"]


@pytest.mark.parametrize(
    ("variable", "value"), [("ORIGIN_VERIFY_SECRET", "short"), ("TRUSTED_PROXY_COUNT", "-1")]
)
def test_a_bad_origin_setting_stops_start_up_naming_the_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    result = run_django("", **(PRODUCTION | {variable: value}), VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr
