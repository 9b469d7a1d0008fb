"""Races against a real gunicorn on each engine: the same day written 200 times at once, habits
reordered, created and deleted concurrently, and four people checking in without pause.

gunicorn runs as shipped: its worker and thread counts come from backend/gunicorn.conf.py
(WEB_CONCURRENCY unset: min(4, 2 x cores) workers of 2 threads), so on SQLite several processes
really do compete for the one writer's lock.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import load
from client import Client, session_copy
from conftest import record
from servers import App, engine_stack

WRITERS = 200
PEOPLE = 4
CHECKIN_SECONDS = float(os.environ.get("RELIABILITY_CHECKIN_SECONDS", "60"))
# What a failed lock or an unhandled error leaves in the app's log (core.middleware logs both).
LOG_ERRORS = re.compile(r"database is locked|database unavailable|unhandled error|Traceback")


@pytest.fixture(scope="module")
def servers(engine: str) -> Iterator[App]:
    with engine_stack(engine, production=True, workers=None) as app:
        yield app


def _in_parallel(count: int, action: Any) -> list[Any]:
    """Start `count` threads that call action(i) at the same moment; return their results."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = action(i)
        except Exception as exc:  # a dropped connection is a result too
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def test_200_concurrent_puts_of_one_day_leave_exactly_one_row_equal_to_one_request(
    servers: App,
) -> None:
    server = servers.server
    owner = Client(server.port, timeout=60)
    owner.register("racer@example.com")
    habit = owner.post("/api/habits", {"name": "Race", "kind": "measurable", "target": 3,
                                       "start_date": "2020-01-01"}).json()  # fmt: skip
    day = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)).isoformat()
    path = f"/api/habits/{habit['id']}/entries/{day}"
    bodies = [
        {"value": i, "note": f"request {i}"}
        if i % 2
        else {"status": "skipped", "note": f"request {i}"}
        for i in range(WRITERS)
    ]
    clients = [session_copy(owner) for _ in range(WRITERS)]
    log_before = len(server.log_text())
    results = _in_parallel(WRITERS, lambda i: clients[i].put(path, bodies[i]))
    statuses = [r.status if not isinstance(r, Exception) else repr(r) for r in results]
    rows = servers.query(
        "SELECT status, value, note FROM habits_entry WHERE habit_id = %s AND date = %s",
        [habit["id"], day],
    )
    listed = owner.get(f"/api/habits/{habit['id']}/entries?from={day}&to={day}").json()
    counts = {str(s): statuses.count(s) for s in set(statuses)}
    log_errors = LOG_ERRORS.findall(server.log_text()[log_before:])
    record(f"concurrent_put_{servers.engine}", {
        "engine": servers.engine, "workers": len(server.worker_pids()), "writers": WRITERS,
        "statuses": counts, "rows": len(rows), "log_errors": len(log_errors),
    })  # fmt: skip
    assert statuses.count(200) == WRITERS, counts
    assert log_errors == [], log_errors
    assert len(rows) == 1, rows
    status, value, note = rows[0]
    sent = bodies[int(note.split()[1])]
    assert status == sent.get("status")
    assert (None if value is None else float(value)) == sent.get("value")
    assert listed == [{"date": day, "status": sent.get("status"),
                       "value": sent.get("value"), "note": note}]  # fmt: skip


def test_concurrent_creates_reorders_and_deletes_keep_positions_distinct(servers: App) -> None:
    server = servers.server
    owner = Client(server.port, timeout=60)
    owner.register("shuffler@example.com")
    for n in range(20):
        assert owner.post("/api/habits", {"name": f"h{n}"}).status == 201
    rng = random.Random(7)
    clients = [session_copy(owner) for _ in range(60)]

    def act(i: int) -> tuple[str, int]:
        client = clients[i]
        if i % 3 == 0:
            return "create", client.post("/api/habits", {"name": f"new {i}"}).status
        ids = [h["id"] for h in client.get("/api/habits").json()]
        if i % 3 == 1:
            if not ids:
                return "delete", 404
            return "delete", client.delete(f"/api/habits/{rng.choice(ids)}").status
        rng.shuffle(ids)
        return "reorder", client.post("/api/habits/reorder", {"ids": ids}).status

    results = _in_parallel(len(clients), act)
    assert not [r for r in results if isinstance(r, Exception)], results
    outcome: dict[str, dict[int, int]] = {}
    for op, status in results:
        outcome.setdefault(op, {}).setdefault(status, 0)
        outcome[op][status] += 1
    listed = owner.get("/api/habits").json()
    positions = [p for (p,) in servers.query(
        "SELECT position FROM habits_habit h JOIN users_user u ON u.id = h.owner_id "
        "WHERE u.email = %s", ["shuffler@example.com"],
    )]  # fmt: skip
    record(f"concurrent_reorder_{servers.engine}",
           {"engine": servers.engine, "outcome": outcome, "habits_left": len(listed)})  # fmt: skip
    assert all(status < 500 for codes in outcome.values() for status in codes), outcome
    # A reorder that lost a race with a delete or create is refused (422), never half-applied.
    assert set(outcome.get("reorder", {})) <= {200, 422}, outcome
    assert set(outcome.get("create", {})) == {201}, outcome
    assert len(positions) == len(set(positions)) == len(listed), positions
    assert [h["position"] for h in listed] == sorted(h["position"] for h in listed)


def test_concurrent_reorders_end_in_exactly_one_of_the_requested_orders(servers: App) -> None:
    server = servers.server
    owner = Client(server.port, timeout=60)
    owner.register("orderer@example.com")
    for n in range(15):
        assert owner.post("/api/habits", {"name": f"h{n}"}).status == 201
    ids = [h["id"] for h in owner.get("/api/habits").json()]
    orders = [random.Random(seed).sample(ids, len(ids)) for seed in range(40)]
    clients = [session_copy(owner) for _ in orders]
    results = _in_parallel(
        len(orders), lambda i: clients[i].post("/api/habits/reorder", {"ids": orders[i]})
    )
    statuses = [r.status if not isinstance(r, Exception) else repr(r) for r in results]
    final = [h["id"] for h in owner.get("/api/habits").json()]
    record(f"concurrent_reorder_only_{servers.engine}",
           {"engine": servers.engine, "requests": len(orders), "all_200": statuses.count(200)})  # fmt: skip
    assert statuses == [200] * len(orders), statuses
    assert final in orders
    assert [h["position"] for h in owner.get("/api/habits").json()] == list(range(len(ids)))


def test_four_people_checking_in_without_pause_for_a_minute_get_no_lock_error_and_no_5xx(
    servers: App,
) -> None:
    server = servers.server
    people = load.prepare(server.port, None, PEOPLE, habits_per_user=3)
    for person in people:
        person.client.timeout = 30
    log_before = len(server.log_text())
    # No think time, three check-ins to one Today read, and a new connection for every request
    # so that each may land on any worker: all of them write to the one SQLite file at once.
    result = load.run(people, CHECKIN_SECONDS, think=0.0, mix=(0.25, 1.0), reconnect=True)
    log_errors = LOG_ERRORS.findall(server.log_text()[log_before:])
    stored = load.verify_acks(servers, result.acks)
    checkins = [s for s in result.samples if s.op == "checkin"]
    figures = {
        "engine": servers.engine,
        "workers": len(server.worker_pids()),
        "people": PEOPLE,
        "seconds": CHECKIN_SECONDS,
        "checkins_per_s": round(len(checkins) / result.duration, 1),
        "checkin": load.summary(checkins),
        "today": load.summary([s for s in result.samples if s.op == "today"]),
        "statuses": sorted({s.status for s in result.samples}),
        "log_errors": {error: log_errors.count(error) for error in set(log_errors)},
        "checkins_stored": stored,
    }
    record(f"four_people_checkin_{servers.engine}", figures)
    assert len(checkins) > PEOPLE * CHECKIN_SECONDS, figures  # they really ran flat out
    assert figures["statuses"] == [200], figures
    assert log_errors == [], figures
    assert stored["lost"] == 0, figures
    assert stored["stored_but_not_acknowledged"] == 0, figures
