"""Statistics: completion, totals, weekday and monthly counts, score history, summary."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from habits.rules import EntryIn, HabitSpec, Schedule, Summary, habit_stats, summary

TODAY = date(2024, 3, 3)  # a Sunday, just after 29 February
DAILY = Schedule("daily")


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_it_reports_completion_as_done_over_due_for_each_window() -> None:
    # Done every other day for 400 days, today done.
    entries = [EntryIn(ago(i), "done") for i in range(0, 400, 2)]
    stats = habit_stats(HabitSpec(DAILY, ago(399)), entries, TODAY)
    assert stats.completion["last_7_days"] == pytest.approx(4 / 7)
    assert stats.completion["last_30_days"] == pytest.approx(15 / 30)
    assert stats.completion["last_365_days"] == pytest.approx(183 / 365)
    assert stats.completion["all_time"] == pytest.approx(200 / 400)
    assert stats.total_done == 200


def test_it_reports_no_completion_when_nothing_was_due() -> None:
    stats = habit_stats(HabitSpec(DAILY, TODAY), [], TODAY)
    assert stats.completion == {
        "last_7_days": None,
        "last_30_days": None,
        "last_365_days": None,
        "all_time": None,
    }
    assert stats.total_done == 0
    assert stats.streaks == []


def test_skipped_and_not_due_days_are_not_due() -> None:
    tue = HabitSpec(Schedule("weekdays", weekdays=frozenset({1})), ago(6))
    entries = [EntryIn(ago(5), "skipped")]  # the only Tuesday
    assert habit_stats(tue, entries, TODAY).completion["last_7_days"] is None


def test_it_counts_done_days_per_weekday_monday_first() -> None:
    entries = [EntryIn(ago(i), "done") for i in range(14)]  # two full weeks
    entries.append(EntryIn(ago(20), "done"))  # a Monday
    stats = habit_stats(HabitSpec(DAILY, ago(30)), entries, TODAY)
    assert ago(20).weekday() == 0
    assert stats.weekday_counts == [3, 2, 2, 2, 2, 2, 2]


def test_it_counts_done_and_due_days_per_month_including_29_february() -> None:
    entries = [EntryIn(date(2024, 2, d), "done") for d in range(1, 30)]
    stats = habit_stats(HabitSpec(DAILY, date(2024, 1, 30)), entries, TODAY)
    # Today (3 March) is still open, so March has two due days so far.
    assert stats.monthly == [("2024-01", 0, 2), ("2024-02", 29, 29), ("2024-03", 0, 2)]


def test_the_score_history_is_daily_for_a_year_then_weekly() -> None:
    entries = [EntryIn(ago(i), "done") for i in range(1000)]
    stats = habit_stats(HabitSpec(DAILY, ago(999)), entries, TODAY)
    days = [d for d, _ in stats.score_history]
    assert days == sorted(days)
    assert days[-1] == TODAY
    assert days[-365:] == [ago(i) for i in range(364, -1, -1)]
    older = days[:-365]
    assert all((b - a).days == 7 for a, b in itertools.pairwise(older))
    assert (days[-365] - older[-1]).days == 7
    assert stats.score_history[-1][1] == stats.score


def test_the_summary_agrees_with_the_full_statistics() -> None:
    entries = [EntryIn(ago(i), "done") for i in range(0, 200) if i % 5]
    habit = HabitSpec(DAILY, ago(199))
    stats = habit_stats(habit, entries, TODAY)
    s = summary(habit, entries, TODAY)
    assert (s.score, s.current_streak, s.best_streak) == (
        stats.score,
        stats.current_streak,
        stats.best_streak,
    )


def test_the_summary_reports_todays_period() -> None:
    weekly = HabitSpec(Schedule("times_per_week", times=3), ago(30))
    entries = [EntryIn(ago(1), "done"), EntryIn(ago(2), "done")]  # Saturday, Friday
    s = summary(weekly, entries, TODAY)
    assert (s.period_done, s.period_target, s.due_today) == (2.0, 3.0, True)
    sunday_start = summary(weekly, entries, TODAY, week_start=6)
    assert (sunday_start.period_done, sunday_start.due_today) == (0.0, True)


def test_a_habit_that_starts_in_the_future_has_an_empty_summary() -> None:
    s = summary(HabitSpec(DAILY, TODAY + timedelta(days=3)), [], TODAY)
    assert s == Summary(0.0, 0, 0, True, 0.0, 1.0)


def test_entries_after_today_are_ignored() -> None:
    habit = HabitSpec(DAILY, ago(10))
    future = [EntryIn(TODAY + timedelta(days=1), "done")]
    assert summary(habit, future, TODAY) == summary(habit, [], TODAY)
