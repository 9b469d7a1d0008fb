"""The day-by-day view of one habit that every other module reads: one small int per day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from habits.rules.schedules import implicit_intervals
from habits.rules.types import DayState, EntryIn, HabitSpec

# Day states as small ints, because the hot loops index tuples with them (an Enum lookup per
# day would double the cost of a ten-year history).
DONE, DONE_IMPLICIT, SKIPPED, MISSED, NOT_DUE, UNKNOWN = range(6)
STATE_OF_CODE = (
    DayState.DONE,
    DayState.DONE_IMPLICIT,
    DayState.SKIPPED,
    DayState.MISSED,
    DayState.NOT_DUE,
    DayState.UNKNOWN,
)

_RANK = {None: 0, "skipped": 1, "done": 2}


@dataclass(frozen=True)
class Timeline:
    """Per-day facts from the first relevant day to today (index 0 is `first`)."""

    first: int  # ordinal of the first day
    today: int  # ordinal of today
    codes: list[int]
    manual: list[int]  # 1 where a boolean habit was done by hand (drives Loop's rolling sum)
    amounts: list[float]  # measurable: what the day adds to Loop's rolling sum (never < 0)
    values: list[float]  # measurable: the value entered (0.0 when none), for period totals

    def state(self, ordinal: int) -> DayState:
        """Return the state of a day given as an ordinal."""
        if self.first <= ordinal <= self.today:
            return STATE_OF_CODE[self.codes[ordinal - self.first]]
        return DayState.UNKNOWN


def _merge(entries: Iterable[EntryIn], today: int) -> dict[int, tuple[int, float | None]]:
    # One record per day. Duplicates are merged by rank and maximum, not "last wins", so the
    # result never depends on the order the caller passes entries in. Entries after today are
    # ignored: the future is not part of any statistic.
    merged: dict[int, tuple[int, float | None]] = {}
    for entry in entries:
        day = entry.date.toordinal()
        if day > today:
            continue
        rank = _RANK[entry.status]
        value = entry.value
        old = merged.get(day)
        if old is not None:
            if old[0] > rank:
                rank = old[0]
            if value is None or (old[1] is not None and old[1] > value):
                value = old[1]
        merged[day] = (rank, value)
    return merged


def build_timeline(
    habit: HabitSpec, entries: Iterable[EntryIn], today: date, first: date | None = None
) -> Timeline:
    """Turn entries into per-day codes from the habit's first relevant day up to today.

    The first day is the earliest of start_date, the first entry and the first implicitly
    covered day (Loop slides intervals back before the first repetition and counts those days in
    its streaks). `first` forces the first day instead, for the bounded-window score.
    """
    schedule = habit.schedule
    measurable = habit.kind == "measurable"
    t = today.toordinal()
    merged = _merge(entries, t)
    done_days: list[int] = []
    if not measurable:
        done_days = sorted((d for d, (rank, _) in merged.items() if rank == 2), reverse=True)
    intervals = implicit_intervals(schedule, done_days) if done_days else []
    if first is None:
        start = habit.start_date.toordinal()
        if merged:
            start = min(start, min(merged))
        if intervals:
            start = min(start, min(b for b, _ in intervals))
    else:
        start = first.toordinal()
    n = max(0, t - start + 1)
    target = habit.target
    at_most = habit.target_type == "at_most"
    # A due day with nothing logged is missed, except under an at-most limit: nothing logged is
    # nothing consumed, within the limit (0 coffees keeps "at most 2"). Loop's score already
    # counts such a day as a success; we count it in streaks and totals too, where Loop asks for
    # an explicit value, so that every number shown about the day agrees (issue 18).
    empty = DONE if measurable and at_most else MISSED
    weekdays = schedule.weekdays if schedule.type == "weekdays" else None
    if weekdays is None:
        codes = [empty] * n
    else:
        # date.fromordinal(o).weekday() == (o - 1) % 7, so one week's pattern tiles the history.
        week = [empty if (start + j - 1) % 7 in weekdays else NOT_DUE for j in range(7)]
        codes = (week * (n // 7 + 1))[:n]
    manual = [0] * n
    amounts = [0.0] * n
    values = [0.0] * n
    if intervals:
        # Mark covered days with a difference array: O(days + intervals), however long they are.
        cover = [0] * (n + 1)
        for b, e in intervals:
            b, e = max(b, start), min(e, t)
            if b <= e:
                cover[b - start] += 1
                cover[e - start + 1] -= 1
        running = 0
        for i in range(n):
            running += cover[i]
            if running:
                codes[i] = DONE_IMPLICIT
    for day, (rank, value) in merged.items():
        i = day - start
        if i < 0:
            continue
        due = weekdays is None or (day - 1) % 7 in weekdays
        if rank == 1:
            codes[i] = SKIPPED if due else NOT_DUE
        elif measurable:
            if value is None and rank == 2:
                value = target  # "done" without a number means the target was reached
            if value is None:
                continue
            values[i] = value
            amounts[i] = value if value > 0 else 0.0
            met = value <= target if at_most else value >= target
            if met:
                codes[i] = DONE
            elif due:
                codes[i] = MISSED
        elif rank == 2:
            codes[i] = DONE
            manual[i] = 1
    # Today is still open: an empty or partly done day is not missed yet. Only an at-most value
    # already over its limit is final.
    if n and codes[n - 1] == MISSED:
        over_limit = measurable and at_most and t in merged and merged[t][1] is not None
        if not over_limit:
            codes[n - 1] = UNKNOWN
    return Timeline(start, t, codes, manual, amounts, values)
