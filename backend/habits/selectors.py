"""Reads: habits, entries and the numbers the rules engine computes from them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Literal

from django.core.cache import cache
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from habits import rules
from habits.models import Entry, Habit
from habits.values import schedule_of
from reminders.models import Reminder
from users.models import User

# Bump when the shape of a cached summary changes, so old entries are simply never read.
SUMMARY_CACHE_VERSION = 2
SUMMARY_TTL = 60 * 60 * 48


def habits_with_reminder_time(habits: list[Habit]) -> list[Habit]:
    """Give habits read without habit_list() the earliest reminder HabitOut shows (one query)."""
    earliest: dict[int, dt.time] = {}
    reminders = Reminder.objects.filter(habit__in=habits).order_by("-time")
    for habit_id, time in reminders.values_list("habit_id", "time"):
        earliest[habit_id] = time
    for habit in habits:
        setattr(habit, "earliest_reminder", earliest.get(habit.pk))  # noqa: B010 - not a model field
    return habits


def user_today(user: User, now: dt.datetime | None = None) -> dt.date:
    """The user's local date now, honouring their time zone and day start hour."""
    return rules.local_date(now or timezone.now(), user.timezone, user.day_start_hour)


def habit_list(
    *, user: User, archived: bool | None = None, group: int | Literal["none"] | None = None
) -> QuerySet[Habit]:
    # The earliest reminder is the habit's reminder_time for older clients (one subquery).
    earliest = Reminder.objects.filter(habit=OuterRef("pk")).order_by("time").values("time")[:1]
    habits = Habit.objects.filter(owner=user).annotate(earliest_reminder=Subquery(earliest))
    if archived is not None:
        habits = habits.filter(archived=archived)
    if group == "none":
        habits = habits.filter(group__isnull=True)
    elif group is not None:
        # Another person's group matches none of this person's habits: an empty list, as for a
        # group that does not exist. An id past 64 bits is no row's (SQLite cannot bind it).
        in_range = -(2**63) <= group < 2**63
        habits = habits.filter(group_id=group) if in_range else habits.none()
    return habits.order_by("position", "id")


def habit_get(*, user: User, habit_id: int, for_update: bool = False) -> Habit:
    """The user's habit; another user's id is answered exactly like a missing one."""
    habits = Habit.objects.filter(owner=user, pk=habit_id)
    if for_update:
        habits = habits.select_for_update()
    habit = habits.first()
    if habit is None:
        raise Http404(_("No such habit"))
    return habit


def entry_list(*, habit: Habit, start: dt.date, end: dt.date) -> QuerySet[Entry]:
    return Entry.objects.filter(habit=habit, date__gte=start, date__lte=end).order_by("date")


def habit_spec(habit: Habit) -> rules.HabitSpec:
    return rules.HabitSpec(
        schedule=schedule_of(habit),
        start_date=habit.start_date,
        kind=habit.kind,  # type: ignore[arg-type]
        target=float(habit.target),
        target_type=habit.target_type,  # type: ignore[arg-type]
    )


def _entries_in(rows: Iterable[tuple[dt.date, Any, Any]]) -> list[rules.EntryIn]:
    # Rows come from values_list(): the status column only holds "done", "skipped" or NULL,
    # and value is a Decimal or NULL.
    return [
        rules.EntryIn(
            date=day, status=status or None, value=None if value is None else float(value)
        )
        for day, status, value in rows
    ]


def habit_entries_in(habit: Habit) -> list[rules.EntryIn]:
    rows = Entry.objects.filter(habit=habit).values_list("date", "status", "value")
    return _entries_in(rows)


def _summary_key(habit: Habit, day: dt.date, week_start: int) -> str:
    # Any change to the habit moves updated_at; any change to its entries renews the version.
    stamp = habit.updated_at.timestamp() if habit.updated_at else 0
    # {u<owner>} is a Redis Cluster hash tag: one person's summaries share a slot, so the one
    # MGET that reads them is allowed on ElastiCache Serverless (docs/decisions/0009).
    return (
        f"habit-summary:{{u{habit.owner_id}}}:{SUMMARY_CACHE_VERSION}:{habit.pk}:"
        f"{habit.entries_version}:{stamp}:{day.isoformat()}:{week_start}"
    )


def _by_owner(habits: Iterable[Habit]) -> dict[int, list[Habit]]:
    owners: dict[int, list[Habit]] = defaultdict(list)
    for habit in habits:
        owners[habit.owner_id].append(habit)
    return owners


def habit_summaries(
    habits: list[Habit], *, day: dt.date, week_start: int
) -> dict[int, rules.Summary]:
    """Current score, streaks and period progress per habit, cached per habit and day.

    One cache round trip per owner (Today asks for one); the misses are computed from one
    entries query. Keys of different owners sit in different Redis Cluster slots, so they are
    never read or written by one command.
    """
    keys = {habit.pk: _summary_key(habit, day, week_start) for habit in habits}
    cached: dict[str, Any] = {}
    for owned in _by_owner(habits).values():
        cached.update(cache.get_many([keys[habit.pk] for habit in owned]))
    result: dict[int, rules.Summary] = {}
    missing: list[Habit] = []
    for habit in habits:
        found = cached.get(keys[habit.pk])
        if isinstance(found, rules.Summary):
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
            summary = rules.summary(habit_spec(habit), _entries_in(rows[habit.pk]), day, week_start)
            result[habit.pk] = summary
        # django-redis writes set_many in one MULTI/EXEC, which must stay within one slot too.
        for owned in _by_owner(missing).values():
            cache.set_many({keys[habit.pk]: result[habit.pk] for habit in owned}, SUMMARY_TTL)
    return result


def today_items(*, user: User, day: dt.date) -> list[dict[str, object]]:
    habits = list(habit_list(user=user, archived=False))
    entries = {
        entry.habit_id: entry
        for entry in Entry.objects.filter(habit__owner=user, habit__archived=False, date=day)
    }
    summaries = habit_summaries(habits, day=day, week_start=user.week_start)
    items = []
    for habit in habits:
        summary = summaries[habit.pk]
        items.append(
            {
                "habit": habit,
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
            }
        )
    return items


def habit_stats(*, user: User, habit_id: int) -> rules.HabitStats:
    habit = habit_get(user=user, habit_id=habit_id)
    return rules.habit_stats(
        habit_spec(habit), habit_entries_in(habit), user_today(user), user.week_start
    )
