"""Login throttling kept in the cache.

Failures are counted per (account, client address) and per client address. Counting per
account alone would let a stranger lock the owner out from everywhere; counting per pair
still stops guessing at one account, and the per-address count stops spraying many accounts.
A cache outage turns throttling off rather than turning logins off.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    # Behind CloudFront/API Gateway the first X-Forwarded-For hop is the viewer; locally it
    # is absent and REMOTE_ADDR is the peer.
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and settings.PRODUCTION:
        return forwarded.split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _keys(email: str, address: str) -> tuple[str, str]:
    account = hashlib.sha256(f"{email}|{address}".encode()).hexdigest()[:32]
    return f"login:pair:{account}", f"login:ip:{address}"


def retry_after(email: str, address: str) -> int | None:
    """Seconds to wait when this (email, address) is over a limit, else None."""
    pair_key, ip_key = _keys(email, address)
    counts = cache.get_many([pair_key, ip_key])
    if (
        counts.get(pair_key, 0) >= settings.LOGIN_FAILURES_PER_ACCOUNT
        or counts.get(ip_key, 0) >= settings.LOGIN_FAILURES_PER_IP
    ):
        return settings.LOGIN_THROTTLE_WINDOW
    return None


def record_failure(email: str, address: str) -> None:
    for key in _keys(email, address):
        # add() creates the counter with the window as its lifetime; incr() keeps that expiry.
        if not cache.add(key, 1, timeout=settings.LOGIN_THROTTLE_WINDOW):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=settings.LOGIN_THROTTLE_WINDOW)


def clear(email: str, address: str) -> None:
    cache.delete(_keys(email, address)[0])
