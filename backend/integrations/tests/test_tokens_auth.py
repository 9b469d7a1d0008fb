"""Authorization: Bearer on the API: scopes, expiry, CSRF, the routes closed to tokens,
throttling, last use, the request log and the OpenAPI document."""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import secrets
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.api import api as ninja_api
from conftest import PASSWORD, Api, make_user
from habits.models import Habit
from habits.tests.factories import habit_for
from integrations import tokens
from integrations.models import ApiToken
from integrations.tests.token_client import TokenApi, make_token
from reminders.models import PushSubscription
from users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(user: User) -> TokenApi:
    return TokenApi(make_token(user, scope="write"))


@pytest.fixture
def reader(user: User) -> TokenApi:
    return TokenApi(make_token(user, scope="read"))


# --- What a token may do ---------------------------------------------------------------------


def test_a_write_token_reads_and_writes_without_csrf(writer: TokenApi, user: User) -> None:
    created = writer.post("/api/habits", {"name": "Walk the dog"})
    assert created.status_code == 201, created.content
    habit_id = created.json()["id"]
    day = timezone.localdate().isoformat()
    assert (
        writer.put(f"/api/habits/{habit_id}/entries/{day}", {"status": "done"}).status_code == 200
    )
    today = writer.get("/api/today")
    assert today.status_code == 200
    assert [item["habit"]["name"] for item in today.json()["items"]] == ["Walk the dog"]
    assert Habit.objects.get(pk=habit_id).owner == user


def test_a_read_token_reads_every_script_route(reader: TokenApi, user: User) -> None:
    habit = habit_for(user)
    for path in (
        "/api/habits",
        f"/api/habits/{habit.pk}",
        f"/api/habits/{habit.pk}/entries",
        f"/api/habits/{habit.pk}/stats",
        f"/api/habits/{habit.pk}/reminders",
        "/api/today",
        "/api/groups",
        "/api/overview",
        "/api/export?format=json",
    ):
        assert reader.get(path).status_code == 200, path


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/habits", {"name": "x"}),
        ("PATCH", "/api/habits/{id}", {"name": "x"}),
        ("DELETE", "/api/habits/{id}", None),
        ("PUT", "/api/habits/{id}/entries/2026-01-05", {"status": "done"}),
        ("POST", "/api/groups", {"name": "x"}),
    ],
)
def test_a_read_token_that_writes_gets_403_saying_why_and_nothing_changes(
    reader: TokenApi, user: User, method: str, path: str, body: Any
) -> None:
    habit = habit_for(user, name="Kept")
    response = reader.send(method, path.replace("{id}", str(habit.pk)), body)
    assert response.status_code == 403
    assert "scope is read" in response.json()["detail"]
    assert 'error="insufficient_scope"' in response["WWW-Authenticate"]
    assert list(Habit.objects.values_list("name", flat=True)) == ["Kept"]
    assert not habit.entries.exists()


# --- Refused tokens: 401 with a reason -------------------------------------------------------


def test_an_expired_token_gets_401_saying_it_expired(user: User) -> None:
    raw = make_token(user, expires_at=timezone.now() + dt.timedelta(hours=1))
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = TokenApi(raw).get("/api/today")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith('Bearer realm="api", error="invalid_token"')


@pytest.mark.parametrize(
    "raw",
    [
        "hbt_" + "A" * 43,  # well formed, never issued
        "hbt_short",
        "ghp_" + "A" * 43,
        "hbt_" + "A" * 42 + "!",
        "",
    ],
)
def test_an_unknown_or_malformed_token_gets_401_saying_why(raw: str) -> None:
    response = TokenApi(raw).get("/api/today")
    assert response.status_code == 401
    assert response.json()["detail"]
    assert "WWW-Authenticate" in response or raw == ""


def test_a_disabled_accounts_token_gets_401(user: User, writer: TokenApi) -> None:
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = writer.get("/api/today")
    assert response.status_code == 401
    assert "disabled" in response.json()["detail"]


def test_a_bad_token_never_falls_back_to_the_session_cookie_it_came_with(
    api: Api, user: User
) -> None:
    habit_for(user)
    headers = {"HTTP_AUTHORIZATION": "Bearer hbt_" + "A" * 43}
    assert api.client.get("/api/today", **headers).status_code == 401  # type: ignore[arg-type]


def test_a_read_token_with_a_session_cookie_still_cannot_write(api: Api, user: User) -> None:
    raw = make_token(user, scope="read")
    response = api.client.post(
        "/api/habits",
        '{"name": "x"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403
    assert not Habit.objects.exists()


# --- CSRF both ways --------------------------------------------------------------------------


def test_a_session_request_without_csrf_is_still_refused(api: Api) -> None:
    response = api.post("/api/habits", {"name": "x"}, csrf=False)
    assert response.status_code == 403
    assert not Habit.objects.exists()
    assert api.post("/api/habits", {"name": "x"}).status_code == 201


def test_a_token_request_needs_no_csrf_even_with_csrf_checks_on(writer: TokenApi) -> None:
    assert writer.client.cookies.get("csrftoken") is None
    assert writer.post("/api/groups", {"name": "Morning"}).status_code == 201


def test_a_basic_authorization_header_does_not_skip_csrf(api: Api) -> None:
    response = api.client.post(
        "/api/habits", '{"name": "x"}', content_type="application/json",
        HTTP_AUTHORIZATION="Basic YTpi",
    )  # fmt: skip
    assert response.status_code == 403
    assert not Habit.objects.exists()


# --- Routes closed to tokens -----------------------------------------------------------------

# What a token must never do, even a write token: change who can get in, or manage the tokens,
# or delete the account, or act on the account's devices.
CLOSED = [
    ("GET", "/api/auth/me", None),
    ("PATCH", "/api/auth/me", {"timezone": "Europe/Berlin"}),
    ("DELETE", "/api/auth/me", {"password": PASSWORD}),
    ("POST", "/api/auth/password", {"current_password": PASSWORD, "new_password": "x" * 20}),
    ("POST", "/api/auth/email-change", {"email": "new@example.com", "password": PASSWORD}),
    ("GET", "/api/tokens", None),
    ("POST", "/api/tokens", {"name": "more", "scope": "write"}),
    ("DELETE", "/api/tokens/{token_id}", None),
    ("GET", "/api/push/subscriptions", None),
    ("POST", "/api/push/test", None),
]


@pytest.mark.parametrize(("method", "path", "body"), CLOSED)
def test_a_write_token_is_refused_on_account_token_and_device_routes(
    user: User, method: str, path: str, body: Any
) -> None:
    raw = make_token(user, scope="write")
    token = ApiToken.objects.get()
    before = (User.objects.filter(pk=user.pk).values().get(), ApiToken.objects.count())
    response = TokenApi(raw).send(method, path.replace("{token_id}", str(token.pk)), body)
    assert response.status_code == 403, (path, response.content)
    assert "cannot be used for this operation" in response.json()["detail"]
    after = (User.objects.filter(pk=user.pk).values().get(), ApiToken.objects.count())
    assert after == before
    assert ApiToken.objects.get().revoked_at is None


def test_a_token_with_a_session_cookie_is_still_refused_on_closed_routes(
    api: Api, user: User
) -> None:
    raw = make_token(user, scope="write")
    response = api.client.delete(
        "/api/auth/me", f'{{"password": "{PASSWORD}"}}', content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )  # fmt: skip
    assert response.status_code == 403
    assert User.objects.filter(pk=user.pk).exists()
    assert not PushSubscription.objects.exists()


def _token_operations() -> dict[tuple[str, str], bool]:
    schema = ninja_api.get_openapi_schema()
    return {
        (method.upper(), path): any("BearerToken" in r for r in operation.get("security") or [])
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }


# Where tokens are allowed: the data a script reads and writes. Everything else, including any
# router added later that does not opt in (config/api.py), is closed.
TOKEN_PREFIXES = (
    "/api/habits",
    "/api/groups",
    "/api/today",
    "/api/overview",
    "/api/export",
    "/api/import",
    "/api/reminders/",
)


def test_only_the_data_routes_accept_tokens_and_the_rest_default_to_closed() -> None:
    operations = _token_operations()
    for (method, path), accepts in operations.items():
        if accepts:
            assert path.startswith(TOKEN_PREFIXES), (method, path)
    for method, path, _ in CLOSED:
        assert operations[(method, path)] is False, (method, path)
    assert operations[("GET", "/api/today")]
    assert operations[("PUT", "/api/habits/{habit_id}/entries/{date}")]


def test_the_openapi_document_declares_both_schemes_and_csrf_with_the_session() -> None:
    schema = ninja_api.get_openapi_schema()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["BearerToken"]["type"] == "http"
    assert schemes["BearerToken"]["scheme"] == "bearer"
    assert schemes["Session"] == {**schemes["Session"], "type": "apiKey", "in": "cookie"}
    assert schemes["CsrfToken"]["in"] == "header"
    assert schemes["CsrfToken"]["name"] == "X-CSRFToken"
    put = schema["paths"]["/api/habits/{habit_id}/entries/{date}"]["put"]["security"]
    assert put == [{"BearerToken": []}, {"Session": [], "CsrfToken": []}]
    get = schema["paths"]["/api/today"]["get"]["security"]
    assert get == [{"BearerToken": []}, {"Session": []}]
    password = schema["paths"]["/api/auth/password"]["post"]["security"]
    assert password == [{"Session": [], "CsrfToken": []}]


# --- Throttling ------------------------------------------------------------------------------


def test_a_token_over_its_limit_gets_429_with_retry_after(settings: Any, user: User) -> None:
    settings.API_TOKEN_REQUESTS_PER_MINUTE = 3
    busy = TokenApi(make_token(user, name="busy"))
    calm = TokenApi(make_token(user, name="calm"))
    assert [busy.get("/api/habits").status_code for _ in range(3)] == [200, 200, 200]
    refused = busy.get("/api/habits")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "try again" in refused.json()["detail"]
    # Per token: another token of the same person, and the person's session, are not throttled.
    assert calm.get("/api/habits").status_code == 200


def test_the_throttle_counts_per_token_in_fixed_windows(settings: Any, user: User) -> None:
    settings.API_TOKEN_REQUESTS_PER_MINUTE = 2
    start = 1_800_000_000.0  # a window boundary (divisible by 60)
    run = secrets.token_hex(4)  # the file counters outlive a test
    assert tokens.api_token_throttle(throttle_id=f"7-{run}", now=start) is None
    assert tokens.api_token_throttle(throttle_id=f"7-{run}", now=start + 1) is None
    assert tokens.api_token_throttle(throttle_id=f"7-{run}", now=start + 20) == 40
    assert (
        tokens.api_token_throttle(throttle_id=f"7-{run}", now=start + 60) is None
    )  # the next window
    assert tokens.api_token_throttle(throttle_id=f"8-{run}", now=start + 20) is None


def _count_many(throttle_id: str, now: float, n: int) -> list[int | None]:
    return [tokens.api_token_throttle(throttle_id=throttle_id, now=now) for _ in range(n)]


@pytest.mark.skipif(bool(os.environ.get("REDIS_URL")), reason="the embedded default's counter")
def test_the_file_counter_is_exact_across_processes(settings: Any) -> None:
    # Worker processes of one machine share it: four processes counting at once lose nothing.
    settings.API_TOKEN_REQUESTS_PER_MINUTE = 200
    throttle_id = f"1-{secrets.token_hex(4)}"
    now = 1_800_000_000.0
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        results = pool.starmap(_count_many, [(throttle_id, now, 50)] * 4)
    assert all(wait is None for batch in results for wait in batch)
    assert tokens.api_token_throttle(throttle_id=throttle_id, now=now) == 60


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_the_redis_counter_is_one_key_with_the_token_as_its_hash_tag(settings: Any) -> None:
    settings.API_TOKEN_REQUESTS_PER_MINUTE = 5
    now = 1_800_000_000.0
    assert _count_many("3-abcdefgh", now, 5) == [None] * 5
    assert caches["default"].get(f"apitoken:{{3-abcdefgh}}:{int(now // 60)}") == 5
    assert tokens.api_token_throttle(throttle_id="3-abcdefgh", now=now) == 60


# --- Cheap lookups and last use --------------------------------------------------------------


def _queries(client: TokenApi, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_a_token_request_costs_one_query_for_the_token_and_writes_last_use_once_a_minute(
    writer: TokenApi, user: User
) -> None:
    habit_for(user)
    first = _queries(writer, "/api/habits")
    second = _queries(writer, "/api/habits")
    token_reads = [q for q in second if "integrations_apitoken" in q]
    assert len(token_reads) == 1
    assert token_reads[0].lstrip().upper().startswith("SELECT")
    assert sum("UPDATE" in q and "integrations_apitoken" in q for q in first) == 1
    assert not any("UPDATE" in q for q in second)
    assert len(second) == len(first) - 1
    used = ApiToken.objects.get().last_used_at
    assert used is not None
    assert timezone.now() - used < dt.timedelta(seconds=30)
    ApiToken.objects.update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
    assert sum("UPDATE" in q for q in _queries(writer, "/api/habits")) == 1


def test_a_token_request_costs_no_more_queries_than_a_session_one(
    api: Api, writer: TokenApi, user: User
) -> None:
    habit_for(user)
    writer.get("/api/today")  # last use written
    api.get("/api/today")
    token = _queries(writer, "/api/today")
    with CaptureQueriesContext(connection) as captured:
        api.get("/api/today")
    assert len(token) <= len(captured.captured_queries)


def test_a_token_found_under_an_old_secret_key_is_rehashed_under_the_new_one(
    settings: Any, user: User
) -> None:
    raw = make_token(user)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a brand new key " * 4
    assert TokenApi(raw).get("/api/today").status_code == 200
    assert ApiToken.objects.get().key_hash == tokens.token_hash(raw)
    settings.SECRET_KEY_FALLBACKS = []
    assert TokenApi(raw).get("/api/today").status_code == 200


# --- The request log -------------------------------------------------------------------------


def test_the_request_log_names_the_token_id_never_the_token(
    writer: TokenApi, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="habits.request"):
        writer.get("/api/today")
        Client().get("/api/today")
    token_line, anonymous_line = [r for r in caplog.records if r.name == "habits.request"]
    assert token_line.token_id == ApiToken.objects.get().pk  # type: ignore[attr-defined]
    assert anonymous_line.token_id is None  # type: ignore[attr-defined]
    for record in caplog.records:
        assert writer.token not in str(record.__dict__)


def test_a_refused_tokens_id_is_logged_too(user: User, caplog: pytest.LogCaptureFixture) -> None:
    reader = TokenApi(make_token(user, scope="read"))
    with caplog.at_level(logging.INFO, logger="habits.request"):
        assert reader.post("/api/habits", {"name": "x"}).status_code == 403
    [line] = [r for r in caplog.records if r.name == "habits.request"]
    assert line.token_id == ApiToken.objects.get().pk  # type: ignore[attr-defined]


def test_another_persons_token_sees_only_their_own_data(user: User) -> None:
    habit_for(user, name="Ada's secret")
    bob = TokenApi(make_token(make_user("bob@example.com"), scope="read"))
    assert bob.get("/api/habits").json() == []
    assert "secret" not in bob.get("/api/today").content.decode()
