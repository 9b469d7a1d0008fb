"""Reads of reminders."""

from __future__ import annotations

from django.db.models import QuerySet

from habits.selectors import habit_get
from reminders.models import Reminder
from users.models import User


def reminder_list(*, user: User, habit_id: int) -> QuerySet[Reminder]:
    """A habit's reminders, earliest first; another user's habit is a 404."""
    habit = habit_get(user=user, habit_id=habit_id)
    return Reminder.objects.filter(habit=habit).select_related("habit").order_by("time", "pk")
