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
from typing import Literal

from habits.rules.grid import DayFlags
from habits.rules.scores import initial_score, score_series
from habits.rules.streaks import current_and_best
from habits.rules.timeline import DONE, SKIPPED, Timeline, build_timeline
from habits.rules.types import EntryIn, HabitSpec

MAX_RANGE_DAYS = 366
Counts = Literal["days", "times", "amount"]
# Per-day marks of one habit for the share chart.
NOT_COUNTED, DUE, DUE_DONE = 0, 1, 2


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
    entries: Iterable[EntryIn],
    first: date,
    last: date,
    today: date,
    week_start: int = 0,
) -> HabitOverview:
    """Return one habit's numbers for the days from `first` to `last`."""
    if last < first:
        raise ValueError("last: must not be before first")
    tl = build_timeline(habit, entries, today)
    flags = DayFlags(habit, tl, week_start)
    counts = counts_of(habit)
    t = today.toordinal()
    lo = max(first.toordinal(), habit.start_date.toordinal())
    hi = min(last.toordinal(), t)
    codes = tl.codes
    tl_first = tl.first
    done = expected = 0.0
    for o in range(lo, hi + 1):
        i = o - tl_first
        code = codes[i] if 0 <= i < len(codes) else None
        if code == SKIPPED:
            continue
        is_done = flags.done(o)
        if o == t and not is_done:
            continue  # today is still open
        if counts == "days":
            if flags.due(o):
                expected += 1
                done += is_done
        else:
            expected += flags.target / _period_days(habit, o)
            if counts == "times":
                done += code == DONE
            elif code is not None:
                done += tl.values[i] if tl.values[i] > 0 else 0.0
    completion = min(1.0, done / expected) if expected > 0 else None
    start_score, end_score = _scores(habit, tl, first.toordinal() - 1, min(last.toordinal(), t))
    return HabitOverview(
        counts=counts,
        done=round(done, 3),
        expected=round(expected, 1) if counts != "days" else expected,
        completion=completion,
        score_start=start_score,
        score_end=end_score,
        best_streak=_best_streak(tl, first.toordinal(), hi),
        marks=_marks(flags, first.toordinal(), last.toordinal(), habit.start_date.toordinal(), t),
    )


def _period_days(habit: HabitSpec, o: int) -> int:
    schedule = habit.schedule
    if schedule.type == "times_per_week":
        return 7
    if schedule.type == "times_per_month":
        d = date.fromordinal(o)
        return calendar.monthrange(d.year, d.month)[1]
    return schedule.days


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


def _marks(flags: DayFlags, lo: int, hi: int, start: int, t: int) -> tuple[int, ...]:
    marks = []
    for o in range(lo, hi + 1):
        if o > t or o < start or flags.code(o) == SKIPPED or not flags.due(o):
            marks.append(NOT_COUNTED)
        else:
            marks.append(DUE_DONE if flags.done(o) else DUE)
    return tuple(marks)


def day_shares(
    overviews: Sequence[HabitOverview], first: date, last: date
) -> list[tuple[date, float | None]]:
    """Return, per day, the share of the habits due that day that were done (None: none due)."""
    start = first.toordinal()
    shares: list[tuple[date, float | None]] = []
    for i in range(last.toordinal() - start + 1):
        due = done = 0
        for overview in overviews:
            mark = overview.marks[i]
            if mark:
                due += 1
                done += mark == DUE_DONE
        shares.append((date.fromordinal(start + i), done / due if due else None))
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
