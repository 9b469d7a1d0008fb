"""A group's combined numbers: the mean score, its history, and streaks of days all done."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habits.rules import EntryIn, HabitSpec, Schedule, habit_stats, summary
from habits.rules.groups import group_score, group_stats, group_streaks, group_today

TODAY = date(2024, 6, 16)  # a Sunday
DAILY = Schedule("daily")
MON_WED_FRI = Schedule("weekdays", weekdays=frozenset({0, 2, 4}))


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def habit(schedule: Schedule = DAILY, start: int = 60, **kw: object) -> HabitSpec:
    return HabitSpec(schedule, ago(start), **kw)  # type: ignore[arg-type]


def done(*days: int) -> list[EntryIn]:
    return [EntryIn(ago(i), "done") for i in days]


def test_the_group_score_is_the_mean_of_its_habits_scores() -> None:
    assert group_score([1.0, 0.5, 0.0]) == pytest.approx(0.5)


def test_a_group_without_active_habits_scores_zero() -> None:
    assert group_score([]) == 0.0
    stats = group_stats([], TODAY)
    assert (stats.score, stats.score_history, stats.current_streak) == (0.0, [], 0)
    assert (stats.today_done, stats.today_due) == (0, 0)


def test_the_group_score_equals_the_mean_of_what_each_habits_card_shows() -> None:
    habits = [
        (habit(), done(*range(0, 40, 2))),
        (habit(MON_WED_FRI), done(*range(1, 50))),
        (habit(Schedule("times_per_week", times=3), kind="boolean"), done(3, 9, 12)),
        (
            habit(kind="measurable", target=2.0, target_type="at_most"),
            [EntryIn(ago(i), value=float(i % 4)) for i in range(30)],
        ),
    ]
    cards = [summary(spec, entries, TODAY).score for spec, entries in habits]
    assert group_stats(habits, TODAY).score == pytest.approx(sum(cards) / len(cards))


def test_the_history_ends_with_the_current_score_when_every_habit_has_begun() -> None:
    habits = [(habit(), done(*range(10))), (habit(start=20), done(1, 2, 3))]
    stats = group_stats(habits, TODAY)
    assert stats.score_history[-1] == (TODAY, pytest.approx(stats.score))


def test_a_habit_added_later_does_not_pull_the_groups_past_down() -> None:
    old = (habit(start=60), done(*range(61)))
    new = (habit(start=5), [])
    stats = group_stats([old, new], TODAY)
    history = dict(stats.score_history)
    old_alone = dict(habit_stats(old[0], old[1], TODAY).score_history)
    # Before the new habit began, the group's score is the old habit's own.
    assert history[ago(10)] == pytest.approx(old_alone[ago(10)])
    # From its first day, the new habit (still near zero) counts in the mean.
    assert history[ago(5)] < old_alone[ago(5)]


def test_the_history_starts_on_the_first_day_any_habit_began() -> None:
    stats = group_stats([(habit(start=3), []), (habit(start=10), [])], TODAY)
    assert stats.score_history[0][0] == ago(10)
    assert [day for day, _ in stats.score_history] == [ago(i) for i in range(10, -1, -1)]


def test_the_history_is_daily_for_a_year_and_weekly_before_like_a_habits() -> None:
    spec, entries = habit(start=800), done(*range(0, 800, 3))
    group = group_stats([(spec, entries)], TODAY).score_history
    alone = habit_stats(spec, entries, TODAY).score_history
    assert [day for day, _ in group] == [day for day, _ in alone]
    assert [score for _, score in group] == pytest.approx([score for _, score in alone])


def test_a_day_counts_when_every_due_habit_was_done() -> None:
    habits = [(habit(), done(0, 1, 2, 3)), (habit(), done(0, 1, 2, 3))]
    stats = group_stats(habits, TODAY)
    assert (stats.current_streak, stats.best_streak) == (4, 4)


def test_one_missed_habit_breaks_the_groups_streak() -> None:
    habits = [(habit(), done(0, 1, 2, 3, 4, 5)), (habit(), done(0, 1, 3, 4, 5))]
    stats = group_stats(habits, TODAY)
    assert (stats.current_streak, stats.best_streak) == (2, 3)


def test_a_habit_not_due_that_day_neither_breaks_nor_is_needed() -> None:
    # Mon/Wed/Fri habit: done on its days only; the daily one every day of the last week.
    habits = [(habit(), done(*range(8))), (habit(MON_WED_FRI), done(2, 4, 6))]
    stats = group_stats(habits, TODAY)
    assert stats.current_streak == 8


def test_days_with_nothing_due_bridge_the_streak_without_counting() -> None:
    habits = [(habit(MON_WED_FRI), done(2, 4, 6, 9)), (habit(MON_WED_FRI), done(2, 4, 6, 9))]
    # Fri, Wed, Mon, Fri done; weekends and Tue/Thu are not due for either habit.
    assert group_stats(habits, TODAY).current_streak == 4


def test_a_skipped_day_counts_for_the_group_as_it_does_for_the_habit() -> None:
    habits = [(habit(), done(0, 1, 2)), (habit(), [*done(0, 2), EntryIn(ago(1), "skipped")])]
    assert group_stats(habits, TODAY).current_streak == 3


def test_today_open_for_one_habit_keeps_the_streak_but_does_not_count_yet() -> None:
    habits = [(habit(), done(0, 1, 2)), (habit(), done(1, 2))]
    stats = group_stats(habits, TODAY)
    assert stats.current_streak == 2
    finished = [(habit(), done(0, 1, 2)), (habit(), done(0, 1, 2))]
    assert group_stats(finished, TODAY).current_streak == 3


def test_days_before_a_habit_began_do_not_need_it() -> None:
    habits = [(habit(start=30), done(*range(31))), (habit(start=2), done(0, 1, 2))]
    assert group_stats(habits, TODAY).current_streak == 31


def test_todays_progress_counts_due_habits_and_those_done() -> None:
    habits = [
        (habit(), done(0)),
        (habit(), []),
        (habit(MON_WED_FRI), []),  # a Sunday: not due
        (habit(Schedule("times_per_week", times=1)), done(2)),  # met this week: not due
    ]
    stats = group_stats(habits, TODAY, week_start=0)
    assert (stats.today_done, stats.today_due) == (1, 2)


def test_group_today_ignores_habits_done_but_not_due() -> None:
    assert group_today([(True, True), (False, True), (True, False)]) == (1, 2)


def test_a_limit_already_broken_today_breaks_the_streak_even_while_others_are_open() -> None:
    beer = habit(kind="measurable", target=2.0, target_type="at_most")
    habits = [(habit(), done(1, 2, 3)), (beer, [EntryIn(TODAY, value=5.0)])]
    stats = group_stats(habits, TODAY)
    assert (stats.current_streak, stats.best_streak) == (0, 3)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sets(st.integers(0, 40), max_size=41), min_size=1, max_size=4))
def test_the_groups_streak_is_never_longer_than_any_daily_members_streak(
    days_done: list[set[int]],
) -> None:
    habits = [(habit(start=40), done(*days)) for days in days_done]
    stats = group_stats(habits, TODAY)
    for spec, entries in habits:
        own = summary(spec, entries, TODAY)
        assert stats.current_streak <= own.current_streak
        assert stats.best_streak <= own.best_streak
    assert 0.0 <= stats.score <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.sets(st.integers(0, 40), max_size=41), st.integers(1, 4))
def test_a_group_of_identical_habits_has_that_habits_numbers(days: set[int], copies: int) -> None:
    spec, entries = habit(start=40), done(*days)
    own = summary(spec, entries, TODAY)
    stats = group_stats([(spec, entries)] * copies, TODAY)
    assert stats.score == pytest.approx(own.score)
    assert (stats.current_streak, stats.best_streak) == (own.current_streak, own.best_streak)


def test_streaks_count_days_that_count_and_bridge_the_others() -> None:
    assert group_streaks([1, 1, 1, 0, 1, 2, 1]) == (2, 3)
    assert group_streaks([2, 2]) == (0, 0)
