from __future__ import annotations

import datetime as dt
import itertools

import pytest

from conftest import Api
from habits import rules
from habits.selectors import habit_entries_in, habit_spec, user_today
from habits.tests.factories import done_days, habit_for
from users.models import User

pytestmark = pytest.mark.django_db


def test_stats_are_the_rules_engines_numbers(api: Api, user: User) -> None:
    today = user_today(user)
    habit = habit_for(user, start_date=today - dt.timedelta(days=400))
    done_days(habit, [today - dt.timedelta(days=n) for n in range(0, 400, 2)])
    done_days(habit, [today - dt.timedelta(days=n) for n in range(1, 30, 6)], status="skipped")
    body = api.get(f"/api/habits/{habit.pk}/stats").json()
    expected = rules.habit_stats(habit_spec(habit), habit_entries_in(habit), today, user.week_start)
    assert body["current_streak"] == expected.current_streak
    assert body["best_streak"] == expected.best_streak
    assert body["score"] == pytest.approx(expected.score, abs=1e-12)
    assert body["total_done"] == expected.total_done == 200
    assert body["weekday_counts"] == expected.weekday_counts
    assert len(body["weekday_counts"]) == 7
    assert body["completion"] == pytest.approx(expected.completion)
    assert [s["length"] for s in body["streaks"]] == [s.length for s in expected.streaks]
    assert len(body["streaks"]) <= 10
    assert body["monthly"][-1]["month"] == today.strftime("%Y-%m")
    assert body["score_history"][-1] == {
        "date": today.isoformat(),
        "score": pytest.approx(expected.score),
    }


def test_score_history_is_daily_for_a_year_then_weekly(api: Api, user: User) -> None:
    today = user_today(user)
    habit = habit_for(user, start_date=today - dt.timedelta(days=800))
    history = api.get(f"/api/habits/{habit.pk}/stats").json()["score_history"]
    dates = [dt.date.fromisoformat(point["date"]) for point in history]
    recent = [d for d in dates if d > today - dt.timedelta(days=365)]
    older = [d for d in dates if d <= today - dt.timedelta(days=365)]
    assert len(recent) >= 364
    assert all((b - a).days == 7 for a, b in itertools.pairwise(older))


def test_a_measurable_habit_counts_days_that_meet_the_target(api: Api, user: User) -> None:
    today = user_today(user)
    habit = habit_for(user, kind="measurable", target=2, start_date=today - dt.timedelta(days=3))
    for n, value in enumerate([2, 1, 3]):
        api.put(f"/api/habits/{habit.pk}/entries/{today - dt.timedelta(days=n)}", {"value": value})
    body = api.get(f"/api/habits/{habit.pk}/stats").json()
    assert body["total_done"] == 2
    assert body["current_streak"] == 1
