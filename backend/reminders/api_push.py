"""Web Push: the server's key, the devices a person subscribed, and a test notification."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from reminders import services_push
from reminders.models_push import PushSubscription
from reminders.push import PushNotConfigured, push_send, push_vapid_public_key
from users.auth import request_user
from users.schemas import Message

router = Router()
ERRORS = {400: Message, 401: Message, 404: Message, 422: dict, 503: Message}


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it as a 422 on both engines.
    if "\x00" in value:
        raise ValueError(_("must not contain NUL characters"))
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


class PushKeysIn(Schema):
    p256dh: Text = Field(min_length=1, max_length=100)
    auth: Text = Field(min_length=1, max_length=40)


class PushSubscriptionIn(Schema):
    """The browser's PushSubscription.toJSON(), optionally with a name for the device."""

    endpoint: Text = Field(min_length=1, max_length=2048)
    keys: PushKeysIn
    expirationTime: int | None = None  # the browser's own name for it
    label: Text = Field("", max_length=100)


class PushKeyOut(Schema):
    public_key: str


class PushSubscriptionCreatedOut(Schema):
    id: int


class PushSubscriptionOut(Schema):
    id: int
    endpoint: str
    label: str
    user_agent: str
    created_at: dt.datetime
    last_success_at: dt.datetime | None


class PushTestOut(Schema):
    devices: int
    delivered: int
    removed: int
    failed: int


def _not_configured(exc: PushNotConfigured) -> HttpError:
    error = HttpError(
        503, _("Push notifications are not configured on this server: %(reason)s") % {"reason": exc}
    )
    error.code = "push_not_configured"  # type: ignore[attr-defined]
    return error


@router.get("/key", response={200: PushKeyOut, **ERRORS}, summary="The VAPID public key")
def push_key(request: HttpRequest) -> dict[str, str]:
    try:
        return {"public_key": push_vapid_public_key()}
    except PushNotConfigured as exc:
        raise _not_configured(exc) from None


@router.post(
    "/subscriptions",
    response={201: PushSubscriptionCreatedOut, **ERRORS},
    summary="Subscribe this browser (the same endpoint again updates it)",
)
def push_subscription_create(
    request: HttpRequest, payload: PushSubscriptionIn
) -> Status[dict[str, int]]:
    subscription = services_push.push_subscription_save(
        user=request_user(request),
        endpoint=payload.endpoint,
        p256dh=payload.keys.p256dh,
        auth=payload.keys.auth,
        user_agent=request.headers.get("User-Agent", ""),
        label=payload.label,
    )
    return Status(201, {"id": subscription.pk})


@router.get(
    "/subscriptions",
    response={200: list[PushSubscriptionOut], **ERRORS},
    summary="The devices notifications go to",
)
def push_subscription_list(request: HttpRequest) -> list[PushSubscription]:
    return list(services_push.push_subscription_list(user=request_user(request)))


@router.delete(
    "/subscriptions/{int:subscription_id}",
    response={204: None, **ERRORS},
    summary="Stop notifications to a device",
)
def push_subscription_delete(request: HttpRequest, subscription_id: int) -> Status[None]:
    if not services_push.push_subscription_delete(
        user=request_user(request), subscription_id=subscription_id
    ):
        raise HttpError(404, _("No such device"))
    return Status(204, None)


@router.post(
    "/test",
    response={200: PushTestOut, **ERRORS},
    summary="Send a test notification to every device",
)
def push_test(request: HttpRequest) -> dict[str, int]:
    user = request_user(request)
    payload = {
        "kind": "test",
        "title": _("Notifications work"),
        "body": _("Reminders will appear like this on this device."),
        "url": "/settings",
    }
    try:
        report = push_send(
            subscriptions=services_push.push_subscription_list(user=user), payload=payload, ttl=60
        )
    except PushNotConfigured as exc:
        raise _not_configured(exc) from None
    return {
        "devices": report.devices,
        "delivered": report.delivered,
        "removed": report.removed,
        "failed": report.failed + len(report.retry_ids),
    }
