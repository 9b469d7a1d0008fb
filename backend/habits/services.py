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
from functools import cache
from typing import Any

from django.db import connection, transaction
from django.db.models import Field, Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import FieldError
from core.versions import new_version
from habits import rules
from habits.models import Entry, Habit
from habits.selectors import habit_get, user_today
from habits.services_groups import group_check_for_habit, habit_position_last
from habits.values import EARLIEST_START, HabitChanges, HabitFields, schedule_columns
from integrations.outbox import (
    entry_event_data,
    habit_event_data,
    outbox_emit,
    outbox_has_endpoints_sql,
)
from reminders.services import habit_reminder_time_set, reminders_reschedule
from users.models import User
from users.services import user_touch

THOUSANDTH = Decimal("0.001")


@transaction.atomic
def habit_create(*, user: User, fields: HabitFields) -> Habit:
    if fields.group_id is not None:
        # Before the owner's row: groups come before the owner in the lock order.
        group_check_for_habit(user=user, group_id=fields.group_id)
    user_touch(user=user)
    last = Habit.objects.filter(owner=user).aggregate(last=Max("position"))["last"]
    habit = Habit(
        owner=user,
        start_date=fields.start_date or user_today(user),
        position=0 if last is None else last + 1,
        **fields.columns(),
    )
    _check_habit(habit)
    habit.save()
    if fields.reminder_time is not None:
        habit_reminder_time_set(user=user, habit=habit, time=fields.reminder_time)
    # Webhook events go to the outbox in the change's transaction (integrations/outbox.py).
    outbox_emit(user_id=user.pk, event_type="habit.created", habit_id=habit.pk,
                data=habit_event_data(habit))  # fmt: skip
    return habit


@transaction.atomic
def habit_update(*, user: User, habit_id: int, changes: HabitChanges) -> Habit:
    habit = habit_get(user=user, habit_id=habit_id, for_update=True)
    columns: dict[str, object] = dict(changes)
    schedule = columns.pop("schedule", None)
    # Older clients' reminder_time is the first reminder; null removes it.
    reminder_sent = "reminder_time" in columns
    reminder_time = columns.pop("reminder_time", None)
    if isinstance(schedule, rules.Schedule):
        columns.update(schedule_columns(schedule))
    if "group_id" in changes and changes["group_id"] != habit.group_id:
        group_id = changes["group_id"]
        if group_id is not None:
            group_check_for_habit(user=user, group_id=group_id)
        # A habit moved to another group (or out of one) lands last in it.
        columns["position"] = habit_position_last(user=user)
    for column, value in columns.items():
        setattr(habit, column, value)
    _check_habit(habit)
    habit.save()
    if reminder_sent:
        time = reminder_time if isinstance(reminder_time, dt.time) else None
        habit_reminder_time_set(user=user, habit=habit, time=time)
    if schedule is not None or "archived" in changes:
        # Reminders that follow the habit's days, and an archived habit's (which never fire).
        reminders_reschedule(user=user, habit_ids=[habit.pk])
    outbox_emit(user_id=user.pk, event_type="habit.updated", habit_id=habit.pk,
                data=habit_event_data(habit))  # fmt: skip
    user_touch(user=user)
    return habit


def _check_habit(habit: Habit) -> None:
    if habit.kind == Habit.Kind.BOOLEAN and habit.target_type == Habit.TargetType.AT_MOST:
        raise FieldError("target_type", _("a yes/no habit can only be 'at_least'"))
    if (
        habit.kind == Habit.Kind.MEASURABLE
        and habit.target <= 0
        and habit.target_type == "at_least"
    ):
        raise FieldError("target", _("must be more than 0 for an 'at_least' habit"))
    if habit.step <= 0:
        # The edge refuses it too; this guards callers that skip the schemas (the column's
        # check constraint would answer a 500).
        raise FieldError("step", _("must be more than 0"))
    if habit.start_date < EARLIEST_START:
        raise FieldError("start_date", _("must be 1900-01-01 or later"))


@transaction.atomic
def habit_delete(*, user: User, habit_id: int) -> None:
    habit = habit_get(user=user, habit_id=habit_id, for_update=True)
    deleted_id, data = habit.pk, {"id": habit.pk, "name": habit.name}
    habit.delete()
    outbox_emit(user_id=user.pk, event_type="habit.deleted", habit_id=deleted_id, data=data)
    user_touch(user=user)


@transaction.atomic
def habits_reorder(*, user: User, ids: list[int]) -> list[Habit]:
    """Order every habit, or only the active ones (what the Habits screen shows and sends).

    Given only the active habits, the archived ones follow them in their own order: that is
    where the groups board lists them, and a restored habit comes back at the end of the list.
    """
    locked = list(Habit.objects.select_for_update().filter(owner=user).order_by("pk"))
    habits = {habit.pk: habit for habit in locked}
    active = {habit.pk for habit in locked if not habit.archived}
    listed = set(ids)
    if len(ids) != len(listed) or listed not in (set(habits), active):
        raise FieldError(
            "ids", _("must list each of your habits, or each active one, exactly once")
        )
    archived = sorted(
        (habit for habit in locked if habit.pk not in listed),
        key=lambda habit: (habit.position, habit.pk),
    )
    changed = []
    for position, habit in enumerate([habits[habit_id] for habit_id in ids] + archived):
        if habit.position != position:
            habit.position = position
            changed.append(habit)
    Habit.objects.bulk_update(changed, ["position"])
    user_touch(user=user)
    return [habits[habit_id] for habit_id in ids]


def _check_entry(
    habit: Habit, day: dt.date, status: str | None, value: float | None, note: str, today: dt.date
) -> None:
    if day > today:
        raise FieldError("date", _("must not be after your local today"))
    if day < EARLIEST_START:
        raise FieldError("date", _("must be 1900-01-01 or later"))
    if habit.kind == Habit.Kind.BOOLEAN and value is not None:
        raise FieldError("value", _("a yes/no habit takes a status, not a value"))
    if habit.kind == Habit.Kind.MEASURABLE and status == "done":
        raise FieldError("status", _("a measurable habit takes a value (or 'skipped')"))
    if status == "skipped" and value is not None:
        raise FieldError("value", _("a skipped day has no value"))
    if status is None and value is None and not note:
        raise FieldError("status", _("an entry needs a status, a value or a note"))


@cache
def _entry_put_sql() -> tuple[str, str, list[Field[Any, Any]]]:
    """The two statements of a check-in, written once from the models' table and column names,
    and the entry fields whose values the second one takes, in order.

    A check-in is the API's most frequent write. Through the ORM, compiling its four queries
    took half of its CPU time (py-spy under wrk); these are plain SQL that PostgreSQL and
    SQLite (3.35+) both run as written.
    """
    q = connection.ops.quote_name
    lock = (
        f"UPDATE {q(Habit._meta.db_table)} SET {q('entries_version')} = %s "  # noqa: S608 - names come from the models
        f"WHERE {q('id')} = %s AND {q('owner_id')} = %s RETURNING {q('kind')}, {q('start_date')}, "
        # Whether the person has a webhook endpoint, so a check-in without one costs no query.
        + outbox_has_endpoints_sql()
    )
    by_name = {field.attname: field for field in Entry._meta.concrete_fields}
    fields = [by_name[name] for name in
              ("habit_id", "date", "status", "value", "note", "created_at", "updated_at")]  # fmt: skip
    replaced = ("status", "value", "note", "updated_at")
    upsert = (
        f"INSERT INTO {q(Entry._meta.db_table)} ({', '.join(q(f.attname) for f in fields)}) "  # noqa: S608 - names come from the models
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({q('habit_id')}, {q('date')}) DO UPDATE SET "
        + ", ".join(f"{q(c)} = EXCLUDED.{q(c)}" for c in replaced)
    )  # fmt: skip
    return lock, upsert, fields


@transaction.atomic
def entry_put(
    *,
    user: User,
    habit_id: int,
    day: dt.date,
    status: str | None = None,
    value: float | None = None,
    note: str = "",
) -> Entry:
    """Create or replace one day's entry; the same PUT twice leaves one row.

    A value is stored rounded to the column's thousandths (half to even).
    """
    if not -(2**63) <= habit_id < 2**63:
        # No row can have this id. The ORM's lookups treat it as "no match" on both engines, but
        # this plain statement would hand it to SQLite, which cannot bind it (a 500 there).
        raise Http404(_("No such habit"))
    lock, upsert, fields = _entry_put_sql()
    with connection.cursor() as cursor:
        # One statement locks the habit (first in the lock order), renews its entries_version
        # and reads what the checks need; another user's habit matches no row, like a missing one.
        cursor.execute(lock, [new_version(31), habit_id, user.pk, user.pk])
        row = cursor.fetchone()
        if row is None:
            raise Http404(_("No such habit"))
        start_date = Habit._meta.get_field("start_date").to_python(row[1])
        habit = Habit.from_db(connection.alias, ["id", "kind", "start_date"],
                              [habit_id, row[0], start_date])  # fmt: skip
        _check_entry(habit, day, status, value, note, user_today(user))
        stored = None if value is None else _thousandths(value)
        entry = Entry(habit=habit, date=day, status=status, value=stored, note=note)
        now = timezone.now()
        if day < start_date:
            # Back-filling: people add a habit they have kept for a while and record the days
            # before it. The start date moves back to the earliest entry (Loop has no start date:
            # a habit begins with its first repetition), in this transaction, at the cost of one
            # statement only when it moves. The entries_version renewed above and user_touch()
            # below make cached summaries and Today show the new start at once.
            Habit.objects.filter(pk=habit_id).update(start_date=day, updated_at=now)
        # INSERT .. ON CONFLICT DO UPDATE: concurrent PUTs of the same day cannot race into a
        # duplicate-key error, and the last writer's values win whole.
        values = [habit_id, day, entry.status, stored, entry.note, now, now]
        cursor.execute(upsert, [field.get_db_prep_save(v, connection)
                                for field, v in zip(fields, values, strict=True)])  # fmt: skip
    outbox_emit(user_id=user.pk, event_type="entry.updated", habit_id=habit_id,
                data=entry_event_data(entry, habit_id=habit_id), has_endpoints=bool(row[2]))  # fmt: skip
    user_touch(user=user)
    return entry


def _thousandths(value: float) -> Decimal:
    # Adding zero turns -0.000 into 0.000: PostgreSQL's numeric has no negative zero, and the
    # answer should not differ from what a later read returns.
    return Decimal(str(value)).quantize(THOUSANDTH) + 0


@transaction.atomic
def entry_delete(*, user: User, habit_id: int, day: dt.date) -> None:
    habit = habit_get(user=user, habit_id=habit_id, for_update=True)
    deleted, _ = Entry.objects.filter(habit=habit, date=day).delete()
    if deleted:
        Habit.objects.filter(pk=habit.pk).update(entries_version=new_version(31))
        data = {"habit_id": habit.pk, "date": day.isoformat()}
        outbox_emit(user_id=user.pk, event_type="entry.deleted", habit_id=habit.pk, data=data)
        user_touch(user=user)
