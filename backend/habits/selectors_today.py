"""Reads for the Today screen: every active habit's day, its week grid, and the groups."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.core.cache import cache

from habits.models import Entry, Group, Habit
from habits.rules.grid import GRID_DAYS, GridDay, TodayRow, today_row
from habits.rules.groups import group_score, group_today
from habits.selectors import _by_owner, _entries_in, habit_list, habit_spec
from users.models import User

# Bump when TodayRow's shape changes, so old entries are simply never read.
ROW_CACHE_VERSION = 1
ROW_TTL = 60 * 60 * 48


def _row_key(habit: Habit, day: dt.date, today: dt.date, week_start: int) -> str:
    # As habit_summaries' keys (ADR 0005): any habit change moves updated_at, any entry change
    # renews entries_version. The grid's statuses also depend on the real today (an open day
    # versus a missed one). {u<owner>} keeps one person's rows in one Redis Cluster slot, so
    # one MGET reads them all (ADR 0009).
    stamp = habit.updated_at.timestamp() if habit.updated_at else 0
    return (
        f"habit-today:{{u{habit.owner_id}}}:{ROW_CACHE_VERSION}:{habit.pk}:"
        f"{habit.entries_version}:{stamp}:{day.isoformat()}:{today.isoformat()}:{week_start}"
    )


def habit_today_rows(
    habits: list[Habit], *, day: dt.date, today: dt.date, week_start: int
) -> dict[int, TodayRow]:
    """Each habit's summary of `day` and grid of the days ending with it, cached per habit.

    One cache round trip per owner; the misses are computed from one entries query.
    """
    keys = {habit.pk: _row_key(habit, day, today, week_start) for habit in habits}
    cached: dict[str, Any] = {}
    for owned in _by_owner(habits).values():
        cached.update(cache.get_many([keys[habit.pk] for habit in owned]))
    result: dict[int, TodayRow] = {}
    missing: list[Habit] = []
    for habit in habits:
        found = cached.get(keys[habit.pk])
        if isinstance(found, TodayRow):
            result[habit.pk] = found
        else:
            missing.append(habit)
    if missing:
        rows: dict[int, list[tuple[dt.date, Any, Any]]] = defaultdict(list)
        entries = Entry.objects.filter(habit__in=missing, date__lte=day).values_list(
            "habit_id", "date", "status", "value"
        )
        for habit_id, date, status, value in entries:
            rows[habit_id].append((date, status, value))
        for habit in missing:
            result[habit.pk] = today_row(
                habit_spec(habit), _entries_in(rows[habit.pk]), day, today, week_start
            )
        # set_many is one MULTI/EXEC, which must stay within one slot too.
        for owned in _by_owner(missing).values():
            cache.set_many({keys[habit.pk]: result[habit.pk] for habit in owned}, ROW_TTL)
    return result


def today_screen(*, user: User, day: dt.date, today: dt.date) -> dict[str, object]:
    """Everything Today shows for `day`: items with their grids, then the groups' headers.

    Four queries whatever the number of habits and groups: habits, the entries of the grid's
    days (the day's own and the notes), the person's groups, and the entries of habits whose
    cached row is missing.
    """
    habits = list(habit_list(user=user, archived=False))
    entries, notes = _grid_entries(user, day)
    rows = habit_today_rows(habits, day=day, today=today, week_start=user.week_start)
    items = []
    members: dict[int, list[TodayRow]] = defaultdict(list)
    for habit in habits:
        row = rows[habit.pk]
        summary = row.summary
        if habit.group_id is not None:
            members[habit.group_id].append(row)
        items.append(
            {
                "habit": habit,
                "group_id": habit.group_id,
                # A day before the start date is due by the schedule alone, so that the habit
                # can be back-filled there (a check-in moves the start date back to it).
                "due": summary.due_today,
                "before_start": day < habit.start_date,
                "done": summary.done_today,
                "limit": summary.limit,
                "entry": entries.get(habit.pk),
                "current_streak": summary.current_streak,
                "best_streak": summary.best_streak,
                "score": summary.score,
                "period_progress": {"done": summary.period_done, "target": summary.period_target},
                "days": [_cell(cell, notes.get((habit.pk, cell.date))) for cell in row.days],
            }
        )
    return {"date": day, "items": items, "groups": _groups(user, members)}


def _grid_entries(
    user: User, day: dt.date
) -> tuple[dict[int, Entry], dict[tuple[int, dt.date], str]]:
    """The day's entry of each active habit, and the notes of the grid's days, in one query.

    The grid carries each day's note because a save there replaces the whole entry (PUT): a
    client that knows the note keeps it without reading the day first, offline too. Notes are
    read here rather than cached in the habit's row, so the row never holds a week of free text.
    """
    first = dt.date.fromordinal(max(1, day.toordinal() - GRID_DAYS + 1))
    rows = (
        Entry.objects.filter(habit__owner=user, habit__archived=False, date__range=(first, day))
        .order_by()
        .values_list("id", "habit_id", "date", "status", "value", "note")
    )
    entries: dict[int, Entry] = {}
    notes: dict[tuple[int, dt.date], str] = {}
    for pk, habit_id, date, status, value, note in rows:
        notes[(habit_id, date)] = note
        if date == day:
            entries[habit_id] = Entry(
                id=pk, habit_id=habit_id, date=date, status=status, value=value, note=note
            )
    return entries, notes


def _cell(day: GridDay, note: str | None) -> dict[str, object]:
    # None: nothing recorded that day; "": an entry without a note.
    return {"date": day.date, "status": day.status, "value": day.value, "due": day.due,
            "note": note}  # fmt: skip


def _groups(user: User, members: dict[int, list[TodayRow]]) -> list[dict[str, object]]:
    # Every group, empty ones too (a header to drop habits into), in the person's order. The
    # score is the groups rule's mean of its active habits' scores, as of the day shown.
    out = []
    for group in Group.objects.filter(owner=user).order_by("position", "id"):
        rows = members.get(group.pk, [])
        done, due = group_today((r.summary.due_today, r.summary.done_today) for r in rows)
        out.append(
            {
                "id": group.pk,
                "name": group.name,
                "color": group.color,
                "icon": group.icon,
                "position": group.position,
                "collapsed": group.collapsed,
                "score": group_score([r.summary.score for r in rows]),
                "done_today": done,
                "due_today": due,
            }
        )
    return out
