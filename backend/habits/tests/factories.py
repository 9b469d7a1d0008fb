from __future__ import annotations

import datetime as dt
from typing import Any

from habits.models import Entry, Habit
from users.models import User


def habit_for(user: User, **fields: Any) -> Habit:
    fields.setdefault("name", "Read")
    fields.setdefault("start_date", dt.date(2020, 1, 1))
    fields.setdefault("position", Habit.objects.filter(owner=user).count())
    return Habit.objects.create(owner=user, **fields)


def done_days(habit: Habit, days: list[dt.date], **fields: Any) -> None:
    fields.setdefault("status", "done")
    Entry.objects.bulk_create([Entry(habit=habit, date=day, **fields) for day in days])
