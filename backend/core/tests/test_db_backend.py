"""The PostgreSQL backend's health check: at most once per interval, and never skipped when it
matters (an idle connection, a connection that just failed). Runs against real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import OperationalError, close_old_connections, connection, connections

from core.db.postgresql import base

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL backend"),
]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(base.time, "monotonic", fake)
    return fake


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    done: list[bool] = []
    real = connection.is_usable

    def counting() -> bool:
        done.append(result := real())
        return result

    monkeypatch.setattr(connection, "is_usable", counting)
    connection.close()
    yield done
    connection.close()


def request() -> Any:
    """What one request does: Django's request_started/finished handlers around a query."""
    close_old_connections()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]
    finally:
        close_old_connections()


def kill(pid: int) -> None:
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


def test_a_busy_connection_is_checked_once_per_interval(clock: Clock, checks: list[bool]) -> None:
    first = request()  # a new connection needs no check
    for _ in range(20):
        clock.now += base.HEALTH_CHECK_INTERVAL / 10
        assert request() == first
    # 20 requests over two intervals: two checks, not twenty.
    assert checks == [True, True]


def test_an_idle_connection_is_checked_before_use(clock: Clock, checks: list[bool]) -> None:
    first = request()
    clock.now += 60
    assert request() == first
    assert checks == [True]


def test_a_connection_killed_while_idle_is_replaced_without_failing_the_request(
    clock: Clock, checks: list[bool]
) -> None:
    first = request()
    kill(first)
    clock.now += 60
    second = request()
    assert checks == [False]
    assert second != first


def test_a_connection_killed_within_the_interval_fails_once_then_is_replaced(
    clock: Clock, checks: list[bool]
) -> None:
    first = request()
    kill(first)
    clock.now += base.HEALTH_CHECK_INTERVAL / 10
    with pytest.raises(OperationalError):
        request()
    clock.now += base.HEALTH_CHECK_INTERVAL / 10
    assert request() != first
