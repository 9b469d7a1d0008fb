"""The import service: detect the format, parse it, then write everything in one transaction."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.versions import new_version
from habits.importers.common import (
    ImportFileError,
    ParsedGroup,
    ParsedHabit,
    ParsedImport,
    max_bytes,
)
from habits.importers.json_format import parse_json
from habits.importers.loop_csv import parse_loop_zip
from habits.importers.loop_db import parse_loop_db
from habits.models import Entry, Group, Habit
from habits.selectors import user_today
from reminders.services import habit_reminders_replace, reminders_reschedule
from users.models import User
from users.services import user_touch

SQLITE_MAGIC = b"SQLite format 3\x00"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
BATCH = 1000
# Habit.position is PositiveIntegerField: PostgreSQL's integer ends at 2**31 - 1, SQLite's has
# no end. Imported positions stay far below, so creating habits after them still fits.
MAX_POSITION = 1_000_000_000


@dataclass(frozen=True)
class ImportResult:
    habits_created: int = 0
    habits_updated: int = 0
    entries_created: int = 0
    entries_updated: int = 0


def upload_parse(*, upload: File) -> ParsedImport:  # type: ignore[type-arg]
    """Parse an uploaded file by its content (never its extension)."""
    name = PurePath(upload.name or "upload").name
    size = upload.size
    if not size:
        raise ImportFileError(name, None, _("is empty"))
    if size > max_bytes():
        raise ImportFileError(
            name, None, _("is larger than %(limit)s bytes") % {"limit": max_bytes()}
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if head.startswith(ZIP_MAGICS):
        return parse_loop_zip(upload, name)
    if head.startswith(SQLITE_MAGIC):
        return parse_loop_db(upload, name)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        return parse_json(upload.read(), name)
    raise ImportFileError(
        name,
        None,
        _(
            "is neither a Loop CSV export (zip), a Loop backup (SQLite) nor a habit-tracker JSON "
            "export"
        ),
    )


def habits_import(*, user: User, upload: File) -> ImportResult:  # type: ignore[type-arg]
    """Import a Loop CSV zip, a Loop backup or our JSON export; all of it or nothing.

    Parsing happens before the transaction, so a bad file never holds a lock. Habits match by
    Loop uuid where the file has one, otherwise by name; entries match by date. Entries that
    only this account has are left alone.
    """
    parsed = upload_parse(upload=upload)
    return parsed_import_write(user=user, parsed=parsed)


@transaction.atomic
def parsed_import_write(*, user: User, parsed: ParsedImport) -> ImportResult:
    # Lock order as in habits.services: the person's habits by id, entries, their row last.
    locked = Habit.objects.select_for_update().filter(owner=user).order_by("pk")
    existing = sorted(locked, key=lambda habit: (habit.position, habit.pk))
    if parsed.account is not None:
        user.timezone = parsed.account.timezone
        user.day_start_hour = parsed.account.day_start_hour
        user.week_start = parsed.account.week_start
    today = user_today(user)
    by_uuid = {habit.loop_uuid: habit for habit in existing if habit.loop_uuid}
    by_name: dict[str, list[Habit]] = defaultdict(list)
    for habit in existing:
        by_name[habit.name].append(habit)
    offset = max((habit.position for habit in existing), default=-1) + 1
    groups = _import_groups(user, parsed.groups)
    grouped: dict[int | None, list[int]] = defaultdict(list)
    _fit_positions(parsed.habits, offset)
    used: set[int] = set()
    created = updated = entries_created = entries_updated = 0
    touched: list[int] = []
    for data in parsed.habits:
        found = _match(data, by_uuid, by_name, used)
        if found is None:
            habit = _new_habit(user, data, offset, today)
            created += 1
        else:
            habit = found
            _apply(habit, data)
            habit.save()
            updated += 1
        used.add(habit.pk)
        if data.has_group:
            grouped[None if data.group_key is None else groups[data.group_key].pk].append(habit.pk)
        if data.reminders is not None:
            habit_reminders_replace(user=user, habit=habit, reminders=data.reminders)
        new, changed = _write_entries(habit, data)
        entries_created += new
        entries_updated += changed
        if new or changed:
            touched.append(habit.pk)
    if touched:
        Habit.objects.filter(pk__in=touched).update(entries_version=new_version(31))
    for group_id, habit_ids in grouped.items():
        Habit.objects.filter(pk__in=habit_ids).update(group_id=group_id)
    if parsed.account is not None:
        user.save(update_fields=["timezone", "day_start_hour", "week_start"])
    # A new time zone, schedule or archive flag moves when the reminders fire next.
    reminders_reschedule(user=user)
    user_touch(user=user)
    return ImportResult(created, updated, entries_created, entries_updated)


def _import_groups(user: User, parsed: list[ParsedGroup]) -> dict[int, Group]:
    """The account's group for each of the file's, by the file's id.

    Existing groups are kept: a file's group matches the first one of the same name (and takes
    the file's colour, icon and collapsed state, as a matched habit takes the file's fields),
    otherwise it is created after the existing ones, in the file's order.
    """
    if not parsed:
        return {}
    # Lock order: habits, then groups, then the owner's row (habits.services_groups).
    existing = list(Group.objects.select_for_update().filter(owner=user).order_by("pk"))
    free: dict[str, list[Group]] = defaultdict(list)
    for group in sorted(existing, key=lambda group: (group.position, group.pk)):
        free[group.name].append(group)
    position = max((group.position for group in existing), default=-1) + 1
    result: dict[int, Group] = {}
    changed: list[Group] = []
    for data in sorted(parsed, key=lambda group: (group.position, group.key)):
        same_name = free.get(data.name)
        if same_name:
            group = same_name.pop(0)
            group.color, group.icon, group.collapsed = data.color, data.icon, data.collapsed
            changed.append(group)
        else:
            group = Group(owner=user, name=data.name, color=data.color, icon=data.icon,
                          collapsed=data.collapsed, position=position)  # fmt: skip
            position += 1
            group.save()
        result[data.key] = group
    Group.objects.bulk_update(changed, ["color", "icon", "collapsed"])
    return result


def _fit_positions(habits: list[ParsedHabit], offset: int) -> None:
    """Keep the file's positions, or only their order when they would run past MAX_POSITION."""
    if offset + max((habit.position for habit in habits), default=0) > MAX_POSITION:
        for rank, habit in enumerate(sorted(habits, key=lambda habit: habit.position)):
            habit.position = rank


def _match(
    data: ParsedHabit,
    by_uuid: dict[str, Habit],
    by_name: dict[str, list[Habit]],
    used: set[int],
) -> Habit | None:
    if data.loop_uuid:
        habit = by_uuid.get(data.loop_uuid)
        if habit is not None and habit.pk not in used:
            return habit
    for habit in by_name.get(data.name, []):
        # A habit that already came from another Loop habit is not this one.
        if habit.pk not in used and habit.loop_uuid in ("", data.loop_uuid):
            return habit
    return None


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL.
    return text.replace("\x00", "")


def _apply(habit: Habit, data: ParsedHabit) -> None:
    habit.name = data.name
    habit.description = _clean(data.description)
    habit.color = data.color
    if data.icon is not None:
        habit.icon = data.icon
    habit.kind = data.kind
    habit.unit = _clean(data.unit)
    habit.target = data.target
    habit.target_type = data.target_type
    if data.step is not None:
        habit.step = data.step
    for column, value in data.columns().items():
        setattr(habit, column, value)
    habit.archived = data.archived
    if data.loop_uuid:
        habit.loop_uuid = data.loop_uuid
    # A habit starts no later than its earliest entry, as a check-in before the start date
    # moves it back (Loop has no start date: a habit begins with its first repetition).
    earliest = min(
        (day for day in (data.start_date, *(entry.date for entry in data.entries)) if day),
        default=None,
    )
    if earliest is not None and earliest < habit.start_date:
        habit.start_date = earliest


def _new_habit(user: User, data: ParsedHabit, offset: int, today: dt.date) -> Habit:
    habit = Habit(owner=user, start_date=data.start_date or today, position=offset + data.position)
    _apply(habit, data)
    habit.save()
    return habit


def _write_entries(habit: Habit, data: ParsedHabit) -> tuple[int, int]:
    if not data.entries:
        return 0, 0
    old = {
        day: (pk, status, value, note)
        for pk, day, status, value, note in Entry.objects.filter(habit=habit).values_list(
            "pk", "date", "status", "value", "note"
        )
    }
    now = timezone.now()
    to_create: list[Entry] = []
    to_update: list[Entry] = []
    for entry in data.entries:
        note = _clean(entry.note)
        row = old.get(entry.date)
        if row is None:
            to_create.append(
                Entry(
                    habit=habit, date=entry.date, status=entry.status, value=entry.value, note=note
                )
            )
        elif (row[1], row[2], row[3]) != (entry.status, entry.value, note):
            to_update.append(
                Entry(
                    pk=row[0],
                    habit=habit,
                    date=entry.date,
                    status=entry.status,
                    value=entry.value,
                    note=note,
                    updated_at=now,
                )
            )
    Entry.objects.bulk_create(to_create, batch_size=BATCH)
    Entry.objects.bulk_update(
        to_update, ["status", "value", "note", "updated_at"], batch_size=BATCH
    )
    return len(to_create), len(to_update)
