"""Today's week grid: what each of the last few days looks like, and whether it was due.

A day's `due` is exactly what the single-day Today view says for that day (a quota is due until
it is met, counting the days before; a limit is watched every day), so the grid's last cell
always agrees with the card above it. Its status reads the same timeline as the calendar and
the streaks:

- "done": counts as done (an at-most limit kept, with nothing logged too; a measurable quota
  once the period's total reaches the target);
- "partial": a measurable habit with something logged that does not reach the target yet;
- "skipped": skipped on a due day;
- "before_start": before the habit's start date, with nothing recorded;
- "empty": today (or a later day) with nothing recorded, still open;
- "not_due": the schedule asked nothing that day (another weekday, a quota already met, a day
  Loop's interval covers);
- "missed": due, past, and not done (or an at-most limit already exceeded).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from habits.rules.stats import summary_of_timeline
from habits.rules.timeline import DONE, MISSED, SKIPPED, UNKNOWN, Timeline, build_timeline
from habits.rules.types import EntryIn, HabitSpec, Summary

GridStatus = Literal[
    "done", "partial", "skipped", "before_start", "empty", "not_due", "missed"
]  # fmt: skip
GRID_DAYS = 7
_QUOTAS = ("times_per_week", "times_per_month", "every_n_days", "times_in_days")


@dataclass(frozen=True)
class GridDay:
    """One cell of the week grid."""

    date: date
    status: GridStatus
    value: float | None
    due: bool


@dataclass(frozen=True)
class TodayRow:
    """Everything Today shows for one habit: the day's summary and the cells before it."""

    summary: Summary
    days: tuple[GridDay, ...]


class DayFlags:
    """(due, done) of a few days of a timeline by Today's rules (the grid's seven).

    A period's sum is taken from slices of the timeline, at C speed, rather than from prefix
    sums over the whole history: a week of cells reads a few periods, never ten years.
    """

    def __init__(self, habit: HabitSpec, tl: Timeline, week_start: int) -> None:
        if not 0 <= week_start <= 6:
            raise ValueError("week_start: must be 0 (Monday) to 6 (Sunday)")
        self.habit = habit
        self.tl = tl
        self.week_start = week_start
        self.measurable = habit.kind == "measurable"
        self.at_most = self.measurable and habit.target_type == "at_most"
        schedule = habit.schedule
        self.quota = schedule.type in _QUOTAS and not self.at_most
        self.target = (
            float(habit.target)
            if self.measurable
            else float(schedule.times if schedule.type in _QUOTAS else 1)
        )

    def _sum(self, lo: int, hi: int) -> float:
        # What the days [lo, hi) (ordinals) added to a period, clamped to the timeline (days
        # outside it added nothing): values for measurable habits, done days for the others.
        first = self.tl.first
        n = len(self.tl.codes)
        a = min(max(lo - first, 0), n)
        b = min(max(hi - first, 0), n)
        if b <= a:
            return 0.0
        if self.measurable:
            return float(sum(self.tl.values[a:b]))
        return float(self.tl.codes[a:b].count(DONE))

    def _period_start(self, o: int) -> int:
        schedule = self.habit.schedule
        if schedule.type == "times_per_week":
            return o - ((o - 1) % 7 - self.week_start) % 7
        if schedule.type == "times_per_month":
            return date.fromordinal(o).replace(day=1).toordinal()
        return o - schedule.days + 1

    def due(self, o: int) -> bool:
        """Whether Today lists the day (an ordinal) under "due"."""
        schedule = self.habit.schedule
        if schedule.type == "weekdays":
            return (o - 1) % 7 in schedule.weekdays
        if schedule.type == "daily" or self.at_most:
            return True
        return self._sum(self._period_start(o), o) < self.target

    def done(self, o: int) -> bool:
        """Whether the day counts as done, as Today's card says."""
        i = o - self.tl.first
        codes = self.tl.codes
        if not 0 <= i < len(codes) or codes[i] == SKIPPED:
            return False
        if self.at_most:
            return self.tl.values[i] <= self.habit.target
        if self.measurable and self.quota:
            return self._sum(self._period_start(o), o + 1) >= self.target
        return codes[i] == DONE

    def code(self, o: int) -> int | None:
        i = o - self.tl.first
        return self.tl.codes[i] if 0 <= i < len(self.tl.codes) else None


def grid_days(
    habit: HabitSpec,
    tl: Timeline,
    values: dict[date, float],
    day: date,
    today: date,
    week_start: int,
    count: int = GRID_DAYS,
) -> tuple[GridDay, ...]:
    """Return the `count` days ending with `day`, oldest first, from a timeline up to `day`."""
    flags = DayFlags(habit, tl, week_start)
    start_o = habit.start_date.toordinal()
    t = today.toordinal()
    last = day.toordinal()
    cells = []
    # The calendar's first days have fewer than `count` days before them.
    for o in range(max(1, last - count + 1), last + 1):
        d = date.fromordinal(o)
        due = flags.due(o)
        value = values.get(d)
        cells.append(GridDay(d, _status(habit, flags, o, t, start_o, due, value), value, due))
    return tuple(cells)


def _status(
    habit: HabitSpec,
    flags: DayFlags,
    o: int,
    t: int,
    start_o: int,
    due: bool,
    value: float | None,
) -> GridStatus:
    code = flags.code(o)
    if o > t:
        return "empty"  # the future: nothing can be missed yet
    if code == SKIPPED:
        return "skipped"
    if flags.done(o):
        return "done"
    if flags.at_most and value is not None and value > habit.target:
        return "missed"  # a limit already exceeded is final, today too
    if flags.measurable and not flags.at_most and value is not None and value > 0:
        return "partial"
    if o < start_o:
        return "before_start"
    if o == t:
        return "empty" if due else "not_due"
    # A past day: missed when due and the timeline says missed, or still open because it is
    # the day shown (the timeline treats its last day as today).
    if due and (code == MISSED or (code == UNKNOWN and o == flags.tl.today)):
        return "missed"
    return "not_due"


def today_row(
    habit: HabitSpec,
    entries: Iterable[EntryIn],
    day: date,
    today: date,
    week_start: int = 0,
    count: int = GRID_DAYS,
) -> TodayRow:
    """Return the summary of `day` (as summary() does) and the grid of days ending with it."""
    listed = list(entries)
    tl = build_timeline(habit, listed, day)
    first = day.toordinal() - count + 1
    values = {
        e.date: e.value
        for e in listed
        if e.value is not None and first <= e.date.toordinal() <= day.toordinal()
    }
    return TodayRow(
        summary=summary_of_timeline(habit, tl, day, week_start),
        days=grid_days(habit, tl, values, day, today, week_start, count),
    )
