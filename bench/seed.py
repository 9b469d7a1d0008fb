"""Seed the benchmark database fast: one heavy user, then 999 more for the many-users run.

Needs Django set up against the benchmark database. The heavy user is built with bulk_create;
the other users' two years of entries are generated inside PostgreSQL with generate_series,
which is about ten times faster than shipping millions of rows from Python.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from habits.models import Entry, Habit
from users.models import User

EMAIL = "bench@example.com"
PASSWORD = "bench-password-123"  # noqa: S105 - a throwaway account in a throwaway database
DAYS = 730
HABITS = 20
OTHER_HABITS = 5

# (name, kind, schedule_type, times, days, weekday mask): a realistic mix of Loop schedules.
_PLANS = [
    ("daily", "boolean", "daily", 1, 1, 0),
    ("weekdays", "boolean", "weekdays", 1, 1, 0b0011111),
    ("3 a week", "boolean", "times_per_week", 3, 7, 0),
    ("every 2 days", "boolean", "every_n_days", 1, 2, 0),
    ("measurable", "measurable", "daily", 1, 1, 0),
]


def _habit(owner: User, index: int, start: dt.date) -> Habit:
    name, kind, schedule, times, days, weekdays = _PLANS[index % len(_PLANS)]
    return Habit(
        owner=owner,
        name=f"{name} {index}",
        kind=kind,
        unit="pages" if kind == "measurable" else "",
        target=Decimal(3) if kind == "measurable" else Decimal(1),
        schedule_type=schedule,
        schedule_times=times,
        schedule_days=days,
        schedule_weekdays=weekdays,
        start_date=start,
        position=index,
    )


def seed_main_user(today: dt.date) -> tuple[User, list[Habit]]:
    """One user, 20 habits, 730 days each: mostly done, some skipped, some blank days."""
    rng = random.Random(7)  # noqa: S311 - reproducible data, not secrets
    user = User.objects.create(email=EMAIL, password=make_password(PASSWORD))
    start = today - dt.timedelta(days=DAYS - 1)
    habits = Habit.objects.bulk_create([_habit(user, i, start) for i in range(HABITS)])
    entries = []
    for habit in habits:
        for offset in range(DAYS):
            day = start + dt.timedelta(days=offset)
            roll = rng.random()
            if habit.kind == "measurable":
                if roll < 0.85:
                    entries.append(Entry(habit=habit, date=day, value=Decimal(rng.randint(0, 6))))
            elif roll < 0.75:
                entries.append(Entry(habit=habit, date=day, status="done"))
            elif roll < 0.83:
                entries.append(Entry(habit=habit, date=day, status="skipped"))
    Entry.objects.bulk_create(entries, batch_size=5000)
    return user, habits


def seed_other_users(today: dt.date, count: int = 999) -> int:
    """`count` more users with five habits and two years of entries each; returns entries."""
    password = make_password(PASSWORD)  # one Argon2 hash shared by all: hashing is slow
    users = User.objects.bulk_create(
        [User(email=f"user{i}@example.com", password=password) for i in range(count)],
        batch_size=1000,
    )
    start = today - dt.timedelta(days=DAYS - 1)
    Habit.objects.bulk_create(
        [_habit(user, i, start) for user in users for i in range(OTHER_HABITS)],
        batch_size=5000,
    )
    now = timezone.now()
    with connection.cursor() as cursor:
        # Same mix as the heavy user, drawn by a hash of (habit, day) so it is reproducible.
        cursor.execute(
            """
            INSERT INTO habits_entry (habit_id, date, status, value, note, created_at, updated_at)
            SELECT h.id, d::date,
                   CASE WHEN h.kind = 'measurable' THEN NULL
                        WHEN r < 0.75 THEN 'done' ELSE 'skipped' END,
                   CASE WHEN h.kind = 'measurable' THEN floor(r * 7) END,
                   '', %(now)s, %(now)s
            FROM habits_habit h
            JOIN users_user u ON u.id = h.owner_id AND u.email <> %(main)s
            CROSS JOIN generate_series(%(start)s::date, %(today)s::date, '1 day') AS d
            CROSS JOIN LATERAL (
                SELECT ('x' || substr(md5(h.id::text || d::text), 1, 8))::bit(32)::bigint
                       / 4294967296.0 AS r
            ) AS roll
            WHERE r < 0.83
            """,
            {"now": now, "main": EMAIL, "start": start, "today": today},
        )
        inserted = cursor.rowcount
    settle()
    return inserted


def settle() -> None:
    """Leave PostgreSQL as a long-running server would be, not busy with the bulk load.

    Without this, autovacuum (triggered by millions of inserted rows) and the checkpoint that
    flushes them run during the first timed runs and slow every commit.
    """
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")
