"""Reads about groups: the person's groups and a group's combined numbers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from habits.models import Entry, Group, Habit
from habits.rules.groups import GroupStats, group_stats
from habits.selectors import _entries_in, habit_spec, user_today
from users.models import User

# Bump when GroupStats changes shape, so that old cached values are never read.
STATS_CACHE_VERSION = 1
STATS_CACHE_SECONDS = 60 * 60 * 24


def group_list(*, user: User) -> QuerySet[Group]:
    return Group.objects.filter(owner=user).order_by("position", "id")


def group_get(*, user: User, group_id: int, for_update: bool = False) -> Group:
    """The user's group; another user's id is answered exactly like a missing one."""
    groups = Group.objects.filter(owner=user, pk=group_id)
    if for_update:
        groups = groups.select_for_update()
    group = groups.first()
    if group is None:
        raise Http404(_("No such group"))
    return group


def group_stats_get(*, user: User, group_id: int) -> GroupStats:
    """The group's score, history, streaks and today's progress: three queries, any size.

    Cached until the person's next write, as Today is (ADR 0007): every write renews
    data_version, a new day changes the key, and only the owner's requests build the key.
    """
    today = user_today(user)
    key = (
        f"group-stats:{{u{user.pk}}}:{STATS_CACHE_VERSION}:{group_id}:{user.data_version}:"
        f"{today.isoformat()}:{user.week_start}"
    )
    cached = cache.get(key)
    if isinstance(cached, GroupStats):
        return cached
    stats = _group_stats(user, group_id, today)
    cache.set(key, stats, STATS_CACHE_SECONDS)
    return stats


def _group_stats(user: User, group_id: int, today: dt.date) -> GroupStats:
    group = group_get(user=user, group_id=group_id)
    habits = list(Habit.objects.filter(owner=user, group=group, archived=False))
    rows: dict[int, list[tuple[dt.date, Any, Any]]] = defaultdict(list)
    entries = Entry.objects.filter(habit__in=habits, date__lte=today).values_list(
        "habit_id", "date", "status", "value"
    )
    for habit_id, day, status, value in entries:
        rows[habit_id].append((day, status, value))
    specs = [(habit_spec(habit), _entries_in(rows[habit.pk])) for habit in habits]
    return group_stats(specs, today, user.week_start)
