"""Hostile and edge-of-range input over HTTP, sent to both engines: the same answer from each.

The fields that SQLite and PostgreSQL store differently (times with or without a zone,
decimals, long and multi-byte text, NUL and lone surrogates, dates before 1900 or after
9999, ids beyond 64 bits) are sent to the embedded default and to PostgreSQL + Redis by the
same user doing the same things on each. Every case must answer without a 5xx, with the same
status on both engines, the same error body for a 4xx, the same body for a 2xx (ids aside),
and what a write answered must be what a later read returns (the value was stored exactly).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from client import Client, Reply
from conftest import ENGINES, record
from servers import App, engine_stack

TODAY = dt.datetime.now(dt.UTC).date()
YESTERDAY = (TODAY - dt.timedelta(days=1)).isoformat()
RESULTS: dict[str, dict[str, Any]] = {}
# The user's own habits on each engine, which the cases' paths name.
HABITS = {
    "boolean": {"name": "Yes/no", "start_date": "2020-01-01"},
    "measurable": {"name": "Count", "kind": "measurable", "target": 3, "start_date": "2020-01-01"},
    "old": {"name": "Since 1900", "start_date": "1900-01-01"},
}


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str  # {boolean}, {measurable} and {old} are the ids of the user's own habits
    body: Any = None
    read: str | None = None  # where a successful write can be read back ({id}: the new one)


@dataclass
class User:
    app: App
    client: Client
    habits: dict[str, int]


def _habit(title: str, **fields: Any) -> Case:
    return Case(title, "POST", "/api/habits", {"name": "Read", **fields}, read="/api/habits/{id}")


def _entry(title: str, habit: str, day: str, **fields: Any) -> Case:
    return Case(title, "PUT", f"/api/habits/{{{habit}}}/entries/{day}", fields,
                read=f"/api/habits/{{{habit}}}/entries?from={day}&to={day}")  # fmt: skip


def _me(title: str, **fields: Any) -> Case:
    return Case(title, "PATCH", "/api/auth/me", fields, read="/api/auth/me")


# fmt: off
CASES = [
    # Times: with and without a zone, fractions, the ends of the day.
    *[_habit(f"reminder_time {t!r}", reminder_time=t) for t in (
        "07:30", "07:30:15", "07:30:15.123456", "23:59:59.999999", "00:00", "7:30", "24:00",
        "07:30:00Z", "07:30:00+02:00", "07:30-05:00", "07:30:00+25:00", "07:30:00.5+05:30",
        450, 0, -1, "",
    )],
    Case("reminder_time with an offset in a patch", "PATCH", "/api/habits/{boolean}",
         {"reminder_time": "21:00:00+09:00"}, read="/api/habits/{boolean}"),
    # Dates: the calendar's ends, before 1900, after 9999, the Gregorian switch, odd spellings.
    *[_habit(f"start_date {d!r}", start_date=d) for d in (
        "0001-01-01", "1582-10-10", "1899-12-31", "1900-01-01", "1969-12-31", "2038-01-19",
        "9999-12-31", "10000-01-01", "0000-01-01", "2020-02-29", "2021-02-29", "2020-1-1",
        "20200101", "2020-01-01T00:00:00", "2020-01-01T00:00:00+02:00", "2020-01-01T12:00:00",
        1577836800, -62135596800,
    )],
    *[_entry(f"entry on {d}", "old", d, status="done") for d in (
        "0001-01-01", "1582-10-10", "1899-12-31", "1900-01-01", "1900-02-28", "1969-12-31",
    )],
    Case("entries from year 1 to 2", "GET", "/api/habits/{old}/entries?from=0001-01-01&to=0002-01-01"),
    Case("entries in 9999", "GET", "/api/habits/{old}/entries?from=9999-01-01&to=9999-12-31"),
    Case("today in year 1", "GET", "/api/today?date=0001-01-01"),
    Case("today in 1899", "GET", "/api/today?date=1899-12-31"),
    Case("stats of a habit that started in 1900", "GET", "/api/habits/{old}/stats"),
    # Decimals: targets (Decimal, 3 places) and values (float, quantised to 3 places).
    *[_habit(f"target {t!r}", kind="measurable", target=t) for t in (
        0, 0.001, 0.0005, 0.0015, 0.0025, "0.1", 1e-10, 123456789.123, 999999999, 999999999.999,
        999999999.9995, 1000000000, "1E+3", " 5 ", True, 2**63, "12.3456",
    )],
    *[_entry(f"value {v!r}", "measurable", YESTERDAY, value=v) for v in (
        0.1, 0.0005, 0.0015, -0.0005, 1e-30, 5e-324, 123456.789, 0.1 + 0.2, 999999999.999,
        -999999999.999, 1e9, 1000000000.0004, 2**53 + 1, 2**63, "3.5", True,
    )],
    # Long, multi-byte and odd text.
    _habit("a 5000-character multi-byte description", description="\u00e9" * 5000),
    _habit("a 5001-character description", description="d" * 5001),
    _habit("a 200-character CJK name", name="\u7fd2" * 200),
    _habit("a 201-character name", name="n" * 201),
    _habit("200 four-byte emoji as a name", name="\U0001f4d6" * 200),
    _habit("a 32-code-point emoji icon", icon="\U0001f468\u200d\U0001f469\u200d\U0001f467" * 6
           + "\U0001f4d6" * 14),
    _habit("a 33-character unit", kind="measurable", unit="u" * 33),
    _habit("a name with NUL", name="Re\u0000ad"),
    _habit("a description with NUL", description="a\u0000b"),
    _habit("a name with a lone surrogate", name="Re\ud800ad"),
    _habit("a description with a lone surrogate", description="a\udfffb"),
    _habit("a name that is only an ideographic space", name="\u3000"),
    _habit("a name with a byte-order mark and RTL override", name="\ufeffRe\u202ead"),
    _habit("a name with a C1 control character", name="Re\u0085ad"),
    _habit("a name with combining marks", name="e\u0301\u0301\u0301"),
    _entry("a 5000-emoji note", "boolean", YESTERDAY, status="done", note="\U0001f4d6" * 5000),
    _entry("a 5001-character note", "boolean", YESTERDAY, status="done", note="n" * 5001),
    _entry("a note with NUL", "boolean", YESTERDAY, status="done", note="a\u0000b"),
    _entry("a note with a lone surrogate", "boolean", YESTERDAY, status="done", note="a\ud83db"),
    _entry("a note with CR, tabs and U+2028", "boolean", YESTERDAY, status="done",
           note="one\r\ntwo\tthree\u2028four\u0085five"),
    # Ids beyond what either engine's integers hold, in paths and in bodies.
    *[Case(f"{method} habit {i}", method, f"/api/habits/{i}", body)
      for i in (2**63 - 1, 2**63, 2**64, 10**30)
      for method, body in (("GET", None), ("PATCH", {"name": "x"}), ("DELETE", None))],
    *[Case(f"PUT entry of habit {i}", "PUT", f"/api/habits/{i}/entries/{YESTERDAY}",
           {"status": "done"}) for i in (2**63 - 1, 2**63, 2**64)],
    *[Case(f"entries of habit {i}", "GET", f"/api/habits/{i}/entries") for i in (2**63, 2**64)],
    *[Case(f"stats of habit {i}", "GET", f"/api/habits/{i}/stats") for i in (2**63, 2**64)],
    *[Case(f"reorder with {ids}", "POST", "/api/habits/reorder", {"ids": ids})
      for ids in ([2**63 - 1], [2**63], [2**64], [-(2**63) - 1], [0])],
    # The user's own settings.
    *[_me(f"timezone {tz!r}", timezone=tz) for tz in (
        "Europe/Berlin", "europe/berlin", "UTC", "Etc/GMT-14", "Pacific/Kiritimati", "localtime",
        "Factory", "posixrules", "Europe/Kyiv", "Europe/Kiev",
    )],
    _me("day_start_hour 23", day_start_hour=23),
    _me("week_start 6", week_start=6),
    _me("back to UTC and midnight", timezone="UTC", day_start_hour=0, week_start=0),
]
# fmt: on


@pytest.fixture(scope="module")
def users() -> Iterator[list[User]]:
    with contextlib.ExitStack() as running:
        apps = [running.enter_context(engine_stack(engine)) for engine in ENGINES]
        people = []
        for app in apps:
            client = Client(app.server.port)
            client.register("hostile@example.com")
            habits = {}
            for key, body in HABITS.items():
                reply = client.post("/api/habits", body)
                assert reply.status == 201, (app.engine, reply.body)
                habits[key] = reply.json()["id"]
            people.append(User(app, client, habits))
        yield people
        record("hostile_input", {"engines": list(ENGINES), "cases": len(RESULTS),
                                 "results": RESULTS})  # fmt: skip


def _json(reply: Reply) -> Any:
    try:
        body = reply.json()
    except ValueError:
        return reply.body[:300].decode(errors="replace")
    return _without_ids(body)


def _without_ids(value: Any) -> Any:
    """A body with ids and request ids taken out: they may differ between engines by design."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in {"id", "request_id"}}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _send(user: User, case: Case) -> dict[str, Any]:
    path = case.path.format(**user.habits)
    reply = user.client.request(case.method, path, case.body)
    answer: dict[str, Any] = {"status": reply.status, "body": _json(reply)}
    if case.read and 200 <= reply.status < 300:
        created = reply.json().get("id") if isinstance(reply.json(), dict) else None
        read = user.client.get(case.read.format(id=created, **user.habits))
        answer["read"] = {"status": read.status, "body": _json(read)}
    return answer


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_same_hostile_request_gets_the_same_answer_on_both_engines(
    users: list[User], case: Case
) -> None:
    answers = {user.app.engine: _send(user, case) for user in users}
    RESULTS[case.name] = {engine: {"status": a["status"], **({"read": a["read"]["status"]}
                                   if "read" in a else {})} for engine, a in answers.items()}  # fmt: skip
    shown = json.dumps(answers, default=str)[:3000]
    assert all(a["status"] < 500 for a in answers.values()), shown
    assert len({json.dumps(a, sort_keys=True, default=str) for a in answers.values()}) == 1, shown
    for answer in answers.values():
        if "read" in answer:
            # Stored exactly: the read returns what the write answered (an entry list holds it).
            read, written = answer["read"]["body"], answer["body"]
            assert answer["read"]["status"] == 200, shown
            assert read == written or read == [written], shown
