"""When a reminder fires: pure rules, no Django, no clock (ADR 0016).

A reminder belongs to a habit-day, the person's local date as check-ins count it (a day starts at
their day-start hour). It fires at its wall-clock time on that day: on the calendar date itself
when the time is at or after the day-start hour, on the next calendar date when it is earlier
(02:30 with days starting at 04:00 is still the evening before). Daylight saving:
- a wall-clock time that does not exist (spring forward) fires at the first valid minute after
  it, the moment the clocks jump;
- a wall-clock time that occurs twice (fall back) fires once, at its first occurrence;
- each habit-day fires at most once, also when the person changes time zone in between.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

ALL_DAYS = 0b1111111
_MINUTE = dt.timedelta(minutes=1)
# The longest jump a clock has made is a whole day (Samoa, 30 December 2011).
_LONGEST_GAP_MINUTES = 25 * 60


@dataclass(frozen=True)
class Fire:
    """One firing: the UTC instant and the local habit-day it reminds of."""

    at: dt.datetime
    date: dt.date


def habit_day(now_utc: dt.datetime, tz_name: str, day_start_hour: int) -> dt.date:
    """The person's local date at an instant, with days starting at the day-start hour."""
    local = _utc(now_utc).astimezone(ZoneInfo(tz_name))
    return (local.replace(tzinfo=None) - dt.timedelta(hours=day_start_hour)).date()


def fire_instant(day: dt.date, time: dt.time, tz_name: str, day_start_hour: int) -> dt.datetime:
    """The UTC instant a reminder at `time` fires for habit-day `day`."""
    if not 0 <= day_start_hour <= 23:
        raise ValueError("day_start_hour: must be 0 to 23")
    calendar_day = day if time.hour >= day_start_hour else day + dt.timedelta(days=1)
    wall = dt.datetime.combine(calendar_day, time.replace(second=0, microsecond=0, tzinfo=None))
    return wall_to_utc(wall, ZoneInfo(tz_name))


def wall_to_utc(wall: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """A naive local wall-clock time as a UTC instant: the first of two, or the end of a gap."""
    for minutes in range(_LONGEST_GAP_MINUTES + 1):
        candidate = wall + minutes * _MINUTE
        # fold=0 picks the first occurrence of an ambiguous time.
        instant = candidate.replace(tzinfo=tz, fold=0).astimezone(dt.UTC)
        if instant.astimezone(tz).replace(tzinfo=None) == candidate:
            return instant
    raise ValueError(f"no valid local time near {wall.isoformat()} in {tz.key}")


def next_fire(
    *,
    time: dt.time,
    weekdays: int,
    tz_name: str,
    day_start_hour: int,
    after: dt.datetime,
    last_date: dt.date | None = None,
) -> Fire:
    """The first firing strictly after `after` on a day in `weekdays` (bit 0 = Monday) that is
    later than `last_date`, the habit-day that fired last."""
    if not 1 <= weekdays <= ALL_DAYS:
        raise ValueError("weekdays: must name at least one day")
    after = _utc(after)
    first = habit_day(after, tz_name, day_start_hour) - dt.timedelta(days=1)
    if last_date is not None and last_date >= first:
        first = last_date + dt.timedelta(days=1)
    # Two weeks always hold a matching day whose instant lies after `after`.
    for offset in range(15):
        day = first + dt.timedelta(days=offset)
        if not weekdays & (1 << day.weekday()):
            continue
        at = fire_instant(day, time, tz_name, day_start_hour)
        if at > after:
            return Fire(at=at, date=day)
    raise AssertionError("unreachable: a weekday mask with a bit always matches within 15 days")


def _utc(instant: dt.datetime) -> dt.datetime:
    # A naive instant is taken to be UTC, which is what the server clock gives.
    if instant.tzinfo is None:
        return instant.replace(tzinfo=dt.UTC)
    return instant.astimezone(dt.UTC)
