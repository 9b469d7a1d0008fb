"""The guard in front of every request to a URL a person chose (push endpoints, webhooks).

A URL typed or sent by a client must not turn the server into a proxy into its own network:
the database, Redis, the cloud's metadata service (which hands out credentials) or anything
else only reachable from inside. So a URL is checked twice:

- ``outbound_url_check`` when it is registered: syntax, scheme and literal addresses, so a
  person hears at once that ``http://10.0.0.5/`` will not do;
- ``outbound_resolve_check`` just before each request: the host name is resolved and every
  address it resolves to is checked, because a name can point anywhere and can change after
  registration. Callers connect to the addresses it returns, never resolve again.

``settings.OUTBOUND_ALLOW_PRIVATE`` (true in development, false in production) lets plain
``http`` and private, loopback and link-local addresses through, for a push service or a
webhook receiver on the developer's own machine. Cloud metadata addresses are refused even
then: no legitimate receiver lives there.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_URL_LENGTH = 2048

# Instance metadata services: AWS (IPv4 and IPv6), ECS task credentials, Alibaba, Oracle's
# IPv4 one shares AWS's. Refused whatever OUTBOUND_ALLOW_PRIVATE says.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(address)
    for address in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
)


class OutboundURLRefused(ValueError):
    """The URL may not be requested; ``str(exc)`` is a reason a person can read."""


def _allow_private() -> bool:
    return bool(getattr(settings, "OUTBOUND_ALLOW_PRIVATE", False))


def _parse(url: str, *, require_https: bool) -> SplitResult:
    if not isinstance(url, str) or not url.strip():
        raise OutboundURLRefused(_("the URL is empty"))
    if len(url) > MAX_URL_LENGTH:
        raise OutboundURLRefused(
            _("the URL is longer than %(count)d characters") % {"count": MAX_URL_LENGTH}
        )
    if any(ord(char) < 33 or ord(char) == 127 for char in url):
        raise OutboundURLRefused(_("the URL contains spaces or control characters"))
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port that is not a number in range
    except ValueError:
        raise OutboundURLRefused(_("the URL is not a valid URL")) from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise OutboundURLRefused(_("the URL must start with https://"))
    if scheme == "http" and require_https and not _allow_private():
        raise OutboundURLRefused(_("the URL must use https, not http"))
    if not parts.hostname:
        raise OutboundURLRefused(_("the URL has no host"))
    if parts.username is not None or parts.password is not None:
        raise OutboundURLRefused(_("the URL must not carry a user name or password"))
    if port == 0:
        raise OutboundURLRefused(_("the URL's port must not be 0"))
    return parts


def _literal_address(host: str) -> IPAddress | None:
    """The address a host that is written as one means, including the forms ``inet_aton``
    accepts (``2130706433``, ``0x7f.1``, ``127.1``), which resolvers treat as addresses."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    if all(part and all(c in "0123456789abcdefxABCDEFX" for c in part) for part in host.split(".")):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _refusal(address: IPAddress) -> str | None:
    """What kind of forbidden address ``address`` is, or None when it may be requested."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_multicast or address.is_unspecified:
        return "not a unicast address"
    if address.is_global or _allow_private():
        return None
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_reserved:
        return "a reserved address"
    return "a private network address"


def outbound_url_check(url: str, *, require_https: bool = True) -> None:
    """Refuse a URL that is malformed, not https (unless allowed) or names a forbidden
    address literally. Raises OutboundURLRefused; does not touch the network."""
    parts = _parse(url, require_https=require_https)
    host = parts.hostname or ""
    if not _allow_private() and (host == "localhost" or host.endswith(".localhost")):
        raise OutboundURLRefused(_("%(host)s is a loopback host name") % {"host": host})
    address = _literal_address(host)
    if address is not None and (kind := _refusal(address)):
        raise OutboundURLRefused(f"{address} is {kind}, which outbound requests may not reach")


def outbound_resolve_check(url: str, *, require_https: bool = True) -> list[str]:
    """Check the URL as above, resolve its host and refuse it when any address it resolves
    to is forbidden. Returns the addresses to connect to, so that nothing resolves again."""
    outbound_url_check(url, require_https=require_https)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise OutboundURLRefused(f"{host} could not be resolved") from None
    addresses: list[str] = []
    for info in infos:
        # The scope of a link-local IPv6 address ("fe80::1%eth0") is not part of the address.
        text = str(info[4][0]).split("%", 1)[0]
        address = ipaddress.ip_address(text)
        if kind := _refusal(address):
            raise OutboundURLRefused(
                f"{host} resolves to {address}, {kind}, which outbound requests may not reach"
            )
        if text not in addresses:
            addresses.append(text)
    if not addresses:
        raise OutboundURLRefused(f"{host} could not be resolved")
    return addresses
