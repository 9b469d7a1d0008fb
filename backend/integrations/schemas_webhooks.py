"""Request and response shapes of the webhooks API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import Field

from integrations.models_webhooks import WebhookEndpoint

EventType = Literal[
    "entry.updated", "entry.deleted", "habit.created", "habit.updated", "habit.deleted"
]
# WebhookEndpoint.url is CharField(max_length=2048), the outbound guard's limit too.
Url = Annotated[str, Field(min_length=1, max_length=2048)]
Events = Annotated[list[EventType], Field(min_length=1, max_length=5)]


class WebhookIn(Schema):
    url: Url = Field(
        description="Where events are POSTed: https, or http and private addresses where the "
        "operator allows them (OUTBOUND_ALLOW_PRIVATE).",
        examples=["https://example.com/hooks/habits"],
    )
    events: Events = Field(examples=[["entry.updated", "habit.created"]])


class WebhookPatch(Schema):
    url: Url | None = Field(default=None, examples=["https://example.com/hooks/habits"])
    events: Events | None = Field(default=None, examples=[["entry.updated"]])
    enabled: bool | None = Field(
        default=None, description="true turns a disabled endpoint back on.", examples=[True]
    )


class WebhookOut(Schema):
    id: int
    url: str
    events: list[EventType]
    enabled: bool
    disabled_at: dt.datetime | None
    disabled_reason: str = Field(description="Why the endpoint was disabled (empty when enabled).")
    failing_since: dt.datetime | None = Field(
        description="When deliveries began to fail; a day of failures disables the endpoint."
    )
    previous_secret_until: dt.datetime | None = Field(
        description="After a rotation: until when deliveries are signed with the replaced "
        "secret too (a second signature), so a receiver still using it accepts them. null when "
        "only the current secret signs."
    )
    created_at: dt.datetime

    @staticmethod
    def resolve_previous_secret_until(obj: WebhookEndpoint | dict[str, object]) -> object:
        if isinstance(obj, dict):  # already resolved, e.g. WebhookCreatedOut's dict
            return obj.get("previous_secret_until")
        return obj.previous_secret_until if obj.previous_secret_in_use(timezone.now()) else None


class WebhookCreatedOut(WebhookOut):
    secret: str = Field(
        description="The signing secret (whsec_…): shown this once, never again.",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class SecretOut(Schema):
    secret: str = Field(description="The new signing secret: shown this once.")
    previous_secret_until: dt.datetime = Field(
        description="Until when deliveries are signed with the replaced secret too (24 hours), "
        "so a receiver not yet updated keeps accepting them; after it, with the new one only."
    )


class DeliveryOut(Schema):
    id: int
    event_id: str = Field(description="The webhook-id header: the same on every attempt.")
    event_type: EventType
    habit_id: int | None
    status: Literal["pending", "delivered", "failed"] = Field(
        description="pending (waiting or being retried for a day), delivered, or failed."
    )
    attempts: int
    response_code: int | None = Field(description="The last attempt's HTTP status, if any.")
    duration_ms: int | None = Field(description="How long the last attempt took.")
    error: str = Field(description="Why the last attempt failed (empty when it did not).")
    created_at: dt.datetime
    last_attempt_at: dt.datetime | None
    next_attempt_at: dt.datetime | None = Field(description="When a pending one is tried next.")
    delivered_at: dt.datetime | None
