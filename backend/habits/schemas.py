"""Request and response shapes of the habit API; validation names the failing field.

The field types come from habits.fields (shared with the JSON import); each request schema
converts itself into the plain values of habits.values that the services take.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field, field_validator

from habits.fields import (
    Color,
    DailySchedule,
    Description,
    EntryStatus,
    Icon,
    Kind,
    Measurement,
    Name,
    Note,
    ReminderTime,
    ScheduleIn,
    StartDate,
    Step,
    Target,
    TargetType,
    Unit,
)
from habits.models import Entry, Habit
from habits.values import DEFAULT_COLOR, HabitChanges, HabitFields, schedule_to_dict


class HabitIn(Schema):
    name: Name
    description: Description = ""
    color: Color = DEFAULT_COLOR
    icon: Icon = ""
    kind: Kind = "boolean"
    unit: Unit = ""
    target: Target = Decimal(1)
    target_type: TargetType = "at_least"
    step: Step = Decimal(1)
    schedule: ScheduleIn = Field(default_factory=lambda: DailySchedule(type="daily"))
    start_date: StartDate | None = None
    archived: bool = False
    reminder_time: ReminderTime | None = None
    group_id: int | None = None

    def to_fields(self) -> HabitFields:
        values = self.model_dump(exclude={"schedule"})
        return HabitFields(**values, schedule=self.schedule.to_schedule())


class HabitPatchIn(Schema):
    name: Name | None = None
    description: Description | None = None
    color: Color | None = None
    icon: Icon | None = None
    kind: Kind | None = None
    unit: Unit | None = None
    target: Target | None = None
    target_type: TargetType | None = None
    step: Step | None = None
    schedule: ScheduleIn | None = None
    start_date: StartDate | None = None
    archived: bool | None = None
    reminder_time: ReminderTime | None = None
    group_id: int | None = None  # null takes the habit out of its group

    # Only a field sent as null reaches this (defaults are not validated): every field but the
    # reminder and the group, which null clears, must hold a value.
    @field_validator(
        "name", "description", "color", "icon", "kind", "unit", "target", "target_type",
        "step", "schedule", "start_date", "archived",
    )  # fmt: skip
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError(_("must not be null"))
        return value

    def to_changes(self) -> HabitChanges:
        changes = self.model_dump(exclude_unset=True, exclude={"schedule"})
        if self.schedule is not None:
            changes["schedule"] = self.schedule.to_schedule()
        return cast(HabitChanges, changes)


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
    step: float
    schedule: dict[str, object]
    start_date: dt.date
    position: int
    archived: bool
    reminder_time: str | None = Field(
        description=(
            "Kept for older clients: the earliest of the habit's reminders (HH:MM, local time), "
            "or null. Setting it on create or change sets that reminder (or adds one); null "
            "removes it. Use /api/habits/{id}/reminders for several reminders."
        )
    )
    group_id: int | None

    @staticmethod
    def resolve_schedule(obj: Habit) -> dict[str, object]:
        return schedule_to_dict(obj)

    @staticmethod
    def resolve_reminder_time(obj: Habit) -> str | None:
        # habit_list() annotates the earliest reminder; a single habit reads it here.
        if hasattr(obj, "earliest_reminder"):
            time = obj.earliest_reminder
        else:
            time = obj.reminders.order_by("time").values_list("time", flat=True).first()
        return time.strftime("%H:%M") if time else None

    @staticmethod
    def resolve_target(obj: Habit) -> float:
        return float(obj.target)

    @staticmethod
    def resolve_step(obj: Habit) -> float:
        return float(obj.step)


class ReorderIn(Schema):
    ids: list[int] = Field(max_length=10000)


class HabitReorderIn(ReorderIn):
    # Sent (a group's id, or null for the ungrouped habits): `ids` orders that group's habits
    # only, and every other habit keeps its place. Left out: `ids` orders all habits.
    group_id: int | None = None

    def scope(self) -> tuple[bool, int | None]:
        """(whether the order is limited to one group, which group)."""
        return "group_id" in self.model_fields_set, self.group_id


class EntryIn(Schema):
    status: EntryStatus | None = None
    value: Measurement | None = None
    note: Note = ""


class EntryOut(Schema):
    date: dt.date
    status: str | None
    value: float | None
    note: str

    @staticmethod
    def resolve_value(obj: Entry) -> float | None:
        return None if obj.value is None else float(obj.value)
