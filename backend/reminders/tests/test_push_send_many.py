"""push_send_many: a worker's batch of messages, sent over threads, recorded in one go."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.tests.push_service import PushService
from reminders.models_push import PushSubscription
from reminders.push import push_send_many
from reminders.tests.push_fixtures import *  # noqa: F403  (the stand_in and vapid_dir fixtures)
from reminders.tests.push_fixtures import subscribe

pytestmark = pytest.mark.django_db


def message(n: int) -> dict[str, Any]:
    return {"kind": "test", "title": f"Message {n}", "body": "", "url": "/settings"}


def test_each_message_reaches_every_device_of_its_person_and_no_one_else_s(
    api: Any, other_api: Any, user: Any, stand_in: PushService
) -> None:
    phone, _ = subscribe(api, stand_in)
    laptop, _ = subscribe(api, stand_in)
    theirs, _ = subscribe(other_api, stand_in)
    other_id = PushSubscription.objects.exclude(user=user).get().user_id
    batch = [(user.pk, message(n)) for n in range(12)] + [(other_id, message(99))]

    reports = push_send_many(batch)

    assert [(r.devices, r.delivered) for r in reports] == [(2, 2)] * 12 + [(1, 1)]
    titles = {m.payload["title"] for m in stand_in.messages_for(phone)}
    assert titles == {f"Message {n}" for n in range(12)}
    assert len(stand_in.messages_for(laptop)) == 12
    assert [m.payload["title"] for m in stand_in.messages_for(theirs)] == ["Message 99"]


def test_answers_are_reported_per_message_and_gone_devices_deleted(
    api: Any, user: Any, stand_in: PushService
) -> None:
    fine, _ = subscribe(api, stand_in)
    busy, busy_id = subscribe(api, stand_in)
    gone, gone_id = subscribe(api, stand_in)
    stand_in.answer(busy, 503)
    stand_in.answer(gone, 410)

    first, second = push_send_many([(user.pk, message(1)), (user.pk, message(2))])

    for report in (first, second):
        assert (report.devices, report.delivered, report.removed) == (3, 1, 1)
        assert report.retry_ids == [busy_id]
        assert report.last_error == "push service answered 503"
    assert not PushSubscription.objects.filter(pk=gone_id).exists()
    assert PushSubscription.objects.get(pk=busy_id).last_success_at is None
    assert PushSubscription.objects.exclude(pk=busy_id).get().last_success_at is not None
    assert len(stand_in.messages_for(fine)) == 2


def test_a_payload_too_large_fails_alone(api: Any, user: Any, stand_in: PushService) -> None:
    browser, _ = subscribe(api, stand_in)
    huge = {"kind": "test", "title": "x", "body": "x" * 5000, "url": "/settings"}

    too_large, fine = push_send_many([(user.pk, huge), (user.pk, message(1))])

    assert (too_large.failed, too_large.delivered) == (1, 0)
    assert "bytes" in too_large.last_error
    assert (fine.failed, fine.delivered) == (0, 1)
    assert [m.payload["title"] for m in stand_in.messages_for(browser)] == ["Message 1"]


def test_a_batch_costs_one_query_for_the_devices_and_one_transaction_for_the_answers(
    api: Any, user: Any, stand_in: PushService
) -> None:
    subscribe(api, stand_in)
    subscribe(api, stand_in)

    with CaptureQueriesContext(connection) as first:
        push_send_many([(user.pk, message(n)) for n in range(20)])
    with CaptureQueriesContext(connection) as again:
        push_send_many([(user.pk, message(n)) for n in range(20)])

    # The devices' SELECT, then last_success_at set once for both (inside a savepoint here).
    assert sum("UPDATE" in q["sql"] for q in first.captured_queries) == 1
    # Within the hour it is not written again: the SELECT alone.
    assert len(again.captured_queries) == 1
