"""Reads about groups: the person's groups and a group's combined numbers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from habits.models import Entry, Group, Habit
from habits.rules.groups import GroupStats, group_stats
from habits.selectors import _entries_in, habit_spec, user_today
from users.models import User


def group_list(*, user: User) -> QuerySet[Group]:
    return Group.objects.filter(owner=user).order_by("position", "id")


def group_get(*, user: User, group_id: int, for_update: bool = False) -> Group:
    """The user's group; another user's id is answered exactly like a missing one."""
    groups = Group.objects.filter(owner=user, pk=group_id)
    if for_update:
        groups = groups.select_for_update()
    group = groups.first()
    if group is None:
        raise Http404("No such group")
    return group


def group_stats_get(*, user: User, group_id: int) -> GroupStats:
    """The group's score, history, streaks and today's progress: three queries, any size."""
    group = group_get(user=user, group_id=group_id)
    habits = list(Habit.objects.filter(owner=user, group=group, archived=False))
    today = user_today(user)
    rows: dict[int, list[tuple[dt.date, Any, Any]]] = defaultdict(list)
    entries = Entry.objects.filter(habit__in=habits, date__lte=today).values_list(
        "habit_id", "date", "status", "value"
    )
    for habit_id, day, status, value in entries:
        rows[habit_id].append((day, status, value))
    specs = [(habit_spec(habit), _entries_in(rows[habit.pk])) for habit in habits]
    return group_stats(specs, today, user.week_start)
