"""GET /api/export?format=json: complete, versioned, streamed, and importable elsewhere."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Api
from habits.models import Entry, Habit
from habits.tests.factories import done_days, habit_for
from reminders.models import Reminder
from users.models import User

START = dt.date(2023, 1, 1)


def export(api: Api, fmt: str = "json") -> tuple[Any, bytes]:
    response = api.client.get("/api/export", {"format": fmt})
    return response, b"".join(response.streaming_content)


def upload(api: Api, data: bytes, name: str) -> Any:
    return api.client.post(
        "/api/import", {"file": SimpleUploadedFile(name, data)}, **api._headers()
    )


@pytest.fixture
def history(user: User) -> list[Habit]:
    """A varied account: every schedule type, both kinds, notes, skips, a reminder, an icon."""
    user.timezone = "Europe/Berlin"
    user.day_start_hour = 4
    user.week_start = 6
    user.save()
    run = habit_for(
        user,
        name="Run 🏃",
        description='Outside, "always"',
        icon="run",
        color="#10b981",
        loop_uuid="0f3a",
        start_date=START,
    )
    Reminder.objects.create(habit=run, user=user, time=dt.time(6, 45))
    Reminder.objects.create(habit=run, user=user, time=dt.time(20, 0), weekdays=0b1000001,
                            channels=3, only_if_not_done=False)  # fmt: skip
    days = [START + dt.timedelta(days=i) for i in range(0, 300, 2)]
    done_days(run, days)
    Entry.objects.create(habit=run, date=START + dt.timedelta(days=1), status="skipped")
    Entry.objects.create(habit=run, date=START + dt.timedelta(days=3), note="sick, stayed in")
    gym = habit_for(
        user,
        name="Gym",
        schedule_type="weekdays",
        schedule_weekdays=0b0010101,
        start_date=START,
        position=3,
    )
    done_days(gym, [START + dt.timedelta(days=7 * i) for i in range(30)], note="legs")
    water = habit_for(
        user,
        name="Water",
        kind="measurable",
        unit="glasses",
        target=Decimal("8.5"),
        step=Decimal("0.25"),
        schedule_type="times_in_days",
        schedule_times=3,
        schedule_days=10,
        start_date=START,
        position=7,
    )
    Entry.objects.bulk_create(
        [
            Entry(habit=water, date=START + dt.timedelta(days=i), value=Decimal(i % 9) / 4)
            for i in range(200)
        ]
    )
    beer = habit_for(
        user,
        name="Beer",
        kind="measurable",
        target=Decimal(2),
        target_type="at_most",
        schedule_type="times_per_month",
        schedule_times=4,
        schedule_days=30,
        archived=True,
        start_date=START,
        position=8,
    )
    Entry.objects.create(habit=beer, date=START, value=Decimal("3.125"), note="party")
    habit_for(
        user,
        name="Read",
        schedule_type="every_n_days",
        schedule_days=3,
        start_date=START,
        position=9,
    )
    return [run, gym, water, beer]


def test_the_export_holds_the_account_every_habit_field_and_every_entry(
    api: Api, history: list[Habit]
) -> None:
    response, body = export(api)

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="habits-')
    doc = json.loads(body)
    assert (doc["format"], doc["version"]) == ("habit-tracker", 1)
    assert doc["account"] == {"timezone": "Europe/Berlin", "day_start_hour": 4, "week_start": 6}
    assert [h["name"] for h in doc["habits"]] == ["Run 🏃", "Gym", "Water", "Beer", "Read"]
    run = doc["habits"][0]
    assert {k: v for k, v in run.items() if k != "entries"} == {
        "name": "Run 🏃",
        "description": 'Outside, "always"',
        "color": "#10b981",
        "icon": "run",
        "kind": "boolean",
        "unit": "",
        "target": 1.0,
        "target_type": "at_least",
        "step": 1.0,
        "schedule": {"type": "daily"},
        "start_date": "2023-01-01",
        "position": 0,
        "archived": False,
        "reminder_time": "06:45",
        "reminders": [
            {"time": "06:45", "weekdays": None, "only_if_not_done": True, "channels": ["push"]},
            {
                "time": "20:00",
                "weekdays": ["mon", "sun"],
                "only_if_not_done": False,
                "channels": ["push", "email"],
            },
        ],
        "loop_uuid": "0f3a",
        "group_id": None,
    }
    assert len(run["entries"]) == 152
    assert run["entries"][:3] == [
        {"date": "2023-01-01", "status": "done", "value": None, "note": ""},
        {"date": "2023-01-02", "status": "skipped", "value": None, "note": ""},
        {"date": "2023-01-03", "status": "done", "value": None, "note": ""},
    ]
    assert {"date": "2023-01-04", "status": None, "value": None, "note": "sick, stayed in"} in run[
        "entries"
    ]
    assert doc["habits"][1]["schedule"] == {"type": "weekdays", "days": ["mon", "wed", "fri"]}
    assert doc["habits"][2]["schedule"] == {"type": "times_in_days", "times": 3, "days": 10}
    assert doc["habits"][2]["step"] == 0.25
    assert len(doc["habits"][2]["entries"]) == 200
    assert doc["habits"][3]["entries"] == [
        {"date": "2023-01-01", "status": None, "value": 3.125, "note": "party"}
    ]
    assert doc["habits"][4]["entries"] == []


def without_stamp(data: bytes) -> dict[str, Any]:
    doc = json.loads(data)
    doc.pop("exported_at")
    return doc


def test_export_import_into_a_fresh_account_and_export_again_gives_the_same_json(
    api: Api, other_api: Api, history: list[Habit]
) -> None:
    _, first = export(api)

    response = upload(other_api, first, "habits.json")

    assert response.status_code == 200, response.json()
    assert response.json() == {
        "habits_created": 5,
        "habits_updated": 0,
        "entries_created": Entry.objects.count() // 2,
        "entries_updated": 0,
    }
    _, second = export(other_api)
    assert without_stamp(second) == without_stamp(first)
    assert Habit.objects.get(owner__email="bob@example.com", name="Water").step == Decimal("0.25")
    bob = User.objects.get(email="bob@example.com")
    assert (bob.timezone, bob.day_start_hour, bob.week_start) == ("Europe/Berlin", 4, 6)


def test_importing_our_own_export_again_changes_nothing(
    api: Api, user: User, history: list[Habit]
) -> None:
    _, data = export(api)
    counts = (Habit.objects.count(), Entry.objects.count())

    response = upload(api, data, "habits.json")

    assert response.json() == {
        "habits_created": 0,
        "habits_updated": 5,
        "entries_created": 0,
        "entries_updated": 0,
    }
    assert (Habit.objects.count(), Entry.objects.count()) == counts


def test_another_users_data_never_appears_in_an_export(
    api: Api, other_api: Api, history: list[Habit]
) -> None:
    bob = User.objects.get(email="bob@example.com")
    secret = habit_for(bob, name="Secret habit")
    done_days(secret, [START], note="private note")

    for fmt in ("json", "loop-csv"):
        _, body = export(api, fmt)
        assert b"Secret" not in body
        assert b"private note" not in body
    _, bobs = export(other_api)
    assert [h["name"] for h in json.loads(bobs)["habits"]] == ["Secret habit"]


def test_an_account_without_habits_exports_an_empty_list(api: Api) -> None:
    _, body = export(api)

    assert json.loads(body)["habits"] == []


def test_it_refuses_an_unknown_export_format(api: Api) -> None:
    response = api.client.get("/api/export", {"format": "xml"})

    assert response.status_code == 422


def test_it_asks_for_a_login_to_export(anon: Api) -> None:
    assert anon.client.get("/api/export").status_code == 401


def test_the_export_query_count_does_not_grow_with_entries(
    api: Api, history: list[Habit], django_assert_max_num_queries: Any
) -> None:
    # One query for the habits and one per habit's entries, however long the history.
    with django_assert_max_num_queries(2 + len(history) + 1 + 3):
        export(api)


def test_an_imported_entry_before_the_start_date_moves_the_start_date_back(
    api: Api, user: User, history: list[Habit]
) -> None:
    # As a check-in before the start date does: a habit starts no later than its first entry.
    _, data = export(api)
    document = json.loads(data)
    first = document["habits"][0]
    first["start_date"] = "2023-06-01"
    first["entries"].append({"date": "2022-12-25", "status": "done", "value": None, "note": ""})

    response = upload(api, json.dumps(document).encode(), "habits.json")

    assert response.status_code == 200, response.json()
    habit = Habit.objects.get(owner=user, name=first["name"])
    assert habit.start_date == dt.date(2022, 12, 25)
    assert habit.entries.filter(date=dt.date(2022, 12, 25)).exists()


def test_an_export_from_before_the_step_imports_with_a_step_of_one(
    api: Api, other_api: Api, history: list[Habit]
) -> None:
    _, data = export(api)
    document = json.loads(data)
    for habit in document["habits"]:
        del habit["step"]

    response = upload(other_api, json.dumps(document).encode(), "habits.json")

    assert response.status_code == 200, response.json()
    steps = Habit.objects.filter(owner__email="bob@example.com").values_list("step", flat=True)
    assert set(steps) == {Decimal(1)}


def test_importing_an_export_without_steps_keeps_the_steps_habits_have(
    api: Api, user: User, history: list[Habit]
) -> None:
    # The file does not say, so an update does not reset a step set since (as for Loop's files).
    _, data = export(api)
    document = json.loads(data)
    for habit in document["habits"]:
        del habit["step"]

    assert upload(api, json.dumps(document).encode(), "habits.json").status_code == 200

    assert Habit.objects.get(owner=user, name="Water").step == Decimal("0.25")


def test_a_changed_step_in_an_export_updates_the_habit(
    api: Api, user: User, history: list[Habit]
) -> None:
    _, data = export(api)
    document = json.loads(data)
    document["habits"][2]["step"] = 250

    assert upload(api, json.dumps(document).encode(), "habits.json").status_code == 200

    assert Habit.objects.get(owner=user, name="Water").step == Decimal(250)


@pytest.mark.parametrize("step", [0, -5, "NaN", 0.0001, 1e10, "many"])
def test_an_export_with_a_bad_step_is_refused_naming_it(
    api: Api, other_api: Api, history: list[Habit], step: Any
) -> None:
    _, data = export(api)
    document = json.loads(data)
    document["habits"][2]["step"] = step

    response = upload(other_api, json.dumps(document).encode(), "habits.json")

    assert response.status_code == 422, response.json()
    assert response.json()["detail"].startswith("habits.2.step:")
    assert not Habit.objects.filter(owner__email="bob@example.com").exists()
