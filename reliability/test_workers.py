"""What gunicorn's workers share, on each engine: sessions and login throttling.

With PostgreSQL + Redis every worker reads the same cache; the embedded default has no Redis,
and keeps what workers must share (sessions, login-failure counts) in files under VAR_DIR, the
rest in each worker's own memory. Every request here goes on a new connection,
so that it may land on any worker, as requests from browsers and proxies do.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from client import Client
from conftest import record
from servers import App, engine_stack

REQUESTS = 40  # enough for each of the 4 workers to answer several (each misses all: 4 x 0.75^40)
GUESSES = 60
PAIR_LIMIT = 10  # settings.LOGIN_FAILURES_PER_ACCOUNT, left at its default here


@pytest.fixture(scope="module")
def servers(engine: str) -> Iterator[App]:
    with engine_stack(engine, production=True, workers=None) as app:
        yield app


def _once(app: App, method: str, path: str, body: object = None, *,
          cookies: dict[str, str] | None = None, address: str | None = None) -> int:  # fmt: skip
    client = Client(app.server.port, address=address)
    client.cookies = dict(cookies or {})
    try:
        return client.request(method, path, body).status
    finally:
        client.close()


def test_a_logged_out_session_is_refused_by_every_worker(servers: App) -> None:
    owner = Client(servers.server.port)
    owner.register("leaver@example.com")
    stolen = dict(owner.cookies)
    # Every worker serves the session first, so each has had the chance to keep a copy.
    before = [_once(servers, "GET", "/api/auth/me", cookies=stolen) for _ in range(REQUESTS)]
    assert owner.post("/api/auth/logout").status == 204
    after = [_once(servers, "GET", "/api/auth/me", cookies=stolen) for _ in range(REQUESTS)]
    record(f"session_logout_{servers.engine}", {
        "engine": servers.engine, "workers": len(servers.server.worker_pids()),
        "before_logout": {s: before.count(s) for s in set(before)},
        "replayed_after_logout": {s: after.count(s) for s in set(after)},
    })  # fmt: skip
    assert before == [200] * REQUESTS
    assert after == [401] * REQUESTS


def test_login_guesses_spread_over_workers_are_throttled(servers: App) -> None:
    owner = Client(servers.server.port)
    owner.register("guessed@example.com")
    wrong = {"email": "guessed@example.com", "password": "not the passphrase"}
    statuses = [_once(servers, "POST", "/api/auth/login", wrong, address="203.0.113.9")
                for _ in range(GUESSES)]  # fmt: skip
    workers = len(servers.server.worker_pids())
    answered = statuses.count(401)
    record(f"login_throttle_{servers.engine}", {
        "engine": servers.engine, "workers": workers, "guesses": GUESSES,
        "limit_per_account_and_address": PAIR_LIMIT, "answered_401": answered,
        "refused_429": statuses.count(429),
    })  # fmt: skip
    assert set(statuses) <= {401, 429}, statuses
    # One count for all workers (Redis, or the files under VAR_DIR without it): exactly the
    # limit, then 429, whichever worker each guess reaches.
    assert statuses == [401] * PAIR_LIMIT + [429] * (GUESSES - PAIR_LIMIT), statuses
