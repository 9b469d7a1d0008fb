"""Account fields that SQLite and PostgreSQL store or compare differently: one answer on both.

SQLite ignores varchar lengths and folds only ASCII letters in case-insensitive comparisons;
PostgreSQL counts characters, folds every letter and cannot store NUL. The schemas and the
normalised email make both engines give the same status and name the same field.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import PASSWORD, Api
from users.models import User

pytestmark = pytest.mark.django_db

# 64 + 1 + 189 characters: the longest address the column (and RFC 5321) holds.
LONGEST_EMAIL = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".com"


def refused_field(response: Any) -> str:
    assert response.status_code == 422, response.content
    return str(response.json()["detail"][0]["loc"][-1])


def test_the_longest_email_the_column_holds_registers_and_logs_in(anon: Api) -> None:
    assert len(LONGEST_EMAIL) == 254
    response = anon.post("/api/auth/register", {"email": LONGEST_EMAIL, "password": PASSWORD})
    assert response.status_code == 201, response.content
    assert User.objects.get().email == LONGEST_EMAIL


def test_an_email_one_character_longer_is_refused_naming_it(anon: Api) -> None:
    email = "a" + LONGEST_EMAIL
    response = anon.post("/api/auth/register", {"email": email, "password": PASSWORD})
    assert refused_field(response) == "email"
    assert refused_field(anon.post("/api/auth/login", {"email": email, "password": "x"})) == (
        "email"
    )
    assert not User.objects.exists()


def test_an_address_differing_only_in_a_non_ascii_capital_is_the_same_account(
    anon: Api,
) -> None:
    # SQLite's LIKE and lower() fold ASCII letters only; the address is stored lower-cased by
    # Python, so both engines find the existing account.
    first = anon.post("/api/auth/register", {"email": "zoe@bücher.example", "password": PASSWORD})
    assert first.status_code == 201, first.content
    anon.post("/api/auth/logout")
    again = anon.post("/api/auth/register", {"email": "ZOE@BÜCHER.EXAMPLE", "password": PASSWORD})
    assert refused_field(again) == "email"
    login = anon.post("/api/auth/login", {"email": "Zoe@BÜcher.Example", "password": PASSWORD})
    assert login.status_code == 200, login.content
    assert User.objects.get().email == "zoe@bücher.example"


@pytest.mark.parametrize(
    ("path", "method", "body", "field"),
    [
        ("/api/auth/login", "POST", {"email": "ada@example.com", "password": "pw\x00"}, "password"),
        ("/api/auth/me", "DELETE", {"password": PASSWORD + "\x00"}, "password"),
        (
            "/api/auth/password",
            "POST",
            {"current_password": PASSWORD, "new_password": "a new\x00 passphrase"},
            "new_password",
        ),
    ],
)
def test_a_nul_in_a_password_is_refused_before_it_is_checked(
    api: Api, path: str, method: str, body: dict[str, Any], field: str
) -> None:
    assert refused_field(api.send(method, path, body)) == field
    user = User.objects.get()
    assert user.check_password(PASSWORD)
    assert api.get("/api/auth/me").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"day_start_hour": 32768}, "day_start_hour"),  # beyond PostgreSQL's smallint too
        ({"week_start": -1}, "week_start"),
        ({"timezone": "Europe/Berlin" + "\u00e9" * 60}, "timezone"),
    ],
)
def test_preferences_beyond_their_columns_are_refused_naming_them(
    api: Api, body: dict[str, Any], field: str
) -> None:
    assert refused_field(api.patch("/api/auth/me", body)) == field
    user = User.objects.get()
    assert (user.timezone, user.day_start_hour, user.week_start) == ("UTC", 0, 0)
