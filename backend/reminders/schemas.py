"""Request and response shapes of the reminder API; validation names the failing field."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field, field_validator

from reminders.models import Reminder
from reminders.services import effective_weekdays
from reminders.values import (
    Channel,
    LocalTime,
    ReminderChanges,
    ReminderFields,
    Weekday,
    channel_mask,
    channel_names,
    push_only,
    weekday_mask,
    weekday_names,
)


class _Lists(Schema):
    @field_validator("weekdays", "channels", check_fields=False)
    @classmethod
    def _unique(cls, values: list[str] | None) -> list[str] | None:
        if values is not None and len(set(values)) != len(values):
            raise ValueError(_("must not repeat a value"))
        return values


class ReminderIn(_Lists):
    time: LocalTime
    # Left out (or null): the days the habit is due, following its schedule when it changes.
    weekdays: list[Weekday] | None = Field(default=None, min_length=1, max_length=7)
    only_if_not_done: bool = True
    channels: list[Channel] = Field(default_factory=push_only, min_length=1, max_length=2)

    def to_fields(self) -> ReminderFields:
        return ReminderFields(
            time=self.time,
            weekdays=weekday_mask(self.weekdays) if self.weekdays else 0,
            only_if_not_done=self.only_if_not_done,
            channels=channel_mask(self.channels),
        )


class ReminderPatchIn(_Lists):
    time: LocalTime | None = None
    # null goes back to the habit's due days.
    weekdays: list[Weekday] | None = Field(default=None, min_length=1, max_length=7)
    only_if_not_done: bool | None = None
    channels: list[Channel] | None = Field(default=None, min_length=1, max_length=2)

    # Only a field sent as null reaches this (defaults are not validated).
    @field_validator("time", "only_if_not_done", "channels", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError(_("must not be null"))
        return value

    def to_changes(self) -> ReminderChanges:
        sent = self.model_fields_set
        changes: ReminderChanges = {}
        if self.time is not None:
            changes["time"] = self.time
        if "weekdays" in sent:
            changes["weekdays"] = weekday_mask(self.weekdays) if self.weekdays else 0
        if self.only_if_not_done is not None:
            changes["only_if_not_done"] = self.only_if_not_done
        if self.channels is not None:
            changes["channels"] = channel_mask(self.channels)
        return changes


class ReminderOut(Schema):
    id: int
    habit_id: int
    time: str = Field(description="Local wall-clock time, HH:MM.")
    weekdays: list[str] = Field(description="The days it may fire: its own, or the habit's.")
    follows_habit_schedule: bool = Field(
        description="True when no weekdays were chosen: it fires on the days the habit is due."
    )
    only_if_not_done: bool
    channels: list[str]
    next_fire_at: dt.datetime | None = Field(
        description="The next instant it fires (UTC); null while the habit is archived."
    )

    @staticmethod
    def resolve_time(obj: Reminder) -> str:
        return obj.time.strftime("%H:%M")

    @staticmethod
    def resolve_weekdays(obj: Reminder) -> list[str]:
        return weekday_names(effective_weekdays(obj, obj.habit))

    @staticmethod
    def resolve_follows_habit_schedule(obj: Reminder) -> bool:
        return obj.weekdays == 0

    @staticmethod
    def resolve_channels(obj: Reminder) -> list[str]:
        return channel_names(obj.channels)


class ActIn(Schema):
    # django.core.signing's URL-safe alphabet: anything else cannot be a token.
    token: str = Field(min_length=1, max_length=1000, pattern=r"^[A-Za-z0-9_\-:.]+$")


class ActOut(Schema):
    action: Literal["done", "later"]
    habit_id: int
    date: dt.date
