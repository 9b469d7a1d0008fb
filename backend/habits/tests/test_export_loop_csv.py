"""GET /api/export?format=loop-csv: Loop 2.3.1's layout, our implied days and scores."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Api
from habits import rules
from habits.exporters.loop_csv import folder_name
from habits.models import Entry, Habit
from habits.selectors import habit_entries_in, habit_spec, user_today
from habits.tests.factories import done_days, habit_for
from users.models import User


def export_zip(api: Api) -> tuple[Any, zipfile.ZipFile]:
    response = api.client.get("/api/export", {"format": "loop-csv"})
    data = b"".join(response.streaming_content)
    return response, zipfile.ZipFile(io.BytesIO(data))


def rows(zf: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(zf.read(name).decode())))


@pytest.fixture
def today(user: User) -> dt.date:
    return user_today(user)


@pytest.fixture
def habits(user: User, today: dt.date) -> list[Habit]:
    start = today - dt.timedelta(days=120)
    walk = habit_for(user, name="Walk, daily", description="Around the block", start_date=start)
    done_days(walk, [today - dt.timedelta(days=i) for i in range(0, 100, 3)])
    Entry.objects.create(habit=walk, date=today - dt.timedelta(days=1), status="skipped")
    Entry.objects.create(habit=walk, date=today - dt.timedelta(days=4), note='wet, "very" wet')
    gym = habit_for(
        user,
        name="Gym",
        schedule_type="times_per_week",
        schedule_times=2,
        schedule_days=7,
        start_date=start,
    )
    done_days(gym, [today - dt.timedelta(days=i) for i in (2, 3, 9, 10, 40)])
    water = habit_for(
        user,
        name="Éau",
        kind="measurable",
        unit="l",
        target=Decimal("1.5"),
        start_date=start,
        archived=True,
    )
    Entry.objects.bulk_create(
        [
            Entry(habit=water, date=today - dt.timedelta(days=i), value=Decimal(i % 4) / 2)
            for i in range(60)
        ]
    )
    Entry.objects.create(habit=water, date=today - dt.timedelta(days=70), note="forgot")
    Entry.objects.create(habit=water, date=today - dt.timedelta(days=71), status="skipped")
    limit = habit_for(
        user,
        name="Coffee",
        kind="measurable",
        unit="cups",
        target=Decimal(2),
        target_type="at_most",
        schedule_type="every_n_days",
        schedule_days=2,
        start_date=start,
    )
    Entry.objects.create(habit=limit, date=today - dt.timedelta(days=5), value=Decimal(3))
    return [walk, gym, water, limit]


def test_it_writes_loops_layout_and_headers(api: Api, habits: list[Habit], today: dt.date) -> None:
    response, zf = export_zip(api)

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="Loop Habits CSV {today.isoformat()}.zip"'
    )
    assert zf.namelist() == [
        "Habits.csv",
        "001 Walk daily/Scores.csv",
        "001 Walk daily/Checkmarks.csv",
        "002 Gym/Scores.csv",
        "002 Gym/Checkmarks.csv",
        "003 au/Scores.csv",
        "003 au/Checkmarks.csv",
        "004 Coffee/Scores.csv",
        "004 Coffee/Checkmarks.csv",
        "Scores.csv",
        "Checkmarks.csv",
    ]
    assert rows(zf, "Habits.csv") == [
        ["Position", "Name", "Type", "Question", "Description", "FrequencyNumerator",
         "FrequencyDenominator", "Color", "Unit", "Target Type", "Target Value", "Archived?"],
        ["001", "Walk, daily", "YES_NO", "", "Around the block", "1", "1", "#4f46e5", "", "", "",
         "false"],
        ["002", "Gym", "YES_NO", "", "", "2", "7", "#4f46e5", "", "", "", "false"],
        ["003", "Éau", "NUMERICAL", "", "", "1", "1", "#4f46e5", "l", "AT_LEAST", "1.5", "true"],
        ["004", "Coffee", "NUMERICAL", "", "", "1", "2", "#4f46e5", "cups", "AT_MOST", "2.0",
         "false"],
    ]  # fmt: skip
    assert rows(zf, "001 Walk daily/Checkmarks.csv")[0] == ["Date", "Value", "Notes"]
    assert rows(zf, "001 Walk daily/Scores.csv")[0] == ["Date", "Score"]
    assert rows(zf, "Scores.csv")[0] == ["Date", "Walk, daily", "Gym", "Éau", "Coffee", ""]


def test_the_check_marks_name_loops_values_newest_first(
    api: Api, habits: list[Habit], today: dt.date
) -> None:
    _, zf = export_zip(api)

    walk = rows(zf, "001 Walk daily/Checkmarks.csv")[1:]
    assert walk[0] == [today.isoformat(), "YES_MANUAL", ""]
    assert walk[1] == [(today - dt.timedelta(days=1)).isoformat(), "SKIP", ""]
    assert [(today - dt.timedelta(days=4)).isoformat(), "NO", 'wet, "very" wet'] in walk
    assert [r[0] for r in walk] == sorted((r[0] for r in walk), reverse=True)
    water = {r[0]: r[1:] for r in rows(zf, "003 au/Checkmarks.csv")[1:]}
    assert water[(today - dt.timedelta(days=3)).isoformat()] == ["1500", ""]
    assert water[(today - dt.timedelta(days=70)).isoformat()] == ["UNKNOWN", "forgot"]
    assert water[(today - dt.timedelta(days=71)).isoformat()] == ["SKIP", ""]


def test_implied_days_come_from_our_rules_engine(
    api: Api, habits: list[Habit], today: dt.date
) -> None:
    gym = habits[1]
    states = rules.day_states(habit_spec(gym), habit_entries_in(gym), today)
    implied = {d.isoformat() for d, s in states.items() if s is rules.DayState.DONE_IMPLICIT}
    assert implied

    _, zf = export_zip(api)

    written = {r[0] for r in rows(zf, "002 Gym/Checkmarks.csv")[1:] if r[1] == "YES_AUTO"}
    assert written == implied


def test_scores_are_our_rules_engines_with_four_decimals(
    api: Api, habits: list[Habit], today: dt.date
) -> None:
    _, zf = export_zip(api)

    for number, habit in enumerate(habits, start=1):
        scores = rows(zf, f"{folder_name(number, habit.name)}/Scores.csv")[1:]
        stats = rules.habit_stats(habit_spec(habit), habit_entries_in(habit), today)
        history = {d.isoformat(): s for d, s in stats.score_history}
        assert scores[0] == [today.isoformat(), f"{stats.score:.4f}"]
        for day, value in scores:
            assert value == f"{history[day]:.4f}"
            assert len(value.split(".")[1]) == 4


def test_the_all_habits_files_have_one_column_per_habit(
    api: Api, habits: list[Habit], today: dt.date
) -> None:
    _, zf = export_zip(api)

    checks = rows(zf, "Checkmarks.csv")
    assert checks[1][0] == today.isoformat()
    # Gym was done twice in the last week: today is implied, as Loop would show it.
    assert checks[1][1:] == ["YES_MANUAL", "YES_AUTO", "0", "UNKNOWN", ""]
    assert checks[-1][0] == (today - dt.timedelta(days=99)).isoformat()
    assert all(len(row) == 6 for row in checks)


def test_a_loop_csv_round_trip_keeps_habits_and_entries(
    api: Api, other_api: Api, habits: list[Habit]
) -> None:
    response = api.client.get("/api/export", {"format": "loop-csv"})
    data = b"".join(response.streaming_content)

    result = other_api.client.post(
        "/api/import",
        {"file": SimpleUploadedFile("Loop Habits CSV.zip", data)},
        **other_api._headers(),
    )

    assert result.status_code == 200, result.json()
    bob = User.objects.get(email="bob@example.com")
    fields = (
        "name", "description", "color", "kind", "unit", "target", "target_type", "schedule_type",
        "schedule_times", "schedule_days", "archived", "position",
    )  # fmt: skip
    ada = User.objects.get(email="ada@example.com")
    assert list(Habit.objects.filter(owner=bob).values_list(*fields)) == list(
        Habit.objects.filter(owner=ada).values_list(*fields)
    )
    entry_fields = ("habit__name", "date", "status", "value", "note")
    assert list(Entry.objects.filter(habit__owner=bob).order_by("habit__position", "date").values_list(*entry_fields)) == list(
        Entry.objects.filter(habit__owner=ada).order_by("habit__position", "date").values_list(*entry_fields)
    )  # fmt: skip


def test_a_weekday_schedule_goes_to_loop_as_times_per_week(
    api: Api, other_api: Api, user: User
) -> None:
    # Loop has no weekday schedules: Mon/Wed/Fri becomes 3/7, Loop's nearest frequency.
    habit_for(user, name="Swim", schedule_type="weekdays", schedule_weekdays=0b0010101)
    _, zf = export_zip(api)

    assert rows(zf, "Habits.csv")[1][5:7] == ["3", "7"]
