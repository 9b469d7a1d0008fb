"""Streaks: Loop's runs of counted days, with not-due days and open today bridged."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from habits.rules import EntryIn, HabitSpec, Schedule, Streak, habit_stats, summary
from habits.rules.streaks import all_streaks
from habits.rules.timeline import DONE, DONE_IMPLICIT, SKIPPED, build_timeline

TODAY = date(2024, 6, 16)  # a Sunday
DAILY = Schedule("daily")


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def habit(schedule: Schedule = DAILY, **kw: object) -> HabitSpec:
    return HabitSpec(schedule, ago(60), **kw)  # type: ignore[arg-type]


def test_it_counts_consecutive_done_days_as_one_streak() -> None:
    entries = [EntryIn(ago(i), "done") for i in range(5)]
    s = summary(habit(), entries, TODAY)
    assert (s.current_streak, s.best_streak) == (5, 5)


def test_it_breaks_a_streak_on_a_missed_day() -> None:
    entries = [EntryIn(ago(i), "done") for i in (0, 1, 3, 4, 5)]
    s = summary(habit(), entries, TODAY)
    assert (s.current_streak, s.best_streak) == (2, 3)


def test_it_keeps_the_current_streak_while_today_is_still_open() -> None:
    entries = [EntryIn(ago(i), "done") for i in (1, 2, 3)]
    assert summary(habit(), entries, TODAY).current_streak == 3


def test_it_lets_skipped_days_continue_a_streak() -> None:
    entries = [EntryIn(ago(i), "skipped" if i == 2 else "done") for i in range(5)]
    stats = habit_stats(habit(), entries, TODAY)
    assert stats.streaks == [Streak(ago(4), ago(0), 5)]


def test_it_lets_implicitly_done_days_continue_a_streak() -> None:
    # Three times a week, done Mon-Wed: Thursday to Sunday are covered by the interval.
    entries = [EntryIn(ago(i), "done") for i in (6, 5, 4)]
    s = summary(habit(Schedule("times_per_week", times=3)), entries, TODAY)
    assert (s.current_streak, s.best_streak) == (7, 7)


def test_it_bridges_not_due_days_of_a_weekday_habit() -> None:
    mon_wed_fri = habit(Schedule("weekdays", weekdays=frozenset({0, 2, 4})))
    entries = [EntryIn(ago(i), "done") for i in range(21) if ago(i).weekday() in (0, 2, 4)]
    stats = habit_stats(mon_wed_fri, entries, TODAY)
    assert stats.current_streak == 9
    assert stats.streaks[0] == Streak(ago(20), ago(2), 9)


def test_it_counts_a_measurable_day_when_it_meets_an_at_least_target() -> None:
    h = habit(kind="measurable", target=5.0)
    entries = [EntryIn(ago(i), value=v) for i, v in ((0, 5.0), (1, 7.0), (2, 4.0), (3, 5.0))]
    s = summary(h, entries, TODAY)
    assert (s.current_streak, s.best_streak) == (2, 2)


def test_it_counts_a_measurable_day_when_it_stays_within_an_at_most_limit() -> None:
    h = HabitSpec(DAILY, ago(3), "measurable", 2.0, "at_most")
    entries = [EntryIn(ago(i), value=v) for i, v in ((0, 0.0), (1, 2.0), (2, 3.0), (3, 1.0))]
    s = summary(h, entries, TODAY)
    assert (s.current_streak, s.best_streak) == (2, 2)


def test_it_counts_at_most_days_with_nothing_logged_as_within_the_limit() -> None:
    # Loop's streak asks for an explicit value on every day, while its score counts an empty
    # day as 0; we count it as 0 everywhere, so that the streak agrees with the score.
    h = HabitSpec(DAILY, ago(9), "measurable", 2.0, "at_most")
    entries = [EntryIn(ago(5), value=4.0), EntryIn(ago(2), "skipped")]
    stats = habit_stats(h, entries, TODAY)
    assert stats.streaks == [Streak(ago(4), ago(0), 5), Streak(ago(9), ago(6), 4)]
    assert stats.current_streak == 5


def test_it_lists_the_ten_longest_streaks_newest_first() -> None:
    # Streaks of length 1..12 separated by one missed day, oldest longest.
    entries, day = [], 0
    for length in range(1, 13):
        entries += [EntryIn(ago(day + k), "done") for k in range(length)]
        day += length + 1
    stats = habit_stats(HabitSpec(DAILY, ago(200)), entries, TODAY)
    assert len(stats.streaks) == 10
    assert sorted(s.length for s in stats.streaks) == list(range(3, 13))
    assert [s.end for s in stats.streaks] == sorted((s.end for s in stats.streaks), reverse=True)


SCHEDULES = st.sampled_from(
    [
        DAILY,
        Schedule("weekdays", weekdays=frozenset({1, 2, 6})),
        Schedule("times_per_week", times=2),
        Schedule("times_per_month", times=3),
        Schedule("every_n_days", days=4),
        Schedule("times_in_days", times=3, days=9),
    ]
)
HISTORY = st.dictionaries(
    st.integers(0, 90), st.sampled_from(["done", "skipped", None]), max_size=70
)


def entries_of(history: dict[int, str | None]) -> list[EntryIn]:
    return [EntryIn(ago(i), s) for i, s in history.items()]  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(SCHEDULES, HISTORY)
def test_the_best_streak_is_never_shorter_than_the_current_one(
    schedule: Schedule, history: dict[int, str | None]
) -> None:
    s = summary(HabitSpec(schedule, ago(90)), entries_of(history), TODAY)
    assert s.best_streak >= s.current_streak >= 0


@settings(max_examples=100, deadline=None)
@given(SCHEDULES, HISTORY)
def test_streak_lengths_add_up_to_at_most_the_counted_days(
    schedule: Schedule, history: dict[int, str | None]
) -> None:
    tl = build_timeline(HabitSpec(schedule, ago(90)), entries_of(history), TODAY)
    counted = sum(1 for c in tl.codes if c in (DONE, DONE_IMPLICIT, SKIPPED))
    assert sum(s.length for s in all_streaks(tl)) <= counted


@settings(max_examples=100, deadline=None)
@given(SCHEDULES, HISTORY, st.booleans(), st.integers(0, 2**32 - 1))
def test_results_do_not_depend_on_the_order_of_entries(
    schedule: Schedule, history: dict[int, str | None], duplicate: bool, seed: int
) -> None:
    h = HabitSpec(schedule, ago(90))
    entries = entries_of(history)
    if duplicate and entries:
        entries.append(EntryIn(entries[0].date, "skipped"))
    shuffled = entries[:]
    random.Random(seed).shuffle(shuffled)
    assert summary(h, entries, TODAY) == summary(h, shuffled, TODAY)
    assert habit_stats(h, entries, TODAY) == habit_stats(h, shuffled, TODAY)
