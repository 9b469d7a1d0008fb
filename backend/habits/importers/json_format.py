"""Our own JSON export (format "habit-tracker", version 1), so people can move between instances."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Literal
from zoneinfo import available_timezones

from django.utils.translation import gettext as _
from pydantic import AfterValidator, BaseModel, Field, ValidationError, field_validator

from habits.fields import (
    Color,
    DailySchedule,
    Day,
    EntryStatus,
    Icon,
    Kind,
    Name,
    ReminderTime,
    ScheduleIn,
    StartDate,
    Step,
    Target,
    TargetType,
    Unit,
    no_nul,
)
from habits.importers.common import (
    MAX_ABS_VALUE,
    THOUSANDTH,
    Account,
    ImportFileError,
    ParsedEntry,
    ParsedGroup,
    ParsedHabit,
    ParsedImport,
    check_day,
    check_entries_unique,
)
from habits.values import DEFAULT_COLOR
from reminders.values import ReminderDocIn, ReminderFields, channel_mask, weekday_mask

FORMAT = "habit-tracker"
VERSION = 1
# The file holds what the database holds: a description or a note imported from Loop may be
# longer than the API lets a person type (TextField has no length on either engine), and a
# measurement may use all twelve digits the column has before the point.
LongText = Annotated[str, AfterValidator(no_nul)]


class EntryFileIn(BaseModel):
    date: Day
    status: EntryStatus | None = None
    value: float | None = Field(default=None, allow_inf_nan=False)
    note: str = ""  # NUL is dropped on import, as from Loop's files


class HabitFileIn(BaseModel):
    name: Name
    description: LongText = ""
    color: Color = DEFAULT_COLOR
    icon: Icon = ""
    kind: Kind = "boolean"
    unit: Unit = ""
    target: Target = Decimal(1)
    target_type: TargetType = "at_least"
    step: Step | None = None  # exports before the step existed have none
    schedule: ScheduleIn = Field(default_factory=lambda: DailySchedule(type="daily"))
    start_date: StartDate
    archived: bool = False
    # Exports before several reminders: one time. Newer ones carry both (reminder_time being
    # the earliest); reminders wins.
    reminder_time: ReminderTime | None = None
    reminders: list[ReminderDocIn] | None = Field(default=None, max_length=24)
    position: int = Field(default=0, ge=0, le=2_000_000_000)
    loop_uuid: str = Field(default="", max_length=64)
    # An id from the file's "groups", or null for no group; left out, an update keeps the group.
    group_id: int | None = None
    entries: list[EntryFileIn] = Field(default_factory=list)

    _uuid = field_validator("loop_uuid")(no_nul)


class GroupFileIn(BaseModel):
    id: int
    name: Name
    color: Color = DEFAULT_COLOR
    icon: Icon = ""
    position: int = Field(default=0, ge=0, le=2_000_000_000)
    collapsed: bool = False


class AccountIn(BaseModel):
    timezone: str
    day_start_hour: int = Field(ge=0, le=23)
    week_start: int = Field(ge=0, le=6)

    @field_validator("timezone")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in available_timezones():
            raise ValueError(_("must be an IANA time zone name"))
        return value


class ExportFileIn(BaseModel):
    format: Literal["habit-tracker"]
    version: Literal[1]
    exported_at: str | None = None
    account: AccountIn | None = None
    habits: list[HabitFileIn]
    groups: list[GroupFileIn] = Field(default_factory=list, max_length=10_000)


def parse_json(data: bytes, upload_name: str) -> ParsedImport:
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError(upload_name, None, _("is not UTF-8 text")) from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            upload_name, exc.lineno, _("is not valid JSON: %(reason)s") % {"reason": exc.msg}
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ImportFileError(
            upload_name,
            None,
            _('is JSON but not a habit-tracker export (no "format": "%(format)s")')
            % {"format": FORMAT},
        )
    try:
        parsed = ExportFileIn.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise ImportFileError(upload_name, None, f"{where}: {error['msg']}") from None
    account = None
    if parsed.account is not None:
        account = Account(
            timezone=parsed.account.timezone,
            day_start_hour=parsed.account.day_start_hour,
            week_start=parsed.account.week_start,
        )
    habits = [_habit(i, habit, upload_name) for i, habit in enumerate(parsed.habits)]
    groups = _groups(parsed, upload_name)
    return ParsedImport(habits=habits, account=account, groups=groups)


def _groups(parsed: ExportFileIn, upload_name: str) -> list[ParsedGroup]:
    groups = [
        ParsedGroup(g.id, g.name, g.color, g.icon, g.position, g.collapsed) for g in parsed.groups
    ]
    keys = {group.key for group in groups}
    if len(keys) != len(groups):
        raise ImportFileError(upload_name, None, _("groups: two groups have the same id"))
    for index, habit in enumerate(parsed.habits):
        if habit.group_id is not None and habit.group_id not in keys:
            raise ImportFileError(
                upload_name,
                None,
                _("habits.%(index)d.group_id: no group with this id in 'groups'")
                % {"index": index},
            )
    return groups


def _habit(index: int, data: HabitFileIn, upload_name: str) -> ParsedHabit:
    habit = ParsedHabit(
        name=data.name,
        schedule=data.schedule.to_schedule(),
        description=data.description,
        color=data.color,
        icon=data.icon,
        kind=data.kind,
        unit=data.unit,
        target=data.target.quantize(THOUSANDTH),
        target_type=data.target_type,
        step=None if data.step is None else data.step.quantize(THOUSANDTH),
        start_date=data.start_date,
        position=data.position,
        archived=data.archived,
        reminders=_reminders(data),
        loop_uuid=data.loop_uuid,
    )
    if habit.kind == "boolean" and habit.target_type == "at_most":
        raise ImportFileError(
            upload_name,
            None,
            _("habits.%(index)d.target_type: a yes/no habit can only be 'at_least'")
            % {"index": index},
        )
    for j, entry in enumerate(data.entries):
        where = f"habits.{index}.entries.{j}"
        reason = _entry_problem(habit.kind, entry)
        if reason:
            raise ImportFileError(upload_name, None, f"{where}: {reason}")
        check_day(entry.date, upload_name, None, f"{where}.date:")
        value = None if entry.value is None else _value(entry.value, upload_name, where)
        habit.entries.append(ParsedEntry(entry.date, entry.status, value, entry.note))
    check_entries_unique(habit, upload_name)
    if "group_id" in data.model_fields_set:
        habit.group_key, habit.has_group = data.group_id, True
    return habit


def _reminders(data: HabitFileIn) -> list[ReminderFields]:
    if data.reminders is not None:
        return [
            ReminderFields(
                time=reminder.time,
                weekdays=weekday_mask(reminder.weekdays) if reminder.weekdays else 0,
                only_if_not_done=reminder.only_if_not_done,
                channels=channel_mask(reminder.channels),
            )
            for reminder in data.reminders
        ]
    return [] if data.reminder_time is None else [ReminderFields(time=data.reminder_time)]


def _value(number: float, upload_name: str, where: str) -> Decimal:
    # Entry.value is DecimalField(15, 3): PostgreSQL refuses more (a 500), SQLite would store it.
    value = None
    if abs(number) <= float(MAX_ABS_VALUE):
        value = Decimal(str(number)).quantize(THOUSANDTH) + 0  # no -0.000, as in the API
    if value is None or abs(value) > MAX_ABS_VALUE:
        raise ImportFileError(
            upload_name,
            None,
            _("%(where)s.value: must be between -%(max)s and %(max)s")
            % {"where": where, "max": MAX_ABS_VALUE},
        )
    return value


def _entry_problem(kind: str, entry: EntryFileIn) -> str:
    # The API's rules for an entry, minus the date bounds (history is history).
    if kind == "boolean" and entry.value is not None:
        return _("a yes/no habit takes a status, not a value")
    if kind == "measurable" and entry.status == "done":
        return _("a measurable habit takes a value (or 'skipped')")
    if entry.status == "skipped" and entry.value is not None:
        return _("a skipped day has no value")
    if entry.status is None and entry.value is None and not entry.note:
        return _("an entry needs a status, a value or a note")
    return ""
