"""Fixtures shared by every Django app's tests."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings

from users.models import User

PASSWORD = "a long and sturdy passphrase"


class Api:
    """A test client that talks JSON and sends the CSRF token like the SPA does."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def _headers(self) -> dict[str, str]:
        token = self.client.cookies.get("csrftoken")
        if token is None:
            self.client.get("/api/auth/csrf")
            token = self.client.cookies["csrftoken"]
        return {"HTTP_X_CSRFTOKEN": token.value}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params)

    def send(self, method: str, path: str, body: Any = None, *, csrf: bool = True) -> Any:
        data = "" if body is None else json.dumps(body)
        headers = self._headers() if csrf else {}
        return self.client.generic(method, path, data, content_type="application/json", **headers)  # type: ignore[arg-type]

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.send("POST", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.send("PUT", path, body, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.send("PATCH", path, body, **kw)

    def delete(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.send("DELETE", path, body, **kw)


@pytest.fixture(autouse=True, scope="session")
def _own_var_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # On the embedded default the shared cache (login throttles, sessions) and the token
    # throttle are files under VAR_DIR. A dev server or another test run in this checkout uses
    # the same folder, and every test here clears the shared cache: each would wipe the other's
    # counts mid-test. A test session keeps its files to itself (subprocesses get their own).
    var = tmp_path_factory.mktemp("var")
    overrides: dict[str, Any] = {"VAR_DIR": var}
    caches_setting = {**settings.CACHES}
    if "shared" in caches_setting:
        caches_setting["shared"] = {
            **caches_setting["shared"],
            "LOCATION": str(var / "shared-cache"),
        }
    # Under pytest-xdist (make test runs two workers) every test empties the cache, a FLUSHDB
    # with Redis: each worker gets its own Redis database, and so do the processes it starts.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    redis_url = settings.REDIS_URL
    if redis_url and worker.startswith("gw") and worker[2:].isdigit():
        redis_url = _redis_database(redis_url, int(worker[2:]))
        caches_setting["default"] = {**caches_setting["default"], "LOCATION": redis_url}
        overrides["REDIS_URL"] = redis_url
    overrides["CACHES"] = caches_setting
    previous = os.environ.get("REDIS_URL")
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    try:
        with override_settings(**overrides):
            yield
    finally:
        if previous is not None:
            os.environ["REDIS_URL"] = previous


def _redis_database(url: str, worker: int) -> str:
    """The Redis URL with its database number moved on by the worker's number (0-15)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + worker) % 16}"))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is deliberately slow; tests that are not about hashing use a fast hasher.
    # users/tests checks that the real setting is Argon2.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    # Login throttles and cached summaries live in the cache, which outlives a test's
    # database transaction: start each test with an empty one.
    # The per-process copy of versioned values too: SQLite reuses a rolled-back test's ids.
    aliases = {"default", "local", settings.SHARED_CACHE_ALIAS}
    for alias in aliases:
        caches[alias].clear()
    yield
    for alias in aliases:
        caches[alias].clear()


def make_user(email: str = "ada@example.com", **fields: Any) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, **fields)


@pytest.fixture
def user(db: None) -> User:
    return make_user()


@pytest.fixture
def anon() -> Api:
    return Api(Client(enforce_csrf_checks=True))


@pytest.fixture
def api(user: User) -> Api:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return Api(client)


@pytest.fixture
def other_api(db: None) -> Api:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("bob@example.com"))
    return Api(client)
