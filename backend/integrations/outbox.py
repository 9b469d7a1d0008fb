"""The webhook outbox: events written in the transaction of the change that caused them.

A write calls `outbox_emit` inside its own transaction, so the messages commit with the change
or roll back with it; nothing is sent from the request. After the commit one task per endpoint
is queued (`integrations.tasks.webhook_deliver`), and the minute tick's `webhooks_sweep` queues
any endpoint whose messages are due, so a message whose task was lost is still delivered
(at least once; docs/decisions/0021-webhooks.md).

A check-in must not pay for webhooks it does not have: its first statement already returns
`outbox_has_endpoints_sql()` (an EXISTS over an index), and `outbox_emit(has_endpoints=False)`
then costs nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
import uuid
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone

from integrations.models_webhooks import WebhookEndpoint, WebhookMessage

if TYPE_CHECKING:
    from habits.models import Entry, Habit

logger = logging.getLogger("habits.webhooks")

EVENT_TYPES = ("entry.updated", "entry.deleted", "habit.created", "habit.updated", "habit.deleted")
# While a delivery task of an endpoint is queued and not yet started, later commits do not
# queue another: the task delivers everything due when it starts.
QUEUED_MARK_SECONDS = 10


@cache
def outbox_has_endpoints_sql() -> str:
    """An SQL expression, taking the owner's id as its one parameter, that is true when the
    person has an enabled webhook endpoint; for folding into a statement a write runs anyway."""
    q = connection.ops.quote_name
    table = q(WebhookEndpoint._meta.db_table)
    return f"EXISTS (SELECT 1 FROM {table} WHERE {q('owner_id')} = %s AND {q('enabled')})"  # noqa: S608 - names come from the model


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def habit_event_data(habit: Habit) -> dict[str, Any]:
    """What a habit.* event says about the habit."""
    fields = ("id", "name", "description", "color", "icon", "kind", "unit", "target",
              "target_type", "step", "schedule_type", "schedule_times", "schedule_days",
              "schedule_weekdays", "start_date", "position", "archived", "group_id")  # fmt: skip
    return {name: _plain(getattr(habit, name)) for name in fields}


def entry_event_data(entry: Entry, *, habit_id: int) -> dict[str, Any]:
    """What an entry.updated event says about the day's entry."""
    return {
        "habit_id": habit_id,
        "date": entry.date.isoformat(),
        "status": entry.status,
        "value": _plain(entry.value),
        "note": entry.note,
    }


def outbox_emit(
    *,
    user_id: int,
    event_type: str,
    habit_id: int | None,
    data: dict[str, Any],
    has_endpoints: bool | None = None,
) -> int:
    """Write one message per enabled endpoint of the person that takes `event_type`, in the
    caller's transaction; returns how many. `has_endpoints=False` (known from a statement the
    caller ran anyway) skips the query for them."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event type {event_type!r}")
    if has_endpoints is False:
        return 0
    now = timezone.now()
    payload = {"type": event_type, "timestamp": now.isoformat(), "data": data}
    stamp = WebhookMessage._meta.get_field("created_at").get_db_prep_save(now, connection)
    params = [f"msg_{uuid.uuid4().hex}", event_type, habit_id, json.dumps(payload), stamp,
              stamp, user_id, json.dumps([event_type]) if _postgres() else event_type]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(_emit_sql(), params)
        targets = [int(row[0]) for row in cursor.fetchall()]
    if not targets:
        return 0
    transaction.on_commit(lambda: outbox_queue_delivery(targets), robust=True)
    return len(targets)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


@cache
def _emit_sql() -> str:
    """One statement that writes the message for every enabled endpoint of the person that took
    the event, returning their ids: plain SQL built once, because the ORM's two statements
    (read the endpoints, insert the messages) cost more to compile than to run (bench_webhooks)."""
    q = connection.ops.quote_name
    message = q(WebhookMessage._meta.db_table)
    endpoint = q(WebhookEndpoint._meta.db_table)
    if _postgres():
        payload = "CAST(%s AS jsonb)"
        takes = f"{q('events')} @> CAST(%s AS jsonb)"
    else:
        payload = "%s"
        takes = f"EXISTS (SELECT 1 FROM json_each({endpoint}.{q('events')}) WHERE value = %s)"  # noqa: S608
    columns = ("endpoint_id", "event_id", "event_type", "habit_id", "payload", "created_at",
               "next_attempt_at", "status", "attempts", "error")  # fmt: skip
    return (
        f"INSERT INTO {message} ({', '.join(q(c) for c in columns)}) "  # noqa: S608 - names come from the models
        f"SELECT {q('id')}, %s, %s, %s, {payload}, %s, %s, 'pending', 0, '' FROM {endpoint} "
        f"WHERE {q('owner_id')} = %s AND {q('enabled')} AND {takes} RETURNING {q('endpoint_id')}"
    )


MEMO_SECONDS = 1.0
_seen_queued: dict[int, float] = {}


def _queued_key(endpoint_id: int) -> str:
    return f"webhooks:{{{endpoint_id}}}:queued"


def outbox_queue_delivery(endpoint_ids: list[int], *, force: bool = False) -> int:
    """Queue a delivery task for each endpoint unless one is already waiting; returns how many
    were queued. A lost task is harmless: the minute sweep queues due endpoints again."""
    from integrations.tasks import webhook_deliver

    queued = 0
    shared = caches[settings.SHARED_CACHE_ALIAS]
    now = time.monotonic()
    for endpoint_id in endpoint_ids:
        # A burst of check-ins asks the shared cache once a second, not once per commit: every
        # round trip in a request costs a wait for the CPU on a busy machine (bench_webhooks).
        # A message that slips through (its task had already looked) is sent at the end of the
        # task's run, which looks again, or by the minute sweep.
        if not force and now - _seen_queued.get(endpoint_id, -MEMO_SECONDS) < MEMO_SECONDS:
            continue
        _seen_queued[endpoint_id] = now
        if len(_seen_queued) > 10_000:
            _seen_queued.clear()
        try:
            fresh = force or shared.add(_queued_key(endpoint_id), 1, timeout=QUEUED_MARK_SECONDS)
        except Exception:  # the cache is down: queue anyway rather than wait for the sweep
            fresh = True
        if not fresh:
            continue
        try:
            webhook_deliver.enqueue(endpoint_id)
            queued += 1
        except Exception:
            logger.exception("could not queue the delivery of webhook endpoint %s", endpoint_id)
    return queued


def outbox_delivery_started(endpoint_id: int) -> None:
    """Called by the task before it reads what is due, so a commit after this queues anew."""
    try:
        caches[settings.SHARED_CACHE_ALIAS].delete(_queued_key(endpoint_id))
    except Exception:
        logger.warning("could not clear the queued mark of webhook endpoint %s", endpoint_id)
