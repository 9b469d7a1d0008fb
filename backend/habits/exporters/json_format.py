"""Our complete, versioned JSON export, streamed habit by habit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.db.models import FloatField
from django.db.models.functions import Cast
from django.utils import timezone

from habits.models import Entry, Group, Habit
from habits.selectors import habit_list
from habits.selectors_groups import group_list
from habits.values import schedule_to_dict
from reminders.values import reminder_document
from users.models import User

FORMAT = "habit-tracker"
VERSION = 1
ENTRY_CHUNK = 2000


def group_document(group: Group) -> dict[str, Any]:
    """A group as the file carries it; habits name it by this id."""
    return {
        "id": group.pk,
        "name": group.name,
        "color": group.color,
        "icon": group.icon,
        "position": group.position,
        "collapsed": group.collapsed,
    }


def habit_document(habit: Habit) -> dict[str, Any]:
    """Every field a person set on a habit, with the schedule as the API shows it.

    `reminders` needs prefetching. reminder_time (the earliest) stays for older importers.
    """
    reminders = sorted(habit.reminders.all(), key=lambda reminder: (reminder.time, reminder.pk))
    return {
        "name": habit.name,
        "description": habit.description,
        "color": habit.color,
        "icon": habit.icon,
        "kind": habit.kind,
        "unit": habit.unit,
        "target": float(habit.target),
        "target_type": habit.target_type,
        "step": float(habit.step),
        "schedule": schedule_to_dict(habit),
        "start_date": habit.start_date.isoformat(),
        "position": habit.position,
        "archived": habit.archived,
        "reminder_time": reminders[0].time.strftime("%H:%M") if reminders else None,
        "reminders": [reminder_document(reminder) for reminder in reminders],
        "loop_uuid": habit.loop_uuid,
        "group_id": habit.group_id,
    }


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_STATUS = {None: "null", "done": '"done"', "skipped": '"skipped"'}


def _note(note: str) -> str:
    return '""' if not note else _ENCODE(note)


def export_json(*, user: User) -> Iterator[bytes]:
    """Yield the export in pieces: one habit's entries are read with a server-side iterator."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "timezone": user.timezone,
            "day_start_hour": user.day_start_hour,
            "week_start": user.week_start,
        },
        # Before the habits, whose group_id names one of these ids (only within this file).
        "groups": [group_document(group) for group in group_list(user=user)],
    }
    yield (_ENCODE(head)[:-1] + ', "habits": [').encode()
    for i, habit in enumerate(habit_list(user=user).prefetch_related("reminders")):
        doc = _ENCODE(habit_document(habit))
        yield (("," if i else "") + "\n" + doc[:-1] + ', "entries": [').encode()
        # Values leave the database as floats: exact for three decimals, and JSON numbers
        # are floats anyway; it spares a Decimal conversion per row.
        rows = (
            Entry.objects.filter(habit=habit)
            .order_by("date")
            .values_list("date", "status", Cast("value", FloatField()), "note")
            .iterator(chunk_size=ENTRY_CHUNK)
        )
        batch: list[str] = []
        first = True
        for day, status, value, note in rows:
            batch.append(
                f'{{"date": "{day.isoformat()}", "status": {_STATUS.get(status) or _ENCODE(status)}, '
                f'"value": {"null" if value is None else repr(value)}, "note": {_note(note)}}}'
            )
            if len(batch) == ENTRY_CHUNK:
                yield (("" if first else ", ") + ", ".join(batch)).encode()
                first = False
                batch = []
        if batch:
            yield (("" if first else ", ") + ", ".join(batch)).encode()
        yield b"]}"
    yield b"\n]}\n"
