"""The client address is what the last trusted hop saw: the entries the client wrote into
X-Forwarded-For are never believed (docs/decisions/0010)."""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import RequestFactory

from config.lambda_handler import handler
from core.client_ip import client_ip
from users.models import User

FIXTURES = Path(__file__).parent / "fixtures"
HOST = "r3pmxmplak.execute-api.us-east-1.amazonaws.com"
CONTEXT = SimpleNamespace(aws_request_id="lambda-request-1", function_name="api")


def request(remote: str = "192.0.2.1", forwarded: str | None = None) -> Any:
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_peer_is_the_client_and_the_header_is_ignored(
    settings: Any,
) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("192.0.2.1", "198.51.100.7")) == "192.0.2.1"
    assert client_ip(request("192.0.2.1")) == "192.0.2.1"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        # One proxy (e.g. nginx): it appended the address it saw, last.
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),
        # CloudFront appends the viewer, API Gateway then appends the CloudFront edge.
        (2, "203.0.113.9, 130.176.1.10", "203.0.113.9"),
        (2, "198.51.100.7, 10.0.0.1, 203.0.113.9, 130.176.1.10", "203.0.113.9"),
        (2, " 198.51.100.7 ,203.0.113.9 ,130.176.1.10 ", "203.0.113.9"),
    ],
)
def test_with_trusted_proxies_the_entry_they_appended_is_the_client(
    settings: Any, count: int, forwarded: str, expected: str
) -> None:
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request("10.0.0.5", forwarded)) == expected


@pytest.mark.parametrize("forwarded", [None, "", "130.176.1.10", "not-an-address, 130.176.1.10"])
def test_a_chain_without_a_usable_trusted_entry_falls_back_to_the_peer(
    settings: Any, forwarded: str | None
) -> None:
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request("10.0.0.5", forwarded)) == "10.0.0.5"


def test_addresses_are_normalised_so_one_client_has_one_spelling(settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.5", "2001:DB8:0:0::0001")) == "2001:db8::1"
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("2001:0db8::0001")) == "2001:db8::1"
    assert client_ip(request("")) == "unknown"


def _lambda_login(forwarded: str, source_ip: str, password: str) -> dict[str, Any]:
    event = json.loads((FIXTURES / "apigw_login_base64.json").read_text())
    event["headers"]["x-forwarded-for"] = forwarded
    event["requestContext"]["http"]["sourceIp"] = source_ip
    body = {"email": "lambda@example.com", "password": password}
    event["body"] = base64.b64encode(json.dumps(body).encode()).decode()
    return event


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("count", "chain"),
    [
        # Straight to API Gateway: it appends the caller's address, which is also the sourceIp.
        (0, "{forged}, 203.0.113.7"),
        # Through CloudFront: the viewer, then the edge that called API Gateway.
        (2, "{forged}, 203.0.113.7, 130.176.1.{n}"),
    ],
)
def test_on_lambda_a_forged_x_forwarded_for_does_not_escape_the_login_throttle(
    settings: Any, caplog: pytest.LogCaptureFixture, count: int, chain: str
) -> None:
    settings.ALLOWED_HOSTS = [HOST]
    settings.CSRF_TRUSTED_ORIGINS = [f"https://{HOST}"]
    settings.PRODUCTION = True
    settings.TRUSTED_PROXY_COUNT = count
    User.objects.create_user(email="lambda@example.com", password="a long and sturdy passphrase")
    codes = []
    with caplog.at_level(logging.INFO, logger="habits.request"):
        for n in range(settings.LOGIN_FAILURES_PER_ACCOUNT + 2):
            forwarded = chain.format(forged=f"198.51.100.{n}", n=n % 3 + 1)
            source_ip = "203.0.113.7" if count == 0 else f"130.176.1.{n % 3 + 1}"
            response = handler(_lambda_login(forwarded, source_ip, f"guess {n}"), CONTEXT)
            codes.append(response["statusCode"])
    assert codes[-2:] == [429, 429], codes
    # The request log names the same client on every line.
    lines = [record for record in caplog.records if record.name == "habits.request"]
    assert len(lines) == len(codes)
    assert {line.client_ip for line in lines} == {"203.0.113.7"}  # type: ignore[attr-defined]
