"""Writes to reminders, and the one place that computes when a reminder fires next.

Habit and account services call reminders_reschedule() when a schedule, an archive flag, a
time zone or a day-start hour changes (ADR 0016 says why there and not in the API layer). This
module imports habits' models and selectors only, never habits.services or users.services, so
those can import it without a cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import FieldError
from habits.models import Habit
from habits.selectors import habit_get
from reminders import timing
from reminders.models import Reminder
from reminders.values import ReminderChanges, ReminderFields
from users.models import User
from users.versions import user_touch

# More would be a mistake rather than a wish: 24 is one an hour.
MAX_REMINDERS_PER_HABIT = 24


def effective_weekdays(reminder: Reminder, habit: Habit) -> int:
    """The days a reminder may fire: its own, or the habit's weekdays, or every day (an
    N-per-period habit is reminded daily until its target is met; the send checks that)."""
    if reminder.weekdays:
        return reminder.weekdays
    if habit.schedule_type == Habit.ScheduleType.WEEKDAYS and habit.schedule_weekdays:
        return habit.schedule_weekdays
    return timing.ALL_DAYS


def reminder_plan(reminder: Reminder, *, habit: Habit, user: User, after: dt.datetime) -> None:
    """Set next_fire_at and next_date (in memory) to the first firing after `after`."""
    if habit.archived:
        reminder.next_fire_at, reminder.next_date = None, None
        return
    fire = timing.next_fire(
        time=reminder.time,
        weekdays=effective_weekdays(reminder, habit),
        tz_name=user.timezone,
        day_start_hour=user.day_start_hour,
        after=after,
        last_date=reminder.last_date,
    )
    reminder.next_fire_at, reminder.next_date = fire.at, fire.date


def reminder_get(*, user: User, reminder_id: int, for_update: bool = False) -> Reminder:
    """The user's reminder; another user's id is answered exactly like a missing one."""
    reminders = Reminder.objects.filter(user=user, pk=reminder_id).select_related("habit")
    if for_update:
        reminders = reminders.select_for_update(of=("self",))
    reminder = reminders.first()
    if reminder is None:
        raise Http404(_("No such reminder"))
    return reminder


@transaction.atomic
def reminder_create(*, user: User, habit_id: int, fields: ReminderFields) -> Reminder:
    habit = habit_get(user=user, habit_id=habit_id, for_update=True)
    if habit.reminders.count() >= MAX_REMINDERS_PER_HABIT:
        raise FieldError(
            "time",
            _("a habit can have at most %(count)d reminders") % {"count": MAX_REMINDERS_PER_HABIT},
        )
    reminder = Reminder(
        habit=habit,
        user=user,
        time=fields.time,
        weekdays=fields.weekdays,
        only_if_not_done=fields.only_if_not_done,
        channels=fields.channels,
    )
    reminder_plan(reminder, habit=habit, user=user, after=timezone.now())
    reminder.save()
    # A habit shows its earliest reminder (reminder_time) in responses cached by data_version.
    user_touch(user=user)
    return reminder


@transaction.atomic
def reminder_update(*, user: User, reminder_id: int, changes: ReminderChanges) -> Reminder:
    reminder = reminder_get(user=user, reminder_id=reminder_id, for_update=True)
    for column, value in changes.items():
        setattr(reminder, column, value)
    reminder_plan(reminder, habit=reminder.habit, user=user, after=timezone.now())
    reminder.save()
    user_touch(user=user)
    return reminder


@transaction.atomic
def reminder_delete(*, user: User, reminder_id: int) -> None:
    reminder_get(user=user, reminder_id=reminder_id, for_update=True).delete()
    user_touch(user=user)


def reminders_reschedule(
    *, user: User, habit_ids: Iterable[int] | None = None, now: dt.datetime | None = None
) -> int:
    """Recompute when the user's reminders (of these habits, or all) fire next; returns how
    many. Callers run it inside their own transaction, after saving the change."""
    reminders = Reminder.objects.filter(user=user).select_related("habit").order_by("pk")
    if habit_ids is not None:
        reminders = reminders.filter(habit_id__in=list(habit_ids))
    changed = list(reminders)
    after = now or timezone.now()
    for reminder in changed:
        reminder_plan(reminder, habit=reminder.habit, user=user, after=after)
    Reminder.objects.bulk_update(changed, ["next_fire_at", "next_date"], batch_size=500)
    return len(changed)


def habit_reminder_time_set(*, user: User, habit: Habit, time: dt.time | None) -> None:
    """What an older client means by a habit's reminder_time: the first (earliest) reminder.

    A time changes the earliest reminder, or creates one; None removes the earliest."""
    first = habit.reminders.order_by("time", "pk").first()
    if time is None:
        if first is not None:
            first.delete()
        return
    if first is None:
        first = Reminder(habit=habit, user=user, time=time)
    first.time = time
    reminder_plan(first, habit=habit, user=user, after=timezone.now())
    first.save()


def habit_reminders_replace(
    *, user: User, habit: Habit, reminders: list[ReminderFields], now: dt.datetime | None = None
) -> None:
    """Give a habit exactly these reminders (an import); in the caller's transaction."""
    habit.reminders.all().delete()
    after = now or timezone.now()
    rows = []
    for fields in reminders[:MAX_REMINDERS_PER_HABIT]:
        reminder = Reminder(
            habit=habit,
            user=user,
            time=fields.time,
            weekdays=fields.weekdays,
            only_if_not_done=fields.only_if_not_done,
            channels=fields.channels,
        )
        reminder_plan(reminder, habit=habit, user=user, after=after)
        rows.append(reminder)
    Reminder.objects.bulk_create(rows)
