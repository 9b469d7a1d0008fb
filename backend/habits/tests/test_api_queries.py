"""Query counts are part of the contract: they must not grow with habits or entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.cache import cache

from conftest import Api
from habits.models import Entry, Habit
from habits.selectors import user_today
from habits.tests.factories import habit_for
from users.models import User

pytestmark = pytest.mark.django_db

# Session (cached_db may read the row), user, habits, entries; +1 entries query on a cold cache.
LIST_QUERIES = 4
TODAY_QUERIES = 6
STATS_QUERIES = 5


def seed(user: User, habits: int, days: int) -> list[Habit]:
    today = user_today(user)
    created = [
        habit_for(user, name=f"H{n}", start_date=today - dt.timedelta(days=days))
        for n in range(habits)
    ]
    Entry.objects.bulk_create(
        Entry(habit=habit, date=today - dt.timedelta(days=d), status="done")
        for habit in created
        for d in range(0, days, 2)
    )
    return created


@pytest.mark.parametrize("count", [1, 50])
def test_listing_habits_takes_a_fixed_number_of_queries(
    api: Api, user: User, count: int, django_assert_max_num_queries: Callable[..., object]
) -> None:
    seed(user, count, 10)
    with django_assert_max_num_queries(LIST_QUERIES):  # type: ignore[operator]
        assert len(api.get("/api/habits").json()) == count


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize("warm", [False, True])
def test_today_takes_a_fixed_number_of_queries(
    api: Api,
    user: User,
    count: int,
    warm: bool,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    seed(user, count, 60)
    cache.clear()
    if warm:
        api.get("/api/today")
    with django_assert_max_num_queries(TODAY_QUERIES):  # type: ignore[operator]
        assert len(api.get("/api/today").json()["items"]) == count


@pytest.mark.parametrize(("count", "days"), [(1, 30), (50, 30), (1, 3650)])
def test_stats_take_a_fixed_number_of_queries(
    api: Api,
    user: User,
    count: int,
    days: int,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    habits = seed(user, count, days)
    with django_assert_max_num_queries(STATS_QUERIES):  # type: ignore[operator]
        response = api.get(f"/api/habits/{habits[0].pk}/stats")
    assert response.status_code == 200


def test_a_check_in_is_four_statements_whatever_the_history(
    api: Api, user: User, django_assert_max_num_queries: Callable[..., object]
) -> None:
    # User, lock-and-renew the habit, upsert the entry, renew the user's version, and the
    # SAVEPOINT/RELEASE pair that the test's own transaction turns the write's into. The same
    # day's second PUT replaces the row in place.
    [habit] = seed(user, 1, 3650)
    today = user_today(user)
    for status in ("done", "skipped"):
        with django_assert_max_num_queries(6) as captured:  # type: ignore[operator]
            response = api.put(f"/api/habits/{habit.pk}/entries/{today}", {"status": status})
        assert response.json()["status"] == status
        assert sum("SAVEPOINT" in q["sql"] for q in captured.captured_queries) == 2
    assert Entry.objects.filter(habit=habit, date=today).count() == 1


@pytest.mark.parametrize(("days_back", "statements"), [(0, 4), (1, 4), (4000, 5)])
def test_back_filling_adds_a_statement_only_when_the_start_date_moves(
    api: Api,
    user: User,
    days_back: int,
    statements: int,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    # The habit started 3650 days ago: a check-in on or after that day leaves the start date
    # alone, one before it moves the start date back with one more statement (and the
    # SAVEPOINT/RELEASE pair of the test's transaction again).
    [habit] = seed(user, 1, 3650)
    day = habit.start_date + dt.timedelta(days=1) - dt.timedelta(days=days_back)
    with django_assert_max_num_queries(statements + 2) as captured:  # type: ignore[operator]
        response = api.put(f"/api/habits/{habit.pk}/entries/{day}", {"status": "done"})
    assert response.status_code == 200
    assert len(captured.captured_queries) == statements + 2
    habit.refresh_from_db()
    assert habit.start_date == min(day, user_today(user) - dt.timedelta(days=3650))
