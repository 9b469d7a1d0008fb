"""Webhook endpoints: register, change, rotate the secret, delete; list deliveries, re-send.

Services and selectors for the API; sending is in integrations/webhook_delivery.py and the
outbox (what a change writes) in integrations/outbox.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Sequence

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import FieldError
from core.outbound import OutboundURLRefused, outbound_url_check
from integrations.models_webhooks import WebhookEndpoint, WebhookMessage
from integrations.outbox import EVENT_TYPES, outbox_queue_delivery
from users.models import User

MAX_ENDPOINTS_PER_USER = 10
DELIVERIES_LISTED = 50
# After a rotation, deliveries are signed with the replaced secret too for this long.
SECRET_GRACE = dt.timedelta(hours=24)
SECRET_PREFIX = "whsec_"  # noqa: S105 - Standard Webhooks' marker of a secret, not a secret


class EndpointLimitReached(Exception):
    """The person already has MAX_ENDPOINTS_PER_USER endpoints."""


def webhook_secret_new() -> str:
    """A Standard Webhooks secret: whsec_ and the base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _check_url(url: str) -> str:
    try:
        outbound_url_check(url)
    except OutboundURLRefused as exc:
        raise FieldError("url", str(exc)) from None
    return url


def _check_events(events: Sequence[str]) -> list[str]:
    unknown = [event for event in events if event not in EVENT_TYPES]
    if unknown:
        raise FieldError(
            "events",
            _("unknown event %(event)r; one of %(events)s")
            % {"event": unknown[0], "events": ", ".join(EVENT_TYPES)},
        )
    if not events:
        raise FieldError("events", _("pick at least one event"))
    # In the catalogue's order, each once, so that equal choices are stored alike.
    return [event for event in EVENT_TYPES if event in events]


# --- Selectors -------------------------------------------------------------------------------


def webhook_list(*, user: User) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(owner=user)


def webhook_get(*, user: User, endpoint_id: int, for_update: bool = False) -> WebhookEndpoint:
    endpoints = webhook_list(user=user)
    if for_update:
        endpoints = endpoints.select_for_update()
    endpoint = endpoints.filter(pk=endpoint_id).first() if -(2**63) <= endpoint_id < 2**63 else None
    if endpoint is None:
        raise Http404(_("No such webhook"))
    return endpoint


def webhook_deliveries(*, user: User, endpoint_id: int) -> list[WebhookMessage]:
    """The endpoint's last DELIVERIES_LISTED messages, newest first."""
    endpoint = webhook_get(user=user, endpoint_id=endpoint_id)
    return list(endpoint.messages.order_by("-id")[:DELIVERIES_LISTED])


# --- Services --------------------------------------------------------------------------------


@transaction.atomic
def webhook_create(*, user: User, url: str, events: Sequence[str]) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; returns it with its secret (shown to the person this once)."""
    url = _check_url(url)
    chosen = _check_events(events)
    # Locking the person's row makes the count and the insert one step under concurrency.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if webhook_list(user=user).count() >= MAX_ENDPOINTS_PER_USER:
        raise EndpointLimitReached
    secret = webhook_secret_new()
    endpoint = WebhookEndpoint.objects.create(owner=user, url=url, events=chosen, secret=secret)
    return endpoint, secret


@transaction.atomic
def webhook_update(
    *,
    user: User,
    endpoint_id: int,
    url: str | None = None,
    events: Sequence[str] | None = None,
    enabled: bool | None = None,
) -> WebhookEndpoint:
    endpoint = webhook_get(user=user, endpoint_id=endpoint_id, for_update=True)
    if url is not None:
        endpoint.url = _check_url(url)
    if events is not None:
        endpoint.events = _check_events(events)
    if enabled is not None and enabled != endpoint.enabled:
        endpoint.enabled = enabled
        # Turned back on (by hand, after the notice): a fresh day before it is disabled again.
        endpoint.failing_since = None
        endpoint.disabled_at = None if enabled else timezone.now()
        endpoint.disabled_reason = "" if enabled else "Disabled by you."
    endpoint.save()
    return endpoint


def webhook_delete(*, user: User, endpoint_id: int) -> None:
    webhook_get(user=user, endpoint_id=endpoint_id).delete()


@transaction.atomic
def webhook_rotate_secret(
    *, user: User, endpoint_id: int, now: dt.datetime | None = None
) -> tuple[WebhookEndpoint, str]:
    """Replace the signing secret. For SECRET_GRACE deliveries are signed with the new and the
    replaced secret both (Standard Webhooks' several signatures), so a receiver that still has
    the old one keeps accepting them until it is updated; then with the new one only. Only the
    immediately previous secret is kept: rotating again drops the one before."""
    endpoint = webhook_get(user=user, endpoint_id=endpoint_id, for_update=True)
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_until = (now or timezone.now()) + SECRET_GRACE
    endpoint.secret = webhook_secret_new()
    endpoint.save(
        update_fields=["secret", "previous_secret", "previous_secret_until", "updated_at"]
    )
    return endpoint, endpoint.secret


@transaction.atomic
def webhook_resend(*, user: User, endpoint_id: int, message_id: int) -> WebhookMessage:
    """Send a message again (same webhook-id, so a receiver can tell it is the same event)."""
    endpoint = webhook_get(user=user, endpoint_id=endpoint_id)
    in_range = -(2**63) <= message_id < 2**63  # SQLite cannot even bind a larger id
    message = (
        endpoint.messages.select_for_update().filter(pk=message_id).first() if in_range else None
    )
    if message is None:
        raise Http404(_("No such delivery"))
    if not endpoint.enabled:
        raise FieldError("endpoint", _("this webhook is disabled; enable it before re-sending"))
    now = timezone.now()
    message.status = WebhookMessage.Status.PENDING
    # The 24-hour retry window starts again from the re-send.
    message.created_at = now
    message.next_attempt_at = now
    message.attempts = 0
    message.save(update_fields=["status", "created_at", "next_attempt_at", "attempts"])
    transaction.on_commit(lambda: outbox_queue_delivery([endpoint.pk], force=True), robust=True)
    return message
