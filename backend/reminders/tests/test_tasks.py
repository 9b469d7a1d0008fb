"""Dispatching due reminders and sending them: once, on time, only when still to do."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from habits.models import Entry, Habit
from habits.tests.factories import habit_for
from reminders import tasks
from reminders.models import CHANNEL_EMAIL, CHANNEL_PUSH, Reminder, ReminderOccurrence
from reminders.push import PushReport
from reminders.services import reminder_plan
from users.models import User

State = ReminderOccurrence.State
# A Monday; the reminders below are at 08:00 UTC.
MONDAY = dt.date(2026, 3, 2)
AT_8 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    # Sends run inside dispatch_due_reminders(); the database backend and its worker are
    # tested by rem-worker (core/tests).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def pushed(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What would have gone to rem-push's push_send_many (tested against the push stand-in
    in test_push_reminder_e2e.py)."""
    sent: list[dict[str, Any]] = []

    def push(messages: list[tuple[int, dict[str, Any]]], *, ttl: int = 3600) -> list[PushReport]:
        sent.extend({"user_id": user_id, **payload} for user_id, payload in messages)
        return [PushReport(devices=1, delivered=1) for _ in messages]

    monkeypatch.setattr(tasks, "push_send_many", push)
    return sent


def reminder_for(
    habit: Habit, *, time: dt.time = dt.time(8), after: dt.datetime | None = None, **fields: Any
) -> Reminder:
    reminder = Reminder(habit=habit, user=habit.owner, time=time, **fields)
    reminder_plan(
        reminder, habit=habit, user=habit.owner, after=after or AT_8 - dt.timedelta(hours=1)
    )
    reminder.save()
    return reminder


@pytest.fixture
def habit(user: User) -> Habit:
    return habit_for(
        user, name="Stretch", icon="🧘", color="#10b981", start_date=dt.date(2026, 1, 1)
    )


@pytest.mark.django_db
def test_a_due_reminder_is_pushed_once_with_the_agreed_payload(
    habit: Habit, pushed: list[dict[str, Any]]
) -> None:
    reminder = reminder_for(habit)
    Entry.objects.create(habit=habit, date=MONDAY - dt.timedelta(days=1), status="done")
    assert tasks.dispatch_due_reminders(AT_8 - dt.timedelta(minutes=1)) == 0
    assert tasks.dispatch_due_reminders(AT_8) == 1
    assert tasks.dispatch_due_reminders(AT_8 + dt.timedelta(seconds=30)) == 0
    [payload] = pushed
    assert payload["kind"] == "reminder"
    assert payload["title"] == "Stretch"
    assert payload["url"] == f"/habits/{habit.pk}"
    assert payload["habit"] == {
        "id": habit.pk, "name": "Stretch", "icon": "🧘", "color": "#10b981", "current_streak": 1,
    }  # fmt: skip
    assert payload["date"] == "2026-03-02"
    assert payload["reminder_id"] == reminder.pk
    assert set(payload["actions"]) == {"done", "later"}
    occurrence = ReminderOccurrence.objects.get()
    assert (occurrence.state, occurrence.date, occurrence.fire_at) == (State.SENT, MONDAY, AT_8)
    reminder.refresh_from_db()
    assert reminder.next_fire_at == AT_8 + dt.timedelta(days=1)
    assert reminder.last_date == MONDAY


@pytest.mark.django_db
def test_a_habit_done_already_is_not_reminded_of(habit: Habit, pushed: list[Any]) -> None:
    reminder_for(habit)
    Entry.objects.create(habit=habit, date=MONDAY, status="done")
    tasks.dispatch_due_reminders(AT_8)
    assert pushed == []
    assert ReminderOccurrence.objects.get().state == State.SKIPPED


@pytest.mark.django_db
def test_only_if_not_done_off_reminds_even_when_done(habit: Habit, pushed: list[Any]) -> None:
    reminder_for(habit, only_if_not_done=False)
    Entry.objects.create(habit=habit, date=MONDAY, status="done")
    tasks.dispatch_due_reminders(AT_8)
    assert len(pushed) == 1


@pytest.mark.django_db
def test_a_weekly_quota_met_stops_the_reminders_for_the_rest_of_the_week(
    user: User, pushed: list[Any]
) -> None:
    habit = habit_for(user, schedule_type="times_per_week", schedule_times=2, schedule_days=7,
                      start_date=dt.date(2026, 1, 1))  # fmt: skip
    reminder_for(habit)
    tasks.dispatch_due_reminders(AT_8)  # Monday: nothing done yet
    assert len(pushed) == 1
    Entry.objects.create(habit=habit, date=MONDAY, status="done")
    Entry.objects.create(habit=habit, date=MONDAY + dt.timedelta(days=1), status="done")
    for day in range(1, 7):  # Tuesday (quota met that day) .. Sunday
        tasks.dispatch_due_reminders(AT_8 + dt.timedelta(days=day))
    assert len(pushed) == 1
    assert ReminderOccurrence.objects.filter(state=State.SKIPPED).count() == 6
    tasks.dispatch_due_reminders(AT_8 + dt.timedelta(days=7))  # the next Monday
    assert len(pushed) == 2


@pytest.mark.django_db
def test_an_archived_habit_s_reminders_never_fire(habit: Habit, pushed: list[Any]) -> None:
    reminder = reminder_for(habit)
    habit.archived = True
    habit.save()
    reminder_plan(reminder, habit=habit, user=habit.owner, after=AT_8)
    reminder.save()
    assert tasks.dispatch_due_reminders(AT_8 + dt.timedelta(days=3)) == 0
    assert pushed == []


@pytest.mark.django_db
def test_one_email_lists_every_habit_due_at_that_minute(
    user: User, pushed: list[Any], settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://habits.example.com"
    read = habit_for(user, name="Read")
    walk = habit_for(user, name="Walk")
    water = habit_for(user, name="Water")
    reminder_for(read, channels=CHANNEL_EMAIL)
    reminder_for(walk, channels=CHANNEL_EMAIL | CHANNEL_PUSH)
    reminder_for(water, channels=CHANNEL_EMAIL)
    Entry.objects.create(habit=water, date=MONDAY, status="done")
    assert tasks.dispatch_due_reminders(AT_8) == 3
    [message] = mail.outbox
    assert message.to == ["ada@example.com"]
    assert "Read" in message.body
    assert "Walk" in message.body
    assert "Water" not in message.body
    assert f"https://habits.example.com/habits/{read.pk}" in message.body
    assert [p["title"] for p in pushed] == ["Walk"]


@pytest.mark.django_db
def test_a_reminder_missed_for_a_whole_day_is_recorded_not_sent_late(
    habit: Habit, pushed: list[Any]
) -> None:
    reminder = reminder_for(habit)
    assert tasks.dispatch_due_reminders(AT_8 + dt.timedelta(days=2, hours=1)) == 0
    assert pushed == []
    assert ReminderOccurrence.objects.get().state == State.SKIPPED
    reminder.refresh_from_db()
    assert reminder.next_fire_at == AT_8 + dt.timedelta(days=3)


@pytest.mark.django_db
def test_an_occurrence_left_queued_by_a_crash_is_sent_after_its_lease(
    habit: Habit, pushed: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    reminder_for(habit)
    # The process dies after the dispatch committed and before any send task was queued.
    with monkeypatch.context() as crashed:
        crashed.setattr(tasks, "_enqueue", lambda groups: 0)
        tasks.dispatch_due_reminders(AT_8)
    occurrence = ReminderOccurrence.objects.get()
    assert occurrence.state == State.QUEUED
    assert tasks.dispatch_due_reminders(AT_8 + tasks.LEASE - dt.timedelta(seconds=1)) == 0
    assert pushed == []
    assert tasks.dispatch_due_reminders(AT_8 + tasks.LEASE) == 1
    assert len(pushed) == 1
    occurrence.refresh_from_db()
    assert (occurrence.state, occurrence.attempts) == (State.SENT, 2)


@pytest.mark.django_db
def test_a_send_that_died_while_sending_is_retried_and_given_up_after_five_attempts(
    habit: Habit, monkeypatch: pytest.MonkeyPatch
) -> None:

    def crash(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("worker killed")

    monkeypatch.setattr(tasks, "push_send_many", crash)
    # The worker's lease runs on the real clock, so this test does too.
    now = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    Reminder.objects.all().delete()
    reminder_for(habit, time=now.time().replace(tzinfo=None), after=now - dt.timedelta(hours=1))
    tasks.dispatch_due_reminders(now)  # the task fails; django-tasks records it as failed
    occurrence = ReminderOccurrence.objects.get()
    assert (occurrence.state, occurrence.attempts) == (State.SENDING, 1)
    for attempt in range(2, tasks.MAX_ATTEMPTS + 1):
        now += tasks.LEASE
        assert tasks.dispatch_due_reminders(now) == 1
        occurrence.refresh_from_db()
        assert (occurrence.state, occurrence.attempts) == (State.SENDING, attempt)
    assert tasks.dispatch_due_reminders(now + tasks.LEASE) == 0
    occurrence.refresh_from_db()
    assert (occurrence.state, occurrence.retry_at) == (State.SKIPPED, None)


@pytest.mark.django_db
def test_a_send_task_handed_the_same_occurrence_twice_sends_once(
    habit: Habit, pushed: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    reminder_for(habit)
    groups: list[list[int]] = []
    monkeypatch.setattr(tasks, "_enqueue", lambda g: groups.extend(g.values()) or 0)
    tasks.dispatch_due_reminders(AT_8)
    [ids] = groups
    assert tasks.reminders_send(occurrence_ids=ids, now=AT_8) == 1
    assert tasks.reminders_send(occurrence_ids=ids, now=AT_8) == 0
    assert len(pushed) == 1


@pytest.mark.django_db
def test_the_due_query_is_one_query_on_the_next_fire_index(habit: Habit) -> None:
    sql = str(Reminder.objects.filter(next_fire_at__lte=AT_8).order_by("next_fire_at").query)
    assert "next_fire_at" in sql
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM reminders_reminder "
                "WHERE next_fire_at <= %s ORDER BY next_fire_at LIMIT 2000",
                [AT_8.isoformat(" ")],
            )
            plan = " ".join(str(row) for row in cursor.fetchall())
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM reminders_reminder "
                "WHERE next_fire_at <= %s ORDER BY next_fire_at LIMIT 2000",
                [AT_8],
            )
            plan = " ".join(row[0] for row in cursor.fetchall())
    assert "reminder_due" in plan


def _dispatch_in_thread(now: dt.datetime, barrier: threading.Barrier, out: list[Any]) -> None:
    try:
        barrier.wait()
        out.append(tasks.dispatch_due_reminders(now))
    except Exception as exc:  # reported by the test
        out.append(exc)
    finally:
        connections.close_all()


@pytest.fixture
def many(user: User) -> list[Reminder]:
    habits = [habit_for(user, name=f"H{i}") for i in range(60)]
    return [reminder_for(h) for h in habits]


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_at_the_same_moment_queue_each_occurrence_once(
    many: list[Reminder], monkeypatch: pytest.MonkeyPatch
) -> None:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("two connections to SQLite need a file (test_dispatch_sqlite_file.py)")
    queued: list[list[int]] = []
    lock = threading.Lock()

    def record(groups: dict[Any, list[int]]) -> int:
        with lock:
            queued.extend(groups.values())
        return sum(len(ids) for ids in groups.values())

    monkeypatch.setattr(tasks, "_enqueue", record)
    monkeypatch.setattr(tasks, "BATCH", 7)  # many small transactions, to interleave
    barrier = threading.Barrier(2)
    out: list[Any] = []
    threads = [
        threading.Thread(target=_dispatch_in_thread, args=(AT_8, barrier, out)) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(n, int) for n in out), out
    assert sum(out) == 60
    ids = [pk for group in queued for pk in group]
    assert len(ids) == len(set(ids)) == 60
    assert ReminderOccurrence.objects.count() == 60
