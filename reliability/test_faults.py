"""Faults in the middle of traffic: Redis stopped, PostgreSQL crashed, a worker SIGKILLed.

The servers here are private to this module (PostgreSQL from initdb and redis-server on spare
loopback ports), because they are stopped and crashed on purpose. Every check-in the server
acknowledged is looked up in the database afterwards. Stopping Redis and crashing PostgreSQL
concern those servers alone; a worker killed in the middle of a write is tried on both engines.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest

import load
from client import Client
from conftest import record
from servers import App, Gunicorn, engine_stack, stack

USERS = int(os.environ.get("RELIABILITY_FAULT_USERS", "30"))
ACKS: list[load.Ack] = []


@pytest.fixture(scope="module")
def servers() -> Iterator[Any]:
    with stack(production=True) as running:
        server, pg, _ = running
        vus = load.prepare(server.port, pg.url("habits"), USERS, habits_per_user=3)
        ACKS.extend(load.run(vus, 5).acks)  # warm the workers
        yield (*running, vus)


def _stamp(marks: dict[str, float], name: str, started: float) -> None:
    marks[name] = time.monotonic() - started


def _health(port: int) -> dict[str, Any]:
    return Client(port, timeout=5).get("/health/").json()


def test_losing_redis_degrades_to_cache_misses_and_recovers_without_a_restart(servers: Any) -> None:
    server, _pg, redis, vus = servers
    pids = sorted(server.worker_pids())
    marks: dict[str, float] = {}
    began = time.monotonic()
    down_health: dict[str, Any] = {}

    def stop() -> None:
        _stamp(marks, "redis_stopped", began)
        redis.stop()
        time.sleep(2)
        down_health.update(_health(server.port))

    def start() -> None:
        redis.start()
        _stamp(marks, "redis_back", began)

    result = load.run(vus, 40, events=[(8, stop), (20, start)])
    ACKS.extend(result.acks)
    up_health = _health(server.port)
    before = result.window(0, marks["redis_stopped"])
    during = result.window(marks["redis_stopped"], marks["redis_back"])
    # The restarted Redis is empty: summaries and sessions are cached again on first use, so
    # "full speed" is judged on the last ten seconds, with the warm-up slices recorded too.
    after = result.window(30, 1e9)
    slices = {
        f"{t}-{t + 2}s": load.summary(result.window(t, t + 2))["p95_ms"]
        for t in range(int(marks["redis_back"]), 40, 2)
    }
    figures = {
        "marks_s": marks,
        "before": load.summary(before),
        "during": load.summary(during),
        "after_30_40s": load.summary(after),
        "p95_ms_by_slice_after_return": slices,
        "health_during": down_health,
        "health_after": up_health,
        "workers_restarted": sorted(server.worker_pids()) != pids,
    }
    record("fault_redis", figures)
    # Not one failure, not even in the first second: the cache is optional.
    assert result.failures(marks["redis_stopped"] + 1) == [], figures
    assert [s for s in result.samples if s.status != 200] == [], figures
    assert down_health["cache"] == "unavailable"
    assert up_health["cache"] == "ok"
    assert sorted(server.worker_pids()) == pids  # no app restart
    # Full speed again: latency after Redis is back is close to latency before it left.
    assert figures["after_30_40s"]["p95_ms"] <= 2 * figures["before"]["p95_ms"] + 25, figures  # type: ignore[index]


def test_a_postgres_crash_fails_requests_cleanly_and_recovers_within_5s(servers: Any) -> None:
    _server, pg, _redis, vus = servers
    marks: dict[str, float] = {}
    began = time.monotonic()

    def crash() -> None:
        _stamp(marks, "pg_crashed", began)
        pg.stop("immediate")  # no checkpoint: recovery replays the WAL, as after a power cut

    def start() -> None:
        pg.start()
        _stamp(marks, "pg_back", began)

    result = load.run(vus, 36, events=[(8, crash), (16, start)])
    ACKS.extend(result.acks)
    bad = result.failures()
    last_failure_end = max((s.at + s.seconds for s in bad), default=marks["pg_back"])
    stored = load.verify_acks(pg.url("habits"), ACKS)
    figures = {
        "marks_s": marks,
        "failed_requests": len(bad),
        "failed_statuses": sorted({s.status for s in bad}),
        "non_json_errors": sum(1 for s in bad if not s.json_body),
        "slowest_request_s": round(max(s.seconds for s in result.samples), 2),
        "recovered_s_after_db_back": round(max(0.0, last_failure_end - marks["pg_back"]), 2),
        "before": load.summary(result.window(0, marks["pg_crashed"])),
        "after": load.summary(result.window(marks["pg_back"] + 5, 1e9)),
        "checkins": stored,
    }
    record("fault_postgres", figures)
    assert bad, "the crash did not reach any request"
    assert {s.status for s in bad} == {503}, figures  # clean JSON 503s, no dropped connections
    assert figures["non_json_errors"] == 0, figures
    assert figures["slowest_request_s"] < 5, figures  # no hung worker
    assert all(s.at >= marks["pg_crashed"] - 1 for s in bad), figures
    assert figures["recovered_s_after_db_back"] <= 5, figures
    assert result.failures(marks["pg_back"] + 5) == [], figures
    assert stored["lost"] == 0, figures


@pytest.fixture(scope="module")
def killable(engine: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """(server, database, virtual users, acknowledged check-ins so far) on one engine.

    On PostgreSQL it is the module's servers, so the check-ins acknowledged during the other
    faults are verified again; the embedded default gets its own app with the same users.
    """
    if engine == "postgres":
        server, pg, _redis, vus = request.getfixturevalue("servers")
        yield server, pg.url("habits"), vus, ACKS
        return
    with engine_stack(engine, production=True) as app:
        vus = load.prepare(app.server.port, None, USERS, habits_per_user=3)
        yield app.server, app, vus, list(load.run(vus, 5).acks)  # warm the workers


def test_a_sigkilled_worker_loses_no_acknowledged_write(killable: Any, engine: str) -> None:
    server: Gunicorn
    database: str | App
    server, database, vus, acks = killable
    kills: list[float] = []
    began = time.monotonic()

    def kill() -> None:
        pids = server.worker_pids()
        kills.append(time.monotonic() - began)
        os.kill(pids[len(kills) % len(pids)], signal.SIGKILL)

    resent_before = sum(vu.client.retries for vu in vus)
    # Mostly writes: 70% check-ins, so kills land in the middle of transactions.
    result = load.run(vus, 30, events=[(6, kill), (12, kill), (18, kill), (24, kill)],
                      mix=(0.2, 0.9))  # fmt: skip
    acks.extend(result.acks)
    time.sleep(2)
    stored = load.verify_acks(database, acks)
    bad = result.failures()
    figures = {
        "engine": engine,
        "kills_at_s": [round(k, 1) for k in kills],
        "requests": len(result.samples),
        "checkins_attempted": result.attempted_writes,
        "checkins_acknowledged": len(result.acks),
        "failed_requests": len(bad),
        "failed_statuses": sorted({s.status for s in bad}),
        "resent_after_dropped_connection": sum(vu.client.retries for vu in vus) - resent_before,
        "workers_after": len(server.worker_pids()),
        "checkins": stored,
    }
    record(f"fault_sigkill_{engine}", figures)
    assert len(kills) == 4
    assert stored["lost"] == 0, figures
    # Only requests in flight on the killed worker may fail, and only as dropped connections.
    assert all(s.status == 0 for s in bad), figures
    assert all(any(k - 1 <= s.at <= k + 1 for k in kills) for s in bad), figures
    assert figures["workers_after"] == 4, figures
