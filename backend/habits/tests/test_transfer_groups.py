"""Groups in our JSON export and import; Loop's formats know no groups."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Api
from habits.models import Group, Habit
from habits.tests.factories import done_days, habit_for
from users.models import User

pytestmark = pytest.mark.django_db
START = dt.date(2024, 1, 1)


def export(api: Api, fmt: str = "json") -> bytes:
    response = api.client.get("/api/export", {"format": fmt})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def upload(api: Api, data: bytes, name: str = "habits.json") -> Any:
    return api.client.post(
        "/api/import", {"file": SimpleUploadedFile(name, data)}, **api._headers()
    )


def document(habits: list[dict[str, Any]], groups: list[dict[str, Any]] | None = None) -> bytes:
    doc: dict[str, Any] = {"format": "habit-tracker", "version": 1, "habits": habits}
    if groups is not None:
        doc["groups"] = groups
    return json.dumps(doc).encode()


@pytest.fixture
def grouped(user: User) -> dict[str, Any]:
    morning = Group.objects.create(owner=user, name="Morning", color="#f59e0b", icon="sun",
                                   position=0, collapsed=True)  # fmt: skip
    health = Group.objects.create(owner=user, name="Health", position=1)
    read = habit_for(user, name="Read", group=morning, start_date=START)
    run = habit_for(user, name="Run", group=health, start_date=START)
    loose = habit_for(user, name="Loose", start_date=START)
    done_days(read, [START, START + dt.timedelta(days=1)])
    return {"morning": morning, "health": health, "read": read, "run": run, "loose": loose}


def test_the_json_export_carries_groups_and_each_habits_group(
    api: Api, grouped: dict[str, Any]
) -> None:
    doc = json.loads(export(api))
    morning, health = grouped["morning"], grouped["health"]
    assert doc["groups"] == [
        {"id": morning.pk, "name": "Morning", "color": "#f59e0b", "icon": "sun", "position": 0,
         "collapsed": True},
        {"id": health.pk, "name": "Health", "color": "#4f46e5", "icon": "", "position": 1,
         "collapsed": False},
    ]  # fmt: skip
    assert [(h["name"], h["group_id"]) for h in doc["habits"]] == [
        ("Read", morning.pk),
        ("Run", health.pk),
        ("Loose", None),
    ]


def test_a_json_round_trip_to_another_account_rebuilds_the_groups(
    api: Api, other_api: Api, grouped: dict[str, Any]
) -> None:
    result = upload(other_api, export(api))
    assert result.status_code == 200, result.content
    bob = User.objects.get(email="bob@example.com")
    groups = list(
        Group.objects.filter(owner=bob).values_list(
            "name", "color", "icon", "position", "collapsed"
        )
    )
    assert groups == [("Morning", "#f59e0b", "sun", 0, True), ("Health", "#4f46e5", "", 1, False)]
    placed = Habit.objects.filter(owner=bob).order_by("position").values_list("name", "group__name")
    assert list(placed) == [("Read", "Morning"), ("Run", "Health"), ("Loose", None)]


def test_importing_into_an_account_keeps_its_groups_and_matches_them_by_name(
    api: Api, other_api: Api, user: User, grouped: dict[str, Any]
) -> None:
    data = export(api)
    bob = User.objects.get(email="bob@example.com")
    own = Group.objects.create(owner=bob, name="Evening", position=0)
    health = Group.objects.create(owner=bob, name="Health", color="#000000", position=1)
    kept = habit_for(bob, name="Sleep", group=own)
    assert upload(other_api, data).status_code == 200
    groups = Group.objects.filter(owner=bob).order_by("position", "pk")
    assert [(g.name, g.position) for g in groups] == [("Evening", 0), ("Health", 1), ("Morning", 2)]
    health.refresh_from_db()
    assert health.color == "#4f46e5"  # the file's colour, as a matched habit takes the file's
    kept.refresh_from_db()
    assert kept.group_id == own.pk
    assert Habit.objects.get(owner=bob, name="Run").group_id == health.pk


def test_importing_ones_own_export_twice_duplicates_no_group(
    api: Api, grouped: dict[str, Any]
) -> None:
    data = export(api)
    assert upload(api, data).status_code == 200
    assert upload(api, data).status_code == 200
    assert Group.objects.count() == 2
    assert Habit.objects.count() == 3
    assert Habit.objects.get(name="Read").group_id == grouped["morning"].pk


def test_a_restored_file_moves_habits_back_to_their_groups(
    api: Api, grouped: dict[str, Any]
) -> None:
    data = export(api)
    read = grouped["read"]
    api.patch(f"/api/habits/{read.pk}", {"group_id": None})
    api.patch(f"/api/habits/{grouped['loose'].pk}", {"group_id": grouped["health"].pk})
    assert upload(api, data).status_code == 200
    placed = dict(Habit.objects.values_list("name", "group_id"))
    assert placed == {"Read": grouped["morning"].pk, "Run": grouped["health"].pk, "Loose": None}


def test_a_file_without_groups_leaves_every_habits_group_alone(
    api: Api, grouped: dict[str, Any]
) -> None:
    data = document([{"name": "Read", "start_date": "2024-01-01"}])
    assert upload(api, data).status_code == 200
    assert Habit.objects.get(name="Read").group_id == grouped["morning"].pk


@pytest.mark.parametrize(
    ("groups", "habit", "reason"),
    [
        ([], {"group_id": 7}, "habits.0.group_id: no group with this id"),
        (
            [{"id": 1, "name": "A"}, {"id": 1, "name": "B"}],
            {},
            "groups: two groups have the same id",
        ),
        ([{"id": 1, "name": ""}], {}, "groups.0.name"),
        ([{"id": 1, "name": "A", "color": "blue"}], {}, "groups.0.color"),
        ([{"id": 1, "name": "A", "icon": "x" * 33}], {}, "groups.0.icon"),
        ([{"id": 1, "name": "a\x00"}], {}, "groups.0.name"),
        ([{"name": "A"}], {}, "groups.0.id"),
        ([{"id": 1, "name": "A", "position": -1}], {}, "groups.0.position"),
        ([], {"group_id": "one"}, "habits.0.group_id"),
    ],
)
def test_a_bad_group_in_the_file_is_refused_saying_where(
    api: Api, groups: list[dict[str, Any]], habit: dict[str, Any], reason: str
) -> None:
    data = document([{"name": "Read", "start_date": "2024-01-01", **habit}], groups)
    response = upload(api, data)
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith(reason)
    assert not Group.objects.exists()
    assert not Habit.objects.exists()


def test_the_loop_csv_export_lists_every_habit_ungrouped(api: Api, grouped: dict[str, Any]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(export(api, "loop-csv")))
    listed = list(csv.reader(io.StringIO(archive.read("Habits.csv").decode())))
    assert [row[1] for row in listed[1:]] == ["Read", "Run", "Loose"]
    assert not any("Morning" in name or "Health" in name for name in archive.namelist())


def test_a_loop_import_creates_habits_ungrouped_and_keeps_existing_habits_groups(
    api: Api, other_api: Api, grouped: dict[str, Any]
) -> None:
    data = export(api, "loop-csv")
    assert upload(other_api, data, "Loop Habits CSV.zip").status_code == 200
    bob = User.objects.get(email="bob@example.com")
    assert not Group.objects.filter(owner=bob).exists()
    assert not Habit.objects.filter(owner=bob, group__isnull=False).exists()
    # Into the account the export came from: habits match by name and stay in their groups.
    assert upload(api, data, "Loop Habits CSV.zip").status_code == 200
    assert Habit.objects.get(name="Read", owner=grouped["read"].owner).group_id == (
        grouped["morning"].pk
    )
