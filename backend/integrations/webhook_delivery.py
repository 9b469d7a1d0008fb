"""Sending an endpoint's messages: signed, in order per habit, retried for a day.

One worker at a time holds an endpoint's lease and sends its due messages oldest first. A
failed message holds back the later messages of the same habit until it is delivered or given
up, so a receiver never sees a habit's changes out of order; other habits' messages go on.
Retries back off exponentially (30 s, 1 min, 2 min, … at most 6 h) for 24 hours after the
message was written; an endpoint that has failed for a whole day is disabled with a reason the
person sees in Settings (docs/decisions/0021-webhooks.md).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import urllib3
from django.db.models import Q
from django.utils import timezone
from standardwebhooks import Webhook

from core.outbound import OutboundURLRefused, outbound_resolve_check
from integrations.models_webhooks import WebhookEndpoint, WebhookMessage
from integrations.outbox import outbox_delivery_started

logger = logging.getLogger("habits.webhooks")

TIMEOUT_SECONDS = 5.0
RETRY_FOR = dt.timedelta(hours=24)
DISABLE_AFTER = dt.timedelta(hours=24)
FIRST_RETRY = dt.timedelta(seconds=30)
LONGEST_RETRY = dt.timedelta(hours=6)
LEASE = dt.timedelta(minutes=2)
# A run stops taking new messages after this long, well inside the lease (and the Lambda's
# 50-second drain); what is left is picked up by the next task or the minute sweep.
RUN_BUDGET_SECONDS = 40.0
BATCH = 100
USER_AGENT = "HabitTracker-Webhooks/1"


class SendFailed(Exception):
    """The request did not get a 2xx answer; str(exc) says why, `status` is the code if any."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    delay: dt.timedelta = FIRST_RETRY * 2 ** min(attempts - 1, 20)
    return min(delay, LONGEST_RETRY)


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST to the URL through the outbound guard, connecting only to the addresses it just
    approved; redirects are not followed. Returns the status code; raises SendFailed."""
    try:
        addresses = outbound_resolve_check(url)
    except OutboundURLRefused as exc:
        raise SendFailed(f"refused: {exc}") from None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    port = parts.port or (443 if scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {**headers, "Host": parts.netloc}
    timeout = urllib3.Timeout(total=TIMEOUT_SECONDS)
    error = "no address to connect to"
    for address in addresses:
        pool: urllib3.HTTPConnectionPool
        if scheme == "https":
            # Connect to the approved address; present and verify the host's name.
            pool = urllib3.HTTPSConnectionPool(
                address, port, timeout=timeout, retries=False, maxsize=1,
                server_hostname=host, assert_hostname=host,
            )  # fmt: skip
        else:
            pool = urllib3.HTTPConnectionPool(
                address, port, timeout=timeout, retries=False, maxsize=1
            )
        try:
            response = pool.urlopen(
                "POST", path, body=body, headers=headers, redirect=False, retries=False,
                assert_same_host=False, preload_content=False,
            )  # fmt: skip
            # The answer's body is not needed: read a little so the connection ends cleanly.
            response.read(1024)
            response.release_conn()
            return int(response.status)
        except (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError):
            error = f"could not connect to {host}"
            continue  # the name's next address
        except urllib3.exceptions.TimeoutError:
            raise SendFailed(f"no answer within {TIMEOUT_SECONDS:g} s") from None
        except urllib3.exceptions.HTTPError as exc:
            raise SendFailed(f"request failed: {type(exc).__name__}") from None
        finally:
            pool.close()
    raise SendFailed(error)


def message_sign(
    *, secret: str, message: WebhookMessage, at: dt.datetime, previous_secret: str = ""
) -> dict[str, str]:
    """The body and the Standard Webhooks headers of one attempt. With `previous_secret` (a
    rotation's grace period) webhook-signature holds two space-separated signatures, the new
    secret's first; a receiver accepts the message when any one of them is its own."""
    body = json.dumps(message.payload, separators=(",", ":"))
    signature = Webhook(secret).sign(message.event_id, at, body)
    if previous_secret:
        signature += " " + Webhook(previous_secret).sign(message.event_id, at, body)
    return {
        "body": body,
        "webhook-id": message.event_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
    }


def _attempt(endpoint: WebhookEndpoint, message: WebhookMessage, now: dt.datetime) -> bool:
    """Send one message once and record the outcome; True when it was delivered."""
    previous = endpoint.previous_secret if endpoint.previous_secret_in_use(now) else ""
    signed = message_sign(secret=endpoint.secret, message=message, at=now, previous_secret=previous)
    body = signed.pop("body").encode()
    headers = {**signed, "Content-Type": "application/json", "User-Agent": USER_AGENT}
    started = time.monotonic()
    status: int | None = None
    error = ""
    try:
        status = _post(endpoint.url, body, headers)
        if not 200 <= status < 300:
            kind = "a redirect, which is not followed" if 300 <= status < 400 else "not 2xx"
            error = f"answered {status}: {kind}"
    except SendFailed as exc:
        error = str(exc)
    message.duration_ms = int((time.monotonic() - started) * 1000)
    message.attempts += 1
    message.last_attempt_at = now
    message.response_code = status
    message.error = error[:300]
    if not error:
        message.status = WebhookMessage.Status.DELIVERED
        message.delivered_at = now
        message.save()
        if endpoint.failing_since is not None:
            endpoint.failing_since = None
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
        return True
    if endpoint.failing_since is None:
        endpoint.failing_since = now
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=now)
    if now - message.created_at >= RETRY_FOR:
        message.status = WebhookMessage.Status.FAILED
    else:
        # The last retry falls on the day's end rather than hours after it.
        message.next_attempt_at = min(
            now + retry_delay(message.attempts), message.created_at + RETRY_FOR
        )
    message.save()
    if now - endpoint.failing_since >= DISABLE_AFTER:
        _disable(endpoint, now, error)
    return False


def _disable(endpoint: WebhookEndpoint, now: dt.datetime, error: str) -> None:
    reason = f"Disabled on {now:%Y-%m-%d %H:%M} UTC after a day of failed deliveries ({error})."
    endpoint.enabled = False
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        enabled=False, disabled_at=now, disabled_reason=reason[:300]
    )
    # What is still waiting will not be sent; each can be re-sent once the endpoint is enabled.
    endpoint.messages.filter(status=WebhookMessage.Status.PENDING).update(
        status=WebhookMessage.Status.FAILED, error="not sent: the endpoint was disabled"
    )
    logger.warning("webhook endpoint %s disabled: %s", endpoint.pk, error)


def _lease(endpoint_id: int, now: dt.datetime) -> WebhookEndpoint | None:
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    taken = WebhookEndpoint.objects.filter(free, pk=endpoint_id, enabled=True).update(
        lease_until=now + LEASE
    )
    return WebhookEndpoint.objects.filter(pk=endpoint_id).first() if taken else None


def _due(endpoint_id: int, now: dt.datetime) -> bool:
    return WebhookMessage.objects.filter(
        endpoint_id=endpoint_id, status=WebhookMessage.Status.PENDING, next_attempt_at__lte=now
    ).exists()


def _run(endpoint: WebhookEndpoint, clock: Callable[[], dt.datetime], deadline: float) -> int:
    delivered = 0
    while time.monotonic() < deadline and endpoint.enabled:
        pending = WebhookMessage.objects.filter(
            endpoint=endpoint, status=WebhookMessage.Status.PENDING
        ).order_by("id")[:BATCH]
        held: set[object] = set()  # habits with an earlier message not yet delivered
        progressed = False
        for message in pending:
            key = ("habit", message.habit_id) if message.habit_id is not None else message.pk
            now = clock()
            if key in held or message.next_attempt_at > now:
                held.add(key)
                continue
            progressed = True
            if _attempt(endpoint, message, now):
                delivered += 1
            else:
                held.add(key)
            if not endpoint.enabled or time.monotonic() >= deadline:
                break
        if not progressed:
            break
    return delivered


def webhook_endpoint_deliver(
    *, endpoint_id: int, clock: Callable[[], dt.datetime] = timezone.now,
    budget_seconds: float = RUN_BUDGET_SECONDS,
) -> int:  # fmt: skip
    """Send the endpoint's due messages; returns how many were delivered. Another worker
    already at it makes this return 0 at once (it will send what is due)."""
    outbox_delivery_started(endpoint_id)
    deadline = time.monotonic() + budget_seconds
    delivered = 0
    for _ in range(3):
        endpoint = _lease(endpoint_id, clock())
        if endpoint is None:
            break
        try:
            delivered += _run(endpoint, clock, deadline)
        finally:
            WebhookEndpoint.objects.filter(pk=endpoint_id).update(lease_until=None)
        # A message committed while the lease was held may have found it taken and left its
        # task to this run: look once more after letting go.
        if time.monotonic() >= deadline or not _due(endpoint_id, clock()):
            break
    return delivered


def webhooks_due_endpoints(now: dt.datetime, limit: int = 1000) -> list[int]:
    """Enabled endpoints with a message due and no worker at them (for the minute sweep)."""
    due = WebhookMessage.objects.filter(
        status=WebhookMessage.Status.PENDING,
        next_attempt_at__lte=now,
        endpoint__enabled=True,
    ).filter(Q(endpoint__lease_until__isnull=True) | Q(endpoint__lease_until__lt=now))
    return list(
        due.values_list("endpoint_id", flat=True).distinct().order_by("endpoint_id")[:limit]
    )
