"""GET /api/overview: every active habit over a range, per day and per group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from conftest import Api
from habits.api_overview import OverviewOut
from habits.models import Entry, Group
from habits.selectors import user_today
from habits.tests.factories import done_days, habit_for
from users.models import User

pytestmark = pytest.mark.django_db
# Session (cached_db may read the row), user, habits, entries, groups.
OVERVIEW_QUERIES = 5


def get(api: Api, first: dt.date, last: dt.date) -> dict[str, object]:
    response = api.get("/api/overview", **{"from": str(first), "to": str(last)})
    assert response.status_code == 200, response.content
    # The body is rendered without the schema (for speed): it must still match it exactly.
    body = response.json()
    assert OverviewOut.model_validate(body).model_dump(mode="json", by_alias=True) == body
    return body  # type: ignore[no-any-return]


def test_the_overview_counts_each_habit_and_shares_each_day(api: Api, user: User) -> None:
    today = user_today(user)
    first = today - dt.timedelta(days=6)
    read = habit_for(user, name="Read", start_date=today - dt.timedelta(days=60))
    done_days(read, [today - dt.timedelta(days=n) for n in (1, 2, 3)])
    late = habit_for(user, name="Late", start_date=today - dt.timedelta(days=1))
    habit_for(user, name="Gone", archived=True)
    body = get(api, first, today)
    assert (body["from"], body["to"]) == (str(first), str(today))
    habits = {h["habit_id"]: h for h in body["habits"]}  # type: ignore[attr-defined]
    assert set(habits) == {read.pk, late.pk}
    assert habits[read.pk] == {
        "habit_id": read.pk, "group_id": None, "counts": "days", "done": 3.0, "expected": 6.0,
        "completion": 0.5, "score_start": habits[read.pk]["score_start"],
        "score_end": habits[read.pk]["score_end"], "best_streak": 3,
    }  # fmt: skip
    assert habits[read.pk]["score_end"] > habits[read.pk]["score_start"]
    assert (habits[late.pk]["done"], habits[late.pk]["expected"]) == (0.0, 1.0)
    days = body["days"]
    assert [d["date"] for d in days] == [str(first + dt.timedelta(days=n)) for n in range(7)]  # type: ignore[attr-defined]
    # Yesterday: Read done, Late due and not done; today: both open, neither done.
    assert [d["share_done"] for d in days][-2:] == [0.5, 0.0]  # type: ignore[attr-defined]


def test_a_check_in_shows_in_the_overview_at_once(api: Api, user: User) -> None:
    today = user_today(user)
    habit = habit_for(user, start_date=today - dt.timedelta(days=10))
    yesterday = today - dt.timedelta(days=1)
    before = get(api, today - dt.timedelta(days=6), today)["habits"][0]  # type: ignore[index]
    api.put(f"/api/habits/{habit.pk}/entries/{yesterday}", {"status": "done"})
    after = get(api, today - dt.timedelta(days=6), today)["habits"][0]  # type: ignore[index]
    assert (before["done"], after["done"]) == (0.0, 1.0)


def test_groups_total_their_habits(api: Api, user: User) -> None:
    today = user_today(user)
    morning = Group.objects.create(owner=user, name="Morning", position=0)
    empty = Group.objects.create(owner=user, name="Empty", position=1)
    start = today - dt.timedelta(days=30)
    a = habit_for(user, name="A", group=morning, start_date=start)
    b = habit_for(user, name="B", group=morning, start_date=start)
    habit_for(user, name="Loose", start_date=start)
    done_days(a, [today - dt.timedelta(days=n) for n in range(1, 5)])
    done_days(b, [today - dt.timedelta(days=1)])
    groups = get(api, today - dt.timedelta(days=4), today)["groups"]
    assert groups == [
        {"group_id": morning.pk, "done": 5.0, "expected": 8.0, "completion": (1.0 + 0.25) / 2},
        {"group_id": empty.pk, "done": 0.0, "expected": 0.0, "completion": None},
        {"group_id": None, "done": 0.0, "expected": 4.0, "completion": 0.0},
    ]


def test_another_persons_habits_and_groups_are_not_in_the_overview(
    api: Api, other_api: Api, user: User
) -> None:
    today = user_today(user)
    mine = habit_for(user, start_date=today - dt.timedelta(days=5))
    bob = User.objects.get(email="bob@example.com")
    habit_for(bob, start_date=today - dt.timedelta(days=5))
    Group.objects.create(owner=bob, name="Bob's")
    body = get(api, today - dt.timedelta(days=3), today)
    assert [h["habit_id"] for h in body["habits"]] == [mine.pk]  # type: ignore[attr-defined]
    assert [g["group_id"] for g in body["groups"]] == [None]  # type: ignore[attr-defined]
    theirs = other_api.get("/api/overview").json()
    assert mine.pk not in [h["habit_id"] for h in theirs["habits"]]


def test_the_range_defaults_to_the_30_days_ending_today(api: Api, user: User) -> None:
    today = user_today(user)
    body = api.get("/api/overview").json()
    assert (body["from"], body["to"]) == (str(today - dt.timedelta(days=29)), str(today))
    assert len(body["days"]) == 30


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-02-30", "to": "2026-03-01"}, "from"),
        ({"from": "2026-01-01", "to": "tomorrow"}, "to"),
        ({"from": "2026-03-01", "to": "2026-02-28"}, "to"),
        ({"from": "2025-01-01", "to": "2026-01-02"}, "to"),  # 367 days
        ({"from": "2999-01-01", "to": "2999-01-02"}, "to"),
    ],
)
def test_a_bad_range_answers_422_naming_the_field(
    api: Api, params: dict[str, str], field: str
) -> None:
    response = api.get("/api/overview", **params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field


def test_a_year_is_accepted(api: Api, user: User) -> None:
    habit_for(user, start_date=dt.date(2020, 1, 1))
    body = get(api, dt.date(2024, 1, 1), dt.date(2024, 12, 31))  # a leap year: 366 days
    assert len(body["days"]) == 366  # type: ignore[arg-type]


def test_the_overview_needs_a_session(anon: Api) -> None:
    assert anon.get("/api/overview").status_code == 401


@pytest.mark.parametrize("count", [1, 50])
def test_the_overview_takes_a_fixed_number_of_queries(
    api: Api, user: User, count: int, django_assert_max_num_queries: Callable[..., object]
) -> None:
    today = user_today(user)
    groups = [Group.objects.create(owner=user, name=f"G{n}") for n in range(3)]
    habits = [
        habit_for(user, name=f"H{n}", group=groups[n % 3], start_date=today - dt.timedelta(400))
        for n in range(count)
    ]
    Entry.objects.bulk_create(
        Entry(habit=h, date=today - dt.timedelta(days=d), status="done")
        for h in habits
        for d in range(0, 400, 2)
    )
    with django_assert_max_num_queries(OVERVIEW_QUERIES):  # type: ignore[operator]
        body = get(api, today - dt.timedelta(days=365), today)
    assert len(body["habits"]) == count  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "params", [{"to": "0001-01-03"}, {"from": "0001-01-01", "to": "0001-12-31"}]
)
def test_the_first_days_of_the_calendar_answer(
    api: Api, user: User, params: dict[str, str]
) -> None:
    for schedule in ({"type": "times_per_week", "times": 3}, {"type": "times_per_month", "times": 2},
                     {"type": "times_in_days", "times": 2, "days": 30}):  # fmt: skip
        api.post("/api/habits", {"name": "P", "schedule": schedule})
    response = api.get("/api/overview", **params)
    assert response.status_code == 200, response.content
    assert response.json()["days"][0]["date"] == "0001-01-01"
