"""Reads for the overview: every active habit over a range, per day, and per group."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.cache import cache
from django.db.models import FloatField
from django.db.models.functions import Cast

from habits.models import Entry, Group
from habits.rules.overview import HabitOverview, Row, day_shares, group_totals, habit_overview
from habits.selectors import habit_list, habit_spec, user_today
from users.models import User

# Bump when the cached shape changes.
OVERVIEW_CACHE_VERSION = 1
OVERVIEW_TTL = 60 * 60 * 24


def overview(*, user: User, first: dt.date, last: dt.date) -> dict[str, object]:
    """The overview of `first` to `last`, cached until the person's next write.

    Three queries whatever the number of habits and groups (habits, their entries, groups).
    Keyed by data_version like the Today body (ADR 0007), read with the user before any habit,
    so a cached overview is never older than its key; one key per command (ADR 0009).
    """
    today = user_today(user)
    key = (
        f"overview:{{u{user.pk}}}:{OVERVIEW_CACHE_VERSION}:{user.data_version}:"
        f"{first}:{last}:{today}:{user.week_start}"
    )
    found = cache.get(key)
    if isinstance(found, dict):
        return found
    result = _compute(user, first, last, today)
    cache.set(key, result, OVERVIEW_TTL)
    return result


def _compute(user: User, first: dt.date, last: dt.date, today: dt.date) -> dict[str, object]:
    habits = list(habit_list(user=user, archived=False))
    rows: dict[int, list[Row]] = defaultdict(list)
    # The whole history up to today: the score at the range's start needs it, and the
    # entries after today are no statistic's business. The value comes as a float straight
    # from the database: making a Decimal of each and converting it cost more than the rules.
    entries = Entry.objects.filter(
        habit__owner=user, habit__archived=False, date__lte=today
    ).values_list("habit_id", "date", "status", Cast("value", FloatField()))
    for habit_id, date, status, value in entries:
        rows[habit_id].append(Row(date, status or None, value))
    overviews: list[HabitOverview] = []
    # Keyed by group id; None gathers the ungrouped habits.
    members: dict[int | None, list[HabitOverview]] = defaultdict(list)
    out_habits = []
    for habit in habits:
        o = habit_overview(habit_spec(habit), rows[habit.pk], first, last, today, user.week_start)
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
