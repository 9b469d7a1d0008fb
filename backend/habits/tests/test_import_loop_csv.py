"""Importing Loop Habit Tracker's CSV zip (2.3.1 and 2.3.0 layouts) through POST /api/import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Api
from habits.models import Entry, Habit
from habits.rules.scores import score_series
from habits.rules.timeline import build_timeline
from habits.selectors import habit_entries_in, habit_spec
from habits.tests.fixtures.make_loop_fixtures import (
    EXPORT_DAY,
    YES_MANUAL,
    loop_2_3_1_zip,
    loop_scores,
    sample_habits,
)
from users.models import User

FIXTURES = Path(__file__).parent / "fixtures"
NEW_ZIP = FIXTURES / "Loop Habits CSV 2024-06-15.zip"
OLD_ZIP = FIXTURES / "Loop Habits CSV 2020-01-01 (2.3.0).zip"


def upload(api: Api, data: bytes, name: str = "export.zip") -> Any:
    return api.client.post(
        "/api/import", {"file": SimpleUploadedFile(name, data)}, **api._headers()
    )


def entries_of(user: User, name: str) -> dict[dt.date, Entry]:
    habit = Habit.objects.get(owner=user, name=name)
    return {entry.date: entry for entry in habit.entries.all()}


def checkmarks(path: Path, member: str) -> list[list[str]]:
    with zipfile.ZipFile(path) as zf:
        return list(csv.reader(io.StringIO(zf.read(member).decode())))


def test_the_reference_formula_gives_loops_published_value_for_20_done_days() -> None:
    # Loop's ScoreListTest: a daily habit done on the last 20 days scores 0.655747 today.
    days = {EXPORT_DAY - dt.timedelta(days=i): YES_MANUAL for i in range(20)}
    scores = loop_scores(days, min(days), EXPORT_DAY, numerator=1, denominator=1)
    assert scores[EXPORT_DAY] == pytest.approx(0.655747, abs=1e-6)


def test_the_committed_fixture_is_what_the_generator_writes() -> None:
    assert NEW_ZIP.read_bytes() == loop_2_3_1_zip(sample_habits())


def test_it_imports_every_habit_of_a_loop_2_3_1_export(api: Api, user: User) -> None:
    response = upload(api, NEW_ZIP.read_bytes())

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["habits_created"] == 6
    assert body["habits_updated"] == 0
    assert body["entries_created"] == Entry.objects.filter(habit__owner=user).count() > 1000
    habits = {h.name: h for h in Habit.objects.filter(owner=user)}
    assert list(habits) == ["Run", "Gym, 3x a week", "Méditer 🧘", "Water", "Sugar", "Journal"]
    run, gym, med = habits["Run"], habits["Gym, 3x a week"], habits["Méditer 🧘"]
    water, sugar, journal = habits["Water"], habits["Sugar"], habits["Journal"]
    assert (run.schedule_type, run.color, run.description) == (
        "daily",
        "#D32F2F",
        "Did you run today?",
    )
    assert (gym.schedule_type, gym.schedule_times) == ("times_per_week", 3)
    assert gym.description == "Strength: squats, rows"
    assert (med.schedule_type, med.schedule_days) == ("every_n_days", 2)
    assert med.description == "Méditer ?\n\nDix minutes, assis"
    assert (water.kind, water.unit, water.target, water.target_type) == (
        "measurable",
        "glasses",
        Decimal("8.000"),
        "at_least",
    )
    assert (sugar.target, sugar.target_type) == (Decimal("2.500"), "at_most")
    assert (journal.archived, journal.schedule_type, journal.schedule_times) == (
        True,
        "times_per_month",
        5,
    )
    assert [h.position for h in habits.values()] == [0, 1, 2, 3, 4, 5]
    assert run.start_date == EXPORT_DAY - dt.timedelta(days=399)


def test_it_stores_manual_days_and_never_implied_ones(api: Api, user: User) -> None:
    upload(api, NEW_ZIP.read_bytes())

    rows = checkmarks(NEW_ZIP, "002 Gym 3x a week/Checkmarks.csv")[1:]
    entries = entries_of(user, "Gym, 3x a week")
    for day, value, note in rows:
        entry = entries.get(dt.date.fromisoformat(day))
        if value == "YES_MANUAL":
            assert entry is not None
            assert entry.status == "done"
        elif note:
            assert entry is not None
            assert (entry.status, entry.note) == (None, note)
        else:
            assert entry is None
    assert any(e.note and e.status is None for e in entries.values())


def test_it_keeps_skips_and_notes_with_commas_quotes_and_newlines(api: Api, user: User) -> None:
    upload(api, NEW_ZIP.read_bytes())

    run = entries_of(user, "Run")
    hills = run[EXPORT_DAY - dt.timedelta(days=10)]
    assert (hills.status, hills.note) == ("done", 'Hills, then "easy" miles, 5 km')
    rain = run[EXPORT_DAY - dt.timedelta(days=11)]
    assert (rain.status, rain.value, rain.note) == (None, None, "Rain, knee hurt")
    assert EXPORT_DAY - dt.timedelta(days=3) not in run
    skips = [row for row in checkmarks(NEW_ZIP, "001 Run/Checkmarks.csv") if row[1] == "SKIP"]
    assert skips
    assert all(run[dt.date.fromisoformat(row[0])].status == "skipped" for row in skips)
    water = entries_of(user, "Water")[EXPORT_DAY - dt.timedelta(days=2)]
    assert water.note == "Hot day\nlots of tea"


def test_it_divides_measurable_values_by_a_thousand(api: Api, user: User) -> None:
    upload(api, NEW_ZIP.read_bytes())

    rows = checkmarks(NEW_ZIP, "004 Water/Checkmarks.csv")[1:]
    water = entries_of(user, "Water")
    for day, value, _ in rows:
        entry = water[dt.date.fromisoformat(day)]
        if value == "SKIP":
            assert (entry.status, entry.value) == ("skipped", None)
        else:
            assert entry.value == Decimal(value) / 1000
    assert {e.value for e in entries_of(user, "Sugar").values()} <= {
        Decimal(0),
        Decimal(1),
        Decimal("2.5"),
        Decimal(3),
        Decimal("5.25"),
    }


@pytest.mark.parametrize("position", range(1, 7))
def test_our_scores_match_loops_scores_csv_to_four_decimals(
    api: Api, user: User, position: int
) -> None:
    upload(api, NEW_ZIP.read_bytes())
    with zipfile.ZipFile(NEW_ZIP) as zf:
        member = next(n for n in zf.namelist() if n.startswith(f"{position:03d} "))
        folder = member.split("/")[0]
        rows = list(csv.reader(io.StringIO(zf.read(f"{folder}/Scores.csv").decode())))[1:]
    habit = Habit.objects.get(owner=user, position=position - 1)
    spec = habit_spec(habit)
    today = dt.date.fromisoformat(rows[0][0])
    timeline = build_timeline(spec, habit_entries_in(habit), today)
    series, _ = score_series(spec, timeline)

    assert len(rows) > 100
    for day, written in rows:
        ours = series[dt.date.fromisoformat(day).toordinal() - timeline.first]
        assert abs(ours - float(written)) <= 0.00005 + 1e-9, (habit.name, day, ours, written)


def test_it_imports_the_loop_2_3_0_layout_with_integer_values(api: Api, user: User) -> None:
    response = upload(api, OLD_ZIP.read_bytes())

    assert response.status_code == 200, response.json()
    assert response.json()["habits_created"] == 4
    names = list(Habit.objects.filter(owner=user).values_list("name", flat=True))
    assert names == ["Run", "Gym, 3x a week", "Méditer 🧘", "Journal"]
    with zipfile.ZipFile(OLD_ZIP) as zf:
        rows = list(csv.reader(io.StringIO(zf.read("002 Gym 3x a week/Checkmarks.csv").decode())))
    gym = entries_of(user, "Gym, 3x a week")
    done = {dt.date.fromisoformat(d) for d, v in rows if v == "2"}
    assert done
    assert {d for d, e in gym.items() if e.status == "done"} == done
    assert all(dt.date.fromisoformat(d) not in gym for d, v in rows if v == "1")
    run = entries_of(user, "Run")
    assert any(e.status == "skipped" for e in run.values())


def test_reimporting_the_same_file_changes_nothing(api: Api, user: User) -> None:
    upload(api, NEW_ZIP.read_bytes())
    entries = Entry.objects.count()
    versions = list(Habit.objects.order_by("id").values_list("entries_version", flat=True))

    response = upload(api, NEW_ZIP.read_bytes())

    assert response.json() == {
        "habits_created": 0,
        "habits_updated": 6,
        "entries_created": 0,
        "entries_updated": 0,
    }
    assert Habit.objects.count() == 6
    assert Entry.objects.count() == entries
    assert list(Habit.objects.order_by("id").values_list("entries_version", flat=True)) == versions


def test_a_newer_export_updates_entries_by_date_and_changes_the_version(
    api: Api, user: User
) -> None:
    habits = sample_habits()
    upload(api, loop_2_3_1_zip(habits))
    run = Habit.objects.get(owner=user, name="Run")
    version = run.entries_version
    day = EXPORT_DAY - dt.timedelta(days=10)
    habits[0].values[day] = 3  # now a skip
    habits[0].notes[day] = "changed my mind"

    body = upload(api, loop_2_3_1_zip(habits)).json()

    assert (body["entries_created"], body["entries_updated"]) == (0, 1)
    entry = Entry.objects.get(habit=run, date=day)
    assert (entry.status, entry.note) == ("skipped", "changed my mind")
    run.refresh_from_db()
    assert run.entries_version != version


def test_it_detects_the_format_by_content_not_by_the_file_name(api: Api, user: User) -> None:
    response = upload(api, NEW_ZIP.read_bytes(), name="notes.txt")

    assert response.status_code == 200
    assert Habit.objects.filter(owner=user).count() == 6


def test_it_adds_imported_habits_after_the_existing_ones(api: Api, user: User) -> None:
    Habit.objects.create(owner=user, name="Floss", start_date=EXPORT_DAY, position=4)

    upload(api, NEW_ZIP.read_bytes())

    positions = dict(Habit.objects.filter(owner=user).values_list("name", "position"))
    assert positions["Floss"] == 4
    assert positions["Run"] == 5
    assert positions["Journal"] == 10


def test_loop_habits_step_by_one_and_a_reimport_keeps_a_step_set_since(
    api: Api, user: User
) -> None:
    # Loop has no step: new habits get the default, and updating from Loop again keeps ours.
    upload(api, NEW_ZIP.read_bytes())
    assert set(Habit.objects.filter(owner=user).values_list("step", flat=True)) == {Decimal(1)}
    Habit.objects.filter(owner=user, kind="measurable").update(step=Decimal(250))

    upload(api, NEW_ZIP.read_bytes())

    measurable = Habit.objects.filter(owner=user, kind="measurable")
    assert measurable.exists()
    assert set(measurable.values_list("step", flat=True)) == {Decimal(250)}
