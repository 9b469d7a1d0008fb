"""Schedules: validation, Loop frequencies, periods, implicit days and what is due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from habits.rules import (
    DayState,
    EntryIn,
    HabitSpec,
    Schedule,
    day_states,
    loop_frequency,
    period_bounds,
    period_progress,
    schedule_from_loop_frequency,
)


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        (Schedule("times_per_week", times=0), "times:"),
        (Schedule("times_per_week", times=8), "times:"),
        (Schedule("times_per_month", times=32), "times:"),
        (Schedule("times_in_days", times=4, days=3), "times:"),
        (Schedule("every_n_days", days=0), "days:"),
        (Schedule("times_in_days", times=1, days=366), "days:"),
        (Schedule("weekdays"), "weekdays:"),
        (Schedule("weekdays", weekdays=frozenset({7})), "weekdays:"),
        (Schedule("hourly"), "type:"),  # type: ignore[arg-type]
    ],
)
def test_it_rejects_an_impossible_schedule(schedule: Schedule, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        schedule.validate()


def test_it_accepts_every_valid_kind_of_schedule() -> None:
    for schedule in (
        Schedule("daily"),
        Schedule("weekdays", weekdays=frozenset({0, 6})),
        Schedule("times_per_week", times=7),
        Schedule("times_per_month", times=31),
        Schedule("every_n_days", days=365),
        Schedule("times_in_days", times=5, days=5),
    ):
        schedule.validate()


def test_every_loop_frequency_round_trips_through_our_schedules() -> None:
    for den in range(1, 366):
        for num in range(1, den + 1):
            assert loop_frequency(schedule_from_loop_frequency(num, den)) == (num, den)
    assert loop_frequency(schedule_from_loop_frequency(31, 30)) == (31, 30)


def test_it_maps_loops_common_frequencies_to_their_natural_schedules() -> None:
    assert schedule_from_loop_frequency(1, 1) == Schedule("daily")
    assert schedule_from_loop_frequency(3, 7) == Schedule("times_per_week", times=3)
    assert schedule_from_loop_frequency(2, 30) == Schedule("times_per_month", times=2)
    assert schedule_from_loop_frequency(1, 3) == Schedule("every_n_days", days=3)
    assert schedule_from_loop_frequency(2, 5) == Schedule("times_in_days", times=2, days=5)


def test_canonical_schedules_round_trip_through_loop() -> None:
    for schedule in (
        Schedule("daily"),
        Schedule("times_per_week", times=7),
        Schedule("times_per_month", times=12),
        Schedule("every_n_days", days=10),
        Schedule("times_in_days", times=3, days=12),
    ):
        assert schedule_from_loop_frequency(*loop_frequency(schedule)) == schedule


def test_it_rejects_loop_frequencies_it_cannot_represent() -> None:
    for num, den in ((0, 7), (1, 0), (1, 366), (5, 4)):
        with pytest.raises(ValueError, match="frequency:"):
            schedule_from_loop_frequency(num, den)


def test_a_week_starts_on_the_chosen_weekday() -> None:
    weekly = Schedule("times_per_week", times=2)
    wednesday = date(2024, 6, 12)
    assert period_bounds(weekly, wednesday, 0) == (date(2024, 6, 10), date(2024, 6, 16))
    assert period_bounds(weekly, wednesday, 6) == (date(2024, 6, 9), date(2024, 6, 15))
    assert period_bounds(weekly, wednesday, 2) == (wednesday, date(2024, 6, 18))


def test_a_period_is_cut_at_the_first_and_last_day_the_calendar_has() -> None:
    # 0001-01-01 is a Monday: a week starting on Sunday would begin the day before it.
    first, last = date.min, date.max
    assert period_bounds(Schedule("times_per_week", times=2), first, 6) == (first, date(1, 1, 6))
    assert period_bounds(Schedule("times_in_days", times=2, days=9), first) == (first, first)
    assert period_bounds(Schedule("times_per_week", times=2), last)[1] == last


@pytest.mark.parametrize(
    ("day", "last"),
    [
        (date(2024, 2, 10), date(2024, 2, 29)),
        (date(2023, 2, 10), date(2023, 2, 28)),
        (date(2024, 4, 30), date(2024, 4, 30)),
        (date(2024, 12, 31), date(2024, 12, 31)),
    ],
)
def test_a_month_period_follows_the_calendar(day: date, last: date) -> None:
    assert period_bounds(Schedule("times_per_month", times=2), day) == (day.replace(day=1), last)


def states(schedule: Schedule, done: list[date], today: date) -> dict[date, DayState]:
    habit = HabitSpec(schedule, min(done))
    return day_states(habit, [EntryIn(d, "done") for d in done], today)


def test_an_interval_begun_on_29_february_lasts_as_long_as_march() -> None:
    result = states(Schedule("times_per_month"), [date(2024, 2, 29)], date(2024, 4, 5))
    assert result[date(2024, 3, 30)] is DayState.DONE_IMPLICIT
    assert result[date(2024, 3, 31)] is DayState.MISSED


def test_a_monthly_interval_lasts_as_long_as_the_month_it_begins_in() -> None:
    result = states(Schedule("times_per_month"), [date(2023, 2, 10)], date(2023, 4, 1))
    assert result[date(2023, 3, 9)] is DayState.DONE_IMPLICIT  # 28 days from 10 February
    assert result[date(2023, 3, 10)] is DayState.MISSED


def test_loop_slides_older_intervals_back_to_close_gaps() -> None:
    # Three a week done four days running: the older interval slides four days into the past.
    first = date(2024, 6, 3)
    done = [first + timedelta(days=k) for k in range(4)]
    result = states(Schedule("times_per_week", times=3), done, date(2024, 6, 20))
    assert min(result) == first - timedelta(days=4)
    assert result[first - timedelta(days=4)] is DayState.DONE_IMPLICIT
    assert result[first + timedelta(days=7)] is DayState.DONE_IMPLICIT
    assert result[first + timedelta(days=8)] is DayState.MISSED


def test_it_marks_each_kind_of_day() -> None:
    today = date(2024, 6, 16)  # Sunday
    mon_wed = HabitSpec(Schedule("weekdays", weekdays=frozenset({0, 2})), date(2024, 6, 3))
    entries = [EntryIn(date(2024, 6, 3), "done"), EntryIn(date(2024, 6, 5), "skipped")]
    result = day_states(mon_wed, entries, today)
    assert result[date(2024, 6, 3)] is DayState.DONE
    assert result[date(2024, 6, 4)] is DayState.NOT_DUE
    assert result[date(2024, 6, 5)] is DayState.SKIPPED
    assert result[date(2024, 6, 10)] is DayState.MISSED
    assert today in result
    assert date(2024, 6, 2) not in result


def test_today_is_unknown_until_it_is_done() -> None:
    today = date(2024, 6, 16)
    result = day_states(HabitSpec(Schedule("daily"), today), [], today)
    assert result == {today: DayState.UNKNOWN}


def progress(schedule: Schedule, done: list[date], day: date, **kw: object) -> tuple:  # type: ignore[type-arg]
    habit = HabitSpec(schedule, date(2024, 1, 1), **kw)  # type: ignore[arg-type]
    p = period_progress(habit, [EntryIn(d, "done") for d in done], day)
    return p.done, p.target, p.due


def test_a_daily_habit_is_always_due() -> None:
    day = date(2024, 6, 12)
    assert progress(Schedule("daily"), [day], day) == (1.0, 1.0, True)


def test_a_weekday_habit_is_due_only_on_its_weekdays() -> None:
    mon = Schedule("weekdays", weekdays=frozenset({0}))
    assert progress(mon, [], date(2024, 6, 10))[2] is True
    assert progress(mon, [], date(2024, 6, 11))[2] is False


def test_a_weekly_habit_stops_being_due_once_its_target_is_met() -> None:
    twice = Schedule("times_per_week", times=2)
    assert progress(twice, [date(2024, 6, 10)], date(2024, 6, 11)) == (1.0, 2.0, True)
    done = [date(2024, 6, 10), date(2024, 6, 11)]
    assert progress(twice, done, date(2024, 6, 12)) == (2.0, 2.0, False)
    assert progress(twice, done, date(2024, 6, 17)) == (0.0, 2.0, True)  # a new week


def test_a_monthly_habit_counts_within_the_calendar_month() -> None:
    once = Schedule("times_per_month", times=3)
    done = [date(2024, 1, 31), date(2024, 2, 1)]
    assert progress(once, done, date(2024, 2, 29)) == (1.0, 3.0, True)


def test_an_every_n_days_habit_is_not_due_inside_a_covered_window() -> None:
    every_three = Schedule("every_n_days", days=3)
    assert progress(every_three, [date(2024, 6, 10)], date(2024, 6, 12))[2] is False
    assert progress(every_three, [date(2024, 6, 10)], date(2024, 6, 13))[2] is True


def test_a_measurable_period_sums_the_values_entered() -> None:
    habit = HabitSpec(Schedule("times_per_week"), date(2024, 1, 1), "measurable", 10.0)
    entries = [EntryIn(date(2024, 6, 10), value=4.0), EntryIn(date(2024, 6, 11), value=3.5)]
    p = period_progress(habit, entries, date(2024, 6, 12))
    assert (p.done, p.target, p.due) == (7.5, 10.0, True)
