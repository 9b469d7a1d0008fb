"""Push subscriptions: saving a browser's subscription, listing and removing devices."""

from __future__ import annotations

import base64
import binascii
import re

from cryptography.hazmat.primitives.asymmetric import ec
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.exceptions import FieldError
from core.outbound import OutboundURLRefused, outbound_url_check
from reminders.models_push import PushSubscription
from users.models import User

MAX_DEVICES = 20
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")


def _decode(field: str, value: str) -> bytes:
    if not _BASE64URL.fullmatch(value):
        raise FieldError(field, _("must be base64url (letters, digits, - and _)"))
    try:
        return base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
    except (binascii.Error, ValueError):
        raise FieldError(field, _("must be base64url (letters, digits, - and _)")) from None


def _check_keys(p256dh: str, auth: str) -> None:
    point = _decode("keys.p256dh", p256dh)
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise FieldError(
            "keys.p256dh", _("must be the browser's P-256 public key (65 bytes)")
        ) from None
    if len(point) != 65:
        raise FieldError("keys.p256dh", _("must be the browser's P-256 public key (65 bytes)"))
    if len(_decode("keys.auth", auth)) != 16:
        raise FieldError("keys.auth", _("must be the browser's 16-byte auth secret"))


def push_subscription_save(
    *, user: User, endpoint: str, p256dh: str, auth: str, user_agent: str = "", label: str = ""
) -> PushSubscription:
    """Store a browser's subscription; the same endpoint again updates its row (and moves it
    to this person, who is the one signed in on that browser now)."""
    try:
        outbound_url_check(endpoint, require_https=True)
    except OutboundURLRefused as exc:
        raise FieldError("endpoint", str(exc)) from None
    _check_keys(p256dh, auth)
    fields = {
        "user": user,
        "p256dh": p256dh.rstrip("="),
        "auth": auth.rstrip("="),
        "user_agent": user_agent[:256],
        "label": label,
    }
    with transaction.atomic():
        existing = PushSubscription.objects.select_for_update().filter(endpoint=endpoint).first()
        if existing is None:
            if PushSubscription.objects.filter(user=user).count() >= MAX_DEVICES:
                raise FieldError(
                    "endpoint",
                    _("at most %(count)d devices; remove one in Settings first")
                    % {"count": MAX_DEVICES},
                )
            try:
                with transaction.atomic():
                    return PushSubscription.objects.create(endpoint=endpoint, **fields)
            except IntegrityError:
                # The same browser subscribed twice at once: the other request created it.
                existing = PushSubscription.objects.select_for_update().get(endpoint=endpoint)
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        return existing


def push_subscription_list(*, user: User) -> QuerySet[PushSubscription]:
    return PushSubscription.objects.filter(user=user).order_by("created_at", "id")


def push_subscription_delete(*, user: User, subscription_id: int) -> bool:
    """Remove one of the person's devices; False when they have no such device."""
    deleted, _ = PushSubscription.objects.filter(user=user, pk=subscription_id).delete()
    return deleted > 0
