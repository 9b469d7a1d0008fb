"""Password reset and e-mail change by e-mail (issue 20): users/api_recovery.py, recovery.py."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail, signing
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, Api, make_user
from users.models import User

pytestmark = pytest.mark.django_db

SITE = "https://habits.example.com"
NEW_PASSWORD = "another quite sturdy passphrase"
RESET_LINK = re.compile(re.escape(SITE) + r"/reset-password#uid=([\w-]+)&token=([\w-]+)")
CHANGE_LINK = re.compile(re.escape(SITE) + r"/confirm-email#token=([\w:.-]+)")
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Most tests run the e-mail task at once; the tests about the request itself use the
    # real database queue and worker.
    settings.TASKS = IMMEDIATE


def client(address: str = "192.0.2.1") -> Api:
    return Api(Client(enforce_csrf_checks=True, REMOTE_ADDR=address))


def reset_link(anon: Api, email: str) -> tuple[str, str]:
    mail.outbox.clear()
    assert anon.post("/api/auth/password-reset", {"email": email}).status_code == 202
    (message,) = mail.outbox
    found = RESET_LINK.search(message.body)
    assert found, message.body
    return found.group(1), found.group(2)


def confirm_reset(anon: Api, uid: str, token: str, password: str = NEW_PASSWORD) -> Any:
    body = {"uid": uid, "token": token, "new_password": password}
    return anon.post("/api/auth/password-reset/confirm", body)


def change_link(api: Api, new_email: str) -> str:
    mail.outbox.clear()
    response = api.post("/api/auth/email-change", {"new_email": new_email, "password": PASSWORD})
    assert response.status_code == 202, response.content
    confirm = next(m for m in mail.outbox if m.to == [new_email])
    found = CHANGE_LINK.search(confirm.body)
    assert found, confirm.body
    return found.group(1)


# --- Asking for a reset link -----------------------------------------------------------------


def _comparable(response: Any) -> tuple[int, bytes, list[tuple[str, str]]]:
    # Everything the client sees but the per-request id and the clock.
    headers = sorted(
        (name, value)
        for name, value in response.items()
        if name.lower() not in {"x-request-id", "date"}
    )
    return response.status_code, response.content, headers


def test_known_and_unknown_addresses_get_byte_identical_answers(user: User) -> None:
    known = client("192.0.2.1").post("/api/auth/password-reset", {"email": user.email})
    unknown = client("192.0.2.2").post("/api/auth/password-reset", {"email": "nobody@example.com"})

    assert known.status_code == 202
    assert _comparable(known) == _comparable(unknown)
    assert "if an account exists" in known.json()["detail"].lower()
    assert "sessionid" not in known.cookies
    assert "sessionid" not in unknown.cookies


def test_the_request_does_the_same_work_for_known_and_unknown_addresses_and_sends_nothing(
    user: User, settings: Any
) -> None:
    # Equal work is how the answer takes equal time: the request only counts and queues a task,
    # whose row is the same shape for every address; the lookup and the e-mail happen in the
    # worker, after the response (docs/decisions/0020-account-recovery.md).
    settings.TASKS = DATABASE
    statements = []
    for address, email in (("192.0.2.1", user.email), ("192.0.2.2", "nobody@example.com")):
        with CaptureQueriesContext(connection) as queries:
            assert (
                client(address).post("/api/auth/password-reset", {"email": email}).status_code
                == 202
            )
        statements.append([query["sql"].split(" VALUES ")[0] for query in queries])

    assert statements[0] == statements[1]
    assert not any("users_user" in sql for sql in statements[0])
    assert mail.outbox == []


# The worker commits as it goes (and closes a connection left inside a transaction), so this
# test runs outside the usual per-test transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_mails_a_link_to_a_known_address_and_nothing_to_an_unknown_one(
    settings: Any,
) -> None:
    user = make_user()
    settings.TASKS = DATABASE
    client("192.0.2.1").post("/api/auth/password-reset", {"email": "ADA@example.com "})
    client("192.0.2.2").post("/api/auth/password-reset", {"email": "nobody@example.com"})
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    (message,) = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "Reset your Habit Tracker password"
    assert message.content_subtype == "plain"
    assert len(message.body) < 600  # short
    assert RESET_LINK.search(message.body)


def test_an_invalid_address_is_refused_naming_the_field(anon: Api) -> None:
    for email in ("not-an-address", "a\x00@example.com", "x" * 300 + "@example.com"):
        response = anon.post("/api/auth/password-reset", {"email": email})
        assert response.status_code == 422, email
        assert "email" in str(response.json()["detail"])
    assert mail.outbox == []


def test_reset_needs_the_csrf_token_like_every_auth_route(anon: Api, user: User) -> None:
    response = anon.post("/api/auth/password-reset", {"email": user.email}, csrf=False)
    assert response.status_code == 403
    assert mail.outbox == []


def test_a_hostile_host_header_never_reaches_the_link(user: User, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    hostile = Api(
        Client(
            enforce_csrf_checks=True,
            HTTP_HOST="evil.example",
            HTTP_X_FORWARDED_HOST="evil.example",
            HTTP_X_FORWARDED_PROTO="http",
        )
    )
    assert hostile.post("/api/auth/password-reset", {"email": user.email}).status_code == 202
    hostile.post("/api/auth/login", {"email": user.email, "password": PASSWORD})
    change = hostile.post(
        "/api/auth/email-change", {"new_email": "n@example.com", "password": PASSWORD}
    )
    assert change.status_code == 202

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert "evil.example" not in message.body
        assert SITE in message.body


# --- Using a reset link ------------------------------------------------------------------------


def test_a_reset_link_sets_the_new_password_and_logs_in(anon: Api, user: User) -> None:
    uid, token = reset_link(anon, user.email)

    response = confirm_reset(anon, uid, token)

    assert response.status_code == 200
    assert response.json()["email"] == user.email
    assert anon.get("/api/auth/me").json()["id"] == user.pk
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)


def test_a_reset_link_works_once(anon: Api, user: User) -> None:
    uid, token = reset_link(anon, user.email)
    assert confirm_reset(anon, uid, token).status_code == 200

    again = confirm_reset(client("192.0.2.7"), uid, token, "yet another sturdy passphrase")

    assert again.status_code == 400
    assert "no longer valid" in again.json()["detail"]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_using_a_link_voids_every_older_link(anon: Api, user: User) -> None:
    older = reset_link(anon, user.email)
    newer = reset_link(anon, user.email)

    assert confirm_reset(anon, *newer).status_code == 200

    assert confirm_reset(client("192.0.2.8"), *older).status_code == 400


def test_a_reset_ends_every_other_session_and_keeps_the_new_one(anon: Api, user: User) -> None:
    phone = Client(enforce_csrf_checks=True)
    phone.force_login(user)
    laptop = Client(enforce_csrf_checks=True)
    laptop.force_login(user)
    assert phone.get("/api/auth/me").status_code == 200
    uid, token = reset_link(anon, user.email)

    assert confirm_reset(anon, uid, token).status_code == 200

    assert phone.get("/api/auth/me").status_code == 401
    assert laptop.get("/api/auth/me").status_code == 401
    assert anon.get("/api/auth/me").status_code == 200


def test_a_weak_new_password_is_refused_naming_the_field_and_the_link_still_works(
    anon: Api, user: User
) -> None:
    uid, token = reset_link(anon, user.email)

    weak = confirm_reset(anon, uid, token, "12345678")

    assert weak.status_code == 422
    assert weak.json()["detail"][0]["loc"][-1] == "new_password"
    assert confirm_reset(anon, uid, token).status_code == 200


def test_a_reset_link_expires_after_an_hour(
    anon: Api, user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    uid, token = reset_link(anon, user.email)
    issued = default_token_generator._now()
    monkeypatch.setattr(
        default_token_generator, "_now", lambda: issued + dt.timedelta(hours=1, seconds=1)
    )

    assert confirm_reset(anon, uid, token).status_code == 400


@pytest.mark.parametrize(
    ("uid", "token"),
    [
        ("", ""),
        ("!!!", "abc"),
        ("MQ", "forged-token"),
        ("OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk", "1-abc"),  # beyond any database integer
        ("LTE", "1-abc"),  # -1
        ("w4k", "1-abc"),  # not ASCII digits
    ],
)
def test_a_forged_link_answers_400_never_500(anon: Api, user: User, uid: str, token: str) -> None:
    response = confirm_reset(anon, uid, token)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "This link is no longer valid. Ask for a new one.",
        "code": "link_invalid",
    }


def test_a_link_for_a_deactivated_account_no_longer_works(anon: Api, user: User) -> None:
    uid, token = reset_link(anon, user.email)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert confirm_reset(anon, uid, token).status_code == 400


def test_changing_the_email_voids_a_reset_link(anon: Api, api: Api, user: User) -> None:
    uid, token = reset_link(anon, user.email)
    assert (
        api.post(
            "/api/auth/email-change/confirm", {"token": change_link(api, "ada@new.example")}
        ).status_code
        == 200
    )

    assert confirm_reset(anon, uid, token).status_code == 400


# --- Throttling -----------------------------------------------------------------------------


def test_requests_for_one_address_are_throttled_from_any_client_with_retry_after(
    user: User, settings: Any
) -> None:
    settings.RECOVERY_REQUESTS_PER_ADDRESS = 3
    for n in range(3):
        assert (
            client(f"192.0.2.{n + 1}")
            .post("/api/auth/password-reset", {"email": user.email})
            .status_code
            == 202
        )

    response = client("198.51.100.1").post("/api/auth/password-reset", {"email": user.email})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert len(mail.outbox) == 3


def test_an_unknown_address_is_throttled_exactly_like_a_known_one(
    user: User, settings: Any
) -> None:
    settings.RECOVERY_REQUESTS_PER_ADDRESS = 2
    answers = {}
    for email in (user.email, "nobody@example.com"):
        codes = [
            client(f"192.0.2.{n}").post("/api/auth/password-reset", {"email": email}).status_code
            for n in range(1, 4)
        ]
        answers[email] = codes
    assert answers[user.email] == answers["nobody@example.com"] == [202, 202, 429]


def test_one_client_asking_for_many_addresses_is_throttled(anon: Api, settings: Any) -> None:
    settings.RECOVERY_REQUESTS_PER_CLIENT = 4
    codes = [
        anon.post("/api/auth/password-reset", {"email": f"u{n}@example.com"}).status_code
        for n in range(5)
    ]
    assert codes == [202] * 4 + [429]


def test_the_owner_still_logs_in_and_resets_with_a_sent_link_while_requests_are_throttled(
    user: User, settings: Any
) -> None:
    settings.RECOVERY_REQUESTS_PER_ADDRESS = 2
    attacker = client("203.0.113.66")
    attacker.post("/api/auth/password-reset", {"email": user.email})
    attacker.post("/api/auth/password-reset", {"email": user.email})
    first_link = RESET_LINK.search(mail.outbox[0].body)
    assert first_link
    assert attacker.post("/api/auth/password-reset", {"email": user.email}).status_code == 429

    # Every link sent is still good: the flood cannot keep the owner out.
    assert confirm_reset(client("192.0.2.11"), *first_link.groups()).status_code == 200
    owner = client("192.0.2.10")
    login = owner.post("/api/auth/login", {"email": user.email, "password": NEW_PASSWORD})
    assert login.status_code == 200


# --- Changing the e-mail address ------------------------------------------------------------


def test_an_email_change_mails_a_link_to_the_new_address_and_tells_the_old_one(
    api: Api, user: User
) -> None:
    response = api.post(
        "/api/auth/email-change", {"new_email": "Ada@New.example", "password": PASSWORD}
    )

    assert response.status_code == 202
    assert "ada@new.example" in response.json()["detail"]
    confirm, notice = sorted(mail.outbox, key=lambda m: m.to != ["ada@new.example"])
    assert confirm.to == ["ada@new.example"]
    assert CHANGE_LINK.search(confirm.body)
    assert notice.to == [user.email]
    assert "ada@new.example" in notice.body
    assert not CHANGE_LINK.search(notice.body)  # the old inbox cannot confirm
    user.refresh_from_db()
    assert user.email == "ada@example.com"  # nothing changes until confirmed


def test_the_link_changes_the_address_once_and_login_uses_the_new_one(api: Api, user: User) -> None:
    token = change_link(api, "ada@new.example")

    response = client("192.0.2.20").post("/api/auth/email-change/confirm", {"token": token})

    assert response.status_code == 200
    assert response.json() == {"email": "ada@new.example"}
    assert api.get("/api/auth/me").json()["email"] == "ada@new.example"  # session kept
    assert (
        client()
        .post("/api/auth/login", {"email": "ada@new.example", "password": PASSWORD})
        .status_code
        == 200
    )
    again = client("192.0.2.21").post("/api/auth/email-change/confirm", {"token": token})
    assert again.status_code == 400
    assert "no longer valid" in again.json()["detail"]


def test_an_email_change_needs_the_password_and_wrong_ones_count_as_failed_logins(
    api: Api, user: User, settings: Any
) -> None:
    settings.LOGIN_FAILURES_PER_ACCOUNT = 2
    for _ in range(2):
        wrong = api.post(
            "/api/auth/email-change", {"new_email": "n@example.com", "password": "nope"}
        )
        assert wrong.status_code == 422
        assert wrong.json()["detail"][0]["loc"][-1] == "password"

    throttled = api.post(
        "/api/auth/email-change", {"new_email": "n@example.com", "password": PASSWORD}
    )

    assert throttled.status_code == 429
    assert throttled["Retry-After"]
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("new_email", "problem"),
    [("bob@example.com", "already exists"), ("ADA@example.com", "already your"), ("nope", "valid")],
)
def test_an_email_change_to_a_taken_own_or_invalid_address_is_refused_naming_the_field(
    api: Api, user: User, new_email: str, problem: str
) -> None:
    make_user("bob@example.com")
    response = api.post("/api/auth/email-change", {"new_email": new_email, "password": PASSWORD})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "new_email"
    assert problem in response.json()["detail"][0]["msg"]
    assert mail.outbox == []


def test_an_email_change_needs_a_session_and_the_csrf_token(api: Api, anon: Api) -> None:
    body = {"new_email": "n@example.com", "password": PASSWORD}
    assert anon.post("/api/auth/email-change", body).status_code == 401
    assert api.post("/api/auth/email-change", body, csrf=False).status_code == 403


def test_an_address_taken_before_confirming_is_refused_and_nothing_changes(
    api: Api, user: User
) -> None:
    token = change_link(api, "ada@new.example")
    make_user("ada@new.example")

    response = client().post("/api/auth/email-change/confirm", {"token": token})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "new_email"
    user.refresh_from_db()
    assert user.email == "ada@example.com"


def test_a_password_reset_voids_a_pending_email_change(anon: Api, api: Api, user: User) -> None:
    token = change_link(api, "ada@new.example")
    confirm_reset(anon, *reset_link(anon, user.email))

    assert client().post("/api/auth/email-change/confirm", {"token": token}).status_code == 400


def test_an_email_change_link_expires_after_a_day(
    api: Api, user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = change_link(api, "ada@new.example")
    later = time.time() + 24 * 3600 + 1
    monkeypatch.setattr(signing.time, "time", lambda: later)  # type: ignore[attr-defined]

    assert client().post("/api/auth/email-change/confirm", {"token": token}).status_code == 400


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage",
        signing.dumps({"u": 1, "e": "x@example.com", "b": "x"}, salt="another-purpose"),
        signing.dumps(["not", "a", "dict"], salt="users.recovery.email-change"),
        signing.dumps({"u": "1", "e": 5, "b": None}, salt="users.recovery.email-change"),
    ],
    # Fixed ids: a signed token holds the time it was made, and xdist's workers must collect
    # the same test names (they did not when collection straddled a second).
    ids=["empty", "garbage", "other-salt", "not-a-dict", "wrong-types"],
)
def test_a_forged_email_change_link_answers_400(user: User, token: str) -> None:
    response = client().post("/api/auth/email-change/confirm", {"token": token})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.email == "ada@example.com"


def test_email_change_requests_for_one_new_address_are_throttled(
    api: Api, user: User, settings: Any
) -> None:
    settings.RECOVERY_REQUESTS_PER_ADDRESS = 2
    body = {"new_email": "target@example.com", "password": PASSWORD}
    codes = [api.post("/api/auth/email-change", body).status_code for _ in range(3)]
    assert codes == [202, 202, 429]
