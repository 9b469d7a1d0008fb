"""Webhook endpoints and their outbox of messages (docs/decisions/0021-webhooks.md)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models


class WebhookEndpoint(models.Model):
    """A URL of the person's that is sent the events they picked, signed with `secret`."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.CharField(max_length=2048)
    # The event types sent, e.g. ["entry.updated", "habit.created"].
    events = models.JSONField(default=list)
    # "whsec_" + base64 of 32 random bytes. Kept as is, because every delivery is signed with
    # it (an HMAC key cannot be stored as a hash); the API shows it only when it is made.
    secret = models.CharField(max_length=64)
    # The secret before the last rotation: deliveries are signed with it too (a second
    # signature in webhook-signature) until previous_secret_until, so a receiver has a day to
    # switch over (ADR 0021). Only the immediately previous one; empty when never rotated.
    previous_secret = models.CharField(max_length=64, blank=True, default="")
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    enabled = models.BooleanField(default=True)
    # Set at the first failure since the last success; a day of failures disables the endpoint.
    failing_since = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True, default="")
    # One worker at a time delivers an endpoint's messages, so they leave in order.
    lease_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["owner", "enabled"], name="webhook_owner_enabled"),
        ]

    def __str__(self) -> str:
        return self.url

    def previous_secret_in_use(self, now: dt.datetime) -> bool:
        """Whether deliveries at `now` are still signed with the secret before the rotation too."""
        until = self.previous_secret_until
        return bool(self.previous_secret) and until is not None and now < until


class WebhookMessage(models.Model):
    """One event for one endpoint: the outbox row, written in the transaction of the change,
    and the record of its delivery (the last 50 are listed as the endpoint's deliveries)."""

    class Status(models.TextChoices):
        PENDING = "pending"  # waiting for its first attempt or a retry
        DELIVERED = "delivered"  # answered 2xx
        FAILED = "failed"  # retried for a day without success; may be re-sent by hand

    # No constraint in the database: its check would lock the endpoint's row on every check-in
    # (FOR KEY SHARE, concurrent check-ins of one person sharing it), and deleting an endpoint
    # deletes its messages through Django (ADR 0021).
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="messages", db_constraint=False
    )
    # Standard Webhooks' webhook-id: the same on every attempt and re-send, for deduplication.
    event_id = models.CharField(max_length=40)
    event_type = models.CharField(max_length=32)
    # Messages of one habit are delivered in id order; a habit's id survives its deletion here.
    habit_id = models.BigIntegerField(null=True, blank=True)
    payload = models.JSONField()
    created_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True, default="")
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-id",)
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["endpoint", "status", "id"], name="webhookmsg_endpoint_status"),
            models.Index(fields=["status", "next_attempt_at"], name="webhookmsg_due"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"
