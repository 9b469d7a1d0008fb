"""A reminder due now goes all the way: dispatcher → task queue (the database backend) →
worker → Web Push → the push service stand-in, which checks the VAPID token and decrypts it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command

from core.tests.push_service import PushService
from reminders.models import Reminder, ReminderOccurrence
from reminders.tasks import dispatch_due_reminders
from reminders.tests.push_fixtures import *  # noqa: F403  (the stand_in and vapid_dir fixtures)
from reminders.tests.push_fixtures import subscribe

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    """The real worker (`manage.py db_worker`), until the queue is empty."""
    call_command("db_worker", batch=True, startup_delay=False, interval=0.05, verbosity=0)


def test_a_reminder_due_now_reaches_the_push_service_decrypted_with_the_habits_name(
    api: Any, user: Any, stand_in: PushService, settings: Any
) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    phone, _ = subscribe(api, stand_in)
    habit = api.post("/api/habits", {"name": "Stretch for ten minutes", "icon": "🧘"}).json()
    created = api.post(f"/api/habits/{habit['id']}/reminders", {"time": "07:30"})
    assert created.status_code == 201, created.content
    reminder = Reminder.objects.get()
    due = reminder.next_fire_at
    assert due is not None

    queued = dispatch_due_reminders(due + dt.timedelta(seconds=5))
    assert queued == 1
    assert stand_in.received == []  # queued, not sent, until the worker runs
    run_worker()

    (message,) = stand_in.messages_for(phone)
    payload = message.payload
    assert payload["kind"] == "reminder"
    assert payload["habit"]["id"] == habit["id"]
    assert payload["habit"]["name"] == "Stretch for ten minutes"
    assert payload["date"] == reminder.next_date.isoformat()  # type: ignore[union-attr]
    assert payload["actions"]["done"]
    assert payload["actions"]["later"]
    assert message.claims["aud"] == stand_in.origin
    assert ReminderOccurrence.objects.get().state == ReminderOccurrence.State.SENT

    # Dispatching the same minute again sends nothing more.
    assert dispatch_due_reminders(due + dt.timedelta(seconds=30)) == 0
    run_worker()
    assert len(stand_in.messages_for(phone)) == 1
