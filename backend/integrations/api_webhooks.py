"""Webhook endpoints and their deliveries. Session only, like /api/tokens: a personal API token
cannot register, change or read webhooks (docs/decisions/0021-webhooks.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from core.errors import error_body
from integrations import webhooks
from integrations.models_webhooks import WebhookEndpoint, WebhookMessage
from integrations.schemas_webhooks import (
    DeliveryOut,
    SecretOut,
    WebhookCreatedOut,
    WebhookIn,
    WebhookOut,
    WebhookPatch,
)
from users.auth import request_user
from users.schemas import Message

router = Router()
ERRORS = {400: Message, 401: Message, 403: Message, 422: dict}
NOT_FOUND = {404: Message}


@router.get("", response={200: list[WebhookOut], **ERRORS}, summary="List your webhooks")
def webhook_list(request: HttpRequest) -> list[WebhookEndpoint]:
    return list(webhooks.webhook_list(user=request_user(request)))


@router.post(
    "",
    response={201: WebhookCreatedOut, **ERRORS},
    summary="Register a webhook",
    description="The answer holds the signing secret; it is shown this once and never again.",
)
def webhook_create(request: HttpRequest, payload: WebhookIn) -> Status[Any]:
    try:
        endpoint, secret = webhooks.webhook_create(
            user=request_user(request), url=payload.url, events=payload.events
        )
    except webhooks.EndpointLimitReached:
        detail = _("You already have %(count)d webhooks; delete one first.") % {
            "count": webhooks.MAX_ENDPOINTS_PER_USER
        }
        return Status(400, error_body("webhook_limit_reached", detail))
    return Status(201, {**WebhookOut.from_orm(endpoint).dict(), "secret": secret})


@router.get(
    "/{int:webhook_id}", response={200: WebhookOut, **NOT_FOUND, **ERRORS}, summary="A webhook"
)
def webhook_get(request: HttpRequest, webhook_id: int) -> WebhookEndpoint:
    return webhooks.webhook_get(user=request_user(request), endpoint_id=webhook_id)


@router.patch(
    "/{int:webhook_id}",
    response={200: WebhookOut, **NOT_FOUND, **ERRORS},
    summary="Change a webhook's URL or events, or turn it on or off",
)
def webhook_update(request: HttpRequest, webhook_id: int, payload: WebhookPatch) -> WebhookEndpoint:
    return webhooks.webhook_update(
        user=request_user(request),
        endpoint_id=webhook_id,
        url=payload.url,
        events=payload.events,
        enabled=payload.enabled,
    )


@router.delete(
    "/{int:webhook_id}", response={204: None, **NOT_FOUND, **ERRORS}, summary="Delete a webhook"
)
def webhook_delete(request: HttpRequest, webhook_id: int) -> Status[None]:
    webhooks.webhook_delete(user=request_user(request), endpoint_id=webhook_id)
    return Status(204, None)


@router.post(
    "/{int:webhook_id}/rotate-secret",
    response={200: SecretOut, **NOT_FOUND, **ERRORS},
    summary="Replace a webhook's signing secret",
    description="Deliveries from now on are signed with the new secret, shown this once. For "
    "24 hours (until previous_secret_until) they carry a second signature made with the replaced "
    "secret, so a receiver not yet updated keeps accepting them.",
)
def webhook_rotate_secret(request: HttpRequest, webhook_id: int) -> dict[str, Any]:
    endpoint, secret = webhooks.webhook_rotate_secret(
        user=request_user(request), endpoint_id=webhook_id
    )
    return {"secret": secret, "previous_secret_until": endpoint.previous_secret_until}


@router.get(
    "/{int:webhook_id}/deliveries",
    response={200: list[DeliveryOut], **NOT_FOUND, **ERRORS},
    summary="A webhook's last 50 deliveries, newest first",
)
def webhook_deliveries(request: HttpRequest, webhook_id: int) -> list[WebhookMessage]:
    return webhooks.webhook_deliveries(user=request_user(request), endpoint_id=webhook_id)


@router.post(
    "/{int:webhook_id}/deliveries/{int:delivery_id}/resend",
    response={202: DeliveryOut, **NOT_FOUND, **ERRORS},
    summary="Send a delivery again",
    description="Queued at once, with the same webhook-id so the receiver can tell it apart.",
)
def webhook_resend(request: HttpRequest, webhook_id: int, delivery_id: int) -> Status[Any]:
    message = webhooks.webhook_resend(
        user=request_user(request), endpoint_id=webhook_id, message_id=delivery_id
    )
    return Status(202, message)
