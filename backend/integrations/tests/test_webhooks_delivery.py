"""Sending: signatures the library verifies, retries, order per habit, disabling, the guard."""

from __future__ import annotations

import datetime as dt
import json
import socket
import time
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from standardwebhooks import Webhook

from conftest import Api
from habits.selectors import user_today
from habits.tests.factories import habit_for
from integrations import webhook_delivery
from integrations.models import WebhookEndpoint, WebhookMessage
from integrations.outbox import outbox_emit
from integrations.tests.receiver import Receiver
from integrations.webhook_delivery import webhook_endpoint_deliver
from integrations.webhooks import webhook_create
from users.models import User

pytestmark = pytest.mark.django_db


def _hook(user: User, url: str) -> tuple[WebhookEndpoint, str]:
    return webhook_create(user=user, url=url, events=["entry.updated", "habit.updated"])


def _emit(user: User, habit_id: int, n: int = 0) -> None:
    data = {"habit_id": habit_id, "n": n}
    outbox_emit(user_id=user.pk, event_type="entry.updated", habit_id=habit_id, data=data)


def _deliver(endpoint: WebhookEndpoint, at: dt.datetime) -> int:
    return webhook_endpoint_deliver(endpoint_id=endpoint.pk, clock=lambda: at)


def _ns(receiver: Receiver) -> list[tuple[int, int]]:
    return [
        (json.loads(r.body)["data"]["habit_id"], json.loads(r.body)["data"]["n"])
        for r in receiver.received
    ]


def test_a_delivery_is_signed_so_the_standard_webhooks_library_verifies_it(
    api: Api, user: User, receiver: Receiver
) -> None:
    endpoint, secret = _hook(user, receiver.url)
    habit = habit_for(user)
    today = user_today(user)
    api.put(f"/api/habits/{habit.pk}/entries/{today}", {"status": "done"})

    assert webhook_endpoint_deliver(endpoint_id=endpoint.pk) == 1

    [request] = receiver.received
    assert request.path == "/hooks/habits"
    assert request.headers["content-type"] == "application/json"
    payload = Webhook(secret).verify(request.body, request.headers)
    assert payload["type"] == "entry.updated"
    assert payload["data"]["habit_id"] == habit.pk
    assert payload["data"]["date"] == today.isoformat()
    message = WebhookMessage.objects.get()
    assert request.headers["webhook-id"] == message.event_id
    assert message.status == "delivered"
    assert message.response_code == 204
    assert message.attempts == 1
    assert message.duration_ms is not None
    # Another secret (say, the one before a rotation) does not verify it.
    other = webhook_create(user=user, url=receiver.url, events=["entry.updated"])[1]
    with pytest.raises(Exception, match="signature"):
        Webhook(other).verify(request.body, request.headers)


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(
    user: User, receiver: Receiver
) -> None:
    endpoint, _ = _hook(user, receiver.url)
    receiver.script = [500, 503]
    _emit(user, 1)
    start = WebhookMessage.objects.get().created_at

    assert _deliver(endpoint, start) == 0
    message = WebhookMessage.objects.get()
    assert (message.status, message.response_code, message.attempts) == ("pending", 500, 1)
    assert message.next_attempt_at == start + dt.timedelta(seconds=30)
    assert WebhookEndpoint.objects.get().failing_since == start
    # Not due yet: nothing is sent.
    assert _deliver(endpoint, start + dt.timedelta(seconds=29)) == 0
    assert len(receiver.received) == 1

    assert _deliver(endpoint, start + dt.timedelta(seconds=30)) == 0
    message.refresh_from_db()
    assert message.response_code == 503
    assert message.next_attempt_at == start + dt.timedelta(seconds=90)  # then a minute

    assert _deliver(endpoint, start + dt.timedelta(seconds=90)) == 1
    message.refresh_from_db()
    assert (message.status, message.response_code, message.attempts) == ("delivered", 204, 3)
    assert message.error == ""
    assert WebhookEndpoint.objects.get().failing_since is None
    # Every attempt carried the same webhook-id, so the receiver can drop duplicates.
    assert {r.headers["webhook-id"] for r in receiver.received} == {message.event_id}


def test_the_backoff_doubles_up_to_six_hours() -> None:
    delays = [webhook_delivery.retry_delay(n) for n in (1, 2, 3, 10, 11, 30)]
    assert delays[:4] == [dt.timedelta(seconds=s) for s in (30, 60, 120, 30 * 2**9)]
    assert delays[4:] == [dt.timedelta(hours=6)] * 2


def test_a_habits_events_arrive_in_order_and_a_failure_holds_back_only_that_habit(
    user: User, receiver: Receiver
) -> None:
    endpoint, _ = _hook(user, receiver.url)
    _emit(user, 1, 1)
    _emit(user, 2, 1)
    _emit(user, 1, 2)
    _emit(user, 2, 2)
    start = WebhookMessage.objects.order_by("id").last().created_at  # type: ignore[union-attr]
    receiver.script = [500]  # habit 1's first event fails once

    assert _deliver(endpoint, start) == 2
    assert _ns(receiver) == [(1, 1), (2, 1), (2, 2)]

    assert _deliver(endpoint, start + dt.timedelta(seconds=30)) == 2
    assert _ns(receiver)[3:] == [(1, 1), (1, 2)]
    assert set(WebhookMessage.objects.values_list("status", flat=True)) == {"delivered"}


def test_a_day_of_failures_disables_the_endpoint_with_a_notice(
    api: Api, user: User, receiver: Receiver
) -> None:
    endpoint, _ = _hook(user, receiver.url)
    receiver.script = [500] * 50
    _emit(user, 1)
    start = WebhookMessage.objects.get().created_at
    _deliver(endpoint, start)
    for hours in (1, 6, 12, 18):
        _deliver(endpoint, start + dt.timedelta(hours=hours))
        assert WebhookEndpoint.objects.get().enabled
    _emit(user, 2)  # written before the end, still waiting when the endpoint is disabled

    _deliver(endpoint, start + dt.timedelta(hours=24))

    hook = api.get(f"/api/webhooks/{endpoint.pk}").json()
    assert hook["enabled"] is False
    assert "after a day of failed deliveries" in hook["disabled_reason"]
    assert "500" in hook["disabled_reason"]
    assert set(WebhookMessage.objects.values_list("status", flat=True)) == {"failed"}
    # A disabled endpoint is sent nothing more, and new events are not written for it.
    sent = len(receiver.received)
    _emit(user, 3)
    assert _deliver(endpoint, start + dt.timedelta(hours=25)) == 0
    assert len(receiver.received) == sent
    assert WebhookMessage.objects.count() == 2
    # Turned back on by the person, it delivers what they re-send.
    api.patch(f"/api/webhooks/{endpoint.pk}", {"enabled": True})
    receiver.script = []
    first = WebhookMessage.objects.order_by("id").first()
    assert first is not None
    api.post(f"/api/webhooks/{endpoint.pk}/deliveries/{first.pk}/resend")
    assert webhook_endpoint_deliver(endpoint_id=endpoint.pk) == 1


def test_a_message_is_given_up_after_a_day_while_a_younger_failure_keeps_the_endpoint(
    user: User, receiver: Receiver
) -> None:
    endpoint, _ = _hook(user, receiver.url)
    _emit(user, 1)
    start = WebhookMessage.objects.get().created_at
    # The endpoint worked an hour ago, so its failures are younger than the message.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        failing_since=start + dt.timedelta(hours=2)
    )
    endpoint.refresh_from_db()
    receiver.script = [500]
    _deliver(endpoint, start + dt.timedelta(hours=24))
    message = WebhookMessage.objects.get()
    assert message.status == "failed"
    assert WebhookEndpoint.objects.get().enabled


def test_a_name_that_resolves_to_loopback_is_refused_at_delivery_time(
    user: User, receiver: Receiver, settings: Any, monkeypatch: Any
) -> None:
    settings.OUTBOUND_ALLOW_PRIVATE = False
    port = int(receiver.url.split(":")[2].split("/")[0])
    # Registered while it pointed elsewhere (no address is looked up at registration) ...
    endpoint, _ = webhook_create(
        user=user, url=f"https://hooks.example.test:{port}/h", events=["entry.updated"]
    )
    real = socket.getaddrinfo

    def resolve(host: str, *args: Any, **kwargs: Any) -> Any:
        # ... and the name now resolves to 127.0.0.1, where the receiver listens.
        if host == "hooks.example.test":
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    _emit(user, 1)

    assert webhook_endpoint_deliver(endpoint_id=endpoint.pk) == 0

    message = WebhookMessage.objects.get()
    assert message.status == "pending"
    assert "resolves to 127.0.0.1, a loopback address" in message.error
    assert receiver.received == []


def test_a_redirect_is_not_followed(user: User, receiver: Receiver) -> None:
    endpoint, _ = _hook(user, receiver.url)
    receiver.script = [302]
    receiver.headers_out = {"Location": receiver.url + "/elsewhere"}
    _emit(user, 1)
    assert webhook_endpoint_deliver(endpoint_id=endpoint.pk) == 0
    assert [r.path for r in receiver.received] == ["/hooks/habits"]
    message = WebhookMessage.objects.get()
    assert message.response_code == 302
    assert "redirect" in message.error


def test_a_receiver_slower_than_the_timeout_counts_as_a_failure(
    user: User, receiver: Receiver, monkeypatch: Any
) -> None:
    monkeypatch.setattr(webhook_delivery, "TIMEOUT_SECONDS", 0.3)  # 5 s in production
    endpoint, _ = _hook(user, receiver.url)
    receiver.delay = 1.5
    _emit(user, 1)
    started = time.monotonic()
    assert webhook_endpoint_deliver(endpoint_id=endpoint.pk) == 0
    assert time.monotonic() - started < 1.2
    assert "no answer within 0.3 s" in WebhookMessage.objects.get().error


def test_only_one_worker_at_a_time_delivers_an_endpoint(user: User, receiver: Receiver) -> None:
    endpoint, _ = _hook(user, receiver.url)
    _emit(user, 1)
    now = timezone.now()
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(lease_until=now + dt.timedelta(minutes=1))
    assert _deliver(endpoint, now) == 0
    assert receiver.received == []
    # A lease left by a worker that died runs out.
    assert _deliver(endpoint, now + dt.timedelta(minutes=2)) == 1


@pytest.mark.django_db(transaction=True)
def test_a_committed_check_in_reaches_the_receiver_through_the_real_task_queue_and_worker(
    receiver: Receiver,
) -> None:
    from django_tasks_db.models import DBTaskResult

    from conftest import make_user
    from core.worker import worker_drain
    from integrations.tasks import webhooks_sweep

    user = make_user()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    api = Api(client)
    endpoint, secret = _hook(user, receiver.url)
    habit = habit_for(user)
    today = user_today(user)

    assert api.put(f"/api/habits/{habit.pk}/entries/{today}", {"status": "done"}).status_code == 200
    assert DBTaskResult.objects.filter(task_path="integrations.tasks.webhook_deliver").count() == 1
    assert worker_drain(seconds=20).succeeded == 1
    [request] = receiver.received
    assert Webhook(secret).verify(request.body, request.headers)["data"]["status"] == "done"

    # A message whose task was lost is found by the minute sweep (the at-least-once backstop).
    api.put(f"/api/habits/{habit.pk}/entries/{today}", {"status": "skipped"})
    DBTaskResult.objects.all().delete()
    assert webhooks_sweep(timezone.now()) == 1
    worker_drain(seconds=20)
    assert [json.loads(r.body)["data"]["status"] for r in receiver.received] == ["done", "skipped"]
    assert webhooks_sweep(timezone.now()) == 0
    assert endpoint.messages.filter(status="delivered").count() == 2
