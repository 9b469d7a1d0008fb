from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from conftest import Api
from habits.models import Entry, Habit
from habits.tests.factories import habit_for
from users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def habit(user: User) -> Habit:
    return habit_for(user)


@pytest.fixture
def measurable(user: User) -> Habit:
    return habit_for(user, name="Water", kind="measurable", unit="glasses", target=8)


def url(habit: Habit, day: str) -> str:
    return f"/api/habits/{habit.pk}/entries/{day}"


def test_put_creates_then_replaces_one_entry(api: Api, habit: Habit) -> None:
    first = api.put(url(habit, "2026-01-05"), {"status": "done", "note": "felt good"})
    assert first.status_code == 200
    assert first.json() == {
        "date": "2026-01-05",
        "status": "done",
        "value": None,
        "note": "felt good",
    }
    api.put(url(habit, "2026-01-05"), {"status": "done", "note": "felt good"})
    second = api.put(url(habit, "2026-01-05"), {"status": "skipped"})
    assert second.json()["status"] == "skipped"
    assert habit.entries.count() == 1
    assert habit.entries.get().note == ""


def test_a_measurable_habit_takes_a_value(api: Api, measurable: Habit) -> None:
    response = api.put(url(measurable, "2026-01-05"), {"value": 6.5})
    assert response.status_code == 200
    assert response.json()["value"] == 6.5
    assert api.put(url(measurable, "2026-01-06"), {"status": "skipped"}).status_code == 200


@pytest.mark.parametrize(
    ("kind", "body", "field"),
    [
        ("boolean", {"value": 3}, "value"),
        ("measurable", {"status": "done"}, "status"),
        ("boolean", {}, "status"),
        ("boolean", {"status": "maybe"}, "status"),
        ("measurable", {"value": "Infinity"}, "value"),
        ("measurable", {"value": 1e300}, "value"),
        ("boolean", {"status": "done", "note": "n" * 5001}, "note"),
    ],
)
def test_it_rejects_entries_that_do_not_fit_the_habit(
    api: Api, user: User, kind: str, body: dict[str, Any], field: str
) -> None:
    habit = habit_for(user, kind=kind)
    response = api.put(url(habit, "2026-01-05"), body)
    assert response.status_code == 422
    assert field in str(response.json()["detail"][0]["loc"])
    assert not Entry.objects.exists()


def test_a_note_alone_records_a_missed_day_with_a_reason(api: Api, habit: Habit) -> None:
    response = api.put(url(habit, "2026-01-05"), {"note": "sick"})
    assert response.status_code == 200
    assert response.json() == {"date": "2026-01-05", "status": None, "value": None, "note": "sick"}


def test_dates_after_local_today_are_refused(api: Api, habit: Habit) -> None:
    tomorrow = (timezone.now() + dt.timedelta(days=2)).date().isoformat()
    response = api.put(url(habit, tomorrow), {"status": "done"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "date"


@pytest.mark.parametrize(
    "body", [{"status": "done"}, {"status": "skipped"}, {"note": "on holiday, still read"}]
)
def test_an_entry_before_the_start_date_moves_the_start_date_back_to_it(
    api: Api, habit: Habit, body: dict[str, Any]
) -> None:
    response = api.put(url(habit, "2019-12-29"), body)
    assert response.status_code == 200, response.content
    assert api.get(f"/api/habits/{habit.pk}").json()["start_date"] == "2019-12-29"
    # A later entry, and removing the earliest one, leave the start where it is.
    assert api.put(url(habit, "2019-12-31"), {"status": "done"}).status_code == 200
    assert api.delete(url(habit, "2019-12-29")).status_code == 204
    assert Habit.objects.get(pk=habit.pk).start_date == dt.date(2019, 12, 29)


def test_a_measurable_value_before_the_start_date_moves_it_back(
    api: Api, measurable: Habit
) -> None:
    assert api.put(url(measurable, "2019-06-01"), {"value": 3}).status_code == 200
    assert Habit.objects.get(pk=measurable.pk).start_date == dt.date(2019, 6, 1)


@pytest.mark.parametrize(
    ("day", "body", "field"),
    [
        ("2019-12-31", {"status": "done", "value": 2}, "value"),
        ("2019-12-31", {}, "status"),
        ("1899-12-31", {"status": "done"}, "date"),
        ("0001-01-01", {"status": "done"}, "date"),
    ],
)
def test_a_refused_entry_before_the_start_date_leaves_the_start_date_alone(
    api: Api, habit: Habit, day: str, body: dict[str, Any], field: str
) -> None:
    response = api.put(url(habit, day), body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field
    assert Habit.objects.get(pk=habit.pk).start_date == dt.date(2020, 1, 1)
    assert not Entry.objects.exists()


def test_back_filling_three_days_of_a_habit_created_today_counts_them_at_once(
    api: Api, user: User
) -> None:
    created = api.post("/api/habits", {"name": "Stretch"}).json()
    today = dt.date.fromisoformat(created["start_date"])
    before = api.get("/api/today").json()["items"][0]
    for n in (3, 2, 1):
        day = today - dt.timedelta(days=n)
        path = f"/api/habits/{created['id']}/entries/{day}"
        assert api.put(path, {"status": "done"}).status_code == 200
    habit = api.get(f"/api/habits/{created['id']}").json()
    assert habit["start_date"] == str(today - dt.timedelta(days=3))
    item = api.get("/api/today").json()["items"][0]
    assert (item["current_streak"], item["best_streak"]) == (3, 3)
    assert item["score"] > before["score"] == 0.0
    yesterday = api.get("/api/today", date=str(today - dt.timedelta(days=1))).json()["items"][0]
    assert (yesterday["before_start"], yesterday["done"]) == (False, True)


@pytest.mark.parametrize("day", ["2026-02-30", "0000-01-01", "yesterday", "9999-12-31"])
def test_unparseable_or_absurd_dates_answer_422(api: Api, habit: Habit, day: str) -> None:
    assert api.put(url(habit, day), {"status": "done"}).status_code == 422


def test_delete_removes_the_entry_and_answers_204_also_when_absent(api: Api, habit: Habit) -> None:
    api.put(url(habit, "2026-01-05"), {"status": "done"})
    assert api.delete(url(habit, "2026-01-05")).status_code == 204
    assert api.delete(url(habit, "2026-01-05")).status_code == 204
    assert not habit.entries.exists()


def test_it_lists_entries_in_a_range(api: Api, habit: Habit) -> None:
    for day in ["2026-01-01", "2026-01-05", "2026-02-01"]:
        api.put(url(habit, day), {"status": "done"})
    response = api.get(
        f"/api/habits/{habit.pk}/entries", **{"from": "2026-01-01", "to": "2026-01-31"}
    )
    assert [e["date"] for e in response.json()] == ["2026-01-01", "2026-01-05"]


@pytest.mark.parametrize(
    "span", [{"from": "2026-02-01", "to": "2026-01-01"}, {"from": "2000-01-01", "to": "2026-01-01"}]
)
def test_entry_ranges_must_be_ordered_and_bounded(
    api: Api, habit: Habit, span: dict[str, str]
) -> None:
    response = api.get(f"/api/habits/{habit.pk}/entries", **span)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "from"


def test_a_user_whose_day_starts_at_four_checks_in_for_yesterday_at_two(
    api: Api, user: User
) -> None:
    from habits.selectors import user_today

    user.timezone = "Europe/Berlin"
    user.day_start_hour = 4
    user.save()
    two_am_berlin = dt.datetime(2026, 3, 10, 1, 0, tzinfo=dt.UTC)  # 02:00 in Berlin
    assert user_today(user, now=two_am_berlin) == dt.date(2026, 3, 9)
