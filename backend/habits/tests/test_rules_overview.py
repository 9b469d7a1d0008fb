"""The week grid and the overview rules: pure functions, no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from habits.rules import EntryIn, HabitSpec, Schedule, summary
from habits.rules.grid import today_row
from habits.rules.overview import (
    DUE,
    DUE_DONE,
    NOT_COUNTED,
    HabitOverview,
    Row,
    day_shares,
    group_totals,
    habit_overview,
)
from habits.rules.scores import score_series
from habits.rules.timeline import build_timeline

TODAY = date(2026, 11, 18)  # a Wednesday
DAILY = Schedule(type="daily")


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def spec(**kw: object) -> HabitSpec:
    kw.setdefault("schedule", DAILY)
    kw.setdefault("start_date", days_ago(100))
    return HabitSpec(**kw)  # type: ignore[arg-type]


def statuses(habit: HabitSpec, entries: list[EntryIn], day: date = TODAY) -> list[str]:
    return [cell.status for cell in today_row(habit, entries, day, TODAY).days]


def test_the_grid_is_seven_days_ending_with_the_day_shown_oldest_first() -> None:
    days = today_row(spec(), [], TODAY, TODAY).days
    assert [cell.date for cell in days] == [days_ago(n) for n in range(6, -1, -1)]


def test_a_daily_habit_shows_before_start_done_skipped_missed_and_an_open_today() -> None:
    habit = spec(start_date=days_ago(4))
    entries = [
        EntryIn(days_ago(4), "done"),
        EntryIn(days_ago(3), "skipped"),
        EntryIn(days_ago(1), "done"),
    ]
    assert statuses(habit, entries) == [
        "before_start", "before_start", "done", "skipped", "missed", "done", "empty",
    ]  # fmt: skip


def test_a_weekday_habit_shows_other_days_as_not_due() -> None:
    mondays = spec(schedule=Schedule(type="weekdays", weekdays=frozenset({0})))
    cells = today_row(mondays, [], TODAY, TODAY).days
    monday = [c for c in cells if c.date.weekday() == 0]
    assert [(c.status, c.due) for c in monday] == [("missed", True)]
    assert {(c.status, c.due) for c in cells if c.date.weekday() != 0} == {("not_due", False)}


def test_a_weekly_quota_is_not_due_once_met_and_covered_days_are_not_missed() -> None:
    habit = spec(schedule=Schedule(type="times_per_week", times=2, days=7))
    # Monday and Tuesday meet this week's quota; Wednesday (today) is not due any more.
    entries = [EntryIn(days_ago(2), "done"), EntryIn(days_ago(1), "done")]
    cells = today_row(habit, entries, TODAY, TODAY).days
    assert [c.status for c in cells[-3:]] == ["done", "done", "not_due"]
    assert cells[-1].due is False
    assert "missed" not in [c.status for c in cells[-3:]]


def test_a_measurable_habit_below_its_target_is_partial_and_keeps_its_value() -> None:
    water = spec(kind="measurable", target=8.0)
    entries = [EntryIn(days_ago(1), value=3.0), EntryIn(TODAY, value=9.0)]
    cells = today_row(water, entries, TODAY, TODAY).days
    assert [(c.status, c.value) for c in cells[-2:]] == [("partial", 3.0), ("done", 9.0)]
    assert cells[-3].value is None


def test_an_at_most_limit_is_done_with_nothing_logged_and_missed_once_exceeded() -> None:
    coffee = spec(kind="measurable", target=2.0, target_type="at_most")
    entries = [EntryIn(days_ago(1), value=1.0), EntryIn(TODAY, value=3.0)]
    assert statuses(coffee, entries)[-3:] == ["done", "done", "missed"]


def test_an_older_day_shown_ends_with_a_missed_day_not_an_open_one() -> None:
    assert statuses(spec(), [], days_ago(3))[-1] == "missed"
    assert statuses(spec(), [EntryIn(days_ago(3), "done")], days_ago(3))[-1] == "done"


def test_days_after_today_are_empty() -> None:
    cells = today_row(spec(), [], TODAY + timedelta(days=2), TODAY).days
    assert [c.status for c in cells[-3:]] == ["empty", "empty", "empty"]


@pytest.mark.parametrize(
    "schedule",
    [
        DAILY,
        Schedule(type="weekdays", weekdays=frozenset({1, 3})),
        Schedule(type="times_per_week", times=3, days=7),
        Schedule(type="times_per_month", times=5),
        Schedule(type="every_n_days", days=3),
        Schedule(type="times_in_days", times=2, days=5),
    ],
)
@pytest.mark.parametrize("kind", ["boolean", "measurable"])
def test_the_last_cell_and_the_summary_agree_with_the_single_day_view(
    schedule: Schedule, kind: str
) -> None:
    habit = spec(schedule=schedule, kind=kind, target=2.0 if kind == "measurable" else 1.0)
    entries = [
        EntryIn(days_ago(n), "done" if kind == "boolean" else None, float(n % 3) if n % 2 else None)
        for n in range(0, 40, 3)
    ]
    for back in range(10):
        day = days_ago(back)
        row = today_row(habit, entries, day, TODAY)
        assert row.summary == summary(habit, entries, day)
        assert row.days[-1].due == row.summary.due_today
        assert (row.days[-1].status == "done") == row.summary.done_today


def overview(habit: HabitSpec, entries: list[EntryIn], first: date, last: date) -> HabitOverview:
    return habit_overview(habit, entries, first, last, TODAY)


def test_a_daily_habit_counts_due_days_and_leaves_out_skipped_days_and_an_open_today() -> None:
    entries = [EntryIn(days_ago(n), "done") for n in (1, 2, 5)] + [EntryIn(days_ago(3), "skipped")]
    result = overview(spec(), entries, days_ago(6), TODAY)
    # Seven days, one skipped, today still open: 5 expected, 3 done.
    assert (result.counts, result.done, result.expected) == ("days", 3, 5)
    assert result.completion == pytest.approx(3 / 5)
    done_today = overview(spec(), [*entries, EntryIn(TODAY, "done")], days_ago(6), TODAY)
    assert (done_today.done, done_today.expected) == (4, 6)


def test_days_before_the_start_date_are_not_expected() -> None:
    result = overview(spec(start_date=days_ago(2)), [], days_ago(30), TODAY)
    assert (result.done, result.expected, result.completion) == (0, 2, 0.0)
    unborn = overview(spec(start_date=TODAY + timedelta(days=5)), [], days_ago(30), TODAY)
    assert (unborn.expected, unborn.completion) == (0, None)


def test_a_weekly_quota_expects_its_times_per_whole_week_and_prorates_part_weeks() -> None:
    habit = spec(schedule=Schedule(type="times_per_week", times=3, days=7))
    monday = date(2026, 11, 9)
    entries = [EntryIn(monday + timedelta(days=n), "done") for n in (0, 2, 4)]
    week = overview(habit, entries, monday, monday + timedelta(days=6))
    assert (week.counts, week.done, week.expected, week.completion) == ("times", 3, 3.0, 1.0)
    fortnight = overview(habit, entries, monday - timedelta(days=7), monday + timedelta(days=6))
    assert (fortnight.done, fortnight.expected, fortnight.completion) == (3, 6.0, 0.5)
    days_10 = overview(habit, entries, monday - timedelta(days=7), monday + timedelta(days=2))
    assert days_10.expected == round(3 * 10 / 7, 1)


def test_a_measurable_quota_counts_the_amount_against_the_prorated_target() -> None:
    run = spec(kind="measurable", target=20.0, schedule=Schedule(type="times_per_week", days=7))
    monday = date(2026, 11, 9)
    entries = [EntryIn(monday, value=8.0), EntryIn(monday + timedelta(days=3), value=7.0)]
    result = overview(run, entries, monday, monday + timedelta(days=6))
    assert (result.counts, result.done, result.expected) == ("amount", 15.0, 20.0)
    assert result.completion == pytest.approx(0.75)


def test_completion_never_exceeds_one() -> None:
    habit = spec(schedule=Schedule(type="times_per_week", times=1, days=7))
    monday = date(2026, 11, 9)
    entries = [EntryIn(monday + timedelta(days=n), "done") for n in range(7)]
    result = overview(habit, entries, monday, monday + timedelta(days=6))
    assert (result.done, result.expected, result.completion) == (7, 1.0, 1.0)


def test_scores_are_the_days_before_and_the_last_day_of_the_range() -> None:
    habit = spec(start_date=days_ago(60))
    entries = [EntryIn(days_ago(n), "done") for n in range(0, 60, 2)]
    tl = build_timeline(habit, entries, TODAY)
    series, _ = score_series(habit, tl)

    def score_on(day: date) -> float:
        return series[day.toordinal() - tl.first]

    result = overview(habit, entries, days_ago(20), days_ago(10))
    assert result.score_start == score_on(days_ago(21))
    assert result.score_end == score_on(days_ago(10))
    before_start = overview(habit, entries, days_ago(90), TODAY + timedelta(days=30))
    assert (before_start.score_start, before_start.score_end) == (0.0, score_on(TODAY))


def test_the_best_streak_counts_only_the_ranges_days() -> None:
    entries = [EntryIn(days_ago(n), "done") for n in range(1, 21)]
    assert overview(spec(), entries, days_ago(30), TODAY).best_streak == 20
    assert overview(spec(), entries, days_ago(5), TODAY).best_streak == 5


def test_the_day_share_is_the_due_habits_done_that_day() -> None:
    first = days_ago(2)
    a = overview(spec(), [EntryIn(days_ago(2), "done"), EntryIn(days_ago(1), "done")], first, TODAY)
    b = overview(spec(), [EntryIn(days_ago(2), "done")], first, TODAY)
    assert a.marks == (DUE_DONE, DUE_DONE, DUE)
    late = overview(spec(start_date=TODAY + timedelta(days=1)), [], first, TODAY)
    assert late.marks == (NOT_COUNTED, NOT_COUNTED, NOT_COUNTED)
    assert day_shares([a, b, late], first, TODAY) == [
        (days_ago(2), 1.0), (days_ago(1), 0.5), (TODAY, 0.0),
    ]  # fmt: skip
    assert day_shares([late], first, TODAY)[0] == (days_ago(2), None)


def test_a_groups_totals_add_check_ins_and_average_completions() -> None:
    monday = date(2026, 11, 9)
    sunday = monday + timedelta(days=6)
    daily = overview(spec(), [EntryIn(monday + timedelta(days=n), "done") for n in range(7)],
                     monday, sunday)  # fmt: skip
    weekly = overview(spec(schedule=Schedule(type="times_per_week", times=2, days=7)),
                      [EntryIn(monday, "done")], monday, sunday)  # fmt: skip
    km = overview(spec(kind="measurable", target=10.0, schedule=Schedule(type="times_per_week")),
                  [EntryIn(monday, value=2.5)], monday, sunday)  # fmt: skip
    totals = group_totals([daily, weekly, km])
    assert (totals.done, totals.expected) == (8, 9.0)
    assert totals.completion == pytest.approx((1.0 + 0.5 + 0.25) / 3)
    assert group_totals([]).completion is None


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="last"):
        overview(spec(), [], TODAY, days_ago(1))


def test_database_rows_give_the_same_overview_as_entries() -> None:
    water = spec(kind="measurable", target=5.0, schedule=Schedule(type="times_per_week", days=7))
    entries = [
        EntryIn(days_ago(n), "skipped" if n % 5 == 0 else None, float(n % 4)) for n in range(60)
    ]
    rows = [Row(e.date, e.status, e.value) for e in entries]
    assert overview(water, entries, days_ago(40), TODAY) == habit_overview(
        water, rows, days_ago(40), TODAY, TODAY
    )


@pytest.mark.parametrize(
    "schedule",
    [
        DAILY,
        Schedule(type="weekdays", weekdays=frozenset({0, 4})),
        Schedule(type="times_per_week", times=3, days=7),
        Schedule(type="times_per_month", times=6),
        Schedule(type="every_n_days", days=3),
        Schedule(type="times_in_days", times=2, days=5),
    ],
)
@pytest.mark.parametrize(("kind", "target_type"), [("boolean", "at_least"), ("measurable", "at_least"), ("measurable", "at_most")])  # fmt: skip
def test_the_day_marks_agree_with_todays_due_and_done(
    schedule: Schedule, kind: str, target_type: str
) -> None:
    habit = spec(schedule=schedule, kind=kind, target=1.3, target_type=target_type)
    entries = [
        EntryIn(days_ago(n), "skipped" if n % 11 == 0 else "done" if kind == "boolean" else None,
                None if kind == "boolean" else round(0.1 * (n % 7), 1))
        for n in range(0, 90)
        if n % 3
    ]  # fmt: skip
    marks = overview(habit, entries, days_ago(6), TODAY).marks
    cells = today_row(habit, entries, TODAY, TODAY).days
    for mark, cell in zip(marks, cells, strict=True):
        if cell.status == "skipped" or not cell.due:
            assert mark == NOT_COUNTED, cell
        else:
            assert mark == (DUE_DONE if cell.status == "done" else DUE), cell


def test_the_grid_of_the_calendars_first_day_has_only_that_day() -> None:
    first_day = date(1, 1, 1)
    cells = today_row(spec(start_date=first_day), [], first_day, TODAY).days
    assert [(c.date, c.status) for c in cells] == [(first_day, "missed")]
