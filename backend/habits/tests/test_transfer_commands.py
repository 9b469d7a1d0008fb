"""manage.py import_habits and export_habits: the same services as the API."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from habits.models import Entry, Habit
from habits.tests.factories import done_days, habit_for
from users.models import User

FIXTURE = Path(__file__).parent / "fixtures" / "Loop Habits CSV 2024-06-15.zip"


def test_import_habits_imports_a_loop_export_for_the_user(user: User) -> None:
    out = io.StringIO()

    call_command("import_habits", "--user", "ADA@example.com", str(FIXTURE), stdout=out)

    assert Habit.objects.filter(owner=user).count() == 6
    entries = Entry.objects.filter(habit__owner=user).count()
    assert out.getvalue().strip() == (
        f"habits created: 6, updated: 0; entries created: {entries}, updated: 0"
    )


def test_import_habits_reports_a_bad_file_with_its_line_and_writes_nothing(
    user: User, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("Habits.csv", "Position,Name\n001,Run\n")

    with pytest.raises(CommandError, match=r"Habits.csv, line 1: missing column\(s\): Type"):
        call_command("import_habits", "--user", user.email, str(bad))

    assert Habit.objects.count() == 0


def test_import_habits_refuses_an_unknown_user(db: None) -> None:
    with pytest.raises(CommandError, match="no user with email"):
        call_command("import_habits", "--user", "nobody@example.com", str(FIXTURE))


def test_export_habits_writes_json_to_a_file(user: User, tmp_path: Path) -> None:
    done_days(habit_for(user, name="Read"), [user.date_joined.date()])
    target = tmp_path / "out.json"

    call_command("export_habits", "--user", user.email, "--format", "json", "--output", str(target))

    doc = json.loads(target.read_bytes())
    assert [h["name"] for h in doc["habits"]] == ["Read"]
    assert len(doc["habits"][0]["entries"]) == 1


def test_export_habits_writes_a_loop_zip_that_imports_back(user: User, tmp_path: Path) -> None:
    call_command("import_habits", "--user", user.email, str(FIXTURE), stdout=io.StringIO())
    target = tmp_path / "loop.zip"

    call_command(
        "export_habits", "--user", user.email, "--format", "loop-csv", "--output", str(target)
    )

    assert "006 Journal/Checkmarks.csv" in zipfile.ZipFile(target).namelist()
    other = User.objects.create_user(email="bob@example.com", password="x" * 20)
    call_command("import_habits", "--user", other.email, str(target), stdout=io.StringIO())
    assert (
        Entry.objects.filter(habit__owner=other).count()
        == Entry.objects.filter(habit__owner=user).count()
    )


def test_export_habits_writes_json_to_stdout(user: User) -> None:
    habit_for(user, name="Stretch")
    out = io.StringIO()

    call_command("export_habits", "--user", user.email, stdout=out)

    assert json.loads(out.getvalue())["habits"][0]["name"] == "Stretch"
