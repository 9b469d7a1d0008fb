"""What every importer produces, the error they raise, and the guards they share."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from habits import rules
from habits.values import EARLIEST_START, schedule_columns
from reminders.values import ReminderFields

# Loop writes dates as yyyy-MM-dd; anything looser is a file we do not understand.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Entry.value is DecimalField(15, 3): twelve digits before the point.
MAX_ABS_VALUE = Decimal("999999999999.999")
MAX_TARGET = Decimal("999999999")
THOUSANDTH = Decimal("0.001")

# Loop's 20-colour palette (PaletteColor.toCsvColor), by palette index.
LOOP_PALETTE = (
    "#D32F2F", "#E64A19", "#F57C00", "#FF8F00", "#F9A825",
    "#AFB42B", "#7CB342", "#388E3C", "#00897B", "#00ACC1",
    "#039BE5", "#1976D2", "#303F9F", "#5E35B1", "#8E24AA",
    "#D81B60", "#5D4037", "#303030", "#757575", "#AAAAAA",
)  # fmt: skip


class ImportFileError(Exception):
    """The upload is refused; `file` and `line` say where, `reason` says why."""

    def __init__(self, file: str | None, line: int | None, reason: str) -> None:
        super().__init__(f"{file or 'upload'}:{line or '-'}: {reason}")
        self.file = file
        self.line = line
        self.reason = reason

    def as_dict(self) -> dict[str, Any]:
        return {
            "detail": self.reason,
            "code": "import_invalid",
            "file": self.file,
            "line": self.line,
        }


@dataclass
class ParsedEntry:
    date: dt.date
    status: str | None  # "done", "skipped" or None (a value-only or note-only day)
    value: Decimal | None
    note: str


@dataclass
class ParsedHabit:
    name: str
    schedule: rules.Schedule  # validated
    description: str = ""
    color: str = "#4f46e5"
    icon: str | None = None  # None: the format has no icons, an update keeps the old one
    kind: str = "boolean"
    unit: str = ""
    target: Decimal = Decimal(1)
    target_type: str = "at_least"
    # None: the file does not say (Loop has no step, older exports of ours had none); a new
    # habit gets the default of 1 and an update keeps the step the habit has.
    step: Decimal | None = None
    start_date: dt.date | None = None
    position: int = 0
    archived: bool = False
    # None means "the file does not say" (a CSV has no reminders): an update keeps the old
    # ones; a list (maybe empty) replaces them.
    reminders: list[ReminderFields] | None = None
    loop_uuid: str = ""
    entries: list[ParsedEntry] = field(default_factory=list)
    # The file's id of the habit's group (our JSON only). has_group False: the file does not
    # say (Loop has no groups), so an update keeps the habit's group and a new habit has none.
    group_key: int | None = None
    has_group: bool = False

    def columns(self) -> dict[str, object]:
        return schedule_columns(self.schedule)


@dataclass
class Account:
    timezone: str
    day_start_hour: int
    week_start: int


@dataclass
class ParsedGroup:
    key: int  # the group's id in the exporting account, only used inside the file
    name: str
    color: str
    icon: str
    position: int
    collapsed: bool


@dataclass
class ParsedImport:
    habits: list[ParsedHabit]
    account: Account | None = None
    groups: list[ParsedGroup] = field(default_factory=list)


def max_bytes() -> int:
    return int(settings.IMPORT_MAX_UPLOAD_BYTES)


def parse_date(text: str, file: str, line: int) -> dt.date:
    text = text.strip()
    if not _DATE.match(text):
        raise ImportFileError(
            file, line, _("date %(text)r is not in the form YYYY-MM-DD") % {"text": text}
        )
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ImportFileError(
            file, line, _("date %(text)r does not exist") % {"text": text}
        ) from None
    return check_day(day, file, line)


def check_day(day: dt.date, file: str, line: int | None, where: str = "date") -> dt.date:
    # As in the API: a habit starts in 1900 or later, and an imported habit starts on its
    # oldest day. Older days would make the rules and the Loop export walk centuries.
    if day < EARLIEST_START:
        raise ImportFileError(
            file,
            line,
            _("%(where)s %(day)s is before %(earliest)s")
            % {"where": where, "day": day, "earliest": EARLIEST_START},
        )
    return day


def loop_name(value: object, file: str, line: int) -> str:
    """A habit name from a Loop file, held to the API's rules (200 characters, printable)."""
    if value is not None and not isinstance(value, str):
        raise ImportFileError(
            file, line, _("name must be text, not %(type)s") % {"type": type(value).__name__}
        )
    name = (value or "").strip()
    if not name:
        raise ImportFileError(file, line, _("a habit has no name"))
    if len(name) > 200:
        raise ImportFileError(file, line, _("a habit name is longer than 200 characters"))
    if _CONTROL.search(name):
        raise ImportFileError(file, line, _("a habit name contains control characters"))
    return name


def loop_text(value: object, column: str, file: str, line: int) -> str:
    """A text cell; NUL is dropped because PostgreSQL text cannot hold it (SQLite can)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ImportFileError(
            file,
            line,
            _("%(column)s must be text, not %(type)s")
            % {"column": column, "type": type(value).__name__},
        )
    return value.replace("\x00", "")


def schedule_from_loop(numerator: int, denominator: int, file: str, line: int) -> rules.Schedule:
    """Loop's frequency as our schedule, via the rules engine's lossless mapping."""
    try:
        return rules.schedule_from_loop_frequency(numerator, denominator)
    except ValueError as exc:
        raise ImportFileError(
            file,
            line,
            _("frequency %(numerator)s/%(denominator)s is not supported: %(reason)s")
            % {"numerator": numerator, "denominator": denominator, "reason": exc},
        ) from None


def loop_color(text: str, file: str, line: int) -> str:
    """A Loop colour: "#RRGGBB" (CSV exports) or a palette index (backups, old exports)."""
    text = text.strip()
    if _HEX_COLOR.match(text):
        return text
    if text.lstrip("-").isdigit():
        index = int(text)
        if 0 <= index < len(LOOP_PALETTE):
            return LOOP_PALETTE[index]
    raise ImportFileError(
        file, line, _("colour %(text)r is neither #RRGGBB nor a palette index") % {"text": text}
    )


def loop_description(question: str, description: str) -> str:
    """Our one description field from Loop's question and description.

    Loop has two texts (the question asked in reminders, and a free description); we have one.
    Nothing is dropped: either one alone becomes the description, and both become
    "question, blank line, description". Our Loop export writes the description back into
    Loop's Description column and leaves Question empty.
    """
    question, description = question.strip(), description.strip()
    if question and description:
        return f"{question}\n\n{description}"
    return question or description


def loop_target(text: str, file: str, line: int) -> Decimal:
    try:
        target = Decimal(text.strip()).quantize(THOUSANDTH)
    except ArithmeticError:
        raise ImportFileError(
            file, line, _("target %(text)r is not a number") % {"text": text}
        ) from None
    if not target.is_finite() or not 0 <= target <= MAX_TARGET:
        raise ImportFileError(
            file,
            line,
            _("target %(text)r must be between 0 and %(max)s") % {"text": text, "max": MAX_TARGET},
        )
    return target


# Loop's entry values: the names its CSV writes and the integers its database stores.
YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN = 2, 1, 0, 3, -1
LOOP_VALUE_NAMES = {
    "YES_MANUAL": YES_MANUAL,
    "YES_AUTO": YES_AUTO,
    "NO": NO,
    "SKIP": SKIP,
    "UNKNOWN": UNKNOWN,
}


def loop_entry(
    day: dt.date,
    raw: int,
    note: str,
    *,
    measurable: bool,
    file: str,
    line: int,
    literal: bool = False,
) -> ParsedEntry | None:
    """One Loop check-in as an entry, or None when it holds nothing we store.

    Only what the person entered becomes an entry: implied days (YES_AUTO) are recomputed by
    our rules engine. A note is kept on any day, as a note-only entry when needed. `literal`
    says the CSV wrote a number, which is always a measurement (Loop names its markers).
    """
    note = note.replace("\x00", "")
    if measurable:
        # Loop stores value x 1000; -1 is "no value" and 3 is its SKIP marker.
        if raw == SKIP and not literal:
            return ParsedEntry(day, "skipped", None, note)
        if raw == UNKNOWN and not literal:
            return ParsedEntry(day, None, None, note) if note else None
        value = (Decimal(raw) / 1000).quantize(THOUSANDTH)
        if abs(value) > MAX_ABS_VALUE:
            raise ImportFileError(file, line, _("value %(value)s is too large") % {"value": raw})
        return ParsedEntry(day, None, value, note)
    if raw == YES_MANUAL:
        return ParsedEntry(day, "done", None, note)
    if raw == SKIP:
        return ParsedEntry(day, "skipped", None, note)
    if raw in (YES_AUTO, NO, UNKNOWN):
        return ParsedEntry(day, None, None, note) if note else None
    raise ImportFileError(file, line, _("unknown checkmark value %(value)r") % {"value": raw})


def read_capped(stream: IO[bytes], limit: int, file: str) -> bytes:
    """Read a stream, refusing it once more than `limit` bytes come out (zip bombs lie)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(1024 * 1024)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise ImportFileError(
                file, None, _("unpacks to more than %(limit)s bytes") % {"limit": limit}
            )
        chunks.append(chunk)


def check_entries_unique(habit: ParsedHabit, file: str) -> None:
    seen: set[dt.date] = set()
    for entry in habit.entries:
        if entry.date in seen:
            raise ImportFileError(
                file,
                None,
                _("%(name)r has two entries on %(day)s") % {"name": habit.name, "day": entry.date},
            )
        seen.add(entry.date)
