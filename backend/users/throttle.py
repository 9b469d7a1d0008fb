"""Login throttling kept in the cache.

Failures are counted per (account, client address) and per client address. Counting per
account alone would let a stranger lock the owner out from everywhere; counting per pair
still stops guessing at one account, and the per-address count stops spraying many accounts.
A cache outage turns throttling off rather than turning logins off.

The address is the one the last trusted proxy saw (core.client_ip), never what the client wrote
in X-Forwarded-For. An IPv6 client usually holds a whole /64, so IPv6 addresses are counted per
/64: otherwise each new address from the same network would start from zero.
"""

from __future__ import annotations

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest

from core.client_ip import client_ip

IPV6_PREFIX = 64


def _cache() -> BaseCache:
    # The cache every worker shares (settings.SHARED_CACHE_ALIAS): a count kept in one worker's
    # memory would let each worker allow the limit again.
    return caches[settings.SHARED_CACHE_ALIAS]


def client_address(request: HttpRequest) -> str:
    return client_ip(request)


def _network(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
    return str(ip)


def _keys(email: str, address: str) -> tuple[str, str]:
    network = _network(address)
    account = hashlib.sha256(f"{email}|{network}".encode()).hexdigest()[:32]
    # {network} is a Redis Cluster hash tag: both counters sit in one slot, so the MGET that
    # reads them is allowed on ElastiCache Serverless (docs/decisions/0009).
    return f"login:{{{network}}}:pair:{account}", f"login:{{{network}}}:ip"


def retry_after(email: str, address: str) -> int | None:
    """Seconds to wait when this (email, address) is over a limit, else None."""
    pair_key, ip_key = _keys(email, address)
    counts = _cache().get_many([pair_key, ip_key])
    if (
        counts.get(pair_key, 0) >= settings.LOGIN_FAILURES_PER_ACCOUNT
        or counts.get(ip_key, 0) >= settings.LOGIN_FAILURES_PER_IP
    ):
        return settings.LOGIN_THROTTLE_WINDOW
    return None


def record_failure(email: str, address: str) -> None:
    cache = _cache()
    for key in _keys(email, address):
        # add() creates the counter with the window as its lifetime; incr() keeps that expiry.
        if not cache.add(key, 1, timeout=settings.LOGIN_THROTTLE_WINDOW):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=settings.LOGIN_THROTTLE_WINDOW)


def clear(email: str, address: str) -> None:
    _cache().delete(_keys(email, address)[0])


# --- Password-reset and e-mail-change requests -----------------------------------------------
# Counted in fixed one-hour windows whose number is part of the key, so each counter is one key
# (one Redis slot) and Retry-After is exact: the seconds left in the current window. They are
# apart from the login counters: asking for links never throttles logging in.

RECOVERY_WINDOW = 60 * 60


def _recovery_keys(kind: str, email: str, address: str, now: float) -> tuple[str, str]:
    window = int(now // RECOVERY_WINDOW)
    mailbox = hashlib.sha256(email.encode()).hexdigest()[:32]
    return (
        f"recovery:{kind}:{{{mailbox}}}:{window}",
        f"recovery:{kind}:{{{_network(address)}}}:{window}:client",
    )


def recovery_allow(kind: str, email: str, address: str, *, now: float) -> int | None:
    """Count one request for `email` from `address`: None when allowed, else seconds to wait.

    A refused request is not counted, so a client that keeps asking waits only until the window
    ends. Refusals are the same whether or not `email` has an account.
    """
    mailbox_key, client_key = _recovery_keys(kind, email, address, now)
    cache = _cache()
    # Two gets rather than one get_many: the keys are in different Redis Cluster slots.
    over = cache.get(client_key, 0) >= settings.RECOVERY_REQUESTS_PER_CLIENT or (
        cache.get(mailbox_key, 0) >= settings.RECOVERY_REQUESTS_PER_ADDRESS
    )
    if over:
        return max(1, RECOVERY_WINDOW - int(now % RECOVERY_WINDOW))
    for key in (mailbox_key, client_key):
        if not cache.add(key, 1, timeout=RECOVERY_WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.set(key, 1, timeout=RECOVERY_WINDOW)
    return None
