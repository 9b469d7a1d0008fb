"""System checks for the Web Push configuration (reminders/push.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register(deploy=True)
def check_vapid_keys(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    from reminders.push import PushNotConfigured, vapid_keys  # the check needs cryptography

    if not settings.PRODUCTION and not settings.VAPID_PRIVATE_KEY:
        return []  # a pair is generated into VAR_DIR on first use
    try:
        vapid_keys()
    except PushNotConfigured as exc:
        return [
            Error(
                str(exc),
                hint="Generate a pair with `vapid --gen --applicationServerKey` (py-vapid) "
                "and set VAPID_PRIVATE_KEY, VAPID_PUBLIC_KEY and VAPID_SUBJECT "
                "(mailto:you@example.com or https://your.site).",
                id="reminders.E001",
            )
        ]
    return []
