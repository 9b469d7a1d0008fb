"""Authentication that holds: CSRF on every write, sessions that rotate and end, throttled
guessing that never locks the owner out, and login answers that do not reveal accounts."""

from __future__ import annotations

import statistics
import time
from typing import Any

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.test import Client

from config.api import api as ninja_api
from conftest import PASSWORD, Api, make_user
from core.middleware import CSRF_EXEMPT_API_PATHS
from habits.models import Habit

pytestmark = pytest.mark.django_db

UNSAFE = ("post", "put", "patch", "delete")


def _unsafe_operations() -> list[tuple[str, str]]:
    paths = ninja_api.get_openapi_schema()["paths"]
    return sorted(
        (
            method,
            path.replace("{habit_id}", "1")
            .replace("{date}", "2020-01-01")
            .replace("{group_id}", "1")
            .replace("{token_id}", "1")
            .replace("{reminder_id}", "1")
            .replace("{webhook_id}", "1")
            .replace("{delivery_id}", "1")
            .replace("{subscription_id}", "1"),
        )
        for path, item in paths.items()
        for method in item
        # The exempt paths take a signed credential in the body and no cookie (core.middleware).
        if method in UNSAFE and path not in CSRF_EXEMPT_API_PATHS
    )


def login(client: Client, email: str, password: str, address: str = "10.0.0.1") -> Any:
    return client.post(
        "/api/auth/login",
        {"email": email, "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


@pytest.mark.parametrize(("method", "path"), _unsafe_operations())
def test_every_unsafe_request_without_the_csrf_token_is_refused(
    api: Api, user: Any, method: str, path: str
) -> None:
    Habit.objects.create(owner=user, name="kept", start_date="2020-01-01")
    api.get("/api/auth/csrf")  # the cookie is there; only the header is missing
    response = api.send(method.upper(), path, {}, csrf=False)
    assert response.status_code == 403, (method, path, response.content)
    assert "CSRF" in response.json()["detail"]
    assert Habit.objects.filter(name="kept").count() == 1


def test_a_wrong_csrf_token_is_refused_as_well(api: Api) -> None:
    api.get("/api/auth/csrf")
    response = api.client.post(
        "/api/habits", {"name": "x"}, content_type="application/json", HTTP_X_CSRFTOKEN="x" * 32
    )
    assert response.status_code == 403
    assert not Habit.objects.exists()


def test_session_fixation_is_impossible_the_key_rotates_at_login(user: Any) -> None:
    planted = SessionStore()
    planted["planted"] = True
    planted.create()
    client = Client()
    client.cookies["sessionid"] = planted.session_key
    assert login(client, user.email, PASSWORD).status_code == 200
    new_key = client.cookies["sessionid"].value
    assert new_key != planted.session_key
    assert not SessionStore().exists(planted.session_key)
    assert SessionStore(session_key=new_key).load().get("_auth_user_id") == str(user.pk)


def test_session_cookie_is_httponly_and_samesite(user: Any) -> None:
    client = Client()
    login(client, user.email, PASSWORD)
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_logout_ends_the_session_on_the_server(user: Any) -> None:
    client = Client()
    login(client, user.email, PASSWORD)
    stolen = client.cookies["sessionid"].value
    assert client.post("/api/auth/logout").status_code == 204
    replay = Client()
    replay.cookies["sessionid"] = stolen
    assert replay.get("/api/auth/me").status_code == 401
    assert not SessionStore().exists(stolen)


def test_a_password_change_ends_every_other_session(user: Any) -> None:
    phone, laptop = Api(Client(enforce_csrf_checks=True)), Client()
    assert (
        phone.post("/api/auth/login", {"email": user.email, "password": PASSWORD}).status_code
        == 200
    )
    assert login(laptop, user.email, PASSWORD).status_code == 200
    new = "an even longer and sturdier passphrase"
    response = phone.post("/api/auth/password", {"current_password": PASSWORD, "new_password": new})
    assert response.status_code == 204
    assert phone.get("/api/auth/me").status_code == 200  # the session that changed it stays
    assert laptop.get("/api/auth/me").status_code == 401
    assert login(Client(), user.email, PASSWORD).status_code == 401
    assert login(Client(), user.email, new, address="10.0.0.9").status_code == 200


def test_deleting_the_account_ends_the_session(api: Api, user: Any) -> None:
    assert api.delete("/api/auth/me", {"password": PASSWORD}).status_code == 204
    assert api.get("/api/auth/me").status_code == 401


def test_twenty_wrong_passwords_are_slowed_and_the_owner_still_gets_in_from_elsewhere(
    user: Any,
) -> None:
    attacker = Client()
    codes = [
        login(attacker, user.email, "wrong password", "203.0.113.7").status_code for _ in range(20)
    ]
    assert codes[0] == 401
    assert codes.count(429) >= 10, codes
    assert codes[-1] == 429
    # Even the right password is refused from the attacker's address while throttled ...
    throttled = login(attacker, user.email, PASSWORD, "203.0.113.7")
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    # ... but the owner, elsewhere, gets in.
    assert login(Client(), user.email, PASSWORD, "198.51.100.20").status_code == 200


def test_a_hundred_tries_from_one_address_are_slowed_and_the_owner_gets_in_from_elsewhere(
    user: Any,
) -> None:
    sprayer = Client()
    codes = [
        login(sprayer, f"person{n}@example.com", "Winter2024!", "203.0.113.8").status_code
        for n in range(100)
    ]
    assert codes[0] == 401
    assert codes.count(429) >= 40, codes
    assert codes[-1] == 429
    assert login(sprayer, user.email, PASSWORD, "203.0.113.8").status_code == 429
    assert login(Client(), user.email, PASSWORD, "198.51.100.21").status_code == 200


def test_login_answers_the_same_for_a_wrong_password_and_an_unknown_email(user: Any) -> None:
    wrong = login(Client(), user.email, "not the password", "192.0.2.1")
    unknown = login(Client(), "nobody@example.com", "not the password", "192.0.2.2")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert sorted(wrong.headers) == sorted(unknown.headers)


def test_login_timing_does_not_reveal_whether_an_email_has_an_account(user: Any) -> None:
    def timed(email: str, n: int) -> float:
        started = time.perf_counter()
        # A fresh address per try keeps throttling (which answers faster) out of the sample.
        login(Client(), email, "not the password", f"192.0.2.{n % 250 + 1}")
        return time.perf_counter() - started

    samples: dict[str, list[float]] = {"known": [], "unknown": []}
    for n in range(30):  # interleaved, so machine noise hits both the same
        samples["known"].append(timed(user.email, n))
        samples["unknown"].append(timed(f"ghost{n}@example.com", n + 100))
    ratio = statistics.median(samples["known"]) / statistics.median(samples["unknown"])
    print(f"login timing ratio known/unknown: {ratio:.2f}")
    assert 0.5 <= ratio <= 2.0, (ratio, samples)


def test_the_login_email_is_matched_case_insensitively_for_throttling_too(user: Any) -> None:
    attacker = Client()
    for n in range(12):
        email = user.email.upper() if n % 2 else user.email
        login(attacker, email, "wrong", "203.0.113.9")
    assert login(attacker, user.email, PASSWORD, "203.0.113.9").status_code == 429


def test_a_second_account_is_not_throttled_by_failures_on_the_first(user: Any) -> None:
    other = make_user("grace@example.com")
    attacker = Client()
    for _ in range(12):
        login(attacker, user.email, "wrong", "203.0.113.10")
    assert login(attacker, other.email, PASSWORD, "203.0.113.10").status_code == 200
