"""Web Push subscriptions: one row per browser (device) a person turned notifications on in."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from reminders import checks_push  # noqa: F401  (registers the VAPID system checks)


class PushSubscription(models.Model):
    # The endpoint is unique across people: when someone else signs in on the same browser
    # and turns notifications on, the device becomes theirs instead of notifying both.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.CharField(max_length=2048, unique=True)
    # The browser's P-256 public key (65 bytes) and auth secret (16 bytes), base64url.
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=40)
    user_agent = models.CharField(max_length=256, blank=True, default="")
    label = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_success_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["user", "created_at"], name="push_subscription_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.endpoint[:60]}"
