"""The data migration: each habit's single reminder_time becomes its first reminder."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_each_habit_s_reminder_time_becomes_a_scheduled_reminder_and_back() -> None:
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    before = [("habits", "0003_group"), ("reminders", None)]
    executor.migrate(before)
    others = [node for node in leaves if node[0] not in ("habits", "reminders")]
    old = executor.loader.project_state([*others, ("habits", "0003_group")]).apps
    User = old.get_model("users", "User")
    Habit = old.get_model("habits", "Habit")
    user = User.objects.create(email="old@example.com", timezone="Asia/Kathmandu")
    start = dt.date(2024, 1, 1)
    read = Habit.objects.create(
        owner=user, name="Read", start_date=start, reminder_time=dt.time(7, 5)
    )
    Habit.objects.create(owner=user, name="Walk", start_date=start)
    Habit.objects.create(
        owner=user, name="Gym", start_date=start, reminder_time=dt.time(18), archived=True
    )

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)
    new = executor.loader.project_state(leaves).apps
    Reminder = new.get_model("reminders", "Reminder")
    reminders = {r.habit.name: r for r in Reminder.objects.select_related("habit")}
    assert set(reminders) == {"Read", "Gym"}
    read_reminder = reminders["Read"]
    assert (read_reminder.time, read_reminder.weekdays, read_reminder.channels) == (
        dt.time(7, 5),
        0,
        1,
    )
    assert read_reminder.only_if_not_done is True
    fire = read_reminder.next_fire_at.astimezone(dt.UTC)
    assert (fire.hour, fire.minute) == (1, 20)  # 07:05 in Kathmandu, +05:45
    assert reminders["Gym"].next_fire_at is None  # archived

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state([*others, ("habits", "0003_group")]).apps
    assert old.get_model("habits", "Habit").objects.get(pk=read.pk).reminder_time == dt.time(7, 5)
    MigrationExecutor(connection).migrate(leaves)
