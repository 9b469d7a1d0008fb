"""Plain values the write layer takes, and how a schedule is stored in the habit's columns.

Services, selectors, importers and exporters use these; the API converts its request schemas
into them. Nothing here knows about HTTP or django-ninja, so a background task, a management
command or a new app can call the services with the same values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import TypedDict

from habits import rules
from habits.models import Habit

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAILY = rules.Schedule(type="daily")
DEFAULT_COLOR = "#4f46e5"
# The rules walk every day from a habit's start: older starts are refused everywhere.
EARLIEST_START = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class HabitFields:
    """Every field a person sets on a new habit, already validated."""

    name: str
    schedule: rules.Schedule = DAILY
    description: str = ""
    color: str = DEFAULT_COLOR
    icon: str = ""
    kind: str = "boolean"
    unit: str = ""
    target: Decimal = Decimal(1)
    target_type: str = "at_least"
    step: Decimal = Decimal(1)
    start_date: dt.date | None = None  # None: the owner's local today
    archived: bool = False
    # Older clients' single reminder: sets the habit's first reminder (reminders.services).
    reminder_time: dt.time | None = None
    group_id: int | None = None  # one of the owner's groups; the service checks it

    def columns(self) -> dict[str, object]:
        """The model's columns, the schedule's four included; start_date is left to the caller."""
        columns = asdict(self)
        del columns["schedule"], columns["start_date"], columns["reminder_time"]
        return {**columns, **schedule_columns(self.schedule)}


class HabitChanges(TypedDict, total=False):
    """The fields a change sets; a missing key is left as it is, reminder_time None clears it."""

    name: str
    schedule: rules.Schedule
    description: str
    color: str
    icon: str
    kind: str
    unit: str
    target: Decimal
    target_type: str
    step: Decimal
    start_date: dt.date
    archived: bool
    reminder_time: dt.time | None
    group_id: int | None  # None takes the habit out of its group


def schedule_columns(schedule: rules.Schedule) -> dict[str, object]:
    """The four model columns that store a schedule (the rules' Schedule, already validated)."""
    columns: dict[str, object] = {
        "schedule_type": schedule.type,
        "schedule_times": 1,
        "schedule_days": 1,
        "schedule_weekdays": 0,
    }
    kind = schedule.type
    if kind == "weekdays":
        columns["schedule_weekdays"] = sum(1 << day for day in schedule.weekdays)
    elif kind == "times_per_week":
        columns.update(schedule_times=schedule.times, schedule_days=7)
    elif kind == "times_per_month":
        columns.update(schedule_times=schedule.times, schedule_days=30)
    elif kind == "every_n_days":
        columns["schedule_days"] = schedule.days
    elif kind == "times_in_days":
        columns.update(schedule_times=schedule.times, schedule_days=schedule.days)
    return columns


def schedule_of(habit: Habit) -> rules.Schedule:
    """The schedule stored in a habit's four columns."""
    weekdays = frozenset(bit for bit in range(7) if habit.schedule_weekdays & (1 << bit))
    return rules.Schedule(
        type=habit.schedule_type,  # type: ignore[arg-type]
        times=habit.schedule_times,
        days=habit.schedule_days,
        weekdays=weekdays,
    )


def schedule_to_dict(habit: Habit) -> dict[str, object]:
    """A habit's schedule as the API and the JSON export show it."""
    kind = habit.schedule_type
    if kind == Habit.ScheduleType.WEEKDAYS:
        days = [
            name for bit, name in enumerate(WEEKDAY_NAMES) if habit.schedule_weekdays & (1 << bit)
        ]
        return {"type": kind, "days": days}
    if kind in (Habit.ScheduleType.TIMES_PER_WEEK, Habit.ScheduleType.TIMES_PER_MONTH):
        return {"type": kind, "times": habit.schedule_times}
    if kind == Habit.ScheduleType.EVERY_N_DAYS:
        return {"type": kind, "n": habit.schedule_days}
    if kind == Habit.ScheduleType.TIMES_IN_DAYS:
        return {"type": kind, "times": habit.schedule_times, "days": habit.schedule_days}
    return {"type": "daily"}
