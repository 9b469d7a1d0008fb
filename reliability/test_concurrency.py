"""Races against a real gunicorn on PostgreSQL: the same day written 200 times at once, and
habits reordered, created and deleted concurrently."""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from client import Client, session_copy
from conftest import record
from servers import stack

WRITERS = 200


@pytest.fixture(scope="module")
def servers() -> Iterator[Any]:
    with stack(production=True) as running:
        yield running


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
    servers: Any,
) -> None:
    server, pg, _ = servers
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
    results = _in_parallel(WRITERS, lambda i: clients[i].put(path, bodies[i]))
    statuses = [r.status if not isinstance(r, Exception) else repr(r) for r in results]
    with psycopg.connect(pg.url("habits")) as conn:
        rows = conn.execute(
            "SELECT status, value, note FROM habits_entry WHERE habit_id = %s AND date = %s",
            (habit["id"], day),
        ).fetchall()
    listed = owner.get(f"/api/habits/{habit['id']}/entries?from={day}&to={day}").json()
    counts = {str(s): statuses.count(s) for s in set(statuses)}
    record("concurrent_put", {"writers": WRITERS, "statuses": counts, "rows": len(rows)})
    assert statuses.count(200) == WRITERS, counts
    assert len(rows) == 1, rows
    status, value, note = rows[0]
    sent = bodies[int(note.split()[1])]
    assert status == sent.get("status")
    assert (None if value is None else float(value)) == sent.get("value")
    assert listed == [{"date": day, "status": sent.get("status"),
                       "value": sent.get("value"), "note": note}]  # fmt: skip


def test_concurrent_creates_reorders_and_deletes_keep_positions_distinct(servers: Any) -> None:
    server, pg, _ = servers
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
    with psycopg.connect(pg.url("habits")) as conn:
        positions = [p for (p,) in conn.execute(
            "SELECT position FROM habits_habit h JOIN users_user u ON u.id = h.owner_id "
            "WHERE u.email = 'shuffler@example.com'"
        ).fetchall()]  # fmt: skip
    record("concurrent_reorder", {"outcome": outcome, "habits_left": len(listed)})
    assert all(status < 500 for codes in outcome.values() for status in codes), outcome
    # A reorder that lost a race with a delete or create is refused (422), never half-applied.
    assert set(outcome.get("reorder", {})) <= {200, 422}, outcome
    assert set(outcome.get("create", {})) == {201}, outcome
    assert len(positions) == len(set(positions)) == len(listed), positions
    assert [h["position"] for h in listed] == sorted(h["position"] for h in listed)


def test_concurrent_reorders_end_in_exactly_one_of_the_requested_orders(servers: Any) -> None:
    server, _, _ = servers
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
    record("concurrent_reorder_only", {"requests": len(orders), "all_200": statuses.count(200)})
    assert statuses == [200] * len(orders), statuses
    assert final in orders
    assert [h["position"] for h in owner.get("/api/habits").json()] == list(range(len(ids)))
