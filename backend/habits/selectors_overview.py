"""Reads for the overview: every active habit over a range, per day, and per group."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from operator import itemgetter

from django.db import connection
from django.db.models import FloatField
from django.db.models.functions import Cast

from habits.models import Entry, Group
from habits.rules.overview import (
    HabitOverview,
    day_shares,
    group_totals,
    habit_overview_of_rows,
)
from habits.selectors import habit_list, habit_spec
from users.models import User

first_item = itemgetter(0)


def overview(*, user: User, first: dt.date, last: dt.date, today: dt.date) -> dict[str, object]:
    """Every active habit from `first` to `last`, per day and per group.

    Three queries whatever the number of habits and groups: habits, their entries, groups.
    """
    habits = list(habit_list(user=user, archived=False))
    fetched = _entry_rows(user, today)
    overviews: list[HabitOverview] = []
    # Keyed by group id; None gathers the ungrouped habits.
    members: dict[int | None, list[HabitOverview]] = defaultdict(list)
    out_habits = []
    for habit in habits:
        # The rows come ordered by habit and date: each habit's are one slice of them.
        begin = bisect_left(fetched, habit.pk, key=first_item)
        rows = fetched[begin : bisect_right(fetched, habit.pk, lo=begin, key=first_item)]
        o = habit_overview_of_rows(habit_spec(habit), rows, first, last, today, user.week_start)
        overviews.append(o)
        members[habit.group_id].append(o)
        out_habits.append(
            {
                "habit_id": habit.pk,
                "group_id": habit.group_id,
                "counts": o.counts,
                "done": o.done,
                "expected": o.expected,
                "completion": o.completion,
                "score_start": o.score_start,
                "score_end": o.score_end,
                "best_streak": o.best_streak,
            }
        )
    groups = []
    ids: list[int | None] = list(
        Group.objects.filter(owner=user).order_by("position", "id").values_list("pk", flat=True)
    )
    if members.get(None):
        ids.append(None)  # the ungrouped habits, last, as on Today
    for group_id in ids:
        totals = group_totals(members.get(group_id, []))
        groups.append(
            {
                "group_id": group_id,
                "done": totals.done,
                "expected": totals.expected,
                "completion": totals.completion,
            }
        )
    days = [{"date": d, "share_done": s} for d, s in day_shares(overviews, first, last)]
    return {"from": first, "to": last, "habits": out_habits, "days": days, "groups": groups}


def _entry_rows(user: User, today: dt.date) -> list[tuple[int, dt.date, str | None, float | None]]:
    # The whole history up to today: the score at the range's start needs it, and entries
    # after today are no statistic's business. A year of fifty habits is 18,000 rows, and
    # their conversion was a third of a cold overview, so: the value comes as a float straight
    # from the database (no Decimal to make and convert), and the query the ORM compiles for
    # this connection runs on a plain cursor, without the ORM's per-row iterator (a driver
    # that hands dates back as text gets them parsed here).
    query = Entry.objects.filter(
        habit__owner=user, habit__archived=False, date__lte=today
    ).values_list("habit_id", "date", "status", Cast("value", FloatField()))
    # One row a day per habit (the entry table's unique constraint), in order: the overview's
    # timelines are built from the rows as they come, without merging or sorting them.
    query = query.order_by("habit_id", "date")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    if fetched and isinstance(fetched[0][1], str):
        parse = dt.date.fromisoformat
        return [(h, parse(d), s, v) for h, d, s, v in fetched]
    return list(fetched)
