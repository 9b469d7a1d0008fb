"""Loop Habit Tracker 2.3.1's CSV zip, streamed as it is compressed.

Layout, as Loop writes it: Habits.csv, then per habit `NNN Name/Scores.csv` and
`NNN Name/Checkmarks.csv` (newest day first), then the all-habits Scores.csv and Checkmarks.csv.
Implied days (YES_AUTO) and scores come from our rules engine.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import FloatField, Min
from django.db.models.functions import Cast

from habits import rules
from habits.models import Entry, Habit
from habits.rules.scores import score_series
from habits.rules.timeline import DONE_IMPLICIT, build_timeline
from habits.selectors import habit_list, habit_spec, user_today
from users.models import User

_UNSAFE = re.compile(r"[^ a-zA-Z0-9._-]+")


class _Sink(io.RawIOBase):
    """A write-only, unseekable stream whose bytes the response generator drains."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        chunk = bytes(data)  # type: ignore[call-overload]
        self.chunks.append(chunk)
        return len(chunk)

    def drain(self) -> Iterator[bytes]:
        if self.chunks:
            data = b"".join(self.chunks)
            self.chunks = []
            yield data


@dataclass
class _Column:
    """One habit's column in the all-habits files, aligned to their shared range of days."""

    scores: array[float]
    values: list[str]


def folder_name(number: int, name: str) -> str:
    """Loop's folder name: "001 Name" with only [ a-zA-Z0-9._-] kept, at most 100 of them."""
    return f"{number:03d} {_UNSAFE.sub('', name)[:100]}".strip()


def _thousandths(value: float) -> str:
    return str(round(value * 1000))


def _loop_number(value: Decimal) -> str:
    # Kotlin's Double.toString: "10.0", "2.5".
    return repr(float(value))


class _Zip:
    """The zip being written, with the date strings every file shares."""

    def __init__(self, zf: zipfile.ZipFile, first: int, today: int) -> None:
        self.zf = zf
        self.first = first
        self.dates = [dt.date.fromordinal(o).isoformat() for o in range(first, today + 1)]

    def member(self, name: str) -> io.TextIOWrapper:
        return io.TextIOWrapper(self.zf.open(name, "w"), encoding="utf-8", newline="")

    def iso(self, ordinal: int) -> str:
        i = ordinal - self.first
        if 0 <= i < len(self.dates):
            return self.dates[i]
        return dt.date.fromordinal(ordinal).isoformat()


def export_loop_csv(*, user: User) -> Iterator[bytes]:
    """Yield the zip piece by piece: each habit's files are sent once they are compressed."""
    today = user_today(user)
    t = today.toordinal()
    habits = list(habit_list(user=user))
    # Loop's all-habits files run from the oldest entry of any habit to today.
    oldest = Entry.objects.filter(habit__owner=user).aggregate(oldest=Min("date"))["oldest"]
    span_first = min(oldest.toordinal(), t + 1) if oldest else t + 1
    sink = _Sink()
    columns: list[_Column] = []
    # Level 1 compresses CSV nearly as well as the default, several times faster.
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        out_zip = _Zip(zf, min(span_first, t), t)
        with out_zip.member("Habits.csv") as out:
            _habits_csv(out, habits)
        yield from sink.drain()
        for number, habit in enumerate(habits, start=1):
            columns.append(_habit_files(out_zip, habit, number, today, span_first))
            yield from sink.drain()
        header = ["Date", *(habit.name for habit in habits), ""]
        dates = out_zip.dates[span_first - out_zip.first :]
        with out_zip.member("Scores.csv") as out:
            csv.writer(out, lineterminator="\n").writerow(header)
            rows = zip(reversed(dates), *(reversed(c.scores) for c in columns), strict=True)
            for date, *scores in rows:
                out.write(f"{date},{','.join([f'{x:.4f}' for x in scores])},\n")
        yield from sink.drain()
        with out_zip.member("Checkmarks.csv") as out:
            csv.writer(out, lineterminator="\n").writerow(header)
            values = zip(reversed(dates), *(reversed(c.values) for c in columns), strict=True)
            out.writelines(f"{','.join(row)},\n" for row in values)
    yield from sink.drain()


def _habits_csv(out: io.TextIOWrapper, habits: list[Habit]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["Position", "Name", "Type", "Question", "Description", "FrequencyNumerator",
         "FrequencyDenominator", "Color", "Unit", "Target Type", "Target Value", "Archived?"]
    )  # fmt: skip
    for number, habit in enumerate(habits, start=1):
        num, den = rules.loop_frequency(habit_spec(habit).schedule)
        measurable = habit.kind == Habit.Kind.MEASURABLE
        writer.writerow(
            [
                f"{number:03d}",
                habit.name,
                "NUMERICAL" if measurable else "YES_NO",
                "",
                habit.description,
                num,
                den,
                habit.color,
                habit.unit if measurable else "",
                habit.target_type.upper() if measurable else "",
                _loop_number(habit.target) if measurable else "",
                "true" if habit.archived else "false",
            ]
        )


def _token(status: str | None, value: float | None, measurable: bool, target: float) -> str:
    """Loop's name for an entry's value; a note-only day is NO (yes/no) or UNKNOWN (measured)."""
    if status == "skipped":
        return "SKIP"
    if measurable:
        if value is not None:
            return _thousandths(value)
        return _thousandths(target) if status == "done" else "UNKNOWN"
    return "YES_MANUAL" if status == "done" else "NO"


def _habit_files(
    out_zip: _Zip, habit: Habit, number: int, today: dt.date, span_first: int
) -> _Column:
    spec = habit_spec(habit)
    # A float is exact enough for values with three decimals and skips Decimal conversion.
    rows = list(
        Entry.objects.filter(habit=habit)
        .order_by("date")
        .values_list("date", "status", Cast("value", FloatField()), "note")
    )
    entries_in = [rules.EntryIn(day, status, value) for day, status, value, _ in rows]
    tl = build_timeline(spec, entries_in, today)
    series, _ = score_series(spec, tl)
    t = today.toordinal()
    measurable = habit.kind == Habit.Kind.MEASURABLE
    target = float(habit.target)
    codes = tl.codes
    first = tl.first
    implicit = [first + i for i, code in enumerate(codes) if code == DONE_IMPLICIT]
    tokens: dict[int, tuple[str, str]] = dict.fromkeys(implicit, ("YES_AUTO", ""))
    for day, status, value, note in rows:
        o = day.toordinal()
        mark = _token(status, value, measurable, target)
        if mark == "NO" and o in tokens:
            mark = "YES_AUTO"  # a note on an implied day
        tokens[o] = (mark, note)
    # Loop's Scores.csv runs from the oldest known day (entered or implied) to today.
    known = [o for o in tokens if o <= t]
    oldest = max(min(known), first) if known else t
    iso = out_zip.iso
    folder = folder_name(number, habit.name)
    with out_zip.member(f"{folder}/Scores.csv") as out:
        out.write("Date,Score\n")
        if series:
            lo = max(oldest, first)
            out.writelines(f"{iso(o)},{series[o - first]:.4f}\n" for o in range(t, lo - 1, -1))
    with out_zip.member(f"{folder}/Checkmarks.csv") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["Date", "Value", "Notes"])
        writer.writerows([iso(o), *tokens[o]] for o in sorted(tokens, reverse=True))
    # This habit's column of the all-habits files: days before its history are 0 and UNKNOWN.
    size = t - span_first + 1
    scores = array("d", bytes(8 * max(size, 0)))
    values = ["UNKNOWN"] * max(size, 0)
    lo = max(span_first, first, oldest)
    if size > 0 and lo <= t and series:
        scores[lo - span_first :] = array("d", series[lo - first : t - first + 1])
    for o, (mark, _) in tokens.items():
        if span_first <= o <= t and o >= oldest:
            values[o - span_first] = mark
    return _Column(scores, values)
