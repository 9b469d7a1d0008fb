"""Plain conversions of reminder settings, shared by the API, the JSON export and the imports.

No django-ninja here: the importers validate with plain pydantic.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypedDict

from django.utils.translation import gettext as _
from pydantic import BaseModel, BeforeValidator, Field, field_validator

from habits.values import WEEKDAY_NAMES
from reminders.models import CHANNEL_PUSH, CHANNELS, Reminder

_HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Channel = Literal["push", "email"]


def local_hh_mm(value: object) -> object:
    # Only "HH:MM": a reminder is a wall-clock time in the person's own zone, so an offset or
    # a zone ("08:00Z", "08:00+02:00") is refused rather than silently dropped (PostgreSQL's
    # time column) or answered with a 500 (SQLite's); so are seconds and "24:00".
    if isinstance(value, str) and _HH_MM.fullmatch(value):
        return dt.time.fromisoformat(value)
    raise ValueError(
        _("must be a local time written HH:MM (00:00 to 23:59), without seconds or a UTC offset")
    )


LocalTime = Annotated[dt.time, BeforeValidator(local_hh_mm)]


@dataclass(frozen=True)
class ReminderFields:
    """A new reminder's settings, already validated; weekdays 0 follows the habit's due days."""

    time: dt.time
    weekdays: int = 0
    only_if_not_done: bool = True
    channels: int = CHANNEL_PUSH


class ReminderChanges(TypedDict, total=False):
    time: dt.time
    weekdays: int
    only_if_not_done: bool
    channels: int


def weekday_mask(days: Sequence[str]) -> int:
    return sum(1 << WEEKDAY_NAMES.index(day) for day in set(days))


def weekday_names(mask: int) -> list[str]:
    return [name for bit, name in enumerate(WEEKDAY_NAMES) if mask & (1 << bit)]


def channel_mask(channels: Sequence[str]) -> int:
    return sum(CHANNELS[name] for name in set(channels))


def channel_names(mask: int) -> list[str]:
    return [name for name, bit in CHANNELS.items() if mask & bit]


def push_only() -> list[Channel]:
    return ["push"]


def reminder_document(reminder: Reminder) -> dict[str, Any]:
    """A reminder as our JSON export writes it; weekdays null follows the habit's due days."""
    return {
        "time": reminder.time.strftime("%H:%M"),
        "weekdays": weekday_names(reminder.weekdays) if reminder.weekdays else None,
        "only_if_not_done": reminder.only_if_not_done,
        "channels": channel_names(reminder.channels),
    }


class ReminderDocIn(BaseModel):
    """A reminder in our JSON export (reminder_document's shape)."""

    time: LocalTime
    weekdays: list[Weekday] | None = Field(default=None, min_length=1, max_length=7)
    only_if_not_done: bool = True
    channels: list[Channel] = Field(default_factory=push_only, min_length=1, max_length=2)

    @field_validator("weekdays", "channels")
    @classmethod
    def _unique(cls, values: list[str] | None) -> list[str] | None:
        if values is not None and len(set(values)) != len(values):
            raise ValueError(_("must not repeat a value"))
        return values
