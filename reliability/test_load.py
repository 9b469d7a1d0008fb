"""Mixed load against the production setup: gunicorn, DJANGO_ENV=production, PostgreSQL, Redis.

50 virtual users, each waiting about a second between requests, for RELIABILITY_LOAD_SECONDS
(90 in CI; the 5-minute figure in docs/RELIABILITY.md comes from RELIABILITY_LOAD_SECONDS=300).
Clients say X-Forwarded-Proto: https like the TLS proxy in front of production, so Secure cookies
and HTTPS CSRF rules apply as deployed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

import load
from conftest import record
from servers import stack

SECONDS = float(os.environ.get("RELIABILITY_LOAD_SECONDS", "90"))
USERS = int(os.environ.get("RELIABILITY_LOAD_USERS", "50"))
WARMUP_SECONDS = 15


@pytest.fixture(scope="module")
def servers() -> Iterator[Any]:
    with stack(production=True) as running:
        yield running


def test_mixed_load_has_no_5xx_a_p99_under_200ms_flat_memory_and_loses_nothing(
    servers: Any,
) -> None:
    server, pg, _redis = servers
    url = pg.url("habits")
    vus = load.prepare(server.port, url, USERS)
    # Warm up first: workers import lazily and fill their caches; memory is measured after.
    warmup = load.run(vus, WARMUP_SECONDS)
    rss_start = server.rss_kib()
    result = load.run(vus, SECONDS)
    rss_end = server.rss_kib()
    stored = load.verify_acks(url, warmup.acks + result.acks)
    by_op = {op: load.summary([s for s in result.samples if s.op == op])
             for op in ("today", "checkin", "stats")}  # fmt: skip
    overall = load.summary(result.samples)
    figures = {
        "seconds": SECONDS,
        "virtual_users": USERS,
        "throughput_rps": round(len(result.samples) / result.duration, 1),
        "overall": overall,
        "by_operation": by_op,
        "rss_kib_start": rss_start,
        "rss_kib_end": rss_end,
        "rss_growth_percent": round(100 * (rss_end - rss_start) / rss_start, 1),
        "checkins": stored,
        "attempted_checkins": result.attempted_writes,
    }
    record("load", figures)
    assert overall["status_5xx"] == 0, figures
    assert overall["connection_failures"] == 0, figures
    assert overall["other_non_2xx"] == 0, figures
    assert overall["p99_ms"] < 200, figures
    # Flat memory: a leak of a few KiB per request would show as tens of MiB by now.
    assert rss_end - rss_start < max(0.10 * rss_start, 20 * 1024), figures
    assert stored["lost"] == 0, figures
    assert stored["acknowledged_days"] == warmup.attempted_writes + result.attempted_writes
    assert stored["stored_but_not_acknowledged"] == 0, figures
