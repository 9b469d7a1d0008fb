"""Scores: Loop Habit Tracker's published expectations, re-derived, plus invariants."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habits.rules import EntryIn, HabitSpec, Schedule, summary
from habits.rules.scores import (
    WINDOW_TOLERANCE,
    multiplier,
    score_series,
    score_window_days,
    updates_needed,
    windowed_score,
)
from habits.rules.timeline import build_timeline

TODAY = date(2024, 6, 15)
E = 1e-6
DAILY = Schedule("daily")


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def scores_back(habit: HabitSpec, entries: list[EntryIn], count: int) -> list[float]:
    """Scores from today backwards; 0.0 before the timeline starts, as Loop shows them."""
    tl = build_timeline(habit, entries, TODAY)
    series, _ = score_series(habit, tl)
    back = series[::-1]
    return (back + [0.0] * count)[:count]


def boolean(schedule: Schedule = DAILY, start: date = TODAY) -> HabitSpec:
    return HabitSpec(schedule=schedule, start_date=start)


def measurable(target_type: str = "at_least", schedule: Schedule = DAILY) -> HabitSpec:
    return HabitSpec(
        schedule=schedule,
        start_date=TODAY,
        kind="measurable",
        target=2.0,
        target_type=target_type,  # type: ignore[arg-type]
    )


TWENTY_DAYS = [
    0.655747, 0.636894, 0.617008, 0.596033, 0.573910, 0.550574, 0.525961, 0.500000,
    0.472617, 0.443734, 0.413270, 0.381137, 0.347244, 0.311495, 0.273788, 0.234017,
    0.192067, 0.147820, 0.101149, 0.051922, 0.0, 0.0, 0.0,
]  # fmt: skip


def test_it_scores_a_daily_habit_done_on_the_last_20_days_like_loop() -> None:
    entries = [EntryIn(ago(i), "done") for i in range(20)]
    assert scores_back(boolean(), entries, 23) == pytest.approx(TWENTY_DAYS, abs=E)


def test_it_keeps_the_previous_score_on_skipped_days() -> None:
    skipped = {5, 10, 11}
    entries = [EntryIn(ago(i), "skipped" if i in skipped else "done") for i in range(20)]
    expected = [
        0.596033, 0.573910, 0.550574, 0.525961, 0.500000, 0.472617, 0.472617, 0.443734,
        0.413270, 0.381137, 0.347244, 0.347244, 0.347244, 0.311495, 0.273788, 0.234017,
        0.192067, 0.147820, 0.101149, 0.051922, 0.0, 0.0, 0.0,
    ]  # fmt: skip
    assert scores_back(boolean(), entries, 23) == pytest.approx(expected, abs=E)


def test_it_keeps_the_score_when_a_single_day_is_skipped() -> None:
    entries = [EntryIn(ago(5), "done"), EntryIn(ago(4), "skipped")]
    expected = [0.041949, 0.044247, 0.046670, 0.049226, 0.051922, 0.051922, 0.0]
    assert scores_back(boolean(), entries, 7) == pytest.approx(expected, abs=E)


def test_it_converges_to_two_thirds_when_two_of_three_weekly_repetitions_are_done() -> None:
    entries = [EntryIn(ago(7 * k + d), "done") for k in range(100) for d in (0, 1)]
    three = boolean(Schedule("times_per_week", times=3))
    assert summary(three, entries, TODAY).score == pytest.approx(2 / 3, abs=E)
    four = boolean(Schedule("times_per_week", times=4))
    assert summary(four, entries, TODAY).score == pytest.approx(0.5, abs=E)


def test_it_converges_to_full_strength_for_weekly_repetitions_on_varying_weekdays() -> None:
    entries = [EntryIn(ago(14 * k), "done") for k in range(100)]
    entries += [EntryIn(ago(14 * k + 13), "done") for k in range(100)]
    weekly = boolean(Schedule("times_per_week", times=1))
    assert summary(weekly, entries, TODAY).score == pytest.approx(1.0, abs=1e-3)


def test_it_converges_to_full_strength_when_every_day_is_done_or_skipped() -> None:
    skips = {7 * k + 5 for k in range(100)} | {7 * k + 6 for k in range(100)}
    entries = [EntryIn(ago(i), "skipped" if i in skips else "done") for i in range(500)]
    assert summary(boolean(), entries, TODAY).score == pytest.approx(1.0, abs=E)


def test_it_scores_two_days_for_daily_and_every_other_day_habits_like_loop() -> None:
    entries = [EntryIn(ago(0), "done"), EntryIn(ago(1), "done")]
    assert summary(boolean(), entries, TODAY).score == pytest.approx(0.101149, abs=E)
    every_other = boolean(Schedule("every_n_days", days=2))
    assert summary(every_other, entries, TODAY).score == pytest.approx(0.054816, abs=E)


def test_it_reaches_99_percent_within_loops_reasonable_times() -> None:
    daily = [EntryIn(ago(i), "done") for i in range(90)]
    assert summary(boolean(), daily, TODAY).score > 0.99
    weekly = [EntryIn(ago(7 * i), "done") for i in range(39)]
    assert summary(boolean(Schedule("times_per_week")), weekly, TODAY).score > 0.99
    monthly = weekly + [EntryIn(ago(30 * i), "done") for i in range(18)]
    assert summary(boolean(Schedule("times_per_month")), monthly, TODAY).score > 0.99


def test_it_treats_a_measurable_value_at_the_target_as_done() -> None:
    entries = [EntryIn(ago(i), value=2.0) for i in range(20)]
    assert scores_back(measurable(), entries, 23) == pytest.approx(TWENTY_DAYS, abs=E)


def test_it_converges_to_the_share_of_the_target_reached() -> None:
    half = [EntryIn(ago(i), value=1.0) for i in range(500)]
    assert summary(measurable(), half, TODAY).score == pytest.approx(0.5, abs=E)
    quarter = [EntryIn(ago(i), value=0.5) for i in range(500)]
    assert summary(measurable(), quarter, TODAY).score == pytest.approx(0.25, abs=E)


def test_it_ignores_overachievement_on_an_at_least_target() -> None:
    entries = [EntryIn(ago(0), value=10_000.0)]
    assert summary(measurable(), entries, TODAY).score == pytest.approx(0.051922, abs=E)


def test_it_scores_a_measurable_every_other_day_habit_like_loop() -> None:
    entries = [EntryIn(ago(0), value=2.0), EntryIn(ago(1), value=2.0)]
    every_other = measurable(schedule=Schedule("every_n_days", days=2))
    assert summary(every_other, entries, TODAY).score == pytest.approx(0.072631, abs=E)


def test_it_keeps_the_score_on_skipped_measurable_days() -> None:
    entries = [EntryIn(ago(i), "skipped" if i in (10, 15) else None, 2.0) for i in range(20)]
    expected = [
        0.617008, 0.596033, 0.573910, 0.550574, 0.525961, 0.500000, 0.472617, 0.443734,
        0.413270, 0.381137, 0.347244, 0.347244, 0.311495, 0.273788, 0.234017, 0.192067,
        0.192067, 0.147820, 0.101149, 0.051922, 0.0, 0.0, 0.0,
    ]  # fmt: skip
    assert scores_back(measurable(), entries, 23) == pytest.approx(expected, abs=E)


def test_it_starts_an_at_most_limit_at_full_strength_and_lets_excess_pull_it_down() -> None:
    entries = [EntryIn(ago(20), value=1.0)] + [EntryIn(ago(i), value=5.0) for i in range(20)]
    expected = [
        0.344253, 0.363106, 0.382992, 0.403967, 0.426090, 0.449426, 0.474039, 0.500000,
        0.527383, 0.556266, 0.586730, 0.618863, 0.652756, 0.688505, 0.726212, 0.765983,
        0.807933, 0.852180, 0.898851, 0.948078, 1.0,
    ]  # fmt: skip
    assert scores_back(measurable("at_most"), entries, 21) == pytest.approx(expected, abs=E)


def test_it_scores_an_empty_at_most_habit_at_full_strength() -> None:
    assert summary(measurable("at_most"), [], TODAY).score == pytest.approx(1.0, abs=E)


def test_it_scores_at_most_limits_over_two_days_like_loop() -> None:
    entries = [EntryIn(ago(0), value=5.0), EntryIn(ago(1), value=5.0)]
    assert summary(measurable("at_most"), entries, TODAY).score == pytest.approx(0.898850, abs=E)
    every_other = measurable("at_most", Schedule("every_n_days", days=2))
    assert summary(every_other, entries, TODAY).score == pytest.approx(0.927369, abs=E)


def test_it_ignores_how_far_under_an_at_most_limit_a_day_stays() -> None:
    entries = [EntryIn(ago(1), value=10_000.0)]
    assert summary(measurable("at_most"), entries, TODAY).score == pytest.approx(0.950773, abs=E)
    for low in (0.0, 1.0):
        entries = [EntryIn(ago(0), value=5.0), EntryIn(ago(1), value=low)]
        score = summary(measurable("at_most"), entries, TODAY).score
        assert score == pytest.approx(0.948077, abs=E)


def test_it_stays_finite_with_a_zero_target() -> None:
    for target_type in ("at_least", "at_most"):
        habit = HabitSpec(DAILY, ago(10), "measurable", 0.0, target_type)  # type: ignore[arg-type]
        entries = [EntryIn(ago(i), value=float(i % 3)) for i in range(10)]
        assert math.isfinite(summary(habit, entries, TODAY).score)


def test_it_scores_a_seven_day_weekday_habit_exactly_like_a_daily_one() -> None:
    entries = [EntryIn(ago(i), "done") for i in range(0, 300, 3)]
    every_day = boolean(Schedule("weekdays", weekdays=frozenset(range(7))), ago(300))
    assert summary(every_day, entries, TODAY).score == pytest.approx(
        summary(boolean(start=ago(300)), entries, TODAY).score, abs=1e-12
    )


def test_it_only_scores_the_due_days_of_a_weekday_habit() -> None:
    mon_wed_fri = boolean(Schedule("weekdays", weekdays=frozenset({0, 2, 4})), ago(400))
    # Done on every due day and on no other: full strength; not-due days change nothing.
    due = [EntryIn(ago(i), "done") for i in range(400) if ago(i).weekday() in (0, 2, 4)]
    assert summary(mon_wed_fri, due, TODAY).score > 0.99
    extra = due + [EntryIn(ago(i), "done") for i in range(400) if ago(i).weekday() == 6]
    assert summary(mon_wed_fri, extra, TODAY).score == summary(mon_wed_fri, due, TODAY).score


# -- invariants -------------------------------------------------------------------------------

SCHEDULES = st.sampled_from(
    [
        DAILY,
        Schedule("weekdays", weekdays=frozenset({0, 3, 5})),
        Schedule("times_per_week", times=3),
        Schedule("times_per_month", times=4),
        Schedule("every_n_days", days=3),
        Schedule("times_in_days", times=2, days=5),
    ]
)
HISTORY = st.dictionaries(
    st.integers(0, 120), st.sampled_from(["done", "skipped", None]), max_size=80
)


def entries_of(history: dict[int, str | None]) -> list[EntryIn]:
    return [EntryIn(ago(i), status) for i, status in history.items()]  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(SCHEDULES, HISTORY, st.integers(0, 120))
def test_a_done_entry_never_lowers_todays_score(
    schedule: Schedule, history: dict[int, str | None], day: int
) -> None:
    habit = boolean(schedule, ago(120))
    if history.get(day) == "skipped":
        return  # turning a skip into a done scores a day that was not scored before
    before = summary(habit, entries_of(history), TODAY).score
    after = summary(habit, entries_of({**history, day: "done"}), TODAY).score
    assert after >= before - 1e-12


@settings(max_examples=100, deadline=None)
@given(SCHEDULES, HISTORY, st.booleans())
def test_a_skipped_day_never_changes_the_score(
    schedule: Schedule, history: dict[int, str | None], is_measurable: bool
) -> None:
    habit = measurable(schedule=schedule) if is_measurable else boolean(schedule)
    habit = HabitSpec(habit.schedule, ago(120), habit.kind, habit.target, habit.target_type)
    entries = [
        EntryIn(ago(i), s, 2.0 if is_measurable and s == "done" else None)  # type: ignore[arg-type]
        for i, s in history.items()
    ]
    tl = build_timeline(habit, entries, TODAY)
    series, _ = score_series(habit, tl)
    for i in range(1, len(series)):
        if history.get(TODAY.toordinal() - tl.first - i) == "skipped":
            assert series[i] == series[i - 1]
    # And skipping today leaves today's score where yesterday left it.
    past = [e for e in entries if e.date < TODAY]
    with_skip = summary(habit, [*past, EntryIn(TODAY, "skipped")], TODAY).score
    assert with_skip == summary(habit, past, TODAY - timedelta(days=1)).score


# -- the bounded window -------------------------------------------------------------------------


def test_the_window_makes_any_starting_error_smaller_than_the_tolerance() -> None:
    # Two score recursions fed the same days differ by m**k times their starting difference
    # (at most 1), so k updates with m**k <= 1e-7 cannot move the sixth decimal.
    for den in range(1, 366):
        for num in {1, 2, den // 2 or 1, den}:
            habit = boolean(Schedule("times_in_days", times=num, days=den))
            k = updates_needed(habit)
            assert multiplier(num / den) ** k <= WINDOW_TOLERANCE
            assert score_window_days(habit) <= k + 2 * den


def window_case(schedule: Schedule, kind: str, target_type: str) -> HabitSpec:
    return HabitSpec(schedule, ago(4000), kind, 2.0, target_type)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(
        [
            DAILY,
            Schedule("times_per_week", times=3),
            Schedule("times_per_month", times=2),
            Schedule("weekdays", weekdays=frozenset({1, 4})),
            Schedule("times_in_days", times=3, days=10),
        ]
    ),
    st.sampled_from(
        [("boolean", "at_least"), ("measurable", "at_least"), ("measurable", "at_most")]
    ),
    st.integers(0, 2**32 - 1),
    st.floats(0.0, 0.4),
)
def test_the_windowed_score_matches_the_full_history_to_the_seventh_decimal(
    schedule: Schedule, kind_and_type: tuple[str, str], seed: int, skip_rate: float
) -> None:
    rng = random.Random(seed)
    habit = window_case(schedule, *kind_and_type)
    entries = []
    for i in range(4000):
        roll = rng.random()
        if roll < skip_rate:
            entries.append(EntryIn(ago(i), "skipped"))
        elif roll < 0.7:
            value = rng.choice([0.0, 1.0, 2.0, 3.0]) if habit.kind == "measurable" else None
            entries.append(EntryIn(ago(i), None if value is not None else "done", value))
    full = summary(habit, entries, TODAY).score
    window = windowed_score(habit, entries, TODAY)
    if window is not None:
        assert abs(window - full) < WINDOW_TOLERANCE


def test_the_windowed_score_is_exact_for_a_habit_younger_than_the_window() -> None:
    entries = [EntryIn(ago(i), "done") for i in range(20)]
    assert (
        windowed_score(boolean(start=ago(20)), entries, TODAY)
        == summary(boolean(start=ago(20)), entries, TODAY).score
    )


def test_the_windowed_score_gives_up_when_skips_leave_too_few_scored_days() -> None:
    habit = boolean(start=ago(3000))
    entries = [EntryIn(ago(i), "skipped") for i in range(3000)]
    assert windowed_score(habit, entries, TODAY) is None


def test_the_windowed_score_holds_at_the_extremes_of_the_starting_error() -> None:
    # Full strength for years, then the window: the windowed run starts from 0.0 instead of 1.0.
    daily = boolean(start=ago(3000))
    entries = [EntryIn(ago(i), "done") for i in range(3000)]
    window = windowed_score(daily, entries, TODAY)
    assert window is not None
    assert abs(window - summary(daily, entries, TODAY).score) < WINDOW_TOLERANCE
    limit = HabitSpec(DAILY, ago(3000), "measurable", 1.0, "at_most")
    entries = [EntryIn(ago(i), value=9.0) for i in range(3000)]
    window = windowed_score(limit, entries, TODAY)
    assert window is not None
    assert abs(window - summary(limit, entries, TODAY).score) < WINDOW_TOLERANCE


def test_it_reaches_past_skipped_days_for_a_non_daily_rolling_window_like_loop() -> None:
    entries = [EntryIn(ago(i), "skipped" if i in (10, 11, 12) else "done") for i in range(18)]
    expected = [
        0.365222, 0.333100, 0.299354, 0.263899, 0.226651, 0.191734, 0.159268, 0.129375,
        0.102187, 0.077839, 0.056477, 0.056477, 0.056477, 0.056477, 0.038251, 0.023319,
        0.011848, 0.004014, 0.0, 0.0, 0.0,
    ]  # fmt: skip
    six = boolean(Schedule("times_per_week", times=6))
    assert scores_back(six, entries, 21) == pytest.approx(expected, abs=E)


def test_it_converges_to_full_strength_when_a_six_a_week_habit_skips_the_rest() -> None:
    skips = {7 * k + 5 for k in range(100)} | {7 * k + 6 for k in range(100)}
    entries = [EntryIn(ago(i), "skipped" if i in skips else "done") for i in range(500)]
    six = boolean(Schedule("times_per_week", times=6))
    assert summary(six, entries, TODAY).score == pytest.approx(1.0, abs=E)
