"""Done and Later from a notification: a signed single-use token, no session, no CSRF."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from conftest import Api
from habits.models import Entry, Habit
from habits.tests.factories import habit_for
from reminders.actions import SALT, SNOOZE, action_token
from reminders.models import Reminder, ReminderOccurrence
from users.models import User

pytestmark = pytest.mark.django_db
State = ReminderOccurrence.State


@pytest.fixture
def bare() -> Api:
    """A client with no session and no CSRF cookie, like the service worker's fetch."""
    return Api(Client(enforce_csrf_checks=True))


def occurrence_for(habit: Habit, day: dt.date | None = None) -> ReminderOccurrence:
    user = habit.owner
    reminder = Reminder.objects.create(habit=habit, user=user, time=dt.time(8))
    day = day or dt.date.today()
    return ReminderOccurrence.objects.create(
        reminder=reminder, user=user, date=day, fire_at=timezone.now(), state=State.SENT
    )


def act(client: Api, token: str) -> Any:
    return client.post("/api/reminders/act", {"token": token}, csrf=False)


def test_done_checks_a_yes_no_habit_in_for_the_reminder_s_date_without_a_session(
    bare: Api, user: User
) -> None:
    habit = habit_for(user)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    occurrence = occurrence_for(habit, yesterday)
    Entry.objects.create(habit=habit, date=yesterday, note="kept")
    response = act(bare, action_token(occurrence=occurrence, habit_id=habit.pk, action="done"))
    assert response.status_code == 200, response.content
    assert response.json() == {
        "action": "done", "habit_id": habit.pk, "date": yesterday.isoformat(),
    }  # fmt: skip
    entry = Entry.objects.get(habit=habit)
    assert (entry.date, entry.status, entry.note) == (yesterday, "done", "kept")


def test_done_gives_a_measurable_habit_its_target_and_keeps_a_bigger_value(
    bare: Api, user: User
) -> None:
    water = habit_for(user, kind="measurable", target=2000, unit="ml")
    occurrence = occurrence_for(water)
    act(bare, action_token(occurrence=occurrence, habit_id=water.pk, action="done"))
    assert Entry.objects.get(habit=water).value == 2000
    run = habit_for(user, name="Run", kind="measurable", target=5)
    Entry.objects.create(habit=run, date=dt.date.today(), value=7)
    act(bare, action_token(occurrence=occurrence_for(run), habit_id=run.pk, action="done"))
    assert Entry.objects.get(habit=run).value == 7


def test_later_snoozes_the_occurrence_one_hour(bare: Api, user: User) -> None:
    habit = habit_for(user)
    occurrence = occurrence_for(habit)
    before = timezone.now()
    response = act(bare, action_token(occurrence=occurrence, habit_id=habit.pk, action="later"))
    assert response.json()["action"] == "later"
    occurrence.refresh_from_db()
    assert occurrence.state == State.SNOOZED
    assert occurrence.retry_at is not None
    assert before + SNOOZE <= occurrence.retry_at <= timezone.now() + SNOOZE
    assert not Entry.objects.exists()


def test_a_token_works_once(bare: Api, user: User) -> None:
    habit = habit_for(user)
    token = action_token(occurrence=occurrence_for(habit), habit_id=habit.pk, action="done")
    assert act(bare, token).status_code == 200
    again = act(bare, token)
    assert again.status_code == 400
    assert "used" in again.json()["detail"]


def test_an_expired_token_is_refused(
    bare: Api, user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    habit = habit_for(user)
    token = action_token(occurrence=occurrence_for(habit), habit_id=habit.pk, action="done")
    later = timezone.now() + dt.timedelta(hours=25)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())  # type: ignore[attr-defined]
    response = act(bare, token)
    assert response.status_code == 400
    assert "expired" in response.json()["detail"]
    assert not Entry.objects.exists()


@pytest.mark.parametrize("how", ["forged", "other salt", "garbage", "other user's habit"])
def test_a_forged_or_misdirected_token_is_refused(bare: Api, user: User, how: str) -> None:
    habit = habit_for(user)
    occurrence = occurrence_for(habit)
    data = {"u": user.pk, "h": habit.pk, "o": occurrence.pk, "d": "2026-01-01", "a": "done"}
    token = {
        "forged": signing.dumps(data, salt=SALT)[:-3] + "abc",
        "other salt": signing.dumps(data, salt="users.recovery"),
        "garbage": "not-a-token",
        "other user's habit": signing.dumps({**data, "u": user.pk + 1}, salt=SALT),
    }[how]
    assert act(bare, token).status_code == 400
    assert not Entry.objects.exists()


@pytest.mark.parametrize("body", [{}, {"token": ""}, {"token": "a\x00b"}, {"token": 5}])
def test_a_missing_or_malformed_token_is_a_422_naming_it(bare: Api, body: Any) -> None:
    response = bare.post("/api/reminders/act", body, csrf=False)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "token"


def test_the_action_endpoint_is_csrf_exempt_and_a_session_gains_nothing_there(
    api: Api, user: User
) -> None:
    from core.middleware import CSRF_EXEMPT_API_PATHS

    assert "/api/reminders/act" in CSRF_EXEMPT_API_PATHS
    # A logged-in browser's cookies give a bad token nothing: it is still a 400.
    response = api.post("/api/reminders/act", {"token": "x"}, csrf=False)
    assert response.status_code == 400
