"""A mixed-traffic generator: virtual users on threads, each with its own login and habits.

Traffic: 70% GET /api/today, 20% check-ins (PUT of one day's entry), 10% GET .../stats, with
about a second's think time. Every check-in carries a unique note, and the ones the server
acknowledged (200) are kept, so a test can prove afterwards that the database holds each one.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import psycopg

from client import Client
from servers import App

HISTORY_DAYS = 365
CHECKIN_DAYS = 120  # check-ins go to the last 120 days; history is older than that


@dataclass
class Sample:
    at: float  # seconds since the run started, when the request was sent
    op: str
    status: int  # 0 when the connection failed or timed out
    seconds: float
    json_body: bool = True  # whether the answer was JSON (errors must be)


@dataclass
class Ack:
    habit_id: int
    day: str
    note: str


@dataclass
class VirtualUser:
    number: int
    client: Client
    habits: list[tuple[int, str]]  # (id, kind)
    next_day: dict[int, int] = field(default_factory=dict)
    seq: int = 0  # numbers this user's check-in notes across runs


@dataclass
class Result:
    samples: list[Sample]
    acks: list[Ack]
    attempted_writes: int
    duration: float

    def window(self, start: float, end: float) -> list[Sample]:
        return [s for s in self.samples if start <= s.at < end]

    def server_errors(self, start: float = 0, end: float = 1e9) -> list[Sample]:
        return [s for s in self.window(start, end) if s.status >= 500]

    def failures(self, start: float = 0, end: float = 1e9) -> list[Sample]:
        return [s for s in self.window(start, end) if s.status == 0 or s.status >= 500]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(samples: list[Sample]) -> dict[str, object]:
    ok = [s.seconds * 1000 for s in samples if 200 <= s.status < 300]
    return {
        "requests": len(samples),
        "ok": len(ok),
        "status_5xx": sum(1 for s in samples if s.status >= 500),
        "connection_failures": sum(1 for s in samples if s.status == 0),
        "other_non_2xx": sum(1 for s in samples if 300 <= s.status < 500),
        "p50_ms": round(percentile(ok, 50), 1),
        "p95_ms": round(percentile(ok, 95), 1),
        "p99_ms": round(percentile(ok, 99), 1),
        "max_ms": round(max(ok), 1) if ok else None,
        "mean_ms": round(statistics.fmean(ok), 1) if ok else None,
    }


def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def prepare(
    port: int, database_url: str | None, users: int, habits_per_user: int = 5
) -> list[VirtualUser]:
    """Register users over the API, create their habits, and seed a year of history in SQL.

    Without a database_url (an app on SQLite) the habits start empty: no history is seeded.
    """
    start = (today_utc() - dt.timedelta(days=HISTORY_DAYS + CHECKIN_DAYS)).isoformat()

    def make(n: int) -> VirtualUser:
        client = Client(port, timeout=10)
        client.register(f"load{n}@example.com")
        habits = []
        for h in range(habits_per_user):
            kind = "measurable" if h % 3 == 2 else "boolean"
            body: dict[str, object] = {"name": f"habit {h}", "kind": kind, "start_date": start}
            if kind == "measurable":
                body["target"] = 5
            reply = client.post("/api/habits", body)
            assert reply.status == 201, reply.body
            habits.append((reply.json()["id"], kind))
        return VirtualUser(n, client, habits)

    # Password hashing makes sign-up slow on purpose; a few at a time keeps set-up short.
    with ThreadPoolExecutor(4) as pool:
        vus = list(pool.map(make, range(users)))
    if database_url is None:
        return vus
    with psycopg.connect(database_url, autocommit=True) as conn:
        # Years of ticks make /today and /stats do real work; every third day is skipped.
        conn.execute(
            """
            INSERT INTO habits_entry (habit_id, date, status, value, note, created_at, updated_at)
            SELECT h.id, d::date,
                   CASE WHEN h.kind = 'boolean' THEN 'done' END,
                   CASE WHEN h.kind = 'measurable' THEN 6 END,
                   'seed', now(), now()
            FROM habits_habit h
            CROSS JOIN generate_series(%s::date, %s::date, interval '1 day') AS d
            WHERE extract(doy FROM d)::int %% 3 <> 0
            """,
            (start, (today_utc() - dt.timedelta(days=CHECKIN_DAYS + 1)).isoformat()),
        )
    return vus


def run(
    vus: list[VirtualUser],
    seconds: float,
    *,
    events: list[tuple[float, Callable[[], None]]] | None = None,
    think: float = 1.0,
    mix: tuple[float, float] = (0.7, 0.9),
    reconnect: bool = False,
) -> Result:
    """Run the mix for `seconds`; `events` are (offset, action) run by a side thread.

    reconnect=True sends every request on a new connection, so that any gunicorn worker may
    answer it (a kept-alive connection stays with the worker that accepted it).
    """
    samples: list[Sample] = []
    acks: list[Ack] = []
    attempted = [0]
    lock = threading.Lock()
    started = time.monotonic()
    stop = started + seconds

    def user_loop(vu: VirtualUser) -> None:
        rng = random.Random(vu.number)
        time.sleep(rng.uniform(0, think))  # spread the first requests
        while time.monotonic() < stop:
            roll = rng.random()
            habit_id, kind = rng.choice(vu.habits)
            body = None
            if roll < mix[0]:
                op, method, path = "today", "GET", "/api/today"
            elif roll < mix[1]:
                offset = vu.next_day.get(habit_id, 0)
                vu.next_day[habit_id] = (offset + 1) % CHECKIN_DAYS
                day = (today_utc() - dt.timedelta(days=offset)).isoformat()
                vu.seq += 1
                note = f"vu{vu.number}-{vu.seq}"
                value = {"value": vu.seq} if kind == "measurable" else {"status": "done"}
                body = {"note": note, **value}
                op, method, path = "checkin", "PUT", f"/api/habits/{habit_id}/entries/{day}"
            else:
                op, method, path = "stats", "GET", f"/api/habits/{habit_id}/stats"
            at = time.monotonic() - started
            t0 = time.perf_counter()
            is_json = True
            try:
                reply = vu.client.request(method, path, body)
                status = reply.status
                if status >= 400:
                    try:
                        is_json = "detail" in reply.json()
                    except ValueError:
                        is_json = False
            except Exception:
                status = 0
            if reconnect:
                vu.client.close()
            elapsed = time.perf_counter() - t0
            with lock:
                samples.append(Sample(at, op, status, elapsed, is_json))
                if op == "checkin":
                    attempted[0] += 1
                    if status == 200:
                        acks.append(Ack(habit_id, day, note))
            time.sleep(max(0.0, rng.uniform(0.5 * think, 1.5 * think)))

    def event_loop() -> None:
        for offset, action in sorted(events or [], key=lambda e: e[0]):
            delay = started + offset - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            action()

    threads = [threading.Thread(target=user_loop, args=(vu,), daemon=True) for vu in vus]
    side = threading.Thread(target=event_loop, daemon=True)
    for thread in threads:
        thread.start()
    side.start()
    for thread in threads:
        thread.join(seconds + 60)
    side.join(120)
    samples.sort(key=lambda s: s.at)
    return Result(samples, acks, attempted[0], time.monotonic() - started)


def verify_acks(database: str | App, acks: list[Ack]) -> dict[str, int]:
    """Every acknowledged check-in is in the database with its note; count both sides.

    `database` is a PostgreSQL URL or a running app (whose own database is read, on any engine).
    """
    sql = "SELECT habit_id, CAST(date AS text), note FROM habits_entry WHERE note LIKE %s"
    if isinstance(database, App):
        rows = database.query(sql, ["vu%"])
    else:
        with psycopg.connect(database) as conn:
            rows = conn.execute(sql, ["vu%"]).fetchall()
    stored = {(habit_id, day): note for habit_id, day, note in rows}

    def seq(note: str) -> int:
        return int(note.rsplit("-", 1)[1])

    last: dict[tuple[int, str], Ack] = {}
    for ack in acks:
        key = (ack.habit_id, ack.day)
        if key not in last or seq(ack.note) > seq(last[key].note):
            last[key] = ack
    # Lost: an acknowledged day that is absent, or holds an older write than the last one
    # acknowledged. A newer note is a write that committed but whose answer never arrived.
    lost = [
        ack for key, ack in last.items()
        if key not in stored or seq(stored[key]) < seq(ack.note)
    ]  # fmt: skip
    acked_keys = set(last)
    return {
        "acknowledged_writes": len(acks),
        "acknowledged_days": len(acked_keys),
        "rows_in_database": len(stored),
        "lost": len(lost),
        "stored_but_not_acknowledged": len(set(stored) - acked_keys),
    }
