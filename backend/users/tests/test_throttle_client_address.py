"""X-Forwarded-For is written by the client: login throttling counts the address the last trusted
proxy saw (on AWS, CloudFront appends the viewer and API Gateway the CloudFront edge), so a new
forged header on every attempt does not make a new client."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.test import Client

from conftest import PASSWORD, Api
from users.models import User

pytestmark = pytest.mark.django_db

CLIENT = "203.0.113.9"
# Addresses CloudFront's edges reach API Gateway from: a different one may serve each request.
EDGES = ["130.176.1.10", "130.176.77.4", "64.252.64.20"]
PROXY = "10.0.0.5"


def forged(n: int) -> str:
    rng = random.Random(n)
    chain = [f"198.51.{rng.randrange(256)}.{rng.randrange(256)}" for _ in range(rng.randint(1, 3))]
    return ", ".join(chain)


def forwarded_for(n: int, trusted_proxies: int) -> dict[str, str]:
    """What the app receives on attempt n: the forged part, then what each trusted hop appended."""
    if trusted_proxies == 0:
        return {"REMOTE_ADDR": CLIENT, "HTTP_X_FORWARDED_FOR": forged(n)}
    appended = [CLIENT, *(EDGES[(n + hop) % len(EDGES)] for hop in range(trusted_proxies - 1))]
    return {
        "REMOTE_ADDR": PROXY,
        "HTTP_X_FORWARDED_FOR": ", ".join([forged(n), *appended]),
    }


def attempt(client: Client, email: str, password: str, headers: dict[str, str]) -> int:
    if "csrftoken" not in client.cookies:
        client.get("/api/auth/csrf")
    response = client.post(
        "/api/auth/login",
        {"email": email, "password": password},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
        **headers,  # type: ignore[arg-type]
    )
    return response.status_code


@pytest.fixture(autouse=True)
def _production_addressing(settings: Any) -> None:
    # The old code trusted the first X-Forwarded-For entry in production only.
    settings.PRODUCTION = True


@pytest.mark.parametrize("trusted_proxies", [0, 1, 2])
def test_sixty_wrong_passwords_with_a_new_forged_x_forwarded_for_each_still_end_in_429(
    settings: Any, user: User, trusted_proxies: int
) -> None:
    settings.TRUSTED_PROXY_COUNT = trusted_proxies
    attacker = Client(enforce_csrf_checks=True)
    codes = [
        attempt(attacker, user.email, f"guess {n}", forwarded_for(n, trusted_proxies))
        for n in range(60)
    ]
    limit = settings.LOGIN_FAILURES_PER_ACCOUNT
    assert codes[:limit] == [401] * limit
    assert set(codes[limit:]) == {429}, codes
    # Still refused with the right password, from the same client behind a fresh forgery.
    assert attempt(attacker, user.email, PASSWORD, forwarded_for(99, trusted_proxies)) == 429


@pytest.mark.parametrize("trusted_proxies", [0, 2])
def test_sixty_wrong_passwords_sprayed_over_many_accounts_with_forged_addresses_end_in_429(
    settings: Any, trusted_proxies: int
) -> None:
    settings.TRUSTED_PROXY_COUNT = trusted_proxies
    attacker = Client(enforce_csrf_checks=True)
    codes = [
        attempt(attacker, f"user{n}@example.com", "guess", forwarded_for(n, trusted_proxies))
        for n in range(60)
    ]
    limit = settings.LOGIN_FAILURES_PER_IP
    assert codes[:limit] == [401] * limit
    assert set(codes[limit:]) == {429}, codes


def test_an_ipv6_client_cannot_start_afresh_from_another_address_in_its_own_64(
    settings: Any, user: User
) -> None:
    attacker = Client(enforce_csrf_checks=True)
    codes = [
        attempt(attacker, user.email, "guess", {"REMOTE_ADDR": f"2001:db8:1:2::{n:x}"})
        for n in range(1, 21)
    ]
    limit = settings.LOGIN_FAILURES_PER_ACCOUNT
    assert set(codes[limit:]) == {429}, codes
    # Another network is another client.
    owner = Client(enforce_csrf_checks=True)
    assert attempt(owner, user.email, PASSWORD, {"REMOTE_ADDR": "2001:db8:1:3::1"}) == 200


def test_the_owner_behind_the_same_cloudfront_edge_is_not_throttled_with_the_attacker(
    settings: Any, user: User
) -> None:
    settings.TRUSTED_PROXY_COUNT = 2
    attacker = Client(enforce_csrf_checks=True)
    edge = {"REMOTE_ADDR": EDGES[0]}
    for n in range(settings.LOGIN_FAILURES_PER_ACCOUNT + 5):
        headers = {**edge, "HTTP_X_FORWARDED_FOR": f"{CLIENT}, {EDGES[0]}"}
        attempt(attacker, user.email, f"guess {n}", headers)
    owner = Api(Client(enforce_csrf_checks=True))
    response = owner.client.post(
        "/api/auth/login",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=owner._headers()["HTTP_X_CSRFTOKEN"],
        HTTP_X_FORWARDED_FOR=f"192.0.2.50, {EDGES[0]}",
        **edge,  # type: ignore[arg-type]
    )
    assert response.status_code == 200
