"""Statistics: completion, totals, weekday and monthly counts, score history, summary."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habits.rules import EntryIn, HabitSpec, Schedule, Streak, Summary, habit_stats, summary
from habits.tests.fixtures.make_loop_fixtures import SKIP, YES_MANUAL, loop_scores

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
    assert s == Summary(0.0, 0, 0, True, 0.0, 1.0, False, None)


def test_entries_after_today_are_ignored() -> None:
    habit = HabitSpec(DAILY, ago(10))
    future = [EntryIn(TODAY + timedelta(days=1), "done")]
    assert summary(habit, future, TODAY) == summary(habit, [], TODAY)


# Quota habits: due every day until the period's quota is met, as in Loop (issue 18).
MONDAY = ago(6)  # 26 February 2024; TODAY is the Sunday that ends this week
THREE_A_WEEK = Schedule("times_per_week", times=3)


def test_a_quota_habit_is_due_every_day_until_the_quota_is_met() -> None:
    habit = HabitSpec(THREE_A_WEEK, ago(60))
    entries = [EntryIn(MONDAY, "done"), EntryIn(MONDAY + timedelta(days=2), "done")]
    for offset, due in ((0, True), (1, True), (2, True), (3, True)):
        day = MONDAY + timedelta(days=offset)
        assert summary(habit, entries, day).due_today is due, day
    met = [*entries, EntryIn(MONDAY + timedelta(days=3), "done")]
    assert [summary(habit, met, MONDAY + timedelta(days=d)).due_today for d in range(7)] == [
        True, True, True, True, False, False, False,
    ]  # fmt: skip


def test_the_check_in_that_meets_a_quota_leaves_its_day_due_and_done() -> None:
    habit = HabitSpec(THREE_A_WEEK, ago(60))
    entries = [EntryIn(ago(6), "done"), EntryIn(ago(5), "done"), EntryIn(TODAY, "done")]
    s = summary(habit, entries, TODAY)
    assert (s.due_today, s.done_today, s.period_done, s.period_target) == (True, True, 3.0, 3.0)


def test_a_quota_is_counted_in_this_period_even_when_last_periods_interval_covers_the_day() -> None:
    # Done Friday to Sunday of last week: Loop's 7-day interval covers this Monday to Thursday
    # (implicitly done), but this week's quota is 0 of 3, so the habit is due.
    habit = HabitSpec(THREE_A_WEEK, ago(60))
    entries = [EntryIn(MONDAY - timedelta(days=d), "done") for d in (1, 2, 3)]
    s = summary(habit, entries, MONDAY)
    assert (s.due_today, s.done_today, s.period_done) == (True, False, 0.0)


def test_a_monthly_quota_is_due_until_met_within_the_calendar_month() -> None:
    habit = HabitSpec(Schedule("times_per_month", times=2), ago(90))
    entries = [EntryIn(date(2024, 3, 1), "done"), EntryIn(date(2024, 3, 2), "done")]
    assert summary(habit, entries, date(2024, 3, 2)).due_today is True
    assert summary(habit, entries, TODAY).due_today is False
    assert summary(habit, entries, date(2024, 4, 1)).due_today is True


def test_an_every_n_days_habit_is_due_again_when_its_window_has_no_repetition() -> None:
    habit = HabitSpec(Schedule("every_n_days", days=3), ago(30))
    entries = [EntryIn(ago(2), "done")]
    assert summary(habit, entries, ago(1)).due_today is False
    assert summary(habit, entries, TODAY).due_today is False
    assert summary(habit, entries, TODAY + timedelta(days=1)).due_today is True


def test_a_measurable_weekly_target_is_due_until_the_weeks_total_reaches_it() -> None:
    habit = HabitSpec(THREE_A_WEEK, ago(60), "measurable", 20.0)
    entries = [EntryIn(MONDAY, value=12.0), EntryIn(MONDAY + timedelta(days=1), value=5.0)]
    wednesday = MONDAY + timedelta(days=2)
    s = summary(habit, entries, wednesday)
    assert (s.due_today, s.done_today, s.period_done) == (True, False, 17.0)
    entries.append(EntryIn(wednesday, value=4.0))
    s = summary(habit, entries, wednesday)
    assert (s.due_today, s.done_today, s.period_done) == (True, True, 21.0)
    assert summary(habit, entries, wednesday + timedelta(days=1)).due_today is False


# At-most limits: nothing logged is 0, within the limit, wherever the day is counted.
def limit(start: date | None = None) -> HabitSpec:
    return HabitSpec(DAILY, start or ago(30), "measurable", 2.0, "at_most")


def test_an_at_most_day_with_nothing_logged_is_done_within_the_limit() -> None:
    s = summary(limit(), [], TODAY)
    assert (s.due_today, s.done_today, s.limit) == (True, True, "within")
    # The score says the same: nothing consumed is full strength.
    assert s.score == pytest.approx(1.0)


def test_an_at_most_day_over_the_limit_is_over_and_not_done() -> None:
    s = summary(limit(), [EntryIn(TODAY, value=3.0)], TODAY)
    assert (s.done_today, s.limit) == (False, "over")
    at_limit = summary(limit(), [EntryIn(TODAY, value=2.0)], TODAY)
    assert (at_limit.done_today, at_limit.limit) == (True, "within")


def test_an_at_most_day_skipped_or_before_the_habit_has_no_limit_state() -> None:
    skipped = summary(limit(), [EntryIn(TODAY, "skipped")], TODAY)
    assert (skipped.done_today, skipped.limit) == (False, None)
    before = summary(limit(start=TODAY + timedelta(days=1)), [], TODAY)
    assert (before.due_today, before.done_today, before.limit) == (True, False, None)


def test_unlogged_at_most_days_count_as_done_in_totals_and_completion() -> None:
    stats = habit_stats(limit(start=ago(9)), [EntryIn(ago(4), value=5.0)], TODAY)
    assert stats.total_done == 9
    assert stats.completion["last_7_days"] == pytest.approx(6 / 7)


# Back-filling: a check-in before the start date moves the start date back to it. Loop has no
# start date (a habit begins with its first repetition), so the numbers must be Loop's for the
# entries from that day on, whatever the start date was before.
BACKFILL = st.dictionaries(
    st.integers(1, 120), st.sampled_from(["done", "skipped"]), min_size=1, max_size=40
)
LOOP_SCHEDULES = [
    (Schedule("daily"), 1, 1),
    (Schedule("times_per_week", times=3), 3, 7),
    (Schedule("every_n_days", days=2), 1, 2),
    (Schedule("times_in_days", times=4, days=10), 4, 10),
]


@settings(max_examples=60, deadline=None)
@given(BACKFILL, st.sampled_from(LOOP_SCHEDULES), st.booleans())
def test_after_back_filling_the_score_is_loops_for_the_entries_from_that_day(
    back: dict[int, str], case: tuple[Schedule, int, int], today_done: bool
) -> None:
    schedule, numerator, denominator = case
    entries = [EntryIn(ago(n), status) for n, status in back.items()]  # type: ignore[arg-type]
    if today_done:
        entries.append(EntryIn(TODAY, "done"))
    first = min(e.date for e in entries)
    created_today = HabitSpec(schedule, TODAY)
    moved_back = HabitSpec(schedule, first)
    values = {e.date: YES_MANUAL if e.status == "done" else SKIP for e in entries}
    history = dict(habit_stats(moved_back, entries, TODAY).score_history)
    # Loop's implicit days may reach back before the first repetition; they score nothing.
    since = min(first, *history)
    loop = loop_scores(values, since, TODAY, numerator=numerator, denominator=denominator)
    s = summary(moved_back, entries, TODAY)
    assert s.score == pytest.approx(loop[TODAY], abs=1e-9)
    assert s == summary(created_today, entries, TODAY)
    assert all(history[day] == pytest.approx(loop[day], abs=1e-9) for day in history)


@settings(max_examples=60, deadline=None)
@given(BACKFILL)
def test_after_back_filling_the_streaks_are_loops_runs_of_entered_days(
    back: dict[int, str],
) -> None:
    # Loop's streaks of a daily yes/no habit are the runs of consecutive days holding a done or
    # skipped entry; the day before the first back-filled one does not exist for the habit.
    entries = [EntryIn(ago(n), status) for n, status in back.items()]  # type: ignore[arg-type]
    days = sorted(e.date for e in entries)
    runs: list[Streak] = []
    for day in days:
        if runs and runs[-1].end == day - timedelta(days=1):
            runs[-1] = Streak(runs[-1].start, day, runs[-1].length + 1)
        else:
            runs.append(Streak(day, day, 1))
    moved_back = HabitSpec(DAILY, days[0])
    stats = habit_stats(moved_back, entries, TODAY)
    assert stats.best_streak == max(run.length for run in runs)
    assert sorted(stats.streaks, key=lambda s: s.end) == sorted(
        sorted(runs, key=lambda r: (r.length, r.end), reverse=True)[:10], key=lambda s: s.end
    )
    # Yesterday's run is still current while today is open.
    current = runs[-1].length if runs[-1].end == ago(1) else 0
    assert stats.current_streak == current
