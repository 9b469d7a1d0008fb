"""Reminders in our JSON export and import, and Loop's reminders in its backups."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Api
from habits.importers.loop_db import loop_reminder_days
from habits.models import Habit
from habits.tests.test_import_loop_db import HABITS, REPETITIONS_ROWS, loop_backup
from reminders.models import Reminder
from users.models import User

pytestmark = pytest.mark.django_db

# Loop's bits: Saturday 0, Sunday 1, Monday 2, Tuesday 3, Wednesday 4, Thursday 5, Friday 6.
LOOP = {"sat": 1, "sun": 2, "mon": 4, "tue": 8, "wed": 16, "thu": 32, "fri": 64}
# Ours: Monday 0 .. Sunday 6.
OURS = {"mon": 1, "tue": 2, "wed": 4, "thu": 8, "fri": 16, "sat": 32, "sun": 64}


def upload(api: Api, data: bytes, name: str) -> Any:
    return api.client.post(
        "/api/import", {"file": SimpleUploadedFile(name, data)}, **api._headers()
    )


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (["mon"], ["mon"]),
        (["sat", "sun"], ["sat", "sun"]),
        (["mon", "wed", "fri"], ["mon", "wed", "fri"]),
    ],
)
def test_loop_s_saturday_first_reminder_days_become_our_weekdays(
    days: list[str], expected: list[str]
) -> None:
    assert loop_reminder_days(sum(LOOP[d] for d in days)) == sum(OURS[d] for d in expected)


@pytest.mark.parametrize("days", [127, 0, None, -1, 128, "x"])
def test_every_day_or_nonsense_follows_the_habit_s_days(days: object) -> None:
    assert loop_reminder_days(days) == 0


def test_a_loop_backup_s_reminder_becomes_a_scheduled_reminder_on_its_days(
    api: Api, user: User, tmp_path: Path
) -> None:
    habits = [dict(HABITS[0], reminder_days=LOOP["tue"] | LOOP["sat"]), *HABITS[1:]]
    response = upload(api, loop_backup(tmp_path / "b.db", 25, habits, REPETITIONS_ROWS), "b.db")
    assert response.status_code == 200, response.content
    reminder = Reminder.objects.get()
    assert reminder.habit.name == "Stretch"
    assert (reminder.time, reminder.weekdays) == (dt.time(7, 30), OURS["tue"] | OURS["sat"])
    assert reminder.next_date is not None
    assert reminder.next_date.weekday() in (1, 5)


def test_our_export_carries_every_reminder_and_an_import_replaces_them(
    api: Api, user: User, other_api: Api
) -> None:
    habit = api.post("/api/habits", {"name": "Read"}).json()
    api.post(f"/api/habits/{habit['id']}/reminders", {"time": "21:30", "channels": ["email"]})
    api.post(
        f"/api/habits/{habit['id']}/reminders",
        {"time": "07:00", "weekdays": ["sat"], "only_if_not_done": False},
    )
    exported = b"".join(api.client.get("/api/export", {"format": "json"}).streaming_content)  # type: ignore[attr-defined]
    doc = json.loads(exported)
    assert doc["habits"][0]["reminder_time"] == "07:00"
    assert doc["habits"][0]["reminders"] == [
        {"time": "07:00", "weekdays": ["sat"], "only_if_not_done": False, "channels": ["push"]},
        {"time": "21:30", "weekdays": None, "only_if_not_done": True, "channels": ["email"]},
    ]
    assert upload(other_api, exported, "export.json").status_code == 200
    bob = User.objects.get(email="bob@example.com")
    theirs = Reminder.objects.filter(user=bob).order_by("time")
    assert [(r.time, r.weekdays, r.channels) for r in theirs] == [
        (dt.time(7), OURS["sat"], 1), (dt.time(21, 30), 0, 2),
    ]  # fmt: skip
    assert all(r.next_fire_at is not None for r in theirs)
    # Importing again replaces rather than doubles.
    assert upload(other_api, exported, "export.json").status_code == 200
    assert Reminder.objects.filter(user=bob).count() == 2


def test_an_older_export_s_single_reminder_time_imports_as_one_reminder(
    api: Api, user: User
) -> None:
    doc = {
        "format": "habit-tracker", "version": 1,
        "habits": [{"name": "Run", "start_date": "2024-01-01", "reminder_time": "06:15"}],
    }  # fmt: skip
    assert upload(api, json.dumps(doc).encode(), "old.json").status_code == 200
    reminder = Reminder.objects.get()
    assert (reminder.time, reminder.weekdays, reminder.only_if_not_done) == (
        dt.time(6, 15),
        0,
        True,
    )
    assert Habit.objects.get().name == "Run"


@pytest.mark.parametrize(
    ("reminder", "where"),
    [
        ({"time": "08:00Z"}, "habits.0.reminders.0.time"),
        ({"time": "08:00", "weekdays": []}, "habits.0.reminders.0.weekdays"),
        ({"time": "08:00", "channels": ["fax"]}, "habits.0.reminders.0.channels"),
    ],
)
def test_a_bad_reminder_in_an_import_is_refused_naming_where(
    api: Api, reminder: dict[str, Any], where: str
) -> None:
    doc = {
        "format": "habit-tracker", "version": 1,
        "habits": [{"name": "Run", "start_date": "2024-01-01", "reminders": [reminder]}],
    }  # fmt: skip
    response = upload(api, json.dumps(doc).encode(), "bad.json")
    assert response.status_code in (400, 422), response.content
    assert where in json.dumps(response.json())
    assert not Habit.objects.exists()
