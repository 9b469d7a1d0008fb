"""Reminder e-mails and push messages speak the person's language (reminders/mail.py, tasks.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import translation

from conftest import Api, make_user
from habits.models import Entry, Habit
from habits.tests.factories import habit_for
from reminders import tasks
from reminders.mail import reminder_email_send
from reminders.models import CHANNEL_PUSH
from reminders.push import PushReport
from reminders.tests.test_tasks import AT_8, MONDAY, reminder_for
from users.models import User


@pytest.fixture(autouse=True)
def _immediate(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://habits.example.com"


@pytest.fixture
def pushed(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    def push(messages: list[tuple[int, dict[str, Any]]], *, ttl: int = 3600) -> list[PushReport]:
        sent.extend(payload for _user_id, payload in messages)
        return [PushReport(devices=1, delivered=1) for _ in messages]

    monkeypatch.setattr(tasks, "push_send_many", push)
    return sent


@pytest.mark.django_db
def test_a_reminder_e_mail_is_in_german_with_a_german_date() -> None:
    user = make_user(language="de")
    habits = [habit_for(user, name="Lesen"), habit_for(user, name="Laufen")]
    with translation.override("en"):
        assert reminder_email_send(user=user, day=MONDAY, habits=habits) == 1
    (message,) = mail.outbox
    assert message.subject == "Erinnerung: heute noch 2 Gewohnheiten zu erledigen"
    # 2 March 2026 was a Monday: Django's German names, in the German order.
    assert message.body.startswith("Noch zu erledigen am Montag, 2. März:")
    assert f"- Lesen: https://habits.example.com/habits/{habits[0].pk}" in message.body
    assert "Abhaken unter https://habits.example.com/" in message.body


@pytest.mark.django_db
def test_a_reminder_e_mail_for_one_habit_names_it_in_french() -> None:
    user = make_user(language="fr")
    habit = habit_for(user, name="Méditer")
    reminder_email_send(user=user, day=MONDAY, habits=[habit])
    (message,) = mail.outbox
    assert message.subject == "Rappel : Méditer"
    assert message.body.startswith("Encore à faire le lundi 2 mars :")


@pytest.mark.django_db
def test_a_reminder_e_mail_without_a_chosen_language_is_english() -> None:
    user = make_user(language="")
    reminder_email_send(user=user, day=MONDAY, habits=[habit_for(user, name="Read")])
    (message,) = mail.outbox
    assert message.subject == "Reminder: Read"
    assert message.body.startswith("Still to do on Monday 2 March:")


@pytest.mark.django_db
def test_a_push_reminder_is_in_arabic_for_an_arabic_account(pushed: list[dict[str, Any]]) -> None:
    user = make_user(language="ar")
    habit: Habit = habit_for(user, name="قراءة", start_date=dt.date(2026, 1, 1))
    reminder_for(habit, channels=CHANNEL_PUSH)
    for days in (1, 2, 3):
        Entry.objects.create(habit=habit, date=MONDAY - dt.timedelta(days=days), status="done")
    assert tasks.dispatch_due_reminders(AT_8) == 1
    [payload] = pushed
    assert payload["title"] == "قراءة"
    # 3 takes Arabic's "few" form.
    assert payload["body"] == "حافظ على سلسلتك الممتدة 3 أيام."
    assert payload["action_titles"] == {"done": "تم", "later": "لاحقًا"}


@pytest.mark.django_db
def test_a_push_reminder_without_a_streak_is_in_english_by_default(
    pushed: list[dict[str, Any]],
) -> None:
    user = make_user(language="")
    reminder_for(
        habit_for(user, name="Walk", start_date=dt.date(2026, 1, 1)), channels=CHANNEL_PUSH
    )
    tasks.dispatch_due_reminders(AT_8)
    [payload] = pushed
    assert payload["body"] == "Not done yet today."
    assert payload["action_titles"] == {"done": "Done", "later": "Later"}


@pytest.mark.django_db
def test_the_test_notification_is_in_the_account_s_language(
    user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reminders import api_push

    sent: list[dict[str, Any]] = []

    def push_send(*, subscriptions: Any, payload: dict[str, Any], ttl: int) -> PushReport:
        sent.append(payload)
        return PushReport(devices=0, delivered=0)

    monkeypatch.setattr(api_push, "push_send", push_send)
    user.language = "es"
    user.save()
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert Api(client).post("/api/push/test").status_code == 200
    assert sent[0]["title"] == "Las notificaciones funcionan"
