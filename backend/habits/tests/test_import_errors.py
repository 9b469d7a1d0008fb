"""Bad uploads: 422 naming the file, line and reason, and nothing written."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from conftest import Api
from habits.models import Entry, Habit
from habits.tests.factories import done_days, habit_for
from users.models import User

NEW_ZIP = Path(__file__).parent / "fixtures" / "Loop Habits CSV 2024-06-15.zip"
HEADER = (
    "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,"
    "Unit,Target Type,Target Value,Archived?\n"
)


def upload(api: Api, data: bytes, name: str = "export.zip") -> Any:
    return api.client.post(
        "/api/import", {"file": SimpleUploadedFile(name, data)}, **api._headers()
    )


def make_zip(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buffer.getvalue()


def two_habits(checkmarks: str) -> bytes:
    return make_zip(
        {
            "Habits.csv": HEADER
            + "001,Walk,YES_NO,,,1,1,#D32F2F,,,,false\n"
            + "002,Run,YES_NO,,,1,1,#1976D2,,,,false\n",
            "001 Walk/Checkmarks.csv": "Date,Value,Notes\n2024-01-02,YES_MANUAL,\n",
            "002 Run/Checkmarks.csv": checkmarks,
        }
    )


@pytest.fixture
def existing(user: User) -> Iterator[tuple[int, int]]:
    """Some data already there, which a refused import must leave exactly as it was."""
    habit = habit_for(user, name="Run")
    done_days(habit, [dt.date(2024, 1, 1), dt.date(2024, 1, 2)])
    counts = (Habit.objects.count(), Entry.objects.count())
    yield counts
    assert (Habit.objects.count(), Entry.objects.count()) == counts
    assert Habit.objects.get(pk=habit.pk).entries_version == 0


def test_it_refuses_a_request_without_a_file_field(api: Api, existing: tuple[int, int]) -> None:
    response = api.client.post("/api/import", {}, **api._headers())

    assert response.status_code == 422
    assert response.json() == {
        "detail": "no file uploaded in the 'file' field",
        "code": "file_missing",
        "file": None,
        "line": None,
    }


def test_it_refuses_an_empty_file(api: Api, existing: tuple[int, int]) -> None:
    response = upload(api, b"", name="empty.zip")

    assert response.status_code == 422
    assert response.json() == {
        "detail": "is empty",
        "code": "import_invalid",
        "file": "empty.zip",
        "line": None,
    }


def test_it_refuses_a_file_of_no_known_format(api: Api, existing: tuple[int, int]) -> None:
    response = upload(api, b"Name,Date\nRun,2024-01-01\n", name="habits.zip")

    assert response.status_code == 422
    assert response.json()["file"] == "habits.zip"
    assert "neither a Loop CSV export" in response.json()["detail"]


def test_it_refuses_a_zip_that_is_not_a_loop_export(api: Api, existing: tuple[int, int]) -> None:
    response = upload(api, make_zip({"photo.jpg": b"\xff\xd8"}))

    assert response.status_code == 422
    assert "Habits.csv is missing" in response.json()["detail"]


def test_it_refuses_a_truncated_zip(api: Api, existing: tuple[int, int]) -> None:
    response = upload(api, NEW_ZIP.read_bytes()[:5000])

    assert response.status_code == 422
    assert response.json()["file"] == "export.zip"


def test_it_refuses_json_that_does_not_parse_with_its_line(
    api: Api, existing: tuple[int, int]
) -> None:
    response = upload(api, b'{"format": "habit-tracker",\n "version": 1,\n oops}', "x.json")

    assert response.status_code == 422
    assert response.json()["line"] == 3
    assert response.json()["detail"].startswith("is not valid JSON")


def test_it_refuses_habits_csv_with_missing_columns(api: Api, existing: tuple[int, int]) -> None:
    data = make_zip({"Habits.csv": "Position,Name,Type,Question\n001,Run,YES_NO,\n"})

    response = upload(api, data)

    assert response.status_code == 422
    body = response.json()
    assert (body["file"], body["line"]) == ("Habits.csv", 1)
    assert body["detail"].startswith("missing column(s): Description, FrequencyNumerator")


def test_it_refuses_an_unknown_checkmark_value_naming_file_and_line(
    api: Api, existing: tuple[int, int]
) -> None:
    checks = "Date,Value,Notes\n" + "".join(f"2024-01-{d:02d},YES_MANUAL,\n" for d in range(1, 11))
    checks += "2024-01-11,MAYBE,\n"

    response = upload(api, two_habits(checks))

    assert response.status_code == 422
    assert response.json() == {
        "detail": "unknown checkmark value 'MAYBE'",
        "code": "import_invalid",
        "file": "002 Run/Checkmarks.csv",
        "line": 12,
    }


def test_it_refuses_a_date_that_does_not_parse(api: Api, existing: tuple[int, int]) -> None:
    checks = "Date,Value,Notes\n2024-01-01,YES_MANUAL,\n01/02/2024,NO,\n"

    response = upload(api, two_habits(checks))

    assert response.json() == {
        "detail": "date '01/02/2024' is not in the form YYYY-MM-DD",
        "code": "import_invalid",
        "file": "002 Run/Checkmarks.csv",
        "line": 3,
    }


def test_it_refuses_a_date_that_does_not_exist(api: Api, existing: tuple[int, int]) -> None:
    response = upload(api, two_habits("Date,Value,Notes\n2023-02-29,YES_MANUAL,\n"))

    assert response.status_code == 422
    assert response.json()["detail"] == "date '2023-02-29' does not exist"


def test_it_refuses_a_checkmarks_file_missing_the_value_column(
    api: Api, existing: tuple[int, int]
) -> None:
    response = upload(api, two_habits("Date,Notes\n2024-01-01,x\n"))

    assert response.json() == {
        "detail": "missing column(s): Value",
        "code": "import_invalid",
        "file": "002 Run/Checkmarks.csv",
        "line": 1,
    }


def test_it_refuses_an_unsupported_frequency(api: Api, existing: tuple[int, int]) -> None:
    data = make_zip({"Habits.csv": HEADER + "001,Run,YES_NO,,,1,400,#D32F2F,,,,false\n"})

    response = upload(api, data)

    assert (response.json()["file"], response.json()["line"]) == ("Habits.csv", 2)
    assert "frequency 1/400" in response.json()["detail"]


@override_settings(IMPORT_MAX_UPLOAD_BYTES=100_000)
def test_it_refuses_a_zip_that_declares_more_than_the_limit_unpacked(
    api: Api, existing: tuple[int, int]
) -> None:
    bomb = make_zip({"Habits.csv": HEADER, "001 Run/Checkmarks.csv": b"0" * 200_000})
    assert len(bomb) < 5_000

    response = upload(api, bomb)

    assert response.status_code == 422
    assert "unpacks to 200" in response.json()["detail"]


def _lie_about_sizes(data: bytes, size: int) -> bytes:
    # Rewrite every uncompressed size (local headers and central directory) to `size`.
    out = bytearray(data)
    i = 0
    while (i := out.find(b"PK\x03\x04", i)) >= 0:
        struct.pack_into("<I", out, i + 22, size)
        i += 4
    i = 0
    while (i := out.find(b"PK\x01\x02", i)) >= 0:
        struct.pack_into("<I", out, i + 24, size)
        i += 4
    return bytes(out)


@override_settings(IMPORT_MAX_UPLOAD_BYTES=100_000)
def test_it_refuses_a_zip_bomb_that_lies_about_its_sizes(
    api: Api, existing: tuple[int, int]
) -> None:
    honest = make_zip({"Habits.csv": HEADER + "0" * 300_000})
    bomb = _lie_about_sizes(honest, 10)

    response = upload(api, bomb)

    assert response.status_code == 422
    assert response.json()["file"] in ("export.zip", "Habits.csv")


def test_it_refuses_a_file_that_says_zip_but_is_not_one(
    api: Api, existing: tuple[int, int]
) -> None:
    response = upload(api, b"PK\x03\x04 this is not really a zip at all")

    assert response.status_code == 422
    assert response.json() == {
        "detail": "is not a readable zip archive",
        "code": "import_invalid",
        "file": "export.zip",
        "line": None,
    }


def test_it_refuses_a_json_habit_with_an_invalid_schedule(
    api: Api, existing: tuple[int, int]
) -> None:
    doc = (
        b'{"format": "habit-tracker", "version": 1, "habits": [{"name": "Run", '
        b'"start_date": "2024-01-01", "schedule": {"type": "times_per_week", "times": 9}}]}'
    )

    response = upload(api, doc, "export.json")

    assert response.status_code == 422
    assert response.json()["detail"].startswith("habits.0.schedule.times_per_week.times")


def test_it_asks_for_a_login(anon: Api) -> None:
    response = anon.client.post(
        "/api/import", {"file": SimpleUploadedFile("x.zip", b"x")}, **anon._headers()
    )

    assert response.status_code == 401
