"""The client's address as the last hop we trust saw it (docs/decisions/0010).

X-Forwarded-For is a list the client starts and every proxy appends to: only the entries that
our own proxies appended can be believed. With TRUSTED_PROXY_COUNT proxies in front of the app
(on AWS two: CloudFront appends the viewer, API Gateway appends the CloudFront edge), the client
is the entry that many places from the right; anything further left is whatever the client
wrote. With no proxy (`make run`), the socket's peer is the client and the header is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "unknown"


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent this request, normalised; "unknown" if there is none."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
        hops = [hop for hop in hops if hop]
        # Fewer entries than proxies means the request skipped one of them; the peer is then
        # the best we know (on Lambda, the source address API Gateway saw).
        if len(hops) >= count:
            address = _normalised(hops[-count])
            if address:
                return address
    return _normalised(str(request.META.get("REMOTE_ADDR") or "")) or UNKNOWN


def _normalised(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return ""
