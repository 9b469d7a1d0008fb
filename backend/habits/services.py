"""Writes to habits and entries. Each runs in one transaction; views only call these.

Every write ends with user_touch(), which renews the version the cached Today response is keyed
by. Locks are always taken in one order, habits (by id) → entries → the owner's row, so two
writes can wait for each other but never deadlock; the owner's row is locked last, for the
moment before commit only, so one person's check-ins on different habits run side by side.
Creating a habit is the exception that locks the owner first: it holds no other lock, so it
cannot close a cycle, and it makes concurrent creates take positions one after another.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from core.exceptions import FieldError
from core.versions import new_version
from habits.models import Entry, Habit
from habits.schemas import EntryIn, HabitIn, HabitPatchIn, schedule_columns
from habits.selectors import habit_get, user_today
from users.models import User
from users.services import user_touch


@transaction.atomic
def habit_create(*, user: User, data: HabitIn) -> Habit:
    user_touch(user=user)
    last = Habit.objects.filter(owner=user).aggregate(last=Max("position"))["last"]
    fields = data.model_dump(exclude={"schedule", "start_date"})
    habit = Habit(
        owner=user,
        start_date=data.start_date or user_today(user),
        position=0 if last is None else last + 1,
        **fields,
        **schedule_columns(data.schedule),
    )
    _check_habit(habit)
    habit.save()
    return habit


@transaction.atomic
def habit_update(*, user: User, habit_id: int, data: HabitPatchIn) -> Habit:
    habit = habit_get(user=user, habit_id=habit_id, for_update=True)
    changes = data.model_dump(exclude_unset=True, exclude={"schedule"})
    for field, value in changes.items():
        if value is None and field not in {"reminder_time"}:
            raise FieldError(field, "must not be null")
        setattr(habit, field, value)
    if data.schedule is not None:
        for field, value in schedule_columns(data.schedule).items():
            setattr(habit, field, value)
    _check_habit(habit)
    habit.save()
    user_touch(user=user)
    return habit


def _check_habit(habit: Habit) -> None:
    if habit.kind == Habit.Kind.BOOLEAN and habit.target_type == Habit.TargetType.AT_MOST:
        raise FieldError("target_type", "a yes/no habit can only be 'at_least'")
    if (
        habit.kind == Habit.Kind.MEASURABLE
        and habit.target <= 0
        and habit.target_type == "at_least"
    ):
        raise FieldError("target", "must be more than 0 for an 'at_least' habit")
    if habit.start_date.year < 1900:
        raise FieldError("start_date", "must be after 1900")


@transaction.atomic
def habit_delete(*, user: User, habit_id: int) -> None:
    habit_get(user=user, habit_id=habit_id, for_update=True).delete()
    user_touch(user=user)


@transaction.atomic
def habits_reorder(*, user: User, ids: list[int]) -> list[Habit]:
    locked = Habit.objects.select_for_update().filter(owner=user).order_by("pk")
    habits = {habit.pk: habit for habit in locked}
    if len(ids) != len(set(ids)) or set(ids) != set(habits):
        raise FieldError("ids", "must list each of your habits exactly once")
    for position, habit_id in enumerate(ids):
        habits[habit_id].position = position
    Habit.objects.bulk_update(habits.values(), ["position"])
    user_touch(user=user)
    return [habits[habit_id] for habit_id in ids]


def _check_entry(habit: Habit, day: dt.date, data: EntryIn, today: dt.date) -> None:
    if day > today:
        raise FieldError("date", "must not be after your local today")
    if day < habit.start_date:
        raise FieldError("date", "must not be before the habit's start date")
    if habit.kind == Habit.Kind.BOOLEAN and data.value is not None:
        raise FieldError("value", "a yes/no habit takes a status, not a value")
    if habit.kind == Habit.Kind.MEASURABLE and data.status == "done":
        raise FieldError("status", "a measurable habit takes a value (or 'skipped')")
    if data.status == "skipped" and data.value is not None:
        raise FieldError("value", "a skipped day has no value")
    if data.status is None and data.value is None and not data.note:
        raise FieldError("status", "an entry needs a status, a value or a note")


@transaction.atomic
def entry_put(*, user: User, habit_id: int, day: dt.date, data: EntryIn) -> Entry:
    """Create or replace one day's entry; the same PUT twice leaves one row."""
    habit = habit_get(user=user, habit_id=habit_id, for_update=True)
    _check_entry(habit, day, data, user_today(user))
    value = None if data.value is None else Decimal(str(data.value)).quantize(Decimal("0.001"))
    entry = Entry(habit=habit, date=day, status=data.status, value=value, note=data.note)
    # One INSERT .. ON CONFLICT DO UPDATE: concurrent PUTs of the same day cannot race into
    # a duplicate-key error, and the last writer's values win whole.
    Entry.objects.bulk_create(
        [entry],
        update_conflicts=True,
        unique_fields=["habit", "date"],
        update_fields=["status", "value", "note", "updated_at"],
    )
    Habit.objects.filter(pk=habit.pk).update(entries_version=new_version(31))
    user_touch(user=user)
    return entry


@transaction.atomic
def entry_delete(*, user: User, habit_id: int, day: dt.date) -> None:
    habit = habit_get(user=user, habit_id=habit_id, for_update=True)
    deleted, _ = Entry.objects.filter(habit=habit, date=day).delete()
    if deleted:
        Habit.objects.filter(pk=habit.pk).update(entries_version=new_version(31))
        user_touch(user=user)
