"""Personal API tokens (and, from models_webhooks, the webhook endpoints and their outbox)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A credential a person gives a script: only its keyed hash is kept (ADR 0018)."""

    class Scope(models.TextChoices):
        READ = "read"
        WRITE = "write"  # includes read

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=8, choices=Scope.choices)
    # HMAC-SHA256 of the whole token under a key derived from SECRET_KEY, hex: the only way in.
    key_hash = models.CharField(max_length=64, unique=True)
    # The token's first characters ("hbt_AbCd1234"), shown in lists so a person can tell which
    # token a script holds; not enough to use or guess the rest.
    prefix = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    # Written at most once a minute per token (integrations/tokens.py), never on every request.
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # Revoking keeps the row (without any usable secret) so that a script still holding the
    # token is told "revoked" rather than "unknown"; revoked tokens are not listed.
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["owner", "created_at"], name="apitoken_owner_created"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


from integrations.models_webhooks import WebhookEndpoint, WebhookMessage  # noqa: E402

__all__ = ["ApiToken", "WebhookEndpoint", "WebhookMessage"]
