"""Schedules: validation helpers, the mapping to Loop's frequencies, periods and implicit days."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from habits.rules.types import MAX_DAYS, Schedule

# Loop's frequency picker writes "x times per month" as x/30, and Loop's own interval code treats
# a denominator of 30 as "one calendar month". We therefore map x/30 to times_per_month.
LOOP_MONTH_DENOMINATOR = 30
_LAST_ORDINAL = date.max.toordinal()


def schedule_from_loop_frequency(numerator: int, denominator: int) -> Schedule:
    """Map a Loop frequency (numerator/denominator) to our schedule, losslessly.

    Loop -> ours -> Loop always gives back the same pair: 1/1 is daily, t/7 is times_per_week,
    t/30 is times_per_month (Loop's month), 1/n is every_n_days, anything else t/d is
    times_in_days. Our synonyms (every_n_days 7, times_in_days 2/7, ...) map to the same Loop
    pair, so ours -> Loop -> ours returns the canonical form listed above. Loop never writes x/31
    from its UI; 1/31 and t/31 become plain 31-day windows. Weekday schedules have no Loop
    counterpart (see loop_frequency).
    """
    if numerator < 1 or denominator < 1:
        raise ValueError("frequency: numerator and denominator must be positive")
    if denominator > MAX_DAYS:
        raise ValueError(f"frequency: denominator must be at most {MAX_DAYS}")
    if numerator == 1 and denominator == 1:
        schedule = Schedule(type="daily")
    elif denominator == 7 and numerator <= 7:
        schedule = Schedule(type="times_per_week", times=numerator)
    elif denominator == LOOP_MONTH_DENOMINATOR and numerator <= 31:
        schedule = Schedule(type="times_per_month", times=numerator)
    elif numerator == 1:
        schedule = Schedule(type="every_n_days", days=denominator)
    elif numerator <= denominator:
        schedule = Schedule(type="times_in_days", times=numerator, days=denominator)
    else:
        raise ValueError("frequency: more repetitions than days is not a schedule")
    schedule.validate()
    return schedule


def loop_frequency(schedule: Schedule) -> tuple[int, int]:
    """Return the Loop frequency (numerator, denominator) that the score formula uses.

    Exact for every type but "weekdays", which Loop cannot express: it gets k/7 (k due days a
    week), the same rate our score uses for its multiplier.
    """
    kind = schedule.type
    if kind == "daily":
        return 1, 1
    if kind == "weekdays":
        return len(schedule.weekdays), 7
    if kind == "times_per_week":
        return schedule.times, 7
    if kind == "times_per_month":
        return schedule.times, LOOP_MONTH_DENOMINATOR
    if kind == "every_n_days":
        return 1, schedule.days
    return schedule.times, schedule.days


def is_due_weekday(schedule: Schedule, day: date) -> bool:
    """Whether a day can be due at all (only weekday schedules rule days out)."""
    return schedule.type != "weekdays" or day.weekday() in schedule.weekdays


def period_bounds(schedule: Schedule, day: date, week_start: int = 0) -> tuple[date, date]:
    """Return the first and last day of the period that contains a day.

    A period that would reach past the first or last representable date is cut there, so that
    any day the calendar has (0001-01-01 too) can be asked about.
    """
    kind = schedule.type
    o = day.toordinal()
    if kind == "times_per_week":
        first = o - (day.weekday() - week_start) % 7
        return _clamped(first), _clamped(first + 6)
    if kind == "times_per_month":
        last_day = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last_day)
    if kind in ("every_n_days", "times_in_days"):
        # A rolling window ending on the day: that is what Loop's "x times in y days" means.
        return _clamped(o - schedule.days + 1), day
    return day, day


def _clamped(ordinal: int) -> date:
    return date.fromordinal(min(max(ordinal, 1), _LAST_ORDINAL))


def _month_interval_size(begin: int) -> int:
    # Loop: an interval that begins on a month's last day lasts as long as the next month,
    # otherwise as long as the month it begins in.
    d = date.fromordinal(begin)
    length = calendar.monthrange(d.year, d.month)[1]
    if d.day == length:
        nxt = d + timedelta(days=1)
        return calendar.monthrange(nxt.year, nxt.month)[1]
    return length


def implicit_intervals(schedule: Schedule, done_days: list[int]) -> list[tuple[int, int]]:
    """Return Loop's completed intervals (first, last ordinal) for "t in d days" schedules.

    done_days are the ordinals of manually done days, newest first. Every run of t done days
    spanning fewer than d days completes an interval of d days starting at its oldest day; older
    intervals then slide back into the past (by at most the distance from their newest done day
    to their end) to close gaps, which is how Loop maximises streaks.
    """
    if schedule.type in ("daily", "weekdays"):
        return []
    num, den = loop_frequency(schedule)
    if den == 1:
        return []
    monthly = schedule.type == "times_per_month"
    # [begin, center, end] per interval, newest first.
    intervals: list[list[int]] = []
    for i in range(num - 1, len(done_days)):
        begin = done_days[i]
        center = done_days[i - num + 1]
        size = _month_interval_size(begin) if monthly else den
        if center - begin < size:
            intervals.append([begin, center, begin + size - 1])
    for i in range(1, len(intervals)):
        cur, newer = intervals[i], intervals[i - 1]
        overlap = cur[2] - newer[0]
        if overlap >= 0:
            shift = min(cur[2] - cur[1], overlap + 1)
            cur[0] -= shift
            cur[2] -= shift
    return [(b, e) for b, _, e in intervals]
