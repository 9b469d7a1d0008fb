"""The validated types of habit and entry fields, shared by the API's schemas and the JSON import.

SQLite and PostgreSQL store some types differently: SQLite ignores varchar lengths, keeps NUL
in text and cannot store a time with a UTC offset, while PostgreSQL refuses NUL, drops the
offset of a time and overflows a numeric or smallint column. Every such limit is checked here,
before the database, so the same input gets the same 422 naming the field on both engines
(docs/RELIABILITY.md, "Field types on both engines"). Plain pydantic, no django-ninja: the
importers use these types too.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    field_validator,
    model_validator,
)

from habits import rules
from habits.rules.types import MAX_DAYS
from habits.values import EARLIEST_START, WEEKDAY_NAMES

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# Control characters (other than tab and newline in long text) make names unprintable.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COLOR = r"^#[0-9a-fA-F]{6}$"
MAX_TARGET = Decimal("999999999")
MAX_STEP = MAX_TARGET
# Entry.value is DecimalField(15, 3); the API keeps measurements far inside it.
MAX_MEASUREMENT = 1e9


def no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL (a DataError, so a 500) while SQLite stores it.
    if "\x00" in value:
        raise ValueError(_("must not contain NUL characters"))
    return value


def _clean_name(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(_("must not be blank"))
    if _CONTROL.search(value):
        raise ValueError(_("must not contain control characters"))
    return value


def _iso_date(value: object) -> object:
    # pydantic would also take a datetime at midnight or a Unix timestamp; which local day an
    # instant falls on depends on a time zone, so a day is only ever written as YYYY-MM-DD.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError(_("must be a date written as YYYY-MM-DD"))


def _from_1900(value: dt.date) -> dt.date:
    if value < EARLIEST_START:
        raise ValueError(_("must be 1900-01-01 or later"))
    return value


def _local_minute(value: dt.time) -> dt.time:
    # A reminder is a wall-clock time in the person's own time zone. PostgreSQL's time column
    # silently dropped an offset and SQLite's refused it (a 500); a number was read as
    # seconds after midnight UTC. Seconds are dropped: reminders are set and shown to the minute.
    if value.tzinfo is not None:
        raise ValueError(_("must be a local time such as 08:30, without a UTC offset"))
    return value.replace(second=0, microsecond=0)


# Lengths are counted in characters (code points), as PostgreSQL's varchar counts them;
# SQLite ignores the declared length, so these are the only guard there.
Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_clean_name)]
Description = Annotated[str, Field(max_length=5000), AfterValidator(no_nul)]
Color = Annotated[str, Field(pattern=_COLOR)]
Icon = Annotated[str, Field(max_length=32), AfterValidator(no_nul)]
Unit = Annotated[str, Field(max_length=32), AfterValidator(no_nul)]
Kind = Literal["boolean", "measurable"]
TargetType = Literal["at_least", "at_most"]
# Habit.target is DecimalField(12, 3): nine digits before the point, three after.
Target = Annotated[Decimal, Field(ge=0, le=MAX_TARGET, max_digits=12, decimal_places=3)]
# Habit.step is DecimalField(12, 3) too; a step of 0 would make the plus and minus buttons
# do nothing.
Step = Annotated[Decimal, Field(gt=0, le=MAX_STEP, max_digits=12, decimal_places=3)]
Day = Annotated[dt.date, BeforeValidator(_iso_date)]
StartDate = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_from_1900)]
ReminderTime = Annotated[dt.time, AfterValidator(_local_minute)]
Note = Annotated[str, Field(max_length=5000), AfterValidator(no_nul)]
# A float: JSON numbers are floats, and the service rounds to the column's thousandths.
Measurement = Annotated[float, Field(ge=-MAX_MEASUREMENT, le=MAX_MEASUREMENT, allow_inf_nan=False)]
EntryStatus = Literal["done", "skipped"]


class DailySchedule(BaseModel):
    type: Literal["daily"]

    def to_schedule(self) -> rules.Schedule:
        return rules.Schedule(type="daily")


class WeekdaysSchedule(BaseModel):
    type: Literal["weekdays"]
    days: list[Weekday] = Field(min_length=1, max_length=7)

    @field_validator("days")
    @classmethod
    def _unique(cls, days: list[str]) -> list[str]:
        if len(set(days)) != len(days):
            raise ValueError(_("weekdays must not repeat"))
        return sorted(days, key=WEEKDAY_NAMES.index)

    def to_schedule(self) -> rules.Schedule:
        weekdays = frozenset(WEEKDAY_NAMES.index(day) for day in self.days)
        return rules.Schedule(type="weekdays", weekdays=weekdays)


class TimesPerWeekSchedule(BaseModel):
    type: Literal["times_per_week"]
    times: int = Field(ge=1, le=7)

    def to_schedule(self) -> rules.Schedule:
        return rules.Schedule(type="times_per_week", times=self.times, days=7)


class TimesPerMonthSchedule(BaseModel):
    type: Literal["times_per_month"]
    times: int = Field(ge=1, le=31)

    def to_schedule(self) -> rules.Schedule:
        return rules.Schedule(type="times_per_month", times=self.times, days=30)


class EveryNDaysSchedule(BaseModel):
    type: Literal["every_n_days"]
    n: int = Field(ge=1, le=MAX_DAYS)

    def to_schedule(self) -> rules.Schedule:
        return rules.Schedule(type="every_n_days", days=self.n)


class TimesInDaysSchedule(BaseModel):
    type: Literal["times_in_days"]
    times: int = Field(ge=1, le=MAX_DAYS)
    days: int = Field(ge=1, le=MAX_DAYS)

    @model_validator(mode="after")
    def _fits(self) -> TimesInDaysSchedule:
        if self.times > self.days:
            raise ValueError(_("times cannot be more than days"))
        return self

    def to_schedule(self) -> rules.Schedule:
        return rules.Schedule(type="times_in_days", times=self.times, days=self.days)


ScheduleIn = Annotated[
    DailySchedule
    | WeekdaysSchedule
    | TimesPerWeekSchedule
    | TimesPerMonthSchedule
    | EveryNDaysSchedule
    | TimesInDaysSchedule,
    Field(discriminator="type"),
]
