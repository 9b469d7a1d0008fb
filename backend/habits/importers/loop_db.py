"""Loop Habit Tracker's full backup: "Loop Habits Backup ....db", an SQLite database.

Schema versions 22 to 26 share what we read: `Habits` (question from v23, uuid from v24) and
`Repetitions(habit, timestamp, value)` (notes from v25). Timestamps are milliseconds at midnight
UTC of the person's local day; measurable values are stored x 1000.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from habits.importers.common import (
    ImportFileError,
    ParsedHabit,
    ParsedImport,
    check_day,
    check_entries_unique,
    loop_color,
    loop_description,
    loop_entry,
    loop_name,
    loop_target,
    loop_text,
    schedule_from_loop,
)
from reminders.values import ReminderFields

MIN_VERSION, MAX_VERSION = 22, 26
_DAY_MS = 86_400_000
_EVERY_DAY = 0b1111111


def loop_reminder_days(days: object) -> int:
    """Loop's reminder_days (bit 0 = Saturday, 1 = Sunday, 2 = Monday ...) as our weekday mask
    (bit 0 = Monday); every day, or none or garbage, becomes 0: the habit's due days."""
    if not isinstance(days, int) or not 0 < days < _EVERY_DAY:
        return 0
    return sum(1 << ((bit + 5) % 7) for bit in range(7) if days & (1 << bit))


def parse_loop_db(stream: IO[bytes], upload_name: str) -> ParsedImport:
    # sqlite3 needs a path: copy the upload to a private temporary file, opened read-only.
    with tempfile.TemporaryDirectory(prefix="loop-import-") as folder:
        path = Path(folder) / "backup.db"
        with path.open("wb") as out:
            shutil.copyfileobj(stream, out, 1024 * 1024)
        try:
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
                db.execute("PRAGMA query_only = ON")
                db.execute("PRAGMA trusted_schema = OFF")
                return _parse(db, upload_name)
        except sqlite3.DatabaseError as exc:
            raise ImportFileError(
                upload_name, None, _("is not a readable Loop backup: %(reason)s") % {"reason": exc}
            ) from None


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1].lower() for row in db.execute(f"PRAGMA table_info({table})")}


def _parse(db: sqlite3.Connection, name: str) -> ParsedImport:
    tables = {
        row[0].lower() for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if not {"habits", "repetitions"} <= tables:
        raise ImportFileError(
            name,
            None,
            _("is an SQLite file but not a Loop backup: tables Habits/Repetitions missing"),
        )
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if not MIN_VERSION <= version <= MAX_VERSION:
        raise ImportFileError(
            name,
            None,
            _(
                "is a Loop backup of schema version %(version)s; versions %(min)s to %(max)s are "
                "supported (open it in a current Loop and back up again)"
            )
            % {"version": version, "min": MIN_VERSION, "max": MAX_VERSION},
        )
    habit_cols = _columns(db, "Habits")
    rep_cols = _columns(db, "Repetitions")
    question = "question" if "question" in habit_cols else "''"
    uuid = "uuid" if "uuid" in habit_cols else "''"
    days = "reminder_days" if "reminder_days" in habit_cols else "127"
    notes = "notes" if "notes" in rep_cols else "''"
    rows = db.execute(
        "SELECT id, name, description, "  # noqa: S608 - the optional columns are literals
        f"{question}, freq_num, freq_den, color, reminder_hour, reminder_min, archived, type, "
        f"target_type, target_value, unit, {uuid}, {days} FROM Habits ORDER BY position, id"
    ).fetchall()
    file = f"{name}: Habits"
    habits: dict[int, ParsedHabit] = {}
    for row in rows:
        habits[row[0]] = _habit(row, file)
    first_days: dict[int, dt.date] = {}
    file = f"{name}: Repetitions"
    cursor = db.execute(
        f"SELECT id, habit, timestamp, value, {notes} FROM Repetitions ORDER BY habit, timestamp"  # noqa: S608
    )
    for rep_id, habit_id, timestamp, value, note in cursor:
        habit = habits.get(habit_id)
        if habit is None:
            continue  # Loop's own migrations delete repetitions of deleted habits
        if not isinstance(timestamp, int) or not isinstance(value, int):
            raise ImportFileError(file, rep_id, _("timestamp and value must be whole numbers"))
        try:
            day = dt.date(1970, 1, 1) + dt.timedelta(days=timestamp // _DAY_MS)
        except OverflowError:
            raise ImportFileError(
                file, rep_id, _("timestamp %(value)s is not a date") % {"value": timestamp}
            ) from None
        check_day(day, file, rep_id)
        first_days[habit_id] = min(first_days.get(habit_id, day), day)
        entry = loop_entry(
            day,
            value,
            loop_text(note, "notes", file, rep_id),
            measurable=habit.kind == "measurable",
            file=file,
            line=rep_id,
        )
        if entry is not None:
            habit.entries.append(entry)
    result = []
    for position, (habit_id, habit) in enumerate(habits.items()):
        habit.position = position
        habit.start_date = first_days.get(habit_id)
        check_entries_unique(habit, file)
        result.append(habit)
    return ParsedImport(habits=result)


def _habit(row: tuple[Any, ...], file: str) -> ParsedHabit:
    (
        rowid, name, description, question, num, den, color, hour, minute, archived, kind,
        target_type, target_value, unit, uuid, days,
    ) = row  # fmt: skip
    if not isinstance(num, int) or not isinstance(den, int):
        raise ImportFileError(file, rowid, _("freq_num and freq_den must be whole numbers"))
    habit = ParsedHabit(
        name=loop_name(name, file, rowid),
        schedule=schedule_from_loop(num, den, file, rowid),
        description=loop_description(
            loop_text(question, "question", file, rowid),
            loop_text(description, "description", file, rowid),
        ),
        color=loop_color(str(color if color is not None else 0), file, rowid),
        archived=bool(archived),
        loop_uuid=loop_text(uuid, "uuid", file, rowid)[:64],
        reminders=[],
    )
    if hour is not None and minute is not None:
        if not isinstance(hour, int) or not isinstance(minute, int):
            raise ImportFileError(file, rowid, _("reminder_hour and reminder_min must be integers"))
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ImportFileError(
                file,
                rowid,
                _("reminder %(hour)s:%(minute)s is not a time") % {"hour": hour, "minute": minute},
            )
        habit.reminders = [
            ReminderFields(time=dt.time(hour, minute), weekdays=loop_reminder_days(days))
        ]
    if kind == 1:
        habit.kind = "measurable"
        habit.unit = loop_text(unit, "unit", file, rowid).strip()
        if len(habit.unit) > 32:
            raise ImportFileError(file, rowid, _("a unit is longer than 32 characters"))
        if not isinstance(target_value, int | float | None):
            raise ImportFileError(file, rowid, _("target_value must be a number"))
        habit.target = loop_target(repr(float(target_value or 0)), file, rowid)
        if target_type not in (0, 1):
            raise ImportFileError(
                file, rowid, _("unknown target type %(type)r") % {"type": target_type}
            )
        habit.target_type = "at_most" if target_type == 1 else "at_least"
    elif kind not in (0, None):
        raise ImportFileError(file, rowid, _("unknown habit type %(type)r") % {"type": kind})
    return habit
