"""Loop Habit Tracker's CSV export: "Loop Habits CSV yyyy-mm-dd.zip".

Two layouts exist. Loop 2.3.1 and later write Habits.csv with
`Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,
Target Type,Target Value,Archived?` and per-habit `NNN Name/Checkmarks.csv` files with a
`Date,Value,Notes` header and named values (YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN or the
measurement x 1000). Loop 2.3.0 and earlier write `Position,Name,Question,Description,
NumRepetitions,Interval,Color` and header-less `date,value` check-mark files with integer values.
The folder's number is the habit's Position, which is how the two files are joined.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from habits.importers.common import (
    LOOP_VALUE_NAMES,
    ImportFileError,
    ParsedHabit,
    ParsedImport,
    loop_color,
    loop_description,
    loop_entry,
    loop_name,
    loop_target,
    max_bytes,
    parse_date,
    schedule_from_loop,
)

NEW_COLUMNS = (
    "Position", "Name", "Type", "Question", "Description", "FrequencyNumerator",
    "FrequencyDenominator", "Color", "Unit", "Target Type", "Target Value", "Archived?",
)  # fmt: skip
OLD_COLUMNS = ("Position", "Name", "Question", "Description", "NumRepetitions", "Interval", "Color")
MAX_MEMBERS = 10_000
_FOLDER = re.compile(r"^(\d+)[^/]*/Checkmarks\.csv$")


class _Budget:
    """Bytes still allowed to come out of the archive, whatever its headers claim."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.limit = limit

    def read(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
        chunks: list[bytes] = []
        with zf.open(info) as stream:
            while chunk := stream.read(256 * 1024):
                self.left -= len(chunk)
                if self.left < 0:
                    raise ImportFileError(
                        name,
                        None,
                        _("unpacks to more than %(limit)s bytes") % {"limit": self.limit},
                    )
                chunks.append(chunk)
        return b"".join(chunks)


def parse_loop_zip(stream: IO[bytes], upload_name: str) -> ParsedImport:
    try:
        zf = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError(upload_name, None, _("is not a readable zip archive")) from None
    with zf:
        infos = zf.infolist()
        limit = max_bytes()
        if len(infos) > MAX_MEMBERS:
            raise ImportFileError(
                upload_name, None, _("holds more than %(count)s files") % {"count": MAX_MEMBERS}
            )
        declared = sum(info.file_size for info in infos)
        if declared > limit:
            raise ImportFileError(
                upload_name,
                None,
                _("unpacks to %(size)s bytes, more than %(limit)s")
                % {"size": declared, "limit": limit},
            )
        if any(info.flag_bits & 0x1 for info in infos):
            raise ImportFileError(upload_name, None, _("is encrypted"))
        names = {info.filename: info for info in infos}
        prefix = _root(names, upload_name)
        budget = _Budget(limit)
        try:
            return _parse(zf, names, prefix, budget)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
            raise ImportFileError(
                upload_name, None, _("is a damaged zip archive (%(reason)s)") % {"reason": exc}
            ) from None


def _root(names: dict[str, zipfile.ZipInfo], upload_name: str) -> str:
    # Loop puts Habits.csv at the root; a re-zipped export may have one folder around it.
    if "Habits.csv" in names:
        return ""
    nested = [n for n in names if n.count("/") == 1 and n.endswith("/Habits.csv")]
    if len(nested) == 1:
        return nested[0][: -len("Habits.csv")]
    raise ImportFileError(
        upload_name, None, _("is a zip but not a Loop Habit Tracker export: Habits.csv is missing")
    )


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(name, line, _("is not UTF-8 text")) from None


def _rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                yield reader.line_num, row
    except csv.Error as exc:
        raise ImportFileError(
            name, reader.line_num, _("is not valid CSV: %(reason)s") % {"reason": exc}
        ) from None


def _parse(
    zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], prefix: str, budget: _Budget
) -> ParsedImport:
    habits_name = prefix + "Habits.csv"
    rows = _rows(
        _text(budget.read(zf, names[habits_name], "Habits.csv"), "Habits.csv"), "Habits.csv"
    )
    first = next(rows, None)
    if first is None:
        raise ImportFileError("Habits.csv", 1, _("is empty"))
    header = [cell.strip() for cell in first[1]]
    # Only the old layout has NumRepetitions; anything else is checked against 2.3.1's columns.
    new = "NumRepetitions" not in header
    wanted = NEW_COLUMNS if new else OLD_COLUMNS
    missing = [column for column in wanted if column not in header]
    if missing:
        raise ImportFileError(
            "Habits.csv",
            first[0],
            _("missing column(s): %(columns)s") % {"columns": ", ".join(missing)},
        )
    index = {column: header.index(column) for column in wanted}
    folders: dict[int, str] = {}
    for member_name in names:
        if not member_name.startswith(prefix):
            continue
        match = _FOLDER.match(member_name[len(prefix) :])
        if match:
            folders.setdefault(int(match.group(1)), member_name)
    habits: list[ParsedHabit] = []
    seen_positions: set[int] = set()
    for line, row in rows:
        if len(row) < len(header):
            raise ImportFileError(
                "Habits.csv",
                line,
                _("has %(count)d fields, the header has %(header)d")
                % {"count": len(row), "header": len(header)},
            )
        cell = {column: row[i] for column, i in index.items()}
        habit = _habit(cell, new, line)
        number = _int(cell["Position"], "Habits.csv", line, "Position")
        if number in seen_positions:
            raise ImportFileError(
                "Habits.csv", line, _("position %(number)s appears twice") % {"number": number}
            )
        seen_positions.add(number)
        habit.position = len(habits)
        folder = folders.get(number)
        if folder is not None:
            shown = folder[len(prefix) :]
            data = budget.read(zf, names[folder], shown)
            _checkmarks(habit, _text(data, shown), shown)
        habits.append(habit)
    return ParsedImport(habits=habits)


def _int(text: str, file: str, line: int, what: str) -> int:
    text = text.strip()
    if not text.lstrip("-").isdigit():
        raise ImportFileError(
            file, line, _("%(what)s %(text)r is not a whole number") % {"what": what, "text": text}
        )
    return int(text)


def _habit(cell: dict[str, str], new: bool, line: int) -> ParsedHabit:
    file = "Habits.csv"
    if new:
        numerator = _int(cell["FrequencyNumerator"], file, line, "FrequencyNumerator")
        denominator = _int(cell["FrequencyDenominator"], file, line, "FrequencyDenominator")
    else:
        numerator = _int(cell["NumRepetitions"], file, line, "NumRepetitions")
        denominator = _int(cell["Interval"], file, line, "Interval")
    habit = ParsedHabit(
        name=loop_name(cell["Name"], file, line),
        schedule=schedule_from_loop(numerator, denominator, file, line),
        description=loop_description(cell["Question"], cell["Description"]),
        color=loop_color(cell["Color"], file, line),
    )
    if not new:
        return habit
    kind = cell["Type"].strip()
    if kind == "NUMERICAL":
        habit.kind = "measurable"
        habit.unit = cell["Unit"].strip()
        if len(habit.unit) > 32:
            raise ImportFileError(file, line, _("a unit is longer than 32 characters"))
        habit.target = loop_target(cell["Target Value"], file, line)
        target_type = cell["Target Type"].strip()
        if target_type not in ("AT_LEAST", "AT_MOST"):
            raise ImportFileError(
                file, line, _("unknown target type %(type)r") % {"type": target_type}
            )
        habit.target_type = target_type.lower()
    elif kind != "YES_NO":
        raise ImportFileError(file, line, _("unknown habit type %(type)r") % {"type": kind})
    archived = cell["Archived?"].strip().lower()
    if archived not in ("true", "false"):
        raise ImportFileError(
            file, line, _("Archived? must be true or false, not %(value)r") % {"value": archived}
        )
    habit.archived = archived == "true"
    return habit


def _checkmarks(habit: ParsedHabit, text: str, file: str) -> None:
    measurable = habit.kind == "measurable"
    date_col, value_col, notes_col = 0, 1, -1
    named = False  # a header line marks the 2.3.1 format, where numbers are only measurements
    seen: set[object] = set()
    first_day = None
    for line, row in _rows(text, file):
        if line == 1 and row[0].strip() == "Date":
            header = [cell.strip() for cell in row]
            if "Value" not in header:
                raise ImportFileError(
                    file, line, _("missing column(s): %(columns)s") % {"columns": "Value"}
                )
            value_col = header.index("Value")
            notes_col = header.index("Notes") if "Notes" in header else -1
            named = True
            continue
        width = max(date_col, value_col, notes_col) + 1
        if len(row) < width:
            raise ImportFileError(
                file,
                line,
                _("has %(count)d fields, expected %(width)d") % {"count": len(row), "width": width},
            )
        day = parse_date(row[date_col], file, line)
        if day in seen:
            raise ImportFileError(file, line, _("date %(day)s appears twice") % {"day": day})
        seen.add(day)
        token = row[value_col].strip()
        literal = False
        if token in LOOP_VALUE_NAMES:
            raw = LOOP_VALUE_NAMES[token]
        elif token.lstrip("-").isdigit() and len(token) <= 18:
            raw = int(token)
            literal = named
        else:
            raise ImportFileError(
                file, line, _("unknown checkmark value %(value)r") % {"value": token}
            )
        note = row[notes_col] if notes_col >= 0 else ""
        entry = loop_entry(
            day, raw, note, measurable=measurable, file=file, line=line, literal=literal
        )
        first_day = day if first_day is None else min(first_day, day)
        if entry is not None:
            habit.entries.append(entry)
    habit.start_date = first_day
