"""Every habit over a range of days: done against expected, scores, streaks, a per-day share.

What "done" and "expected" count depends on the habit (docs/decisions/0015-overview-completion.md):

- "days": habits due on given days (daily, chosen weekdays) and every at-most limit. Expected
  is the due days of the range, done the due days that count as done, exactly as the calendar
  and Today call them.
- "times": yes/no quotas (N per week or month, every N days, N in D days). Expected is N for
  each whole period, prorated by day for the part of a period inside the range (3 a week over
  30 days expects 12.9); done is the number of check-ins.
- "amount": measurable quotas ("20 km a week"): the target prorated the same way, against the
  total logged.

Only settled days count: from the later of the range's first day and the habit's start date to
the earlier of its last day and today, skipped days left out, and today only once it is done
(an open day is not a failure yet). Completion is done / expected, at most 1, or None when
nothing was expected. The per-day share is what Today listed as due that day and was done,
over all habits; today counts as it stands.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from operator import and_
from typing import Literal, NamedTuple, cast

from habits.rules.schedules import implicit_intervals
from habits.rules.scores import initial_score, score_series
from habits.rules.streaks import current_and_best
from habits.rules.timeline import (
    DONE,
    DONE_IMPLICIT,
    MISSED,
    NOT_DUE,
    SKIPPED,
    UNKNOWN,
    Timeline,
    build_timeline,
)
from habits.rules.types import EntryIn, HabitSpec

MAX_RANGE_DAYS = 366
Counts = Literal["days", "times", "amount"]
# Per-day marks of one habit for the share chart.
NOT_COUNTED, DUE, DUE_DONE = 0, 1, 2


class Row(NamedTuple):
    """An entry as the database hands it over, with the attributes the timeline reads.

    A year of fifty habits is some 18,000 entries; a named tuple is made several times faster
    than the frozen EntryIn, which was a quarter of a cold overview.
    """

    date: date
    status: Literal["done", "skipped"] | None
    value: float | None


@dataclass(frozen=True)
class HabitOverview:
    """One habit over the range."""

    counts: Counts
    done: float
    expected: float
    completion: float | None
    score_start: float
    score_end: float
    best_streak: int
    # One mark per day of the range (NOT_COUNTED, DUE or DUE_DONE), for the share chart.
    marks: tuple[int, ...]


@dataclass(frozen=True)
class Totals:
    """A group's totals over the range."""

    done: float
    expected: float
    completion: float | None


def counts_of(habit: HabitSpec) -> Counts:
    """Return what a habit's done and expected count."""
    if habit.schedule.type in ("daily", "weekdays") or habit.target_type == "at_most":
        return "days"
    return "amount" if habit.kind == "measurable" else "times"


def habit_overview(
    habit: HabitSpec,
    entries: Iterable[EntryIn] | Iterable[Row],
    first: date,
    last: date,
    today: date,
    week_start: int = 0,
) -> HabitOverview:
    """Return one habit's numbers for the days from `first` to `last`."""
    if last < first:
        raise ValueError("last: must not be before first")
    if not 0 <= week_start <= 6:
        raise ValueError("week_start: must be 0 (Monday) to 6 (Sunday)")
    # A Row has every attribute of an EntryIn that the timeline reads (date, status, value).
    tl = build_timeline(habit, cast(Iterable[EntryIn], entries), today)
    return overview_of_timeline(habit, tl, first, last, today, week_start)


def habit_overview_of_rows(
    habit: HabitSpec,
    rows: Sequence[tuple[object, date, str | None, float | None]],
    first: date,
    last: date,
    today: date,
    week_start: int = 0,
) -> HabitOverview:
    """habit_overview for rows as the overview's query hands them over, without the merging.

    `rows` are (anything, date, status, value) tuples of one habit, one per day, oldest first,
    none after today (the entry table's unique habit and date, ordered and filtered in SQL).
    The result equals habit_overview's for the same entries (test_rules_overview_rows proves it).
    """
    if last < first:
        raise ValueError("last: must not be before first")
    if not 0 <= week_start <= 6:
        raise ValueError("week_start: must be 0 (Monday) to 6 (Sunday)")
    tl = timeline_of_rows(habit, rows, today)
    return overview_of_timeline(habit, tl, first, last, today, week_start)


def timeline_of_rows(
    habit: HabitSpec, rows: Sequence[tuple[object, date, str | None, float | None]], today: date
) -> Timeline:
    """build_timeline for one day's entry per row, oldest first, none after today.

    build_timeline merges entries of one day and sorts the done days; the rows of one habit
    from the database are already unique by day and in order, so this skips both, and reads
    the tuples as they come (a year of fifty habits is some 18,000 rows: building a Row or an
    EntryIn for each and merging them into a dict was half of a cold overview).
    """
    schedule = habit.schedule
    measurable = habit.kind == "measurable"
    t = today.toordinal()
    ords = [r[1].toordinal() for r in rows]
    # Checked in C (sorting a sorted list is one pass): a Python loop here cost a millisecond.
    if ords and (ords[-1] > t or len(set(ords)) != len(ords) or ords != sorted(ords)):
        raise ValueError("rows: must be one a day, oldest first, none after today")
    intervals: list[tuple[int, int]] = []
    if not measurable and schedule.type not in ("daily", "weekdays"):
        done_days = [o for o, r in zip(ords, rows, strict=True) if r[2] == "done"]
        if done_days:
            done_days.reverse()
            intervals = implicit_intervals(schedule, done_days)
    start = habit.start_date.toordinal()
    if ords and ords[0] < start:
        start = ords[0]
    if intervals:
        start = min(start, min(b for b, _ in intervals))
    n = max(0, t - start + 1)
    target = habit.target
    at_most = habit.target_type == "at_most"
    empty = DONE if measurable and at_most else MISSED
    weekdays = schedule.weekdays if schedule.type == "weekdays" else None
    if weekdays is None:
        codes = [empty] * n
    else:
        week = [empty if (start + j - 1) % 7 in weekdays else NOT_DUE for j in range(7)]
        codes = (week * (n // 7 + 1))[:n]
    manual = [0] * n
    amounts = [0.0] * n
    values = [0.0] * n
    # Every covered day is marked, however many intervals cover it: one slice each, in C.
    for b, e in intervals:
        b, e = max(b, start), min(e, t)
        if b <= e:
            codes[b - start : e - start + 1] = [DONE_IMPLICIT] * (e - b + 1)
    for day, (_, _, status, value) in zip(ords, rows, strict=True):
        i = day - start
        if status == "skipped":
            codes[i] = SKIPPED if weekdays is None or (day - 1) % 7 in weekdays else NOT_DUE
        elif measurable:
            if value is None:
                if status != "done":
                    continue
                value = target  # "done" without a number means the target was reached
            values[i] = value
            amounts[i] = value if value > 0 else 0.0
            if (value <= target) if at_most else (value >= target):
                codes[i] = DONE
            elif weekdays is None or (day - 1) % 7 in weekdays:
                codes[i] = MISSED
        elif status == "done":
            codes[i] = DONE
            manual[i] = 1
    if n and codes[n - 1] == MISSED:
        over_limit = measurable and at_most and ords and ords[-1] == t and rows[-1][3] is not None
        if not over_limit:
            codes[n - 1] = UNKNOWN
    return Timeline(start, t, codes, manual, amounts, values)


def overview_of_timeline(
    habit: HabitSpec, tl: Timeline, first: date, last: date, today: date, week_start: int
) -> HabitOverview:
    """Return one habit's numbers for the days from `first` to `last`, from its timeline."""
    counts = counts_of(habit)
    t = today.toordinal()
    r0, r1 = first.toordinal(), last.toordinal()
    # The days that can count: from the start date (the timeline begins on or before it) to
    # today at most. The lists below are indexed by day from `lo`.
    lo, hi = max(r0, habit.start_date.toordinal(), tl.first), min(r1, t)
    m = max(0, hi - lo + 1)
    a = lo - tl.first
    codes = tl.codes[a : a + m]
    values = tl.values[a : a + m]
    due, done = _due_and_done(habit, tl, lo, m, week_start)
    # Skipped days, and today while it is open, are not settled.
    settled = [c != SKIPPED for c in codes]
    open_k = t - lo
    if 0 <= open_k < m and not done[open_k]:
        settled[open_k] = False
    if counts == "days":
        # Booleans and-ed and summed in C (map over operator.and_): a year of fifty habits
        # is 18,000 days, and each Python-level pass over them costs about a millisecond.
        expected_days = list(map(and_, settled, due))
        expected = float(sum(expected_days))
        total = float(sum(map(and_, expected_days, done)))
    else:
        shares = _daily_shares(habit, lo, m)
        expected = sum(x for s, x in zip(settled, shares, strict=True) if s)
        if counts == "times":
            total = float(sum(1 for s, c in zip(settled, codes, strict=True) if s and c == DONE))
        else:
            total = sum(v for s, v in zip(settled, values, strict=True) if s and v > 0)
    completion = min(1.0, total / expected) if expected > 0 else None
    marks = [
        NOT_COUNTED if c == SKIPPED or not u else DUE_DONE if d else DUE
        for c, u, d in zip(codes, due, done, strict=True)
    ]
    # Days of the range before the habit's start and after today are not counted.
    before = min(max(lo - r0, 0), r1 - r0 + 1)
    after = r1 - r0 + 1 - before - m
    start_score, end_score = _scores(habit, tl, r0 - 1, min(r1, t))
    return HabitOverview(
        counts=counts,
        done=round(total, 3),
        expected=round(expected, 1) if counts != "days" else expected,
        completion=completion,
        score_start=start_score,
        score_end=end_score,
        best_streak=_best_streak(tl, r0, hi),
        marks=(NOT_COUNTED,) * before + tuple(marks) + (NOT_COUNTED,) * after,
    )


def _due_and_done(
    habit: HabitSpec, tl: Timeline, lo: int, m: int, week_start: int
) -> tuple[list[bool], list[bool]]:
    # Today's (due, done) for m days from the ordinal lo, as grid.DayFlags gives them one day
    # at a time, computed a list at a time because a year of fifty habits is 18,000 days.
    a = lo - tl.first
    codes = tl.codes[a : a + m]
    schedule = habit.schedule
    measurable = habit.kind == "measurable"
    at_most = measurable and habit.target_type == "at_most"
    if at_most or schedule.type in ("daily", "weekdays"):
        if at_most:
            # A limit's day is judged by its own value, nothing logged being within it.
            limit = habit.target
            values = tl.values[a : a + m]
            done = [c != SKIPPED and v <= limit for c, v in zip(codes, values, strict=True)]
        else:
            done = [c == DONE for c in codes]
        if schedule.type == "weekdays":
            weekdays = schedule.weekdays
            return [(o - 1) % 7 in weekdays for o in range(lo, lo + m)], done
        return [True] * m, done  # daily, or a limit watched every day
    # A quota: due while what the period's earlier days added stays under the target.
    target = float(habit.target if measurable else schedule.times)
    starts = [max(p - tl.first, 0) for p in _period_starts(habit, lo, m, week_start)]
    if not measurable:
        # Whole numbers of done days: prefix sums are exact.
        prefix = [0, *accumulate(c == DONE for c in tl.codes)]
        due = [prefix[a + k] - prefix[p] < target for k, p in enumerate(starts)]
        return due, [c == DONE for c in codes]
    # Amounts: summed slice by slice in the order stats sums them, so that a total that lands
    # exactly on the target is judged as Today judges it (floats are not associative).
    values = tl.values
    due = [sum(values[p : a + k]) < target for k, p in enumerate(starts)]
    done = [
        c != SKIPPED and sum(values[p : a + k + 1]) >= target
        for k, (c, p) in enumerate(zip(codes, starts, strict=True))
    ]
    return due, done


def _period_starts(habit: HabitSpec, lo: int, m: int, week_start: int) -> list[int]:
    schedule = habit.schedule
    days = range(lo, lo + m)
    if schedule.type == "times_per_week":
        return [o - ((o - 1) % 7 - week_start) % 7 for o in days]
    if schedule.type == "times_per_month":
        return [o - date.fromordinal(o).day + 1 for o in days]
    return [o - schedule.days + 1 for o in days]


def _daily_shares(habit: HabitSpec, lo: int, m: int) -> list[float]:
    # What each day adds to a quota's expected total: the period's target over its length.
    schedule = habit.schedule
    target = float(habit.target if habit.kind == "measurable" else schedule.times)
    if schedule.type == "times_per_month":
        out = []
        for o in range(lo, lo + m):
            d = date.fromordinal(o)
            out.append(target / calendar.monthrange(d.year, d.month)[1])
        return out
    length = 7 if schedule.type == "times_per_week" else schedule.days
    return [target / length] * m


def _scores(habit: HabitSpec, tl: Timeline, before: int, end: int) -> tuple[float, float]:
    # The score as the range began (the end of the day before it) and on its last day so far.
    series, _ = score_series(habit, tl)

    def at(o: int) -> float:
        i = min(o, tl.today) - tl.first
        return series[i] if 0 <= i < len(series) else initial_score(habit)

    return at(before), at(end)


def _best_streak(tl: Timeline, lo: int, hi: int) -> int:
    # Only the range's own days count: a streak that began before it counts from its first day.
    a = max(lo - tl.first, 0)
    b = hi - tl.first + 1
    if b <= a:
        return 0
    part = Timeline(tl.first + a, hi, tl.codes[a:b], [], [], [])
    return current_and_best(part)[1]


def day_shares(
    overviews: Sequence[HabitOverview], first: date, last: date
) -> list[tuple[date, float | None]]:
    """Return, per day, the share of the habits due that day that were done (None: none due)."""
    start = first.toordinal()
    n = last.toordinal() - start + 1
    columns: Iterable[tuple[int, ...]] = (
        zip(*(o.marks for o in overviews), strict=True) if overviews else [()] * n
    )
    shares: list[tuple[date, float | None]] = []
    for i, column in enumerate(columns):
        due = len(column) - column.count(NOT_COUNTED)
        share = column.count(DUE_DONE) / due if due else None
        shares.append((date.fromordinal(start + i), share))
    return shares


def group_totals(members: Sequence[HabitOverview]) -> Totals:
    """Return a group's totals: summed check-ins, and the mean of its habits' completions.

    Amounts ("20 km a week") cannot be added to check-ins, so they count in the completion (each
    habit weighs the same, as in the group's score) but not in done and expected.
    """
    counted = [m for m in members if m.counts != "amount"]
    rates = [m.completion for m in members if m.completion is not None]
    return Totals(
        done=round(sum(m.done for m in counted), 3),
        expected=round(sum(m.expected for m in counted), 1),
        completion=sum(rates) / len(rates) if rates else None,
    )
