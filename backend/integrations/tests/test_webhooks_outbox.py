"""The outbox: events commit with the change that caused them, and cost nothing without webhooks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from conftest import Api, make_user
from habits import services
from habits.models import Habit
from habits.selectors import user_today
from habits.tests.factories import habit_for
from integrations.models import WebhookEndpoint, WebhookMessage
from integrations.webhooks import webhook_create
from users.models import User

pytestmark = pytest.mark.django_db
ALL = ["entry.updated", "entry.deleted", "habit.created", "habit.updated", "habit.deleted"]


def _hook(user: User, events: list[str] = ALL) -> WebhookEndpoint:
    return webhook_create(user=user, url="https://hooks.example.com/h", events=events)[0]


class Rollback(Exception):
    pass


def test_a_check_in_writes_its_event_in_its_transaction(api: Api, user: User) -> None:
    hook = _hook(user)
    habit = habit_for(user)
    today = user_today(user)
    response = api.put(f"/api/habits/{habit.pk}/entries/{today}", {"status": "done"})
    assert response.status_code == 200
    message = WebhookMessage.objects.get()
    assert message.endpoint == hook
    assert message.event_type == "entry.updated"
    assert message.habit_id == habit.pk
    assert message.status == "pending"
    assert message.event_id.startswith("msg_")
    assert message.payload["type"] == "entry.updated"
    assert message.payload["data"] == {
        "habit_id": habit.pk, "date": today.isoformat(), "status": "done", "value": None, "note": ""
    }  # fmt: skip


def test_a_rolled_back_check_in_emits_nothing(user: User) -> None:
    _hook(user)
    habit = habit_for(user)
    written: list[int] = []

    def check_in_then_fail() -> None:
        with transaction.atomic():
            services.entry_put(user=user, habit_id=habit.pk, day=user_today(user), status="done")
            written.append(WebhookMessage.objects.count())  # inside the transaction
            raise Rollback

    with pytest.raises(Rollback):
        check_in_then_fail()
    assert written == [1]
    assert not WebhookMessage.objects.exists()
    assert not habit.entries.exists()


def test_a_check_in_that_fails_its_checks_emits_nothing(api: Api, user: User) -> None:
    _hook(user)
    habit = habit_for(user)
    future = user_today(user).replace(year=user_today(user).year + 1)
    assert (
        api.put(f"/api/habits/{habit.pk}/entries/{future}", {"status": "done"}).status_code == 422
    )
    assert not WebhookMessage.objects.exists()


def _queued() -> list[Any]:
    tasks = DBTaskResult.objects.filter(task_path="integrations.tasks.webhook_deliver")
    return [row["args"] for row in tasks.values_list("args_kwargs", flat=True)]


def test_the_delivery_is_queued_only_after_the_commit(
    user: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    hook = _hook(user)
    habit = habit_for(user)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.entry_put(user=user, habit_id=habit.pk, day=user_today(user), status="done")
        assert _queued() == []
    assert len(callbacks) == 1
    assert _queued() == [[hook.pk]]
    # A second commit while the first task still waits does not queue another.
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_put(user=user, habit_id=habit.pk, day=user_today(user), status="skipped")
    assert _queued() == [[hook.pk]]
    assert WebhookMessage.objects.count() == 2


def test_a_check_in_without_webhooks_costs_no_extra_query(
    api: Api, user: User, django_assert_num_queries: Callable[..., Any]
) -> None:
    # The same statements as before webhooks (test_api_queries): the user, lock-and-renew the
    # habit (which also answers "any webhooks?"), the upsert, the user's version, and the
    # test transaction's SAVEPOINT/RELEASE. Someone else's webhook changes nothing.
    _hook(make_user("bob@example.com"))
    habit = habit_for(user)
    with django_assert_num_queries(6):
        api.put(f"/api/habits/{habit.pk}/entries/{user_today(user)}", {"status": "done"})
    assert not WebhookMessage.objects.exists()


def test_a_check_in_with_a_webhook_costs_one_statement_more(
    api: Api, user: User, django_assert_num_queries: Callable[..., Any]
) -> None:
    _hook(user)
    habit = habit_for(user)
    with django_assert_num_queries(6 + 1):  # one INSERT .. SELECT of the messages
        api.put(f"/api/habits/{habit.pk}/entries/{user_today(user)}", {"status": "done"})
    assert WebhookMessage.objects.count() == 1


def test_only_the_endpoints_that_picked_the_event_and_are_enabled_get_it(
    api: Api, user: User
) -> None:
    entries = _hook(user, ["entry.updated"])
    habits_only = _hook(user, ["habit.created"])
    off = _hook(user, ["entry.updated"])
    WebhookEndpoint.objects.filter(pk=off.pk).update(enabled=False)
    habit = habit_for(user)
    api.put(f"/api/habits/{habit.pk}/entries/{user_today(user)}", {"status": "done"})
    assert list(WebhookMessage.objects.values_list("endpoint_id", flat=True)) == [entries.pk]
    assert not habits_only.messages.exists()


def test_habit_changes_and_entry_deletions_are_events_too(api: Api, user: User) -> None:
    _hook(user)
    created = api.post("/api/habits", {"name": "Walk the dog"}).json()
    api.patch(f"/api/habits/{created['id']}", {"name": "Walk Rex"})
    today = user_today(user)
    api.put(f"/api/habits/{created['id']}/entries/{today}", {"status": "done"})
    api.delete(f"/api/habits/{created['id']}/entries/{today}")
    api.delete(f"/api/habits/{created['id']}")
    messages = list(WebhookMessage.objects.order_by("id"))
    assert [m.event_type for m in messages] == [
        "habit.created", "habit.updated", "entry.updated", "entry.deleted", "habit.deleted"
    ]  # fmt: skip
    assert {m.habit_id for m in messages} == {created["id"]}
    assert messages[0].payload["data"]["name"] == "Walk the dog"
    assert messages[1].payload["data"]["name"] == "Walk Rex"
    assert messages[3].payload["data"] == {"habit_id": created["id"], "date": today.isoformat()}
    assert messages[4].payload["data"] == {"id": created["id"], "name": "Walk Rex"}
    assert not Habit.objects.exists()


def test_another_persons_changes_never_reach_my_webhook(
    api: Api, other_api: Api, user: User
) -> None:
    _hook(user)
    other_api.post("/api/habits", {"name": "Bob's"})
    assert not WebhookMessage.objects.exists()
