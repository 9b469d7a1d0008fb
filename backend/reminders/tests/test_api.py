"""The reminder API: several reminders per habit, bad input named, other people's are 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from conftest import Api
from habits.models import Habit
from habits.tests.factories import habit_for
from reminders.models import Reminder
from users.models import User

pytestmark = pytest.mark.django_db


def refused_field(response: Any) -> str:
    assert response.status_code == 422, response.content
    return str(response.json()["detail"][0]["loc"][-1])


@pytest.fixture
def habit(user: User) -> Habit:
    return habit_for(user, name="Read", schedule_type="weekdays", schedule_weekdays=0b0011111)


def test_a_reminder_is_created_with_the_habit_s_days_push_and_only_if_not_done(
    api: Api, habit: Habit
) -> None:
    response = api.post(f"/api/habits/{habit.pk}/reminders", {"time": "08:30"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["time"] == "08:30"
    assert body["weekdays"] == ["mon", "tue", "wed", "thu", "fri"]
    assert body["follows_habit_schedule"] is True
    assert body["only_if_not_done"] is True
    assert body["channels"] == ["push"]
    assert body["next_fire_at"] is not None
    reminder = Reminder.objects.get()
    assert reminder.next_fire_at is not None
    assert reminder.next_date is not None
    assert reminder.next_date.weekday() < 5


def test_a_habit_has_several_reminders_listed_earliest_first(api: Api, habit: Habit) -> None:
    for time in ("20:00", "07:15", "12:00"):
        api.post(
            f"/api/habits/{habit.pk}/reminders",
            {"time": time, "weekdays": ["sat", "sun"], "channels": ["email", "push"]},
        )
    listed = api.get(f"/api/habits/{habit.pk}/reminders").json()
    assert [r["time"] for r in listed] == ["07:15", "12:00", "20:00"]
    assert listed[0]["weekdays"] == ["sat", "sun"]
    assert listed[0]["channels"] == ["push", "email"]
    assert api.get(f"/api/habits/{habit.pk}").json()["reminder_time"] == "07:15"
    assert api.get("/api/habits").json()[0]["reminder_time"] == "07:15"


def test_a_reminder_is_changed_and_deleted(api: Api, habit: Habit) -> None:
    created = api.post(f"/api/habits/{habit.pk}/reminders", {"time": "08:00"}).json()
    changed = api.patch(
        f"/api/reminders/{created['id']}",
        {"time": "09:45", "weekdays": ["sun"], "only_if_not_done": False, "channels": ["email"]},
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["time"], body["weekdays"], body["only_if_not_done"], body["channels"]) == (
        "09:45", ["sun"], False, ["email"],
    )  # fmt: skip
    assert dt.datetime.fromisoformat(body["next_fire_at"]) != dt.datetime.fromisoformat(
        created["next_fire_at"]
    )
    back = api.patch(f"/api/reminders/{created['id']}", {"weekdays": None}).json()
    assert back["follows_habit_schedule"] is True
    assert back["time"] == "09:45"
    assert api.delete(f"/api/reminders/{created['id']}").status_code == 204
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"time": "08:00Z"}, "time"),
        ({"time": "08:00+02:00"}, "time"),
        ({"time": "08:00:00"}, "time"),
        ({"time": "08:00:30"}, "time"),
        ({"time": "24:00"}, "time"),
        ({"time": "8:00"}, "time"),
        ({"time": 28800}, "time"),
        ({"time": "08:00\x00"}, "time"),
        ({}, "time"),
        ({"time": "08:00", "weekdays": []}, "weekdays"),
        ({"time": "08:00", "weekdays": ["monday"]}, "weekdays"),
        ({"time": "08:00", "weekdays": ["mon", "mon"]}, "weekdays"),
        ({"time": "08:00", "channels": ["sms"]}, "channels"),
        ({"time": "08:00", "channels": []}, "channels"),
        ({"time": "08:00", "only_if_not_done": "perhaps"}, "only_if_not_done"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    api: Api, habit: Habit, body: dict[str, Any], field: str
) -> None:
    response = api.post(f"/api/habits/{habit.pk}/reminders", body)
    assert response.status_code == 422, response.content
    assert field in response.json()["detail"][0]["loc"]
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"time": "07:00+01:00"}, "time"),
        ({"time": None}, "time"),
        ({"channels": None}, "channels"),
        ({"weekdays": []}, "weekdays"),
        ({"channels": ["pager"]}, "channels"),
    ],
)
def test_a_bad_change_is_refused_naming_the_field(
    api: Api, habit: Habit, body: dict[str, Any], field: str
) -> None:
    created = api.post(f"/api/habits/{habit.pk}/reminders", {"time": "08:00"}).json()
    response = api.patch(f"/api/reminders/{created['id']}", body)
    assert response.status_code == 422, response.content
    assert field in response.json()["detail"][0]["loc"]
    assert Reminder.objects.get().time == dt.time(8)


def test_other_people_s_habits_and_reminders_answer_404(
    api: Api, other_api: Api, habit: Habit
) -> None:
    created = api.post(f"/api/habits/{habit.pk}/reminders", {"time": "08:00"}).json()
    assert other_api.get(f"/api/habits/{habit.pk}/reminders").status_code == 404
    assert other_api.post(f"/api/habits/{habit.pk}/reminders", {"time": "09:00"}).status_code == 404
    assert other_api.patch(f"/api/reminders/{created['id']}", {"time": "09:00"}).status_code == 404
    assert other_api.delete(f"/api/reminders/{created['id']}").status_code == 404
    assert other_api.delete("/api/reminders/99999999").status_code == 404
    assert other_api.delete(f"/api/reminders/{2**70}").status_code in (404, 422)
    assert Reminder.objects.get().time == dt.time(8)


def test_an_older_client_s_reminder_time_sets_the_first_reminder(api: Api) -> None:
    created = api.post("/api/habits", {"name": "Run", "reminder_time": "06:30"}).json()
    assert created["reminder_time"] == "06:30"
    assert Reminder.objects.get().time == dt.time(6, 30)
    api.post(f"/api/habits/{created['id']}/reminders", {"time": "21:00"})
    moved = api.patch(f"/api/habits/{created['id']}", {"reminder_time": "07:00"}).json()
    assert moved["reminder_time"] == "07:00"
    assert sorted(Reminder.objects.values_list("time", flat=True)) == [dt.time(7), dt.time(21)]
    cleared = api.patch(f"/api/habits/{created['id']}", {"reminder_time": None}).json()
    assert cleared["reminder_time"] == "21:00"


@pytest.mark.parametrize("time", ["08:00Z", "08:00+02:00", "08:00:00+02:00"])
def test_an_older_client_s_reminder_time_with_an_offset_is_refused_not_a_500(
    api: Api, time: str
) -> None:
    assert refused_field(api.post("/api/habits", {"name": "Run", "reminder_time": time})) == (
        "reminder_time"
    )


def test_archiving_a_habit_stops_its_reminders_and_unarchiving_restarts_them(
    api: Api, habit: Habit
) -> None:
    api.post(f"/api/habits/{habit.pk}/reminders", {"time": "08:00"})
    api.patch(f"/api/habits/{habit.pk}", {"archived": True})
    assert Reminder.objects.get().next_fire_at is None
    assert api.get(f"/api/habits/{habit.pk}/reminders").json()[0]["next_fire_at"] is None
    api.patch(f"/api/habits/{habit.pk}", {"archived": False})
    assert Reminder.objects.get().next_fire_at is not None


def test_a_new_schedule_moves_a_reminder_that_follows_the_habit_s_days(
    api: Api, habit: Habit
) -> None:
    api.post(f"/api/habits/{habit.pk}/reminders", {"time": "08:00"})
    api.patch(f"/api/habits/{habit.pk}", {"schedule": {"type": "weekdays", "days": ["sun"]}})
    reminder = Reminder.objects.get()
    assert reminder.next_date is not None
    assert reminder.next_date.weekday() == 6
    listed = api.get(f"/api/habits/{habit.pk}/reminders").json()
    assert listed[0]["weekdays"] == ["sun"]


def test_a_new_time_zone_moves_every_reminder_to_the_new_clock(
    api: Api, user: User, habit: Habit
) -> None:
    api.patch("/api/auth/me", {"timezone": "UTC"})
    api.post(f"/api/habits/{habit.pk}/reminders", {"time": "08:00", "weekdays": ["mon"]})
    utc = Reminder.objects.get().next_fire_at
    assert utc is not None
    assert (utc.hour, utc.minute) == (8, 0)
    assert api.patch("/api/auth/me", {"timezone": "Asia/Kathmandu"}).status_code == 200
    kathmandu = Reminder.objects.get().next_fire_at
    assert kathmandu is not None
    assert (kathmandu.hour, kathmandu.minute) == (2, 15)
    api.patch("/api/auth/me", {"day_start_hour": 9})
    # 08:00 is now before the day starts: Monday's reminder rings early on Tuesday.
    reminder = Reminder.objects.get()
    assert reminder.next_date is not None
    assert reminder.next_fire_at is not None
    assert reminder.next_date.weekday() == 0
    assert reminder.next_fire_at.astimezone(dt.UTC).date() == reminder.next_date + dt.timedelta(
        days=1
    )


def test_a_habit_holds_at_most_24_reminders(api: Api, habit: Habit) -> None:
    for hour in range(24):
        assert (
            api.post(f"/api/habits/{habit.pk}/reminders", {"time": f"{hour:02}:00"}).status_code
            == 201
        )
    assert refused_field(api.post(f"/api/habits/{habit.pk}/reminders", {"time": "23:30"})) == (
        "time"
    )


@pytest.mark.parametrize("count", [1, 50])
def test_listing_reminders_takes_a_fixed_number_of_queries(
    api: Api, habit: Habit, count: int, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    Reminder.objects.bulk_create(
        [
            Reminder(habit=habit, user=habit.owner, time=dt.time(i % 24, i % 60))
            for i in range(count)
        ]
    )
    api.get(f"/api/habits/{habit.pk}/reminders")
    with django_assert_max_num_queries(4):
        assert len(api.get(f"/api/habits/{habit.pk}/reminders").json()) == count


@pytest.mark.parametrize("count", [1, 50])
def test_listing_habits_with_reminders_takes_a_fixed_number_of_queries(
    api: Api, user: User, count: int, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    for i in range(count):
        habit = habit_for(user, name=f"H{i}")
        Reminder.objects.create(habit=habit, user=user, time=dt.time(8))
    api.get("/api/habits")
    with django_assert_max_num_queries(4):
        listed = api.get("/api/habits").json()
    assert [h["reminder_time"] for h in listed] == ["08:00"] * count
    with django_assert_max_num_queries(8):
        ids = [h["id"] for h in listed]
        assert api.post("/api/habits/reorder", {"ids": ids}).status_code == 200


def _reminder_times(api: Api, habit: Habit) -> tuple[str | None, str | None]:
    """The habit's reminder_time as GET /api/habits and GET /api/today show it."""
    (listed,) = [row for row in api.get("/api/habits").json() if row["id"] == habit.pk]
    items = api.get("/api/today").json()["items"]
    (today,) = [item["habit"] for item in items if item["habit"]["id"] == habit.pk]
    return listed["reminder_time"], today["reminder_time"]


def test_a_reminder_change_is_seen_at_once_in_the_habits_list_and_today(
    api: Api, habit: Habit, user: User
) -> None:
    # Both reads are cached under the person's data_version: each reminder write must renew it.
    assert _reminder_times(api, habit) == (None, None)
    version = User.objects.get(pk=user.pk).data_version
    created = api.post(f"/api/habits/{habit.pk}/reminders", {"time": "08:30"}).json()
    assert User.objects.get(pk=user.pk).data_version != version
    assert _reminder_times(api, habit) == ("08:30", "08:30")
    assert api.patch(f"/api/reminders/{created['id']}", {"time": "07:15"}).status_code == 200
    assert _reminder_times(api, habit) == ("07:15", "07:15")
    assert api.delete(f"/api/reminders/{created['id']}").status_code == 204
    assert _reminder_times(api, habit) == (None, None)
