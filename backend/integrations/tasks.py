"""Background work of the integrations app: webhook deliveries (docs/decisions/0021-webhooks.md)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from integrations.outbox import outbox_queue_delivery
from integrations.webhook_delivery import webhook_endpoint_deliver, webhooks_due_endpoints


@task()
def webhook_deliver(endpoint_id: int) -> int:
    """Send an endpoint's due messages, queued after the commit that wrote them."""
    return webhook_endpoint_deliver(endpoint_id=endpoint_id)


def webhooks_sweep(now: dt.datetime) -> int:
    """A periodic task: queue every endpoint with a message due (retries, and messages whose
    task was lost: the at-least-once backstop). Returns how many were queued."""
    return outbox_queue_delivery(webhooks_due_endpoints(now), force=True)
