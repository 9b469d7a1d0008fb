"""Bad values inside an uploaded file: a 422 naming the field or row, the same on both engines.

The fields SQLite and PostgreSQL store differently (times with a zone, decimals beyond the
column, NUL, dates before 1900, integers beyond PostgreSQL's) reach the database from imports
too. Each case is refused before anything is written, or stored identically on both engines.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import Api
from habits.models import Entry, Habit
from habits.tests.factories import done_days, habit_for
from habits.tests.test_import_errors import HEADER, make_zip, upload
from habits.tests.test_import_loop_db import HABITS, loop_backup
from users.models import User

pytestmark = pytest.mark.django_db


def export_file(habit: dict[str, Any] | None = None, **extra: Any) -> bytes:
    """Our JSON export holding one measurable habit, with `habit`'s fields over the defaults."""
    fields = {"name": "Water", "start_date": "2020-01-01", "kind": "measurable", "target": 8}
    document = {"format": "habit-tracker", "version": 1, "habits": [{**fields, **(habit or {})}]}
    return json.dumps({**document, **extra}).encode()


def entry(**fields: Any) -> dict[str, Any]:
    return {"entries": [{"date": "2020-01-02", "value": 1, **fields}]}


@pytest.fixture
def unchanged(user: User) -> Iterator[None]:
    """Data already there, which a refused import must leave exactly as it was."""
    habit = habit_for(user, name="Run")
    done_days(habit, [dt.date(2024, 1, 1)])
    before = (list(Habit.objects.values()), list(Entry.objects.values()))
    yield
    assert (list(Habit.objects.values()), list(Entry.objects.values())) == before


@pytest.mark.parametrize(
    ("habit", "detail"),
    [
        ({"reminder_time": "08:00+02:00"}, "habits.0.reminder_time: Value error, must be a local"),
        ({"reminder_time": 3600}, "habits.0.reminder_time: Value error, must be a local"),
        ({"start_date": "2020-01-01T00:00:00"}, "habits.0.start_date: Value error, must be a date"),
        ({"start_date": "1899-12-31"}, "habits.0.start_date: Value error, must be 1900-01-01"),
        ({"target": 1e9}, "habits.0.target: Decimal input should have no more than 9 digits"),
        ({"target": 0.0001}, "habits.0.target: Decimal input should have no more than 3 decimal"),
        ({"name": "Wa\u0000ter"}, "habits.0.name: Value error, must not contain control"),
        ({"description": "a\u0000b"}, "habits.0.description: Value error, must not contain NUL"),
        ({"unit": "\U0001f4a7" * 33}, "habits.0.unit: String should have at most 32 characters"),
        ({"loop_uuid": "a\u0000b"}, "habits.0.loop_uuid: Value error, must not contain NUL"),
        ({"loop_uuid": "u" * 65}, "habits.0.loop_uuid: String should have at most 64 characters"),
        ({"position": 2**31}, "habits.0.position: Input should be less than or equal to"),
        (entry(value=1e12), "habits.0.entries.0.value: must be between -999999999999.999 and"),
        (entry(value=-1e12), "habits.0.entries.0.value: must be between -999999999999.999 and"),
        (entry(value=999999999999.9999), "habits.0.entries.0.value: must be between"),
        (entry(value=1e300), "habits.0.entries.0.value: must be between"),
        (entry(date="1899-12-31"), "habits.0.entries.0.date: 1899-12-31 is before 1900-01-01"),
        (entry(date="2020-01-02T00:00"), "habits.0.entries.0.date: Value error, must be a date"),
    ],
)
def test_a_bad_value_in_our_json_export_is_refused_naming_it(
    api: Api, unchanged: None, habit: dict[str, Any], detail: str
) -> None:
    response = upload(api, export_file(habit), "habits.json")
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith(detail), response.json()
    assert response.json()["file"] == "habits.json"


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_value_in_our_json_export_is_refused_naming_it(
    api: Api, unchanged: None, literal: str
) -> None:
    # json.loads reads these JavaScript literals as floats; PostgreSQL's numeric would store NaN.
    data = export_file(entry(value=0)).replace(b'"value": 0', b'"value": ' + literal.encode())
    response = upload(api, data, "habits.json")
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith("habits.0.entries.0.value: Input should be")


def test_values_at_the_ends_of_the_column_are_imported_exactly(api: Api) -> None:
    entries = [
        {"date": "2020-01-02", "value": 999999999999.999},
        {"date": "2020-01-03", "value": -999999999999.999},
        {"date": "2020-01-04", "value": -0.0004},  # rounds to zero, never a negative zero
        {"date": "2020-01-05", "value": 0.0015},  # half to even, as in the API
    ]
    response = upload(api, export_file({"entries": entries}), "habits.json")
    assert response.status_code == 200, response.content
    values = [
        str(value) for value in Entry.objects.order_by("date").values_list("value", flat=True)
    ]
    assert values == ["999999999999.999", "-999999999999.999", "0.000", "0.002"]


def test_long_text_and_notes_with_nul_from_a_file_are_kept_as_the_columns_hold_them(
    api: Api,
) -> None:
    # A description imported from Loop may be longer than the API's 5,000 characters: our
    # export of it must import again. A NUL in a note is dropped, as from Loop's files.
    habit = {"description": "\u00e9" * 6000, **entry(note="before\u0000after")}
    response = upload(api, export_file(habit), "habits.json")
    assert response.status_code == 200, response.content
    assert Habit.objects.get().description == "\u00e9" * 6000
    assert Entry.objects.get().note == "beforeafter"


def test_positions_near_the_integer_limit_keep_their_order_and_fit_the_column(
    api: Api, user: User
) -> None:
    habit_for(user, name="Mine", position=5)
    habits = [
        {"name": "Far", "start_date": "2020-01-01", "position": 2_000_000_000},
        {"name": "Near", "start_date": "2020-01-01", "position": 1_999_999_999},
    ]
    data = json.dumps({"format": "habit-tracker", "version": 1, "habits": habits}).encode()
    assert upload(api, data, "habits.json").status_code == 200
    # PostgreSQL's integer ends at 2**31 - 1; SQLite's would have taken 6 + 2,000,000,000 and
    # the next new habit after it would have overflowed on PostgreSQL alone.
    positions = dict(Habit.objects.values_list("name", "position"))
    assert positions == {"Mine": 5, "Near": 6, "Far": 7}
    assert api.post("/api/habits", {"name": "Next"}).json()["position"] == 8


def test_positions_that_fit_are_kept_as_the_file_has_them(api: Api, user: User) -> None:
    habits = [{"name": "A", "start_date": "2020-01-01", "position": 40}]
    data = json.dumps({"format": "habit-tracker", "version": 1, "habits": habits}).encode()
    assert upload(api, data, "habits.json").status_code == 200
    assert Habit.objects.get().position == 40


def backup(tmp_path: Path, habit: dict[str, Any], day: dt.date = dt.date(2024, 3, 1)) -> bytes:
    return loop_backup(tmp_path / "backup.db", 25, [{**HABITS[0], **habit}], [(1, day, 2, "")])


@pytest.mark.parametrize(
    ("habit", "detail"),
    [
        ({"name": "Stre\u0000tch"}, "a habit name contains control characters"),
        ({"name": "\u0007"}, "a habit name contains control characters"),
        ({"name": b"Stretch"}, "name must be text, not bytes"),
        ({"description": b"\xff\xfe"}, "description must be text, not bytes"),
        ({"reminder_hour": "seven"}, "reminder_hour and reminder_min must be integers"),
        ({"reminder_min": 2.5}, "reminder_hour and reminder_min must be integers"),
        ({"type": 1, "unit": "u", "target_value": "lots"}, "target_value must be a number"),
        ({"type": 1, "unit": b"km"}, "unit must be text, not bytes"),
        ({"uuid": b"aa11"}, "uuid must be text, not bytes"),
    ],
)
def test_a_bad_value_in_a_loop_backup_is_refused_naming_the_row(
    api: Api, unchanged: None, tmp_path: Path, habit: dict[str, Any], detail: str
) -> None:
    # Loop's columns have SQLite's loose types: a crafted backup can hold any type anywhere.
    response = upload(api, backup(tmp_path, habit))
    assert response.status_code == 422, response.content
    assert response.json() == {
        "detail": detail,
        "code": "import_invalid",
        "file": "export.zip: Habits",
        "line": 1,
    }


def test_a_loop_repetition_before_1900_is_refused_naming_its_row(
    api: Api, unchanged: None, tmp_path: Path
) -> None:
    response = upload(api, backup(tmp_path, {}, day=dt.date(1899, 12, 31)))
    assert response.status_code == 422, response.content
    assert response.json() == {
        "detail": "date 1899-12-31 is before 1900-01-01",
        "code": "import_invalid",
        "file": "export.zip: Repetitions",
        "line": 1,
    }


def test_nul_in_loop_text_is_dropped_because_postgresql_cannot_store_it(
    api: Api, tmp_path: Path
) -> None:
    habit = {"description": "Mor\u0000ning", "uuid": "aa\u000011", "type": 1, "unit": "k\u0000m"}
    response = upload(api, backup(tmp_path, habit))
    assert response.status_code == 200, response.content
    stored = Habit.objects.get()
    assert (stored.description, stored.loop_uuid, stored.unit) == (
        "Did you stretch?\n\nMorning",
        "aa11",
        "km",
    )


@pytest.mark.parametrize(
    ("habits_csv", "checkmarks", "where", "detail"),
    [
        (
            "001,Wa\u0000lk,YES_NO,,,1,1,#D32F2F,,,,false\n",
            "Date,Value,Notes\n2024-01-02,YES_MANUAL,\n",
            ("Habits.csv", 2),
            "a habit name contains control characters",
        ),
        (
            "001,Walk,YES_NO,,,1,1,#D32F2F,,,,false\n",
            "Date,Value,Notes\n2024-01-02,YES_MANUAL,\n1899-12-31,YES_MANUAL,\n",
            ("001 Walk/Checkmarks.csv", 3),
            "date 1899-12-31 is before 1900-01-01",
        ),
        (
            "001,Walk,NUMERICAL,,,1,1,#D32F2F,km,AT_LEAST,1e12,false\n",
            "Date,Value,Notes\n2024-01-02,5000,\n",
            ("Habits.csv", 2),
            "target '1e12' must be between 0 and 999999999",
        ),
    ],
)
def test_a_bad_value_in_a_loop_csv_export_is_refused_naming_file_and_line(
    api: Api,
    unchanged: None,
    habits_csv: str,
    checkmarks: str,
    where: tuple[str, int],
    detail: str,
) -> None:
    files = {"Habits.csv": HEADER + habits_csv, "001 Walk/Checkmarks.csv": checkmarks}
    response = upload(api, make_zip(files))
    assert response.status_code == 422, response.content
    assert response.json() == {
        "detail": detail,
        "code": "import_invalid",
        "file": where[0],
        "line": where[1],
    }


def test_the_csv_importer_drops_nul_from_text_like_the_backup_importer(api: Api) -> None:
    habits = HEADER + "001,Walk,NUMERICAL,Out\u0000side?,,1,1,#D32F2F,k\u0000m,AT_LEAST,2,false\n"
    checkmarks = "Date,Value,Notes\n2024-01-02,3000,n\u0000ote\n"
    response = upload(api, make_zip({"Habits.csv": habits, "001 Walk/Checkmarks.csv": checkmarks}))
    assert response.status_code == 200, response.content
    habit = Habit.objects.get()
    assert (habit.description, habit.unit, Entry.objects.get().note) == ("Outside?", "km", "note")
