"""Request and response shapes of the habit API; validation names the failing field."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, field_validator, model_validator

from habits.models import Entry, Habit

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# Control characters (other than tab and newline in long text) make names unprintable.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_COLOR = r"^#[0-9a-fA-F]{6}$"


class DailySchedule(Schema):
    type: Literal["daily"]


class WeekdaysSchedule(Schema):
    type: Literal["weekdays"]
    days: list[Weekday] = Field(min_length=1, max_length=7)

    @field_validator("days")
    @classmethod
    def _unique(cls, days: list[str]) -> list[str]:
        if len(set(days)) != len(days):
            raise ValueError("weekdays must not repeat")
        return sorted(days, key=WEEKDAY_NAMES.index)


class TimesPerWeekSchedule(Schema):
    type: Literal["times_per_week"]
    times: int = Field(ge=1, le=7)


class TimesPerMonthSchedule(Schema):
    type: Literal["times_per_month"]
    times: int = Field(ge=1, le=31)


class EveryNDaysSchedule(Schema):
    type: Literal["every_n_days"]
    n: int = Field(ge=1, le=365)


class TimesInDaysSchedule(Schema):
    type: Literal["times_in_days"]
    times: int = Field(ge=1, le=365)
    days: int = Field(ge=1, le=365)

    @model_validator(mode="after")
    def _fits(self) -> TimesInDaysSchedule:
        if self.times > self.days:
            raise ValueError("times cannot be more than days")
        return self


ScheduleSchema = Annotated[
    DailySchedule
    | WeekdaysSchedule
    | TimesPerWeekSchedule
    | TimesPerMonthSchedule
    | EveryNDaysSchedule
    | TimesInDaysSchedule,
    Field(discriminator="type"),
]

Name = Annotated[str, Field(min_length=1, max_length=200)]
Target = Annotated[Decimal, Field(ge=0, le=Decimal("999999999"), max_digits=12, decimal_places=3)]


def _no_nul(value: str | None) -> str | None:
    # PostgreSQL text columns cannot store NUL; refusing it here answers 422 instead of 500.
    if value is not None and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _clean_name(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        raise ValueError("must not be blank")
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


class HabitIn(Schema):
    name: Name
    description: str = Field(default="", max_length=5000)
    color: str = Field(default="#4f46e5", pattern=_COLOR)
    icon: str = Field(default="", max_length=32)
    kind: Literal["boolean", "measurable"] = "boolean"
    unit: str = Field(default="", max_length=32)
    target: Target = Decimal(1)
    target_type: Literal["at_least", "at_most"] = "at_least"
    schedule: ScheduleSchema = Field(default_factory=lambda: DailySchedule(type="daily"))
    start_date: dt.date | None = None
    archived: bool = False
    reminder_time: dt.time | None = None

    _name = field_validator("name")(_clean_name)
    _text = field_validator("description", "icon", "unit")(_no_nul)


class HabitPatchIn(Schema):
    name: Name | None = None
    description: str | None = Field(default=None, max_length=5000)
    color: str | None = Field(default=None, pattern=_COLOR)
    icon: str | None = Field(default=None, max_length=32)
    kind: Literal["boolean", "measurable"] | None = None
    unit: str | None = Field(default=None, max_length=32)
    target: Target | None = None
    target_type: Literal["at_least", "at_most"] | None = None
    schedule: ScheduleSchema | None = None
    start_date: dt.date | None = None
    archived: bool | None = None
    reminder_time: dt.time | None = None

    _name = field_validator("name")(_clean_name)
    _text = field_validator("description", "icon", "unit")(_no_nul)


class HabitOut(Schema):
    id: int
    name: str
    description: str
    color: str
    icon: str
    kind: str
    unit: str
    target: float
    target_type: str
    schedule: dict[str, object]
    start_date: dt.date
    position: int
    archived: bool
    reminder_time: str | None

    @staticmethod
    def resolve_schedule(obj: Habit) -> dict[str, object]:
        return schedule_to_dict(obj)

    @staticmethod
    def resolve_reminder_time(obj: Habit) -> str | None:
        return obj.reminder_time.strftime("%H:%M") if obj.reminder_time else None

    @staticmethod
    def resolve_target(obj: Habit) -> float:
        return float(obj.target)


class ReorderIn(Schema):
    ids: list[int] = Field(max_length=10000)


class EntryIn(Schema):
    status: Literal["done", "skipped"] | None = None
    value: float | None = Field(default=None, ge=-1e9, le=1e9, allow_inf_nan=False)
    note: str = Field(default="", max_length=5000)

    _note = field_validator("note")(_no_nul)


class EntryOut(Schema):
    date: dt.date
    status: str | None
    value: float | None
    note: str

    @staticmethod
    def resolve_value(obj: Entry) -> float | None:
        return None if obj.value is None else float(obj.value)


def schedule_to_dict(habit: Habit) -> dict[str, object]:
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


def schedule_columns(schedule: object) -> dict[str, object]:
    """The four model columns that store a validated schedule."""
    columns: dict[str, object] = {
        "schedule_type": schedule.type,  # type: ignore[attr-defined]
        "schedule_times": 1,
        "schedule_days": 1,
        "schedule_weekdays": 0,
    }
    if isinstance(schedule, WeekdaysSchedule):
        columns["schedule_weekdays"] = sum(1 << WEEKDAY_NAMES.index(day) for day in schedule.days)
    elif isinstance(schedule, TimesPerWeekSchedule):
        columns.update(schedule_times=schedule.times, schedule_days=7)
    elif isinstance(schedule, TimesPerMonthSchedule):
        columns.update(schedule_times=schedule.times, schedule_days=30)
    elif isinstance(schedule, EveryNDaysSchedule):
        columns["schedule_days"] = schedule.n
    elif isinstance(schedule, TimesInDaysSchedule):
        columns.update(schedule_times=schedule.times, schedule_days=schedule.days)
    return columns
