"""Importing Loop Habit Tracker's SQLite backup (schema versions 22 to 25)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Api
from habits.models import Entry, Habit
from users.models import User

DAY_MS = 86_400_000


def ms(day: dt.date) -> int:
    """Loop's timestamp of a local day: milliseconds at midnight UTC."""
    return (day - dt.date(1970, 1, 1)).days * DAY_MS


# The Habits table as Loop's migrations leave it at version 22; later versions add columns.
HABITS_V22 = """
create table Habits (
    id integer primary key autoincrement, archived integer, color integer, description text,
    freq_den integer, freq_num integer, highlight integer, name text, position integer,
    reminder_hour integer, reminder_min integer, reminder_days integer not null default 127,
    type integer not null default 0, target_type integer not null default 0,
    target_value real not null default 0, unit text not null default "")
"""
REPETITIONS = """
create table Repetitions (
    id integer primary key autoincrement, habit integer not null references habits(id),
    timestamp integer not null, value integer not null)
"""


def loop_backup(
    path: Path,
    version: int,
    habits: list[dict[str, Any]],
    repetitions: list[tuple[int, dt.date, int, str]],
) -> bytes:
    """Write a Loop backup of a schema version; habits are dicts of Habits columns."""
    db = sqlite3.connect(path)
    db.execute(HABITS_V22)
    db.execute(REPETITIONS)
    db.execute(
        "create unique index idx_repetitions_habit_timestamp on Repetitions(habit, timestamp)"
    )
    if version >= 23:
        db.execute("alter table Habits add column question text")
    if version >= 24:
        db.execute("alter table Habits add column uuid text")
    if version >= 25:
        db.execute("alter table Repetitions add column notes text")
    for habit in habits:
        columns = {k: v for k, v in habit.items() if version >= 24 or k != "uuid"}
        if version < 23:
            columns.pop("question", None)
        db.execute(
            f"insert into Habits ({', '.join(columns)}) values ({', '.join('?' * len(columns))})",  # noqa: S608
            list(columns.values()),
        )
    for habit_id, day, value, note in repetitions:
        if version >= 25:
            db.execute(
                "insert into Repetitions (habit, timestamp, value, notes) values (?, ?, ?, ?)",
                (habit_id, ms(day), value, note),
            )
        else:
            db.execute(
                "insert into Repetitions (habit, timestamp, value) values (?, ?, ?)",
                (habit_id, ms(day), value),
            )
    db.execute(f"pragma user_version = {version}")
    db.commit()
    db.close()
    return path.read_bytes()


D = dt.date(2024, 3, 1)
HABITS = [
    {
        "id": 1, "name": "Stretch", "description": "Morning", "question": "Did you stretch?",
        "freq_num": 1, "freq_den": 1, "color": 8, "position": 0, "archived": 0,
        "reminder_hour": 7, "reminder_min": 30, "reminder_days": 127, "type": 0,
        "target_type": 0, "target_value": 0, "unit": "", "uuid": "aa11",
    },
    {
        "id": 2, "name": "Pages read", "description": "", "question": "How many pages?",
        "freq_num": 1, "freq_den": 1, "color": 19, "position": 1, "archived": 1,
        "reminder_hour": None, "reminder_min": None, "reminder_days": 127, "type": 1,
        "target_type": 0, "target_value": 20.0, "unit": "pages", "uuid": "bb22",
    },
    {
        "id": 3, "name": "Café", "description": "", "question": "",
        "freq_num": 2, "freq_den": 7, "color": 0, "position": 2, "archived": 0,
        "reminder_hour": None, "reminder_min": None, "reminder_days": 127, "type": 1,
        "target_type": 1, "target_value": 1.5, "unit": "cups", "uuid": "cc33",
    },
]  # fmt: skip
REPETITIONS_ROWS = [
    (1, D, 2, "felt good, really"),
    (1, D + dt.timedelta(days=1), 1, ""),  # implied: never stored as done
    (1, D + dt.timedelta(days=2), 3, ""),
    (1, D + dt.timedelta(days=3), 0, 'said "no"'),
    (1, D + dt.timedelta(days=4), 1, "rest day"),
    (2, D, 12_500, ""),
    (2, D + dt.timedelta(days=1), 3, ""),
    (2, D + dt.timedelta(days=2), 0, ""),
    (3, D, 2_000, ""),
]


def upload(api: Api, data: bytes, name: str = "Loop Habits Backup 2024-03-10.db") -> Any:
    return api.client.post(
        "/api/import", {"file": SimpleUploadedFile(name, data)}, **api._headers()
    )


@pytest.mark.parametrize("version", [22, 23, 24, 25])
def test_it_imports_a_loop_backup_of_each_schema_version(
    api: Api, user: User, tmp_path: Path, version: int
) -> None:
    data = loop_backup(tmp_path / "b.db", version, HABITS, REPETITIONS_ROWS)

    response = upload(api, data)

    assert response.status_code == 200, response.json()
    assert response.json()["habits_created"] == 3
    stretch, pages, cafe = Habit.objects.filter(owner=user).order_by("position")
    reminder = stretch.reminders.get()
    assert (reminder.time, reminder.weekdays) == (dt.time(7, 30), 0)  # 127: the due days
    assert not pages.reminders.exists()
    assert stretch.color == "#00897B"
    assert pages.color == "#AAAAAA"
    assert stretch.description == ("Did you stretch?\n\nMorning" if version >= 23 else "Morning")
    assert stretch.loop_uuid == ("aa11" if version >= 24 else "")
    assert (pages.kind, pages.unit, pages.target, pages.archived) == (
        "measurable",
        "pages",
        Decimal(20),
        True,
    )
    assert (cafe.target_type, cafe.target, cafe.schedule_type, cafe.schedule_times) == (
        "at_most",
        Decimal("1.5"),
        "times_per_week",
        2,
    )
    assert stretch.start_date == D
    entries = {e.date: e for e in stretch.entries.all()}
    assert entries[D].status == "done"
    assert entries[D + dt.timedelta(days=2)].status == "skipped"
    if version >= 25:
        assert entries[D].note == "felt good, really"
        assert (
            entries[D + dt.timedelta(days=3)].status,
            entries[D + dt.timedelta(days=3)].note,
        ) == (
            None,
            'said "no"',
        )
        assert entries[D + dt.timedelta(days=4)].status is None
        assert set(entries) == {D + dt.timedelta(days=i) for i in (0, 2, 3, 4)}
    else:
        assert set(entries) == {D, D + dt.timedelta(days=2)}
    values = {e.date: (e.status, e.value) for e in pages.entries.all()}
    assert values == {
        D: (None, Decimal("12.5")),
        D + dt.timedelta(days=1): ("skipped", None),
        D + dt.timedelta(days=2): (None, Decimal(0)),
    }


def test_a_reimport_matches_habits_by_loop_uuid_even_after_a_rename(
    api: Api, user: User, tmp_path: Path
) -> None:
    upload(api, loop_backup(tmp_path / "a.db", 25, HABITS, REPETITIONS_ROWS))
    renamed = [dict(HABITS[0], name="Stretch well"), *HABITS[1:]]
    more = [*REPETITIONS_ROWS, (1, D + dt.timedelta(days=5), 2, "")]

    body = upload(api, loop_backup(tmp_path / "b.db", 25, renamed, more)).json()

    assert body == {
        "habits_created": 0,
        "habits_updated": 3,
        "entries_created": 1,
        "entries_updated": 0,
    }
    assert list(Habit.objects.filter(owner=user).values_list("name", flat=True)) == [
        "Stretch well",
        "Pages read",
        "Café",
    ]


def test_it_refuses_a_backup_older_than_schema_22(api: Api, user: User, tmp_path: Path) -> None:
    response = upload(api, loop_backup(tmp_path / "old.db", 21, HABITS, REPETITIONS_ROWS))

    assert response.status_code == 422
    assert "schema version 21" in response.json()["detail"]
    assert Habit.objects.count() == 0


def test_it_refuses_an_sqlite_file_that_is_not_a_loop_backup(
    api: Api, user: User, tmp_path: Path
) -> None:
    db = sqlite3.connect(tmp_path / "x.db")
    db.execute("create table notes (id integer)")
    db.commit()
    db.close()

    response = upload(api, (tmp_path / "x.db").read_bytes())

    assert response.status_code == 422
    assert "not a Loop backup" in response.json()["detail"]
    assert Habit.objects.count() == 0


def test_it_refuses_an_unknown_repetition_value_and_writes_nothing(
    api: Api, user: User, tmp_path: Path
) -> None:
    rows = [*REPETITIONS_ROWS, (1, D + dt.timedelta(days=9), 7, "")]

    response = upload(api, loop_backup(tmp_path / "bad.db", 25, HABITS, rows))

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "unknown checkmark value 7"
    assert body["file"] == "Loop Habits Backup 2024-03-10.db: Repetitions"
    assert body["line"] == len(rows)
    assert (Habit.objects.count(), Entry.objects.count()) == (0, 0)
