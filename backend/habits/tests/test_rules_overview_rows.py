"""The overview's fast path (rows as the database hands them over) equals the straightforward one.

habits.rules.overview.habit_overview_of_rows builds each habit's timeline straight from the
query's tuples, skipping build_timeline's merging and sorting; these tests prove that for any
habit and any entries it gives exactly what build_timeline and habit_overview give.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habits.rules import EntryIn, HabitSpec, Schedule
from habits.rules.overview import habit_overview, habit_overview_of_rows, timeline_of_rows
from habits.rules.timeline import build_timeline

TODAY = date(2026, 3, 15)


@st.composite
def habits(draw: st.DrawFn) -> HabitSpec:
    kind = draw(st.sampled_from(["boolean", "measurable"]))
    schedule_type = draw(
        st.sampled_from(
            [
                "daily",
                "weekdays",
                "times_per_week",
                "times_per_month",
                "every_n_days",
                "times_in_days",
            ]
        )
    )
    if schedule_type == "weekdays":
        days = draw(st.frozensets(st.integers(0, 6), min_size=1))
        schedule = Schedule(type="weekdays", weekdays=days)
    elif schedule_type == "times_per_week":
        schedule = Schedule(type="times_per_week", times=draw(st.integers(1, 7)), days=7)
    elif schedule_type == "times_per_month":
        schedule = Schedule(type="times_per_month", times=draw(st.integers(1, 31)), days=30)
    elif schedule_type == "every_n_days":
        schedule = Schedule(type="every_n_days", days=draw(st.integers(1, 10)))
    elif schedule_type == "times_in_days":
        d = draw(st.integers(1, 12))
        schedule = Schedule(type="times_in_days", times=draw(st.integers(1, d)), days=d)
    else:
        schedule = Schedule(type="daily")
    schedule.validate()
    at_most = kind == "measurable" and draw(st.booleans())
    target_type = "at_most" if at_most else "at_least"
    return HabitSpec(
        schedule=schedule,
        start_date=TODAY - timedelta(days=draw(st.integers(-5, 200))),
        kind=kind,  # type: ignore[arg-type]
        target=float(draw(st.integers(0, 5))) if kind == "measurable" else 1.0,
        target_type=target_type,  # type: ignore[arg-type]
    )


# One entry a day (the entry table's unique habit and date), none after today, any order.
entry_lists = st.dictionaries(
    st.integers(0, 260),
    st.tuples(
        st.sampled_from([None, "done", "skipped"]),
        st.one_of(st.none(), st.integers(0, 8).map(float), st.floats(0, 8, allow_nan=False)),
    ),
    max_size=120,
)


def _entries(by_age: dict[int, tuple[str | None, float | None]]) -> list[EntryIn]:
    return [
        EntryIn(date=TODAY - timedelta(days=age), status=status, value=value)  # type: ignore[arg-type]
        for age, (status, value) in by_age.items()
    ]


def _rows(entries: list[EntryIn]) -> list[tuple[int, date, str | None, float | None]]:
    # As the query returns them: (habit id, date, status, value), ordered by date.
    return [(7, e.date, e.status, e.value) for e in sorted(entries, key=lambda e: e.date)]


@settings(max_examples=400, deadline=None)
@given(habits(), entry_lists)
def test_the_timeline_of_rows_equals_build_timeline(
    habit: HabitSpec, by_age: dict[int, tuple[str | None, float | None]]
) -> None:
    entries = _entries(by_age)
    assert timeline_of_rows(habit, _rows(entries), TODAY) == build_timeline(habit, entries, TODAY)


@settings(max_examples=300, deadline=None)
@given(
    habits(),
    entry_lists,
    st.integers(-30, 300),
    st.integers(0, 365),
    st.integers(0, 6),
)
def test_the_overview_of_rows_equals_the_overview_of_entries(
    habit: HabitSpec,
    by_age: dict[int, tuple[str | None, float | None]],
    first_age: int,
    length: int,
    week_start: int,
) -> None:
    entries = _entries(by_age)
    first = TODAY - timedelta(days=first_age)
    last = first + timedelta(days=length)
    fast = habit_overview_of_rows(habit, _rows(entries), first, last, TODAY, week_start)
    assert fast == habit_overview(habit, entries, first, last, TODAY, week_start)


@pytest.mark.parametrize(
    "ages",
    [[3, 3], [1, 2], [-1]],
    ids=["the same day twice", "newest first", "a day after today"],
)
def test_rows_out_of_order_twice_a_day_or_after_today_are_refused(ages: list[int]) -> None:
    habit = HabitSpec(schedule=Schedule(type="daily"), start_date=TODAY - timedelta(days=9))
    rows = [(7, TODAY - timedelta(days=age), "done", None) for age in ages]
    with pytest.raises(ValueError, match="rows: must be one a day"):
        timeline_of_rows(habit, rows, TODAY)
