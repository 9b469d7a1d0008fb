from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client

from conftest import PASSWORD, Api, make_user
from users.models import User

pytestmark = pytest.mark.django_db


def register(anon: Api, email: str = "new@example.com", **extra: Any) -> Any:
    return anon.post("/api/auth/register", {"email": email, "password": PASSWORD, **extra})


def test_csrf_sets_the_cookie_and_returns_the_token(anon: Api) -> None:
    response = anon.get("/api/auth/csrf")
    assert response.status_code == 200
    assert response.json()["csrf_token"]
    assert "csrftoken" in response.cookies


def test_it_registers_logs_in_and_answers_201(anon: Api) -> None:
    response = register(anon, "New@Example.com", timezone="Europe/Berlin")
    assert response.status_code == 201
    assert response.json()["email"] == "new@example.com"
    assert response.json()["timezone"] == "Europe/Berlin"
    assert anon.get("/api/auth/me").json()["email"] == "new@example.com"


def test_it_rejects_an_email_taken_in_another_case(anon: Api) -> None:
    make_user("taken@example.com")
    response = register(anon, "TAKEN@example.com")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "email"


def test_it_rejects_a_weak_password_naming_the_field(anon: Api) -> None:
    response = anon.post("/api/auth/register", {"email": "a@example.com", "password": "123"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "password"
    assert not User.objects.exists()


def test_it_rejects_an_invalid_timezone(anon: Api) -> None:
    response = register(anon, timezone="Mars/Olympus")
    assert response.status_code == 422
    assert "timezone" in str(response.json()["detail"])


def test_it_logs_in_and_rotates_the_session_key(anon: Api, user: User) -> None:
    anon.client.get("/api/auth/csrf")
    anon.client.cookies["sessionid"] = "attacker-chosen-session-key"
    response = anon.post("/api/auth/login", {"email": "ADA@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["id"] == user.pk
    assert anon.client.cookies["sessionid"].value != "attacker-chosen-session-key"


def test_wrong_credentials_answer_401_with_one_generic_message(anon: Api, user: User) -> None:
    wrong_password = anon.post("/api/auth/login", {"email": user.email, "password": "nope"})
    no_account = anon.post("/api/auth/login", {"email": "ghost@example.com", "password": "nope"})
    assert wrong_password.status_code == no_account.status_code == 401
    assert wrong_password.json() == no_account.json()


def test_repeated_failures_are_throttled_with_retry_after(
    anon: Api, user: User, settings: Any
) -> None:
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        assert (
            anon.post("/api/auth/login", {"email": user.email, "password": "x"}).status_code == 401
        )
    response = anon.post("/api/auth/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_the_owner_still_logs_in_from_elsewhere_while_an_attacker_is_throttled(
    anon: Api, user: User, settings: Any
) -> None:
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT + 5):
        anon.client.post(
            "/api/auth/login",
            {"email": user.email, "password": "x"},
            content_type="application/json",
            REMOTE_ADDR="198.51.100.1",
            HTTP_X_CSRFTOKEN=anon._headers()["HTTP_X_CSRFTOKEN"],
        )
    owner = Api(Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.9"))
    response = owner.post("/api/auth/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200


def test_many_failures_from_one_address_are_throttled_across_accounts(
    anon: Api, settings: Any
) -> None:
    settings.LOGIN_FAILURES_PER_IP = 5
    for n in range(5):
        anon.post("/api/auth/login", {"email": f"user{n}@example.com", "password": "x"})
    response = anon.post("/api/auth/login", {"email": "other@example.com", "password": "x"})
    assert response.status_code == 429


def test_logout_ends_the_session(api: Api) -> None:
    assert api.post("/api/auth/logout").status_code == 204
    assert api.get("/api/auth/me").status_code == 401


def test_me_answers_401_when_not_logged_in(anon: Api) -> None:
    response = anon.get("/api/auth/me")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_it_changes_preferences(api: Api) -> None:
    response = api.patch(
        "/api/auth/me",
        {"timezone": "America/New_York", "day_start_hour": 4, "week_start": 6, "language": "pt-BR"},
    )
    assert response.status_code == 200
    assert response.json() | {"id": 0} == {
        "id": 0,
        "email": "ada@example.com",
        "timezone": "America/New_York",
        "day_start_hour": 4,
        "week_start": 6,
        "language": "pt-BR",
    }
    assert api.get("/api/auth/me").json()["language"] == "pt-BR"


def test_a_new_account_keeps_the_language_and_week_start_it_signed_up_with(anon: Api) -> None:
    response = anon.post(
        "/api/auth/register",
        {"email": "eva@example.com", "password": PASSWORD, "language": "ar", "week_start": 5},
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["language"], response.json()["week_start"]) == ("ar", 5)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"timezone": "EST5EDT-ish"}, "timezone"),
        ({"day_start_hour": 24}, "day_start_hour"),
        ({"week_start": 7}, "week_start"),
        ({"language": "klingon"}, "language"),
        ({"language": "pt-br"}, "language"),
    ],
)
def test_it_rejects_bad_preferences_naming_the_field(
    api: Api, body: dict[str, Any], field: str
) -> None:
    response = api.patch("/api/auth/me", body)
    assert response.status_code == 422
    assert field in str(response.json()["detail"])


def test_password_change_keeps_this_session_and_ends_the_others(api: Api, user: User) -> None:
    elsewhere = Api(Client(enforce_csrf_checks=True))
    assert (
        elsewhere.post("/api/auth/login", {"email": user.email, "password": PASSWORD}).status_code
        == 200
    )
    response = api.post(
        "/api/auth/password",
        {"current_password": PASSWORD, "new_password": "an even longer passphrase"},
    )
    assert response.status_code == 204
    assert api.get("/api/auth/me").status_code == 200
    assert elsewhere.get("/api/auth/me").status_code == 401


def test_password_change_needs_the_current_password(api: Api) -> None:
    response = api.post(
        "/api/auth/password",
        {"current_password": "wrong", "new_password": "an even longer passphrase"},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "current_password"


def test_deleting_the_account_removes_it_and_its_data(api: Api, user: User) -> None:
    api.post("/api/habits", {"name": "Read"})
    assert api.delete("/api/auth/me", {"password": PASSWORD}).status_code == 204
    assert not User.objects.filter(pk=user.pk).exists()
    assert api.get("/api/habits").status_code == 401


def test_deleting_the_account_needs_the_password(api: Api, user: User) -> None:
    assert api.delete("/api/auth/me", {"password": "wrong"}).status_code == 422
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/auth/login"),
        ("POST", "/api/auth/register"),
        ("POST", "/api/auth/logout"),
        ("PATCH", "/api/auth/me"),
        ("POST", "/api/habits"),
        ("POST", "/api/habits/reorder"),
    ],
)
def test_unsafe_methods_without_the_csrf_token_answer_403_json(
    api: Api, method: str, path: str
) -> None:
    response = api.send(method, path, {}, csrf=False)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_passwords_are_hashed_with_argon2(settings: Any) -> None:
    from config import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert make_user("argon@example.com").password.startswith("argon2")


def test_flushing_the_cache_does_not_end_a_logged_in_session(anon: Api) -> None:
    register(anon)
    cache.clear()  # with REDIS_URL set this is a FLUSHDB on the real Redis
    assert anon.get("/api/auth/me").status_code == 200


# Browsers (CLDR) still name some zones by names the IANA database has since renamed. The
# frontend offers the current names and may still send an old one (the browser's own zone at
# sign-up, or a value saved before): the backend accepts both and keeps what it was given.
RENAMED_ZONES = [
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Europe/Kiev", "Europe/Kyiv"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Asia/Katmandu", "Asia/Kathmandu"),
    ("Asia/Rangoon", "Asia/Yangon"),
    ("America/Godthab", "America/Nuuk"),
    ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ("Atlantic/Faeroe", "Atlantic/Faroe"),
    ("Pacific/Enderbury", "Pacific/Kanton"),
]


@pytest.mark.parametrize(("old", "current"), RENAMED_ZONES)
def test_it_accepts_current_and_old_time_zone_names_and_keeps_the_one_sent(
    api: Api, anon: Api, old: str, current: str
) -> None:
    for name in (current, old):
        response = api.patch("/api/auth/me", {"timezone": name})
        assert response.status_code == 200, response.content
        assert api.get("/api/auth/me").json()["timezone"] == name
    response = register(anon, timezone=old)
    assert response.status_code == 201
    assert response.json()["timezone"] == old


@pytest.mark.parametrize(("old", "current"), RENAMED_ZONES)
def test_an_old_time_zone_name_is_the_same_zone_as_the_current_one(old: str, current: str) -> None:
    for hour in range(0, 24 * 800, 7):
        now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=hour)
        assert (
            now.astimezone(ZoneInfo(old)).utcoffset()
            == now.astimezone(ZoneInfo(current)).utcoffset()
        )


def test_a_saved_old_time_zone_name_keeps_working(api: Api, user: User) -> None:
    User.objects.filter(pk=user.pk).update(timezone="Europe/Kiev")
    assert api.get("/api/auth/me").json()["timezone"] == "Europe/Kiev"
    assert api.get("/api/today").status_code == 200
    assert api.patch("/api/auth/me", {"week_start": 6}).json()["timezone"] == "Europe/Kiev"
