from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

from core.outbound import OutboundURLRefused, outbound_resolve_check, outbound_url_check


@pytest.fixture
def strict(settings: Any) -> None:
    settings.OUTBOUND_ALLOW_PRIVATE = False


@pytest.fixture
def lenient(settings: Any) -> None:
    settings.OUTBOUND_ALLOW_PRIVATE = True


def resolving_to(*addresses: str) -> Callable[..., list[Any]]:
    """A stand-in for the system resolver that answers every name with these addresses."""

    def getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [
            (
                socket.AF_INET6 if ":" in a else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (a, port, 0, 0) if ":" in a else (a, port),
            )
            for a in addresses
        ]

    return getaddrinfo


@pytest.mark.usefixtures("strict")
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "empty"),
        ("ftp://push.example.com/x", "https"),
        ("http://push.example.com/x", "https"),
        ("https:///nohost", "no host"),
        ("https://user:pw@push.example.com/x", "user name or password"),
        ("https://push.example.com:99999/x", "not a valid URL"),
        ("https://push.example.com/a b", "spaces"),
        ("https://127.0.0.1/x", "loopback"),
        ("https://[::1]/x", "loopback"),
        ("https://[::ffff:127.0.0.1]/x", "loopback"),
        ("https://2130706433/x", "loopback"),
        ("https://0x7f.1/x", "loopback"),
        ("https://10.1.2.3/x", "private"),
        ("https://192.168.0.10/x", "private"),
        ("https://172.16.5.4/x", "private"),
        ("https://100.64.0.1/x", "private"),
        ("https://[fd12::1]/x", "private"),
        ("https://169.254.10.10/x", "link-local"),
        ("https://[fe80::1]/x", "link-local"),
        ("https://169.254.169.254/latest/meta-data/", "metadata"),
        ("https://[fd00:ec2::254]/x", "metadata"),
        ("https://0.0.0.0/x", "unicast"),
        ("https://224.0.0.1/x", "unicast"),
        ("https://localhost/x", "loopback"),
        ("https://api.localhost/x", "loopback"),
        ("https://push.example.com/" + "a" * 2100, "longer"),
    ],
)
def test_it_refuses_urls_that_are_malformed_plain_http_or_name_internal_addresses(
    url: str, reason: str
) -> None:
    with pytest.raises(OutboundURLRefused, match=reason):
        outbound_url_check(url)


@pytest.mark.usefixtures("strict")
@pytest.mark.parametrize(
    "url",
    [
        "https://fcm.googleapis.com/fcm/send/abc:def",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
        "https://web.push.apple.com/QGx",
        "https://8.8.8.8:8443/x",
        "HTTPS://Push.Example.com/x?y=1",
    ],
)
def test_it_accepts_public_https_urls(url: str) -> None:
    outbound_url_check(url)


@pytest.mark.usefixtures("strict")
def test_it_accepts_plain_http_when_https_is_not_required() -> None:
    outbound_url_check("http://hooks.example.com/x", require_https=False)


@pytest.mark.usefixtures("lenient")
@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8103/push", "https://localhost/x", "https://10.0.0.5/x", "http://[::1]/x"],
)
def test_allowing_private_networks_lets_loopback_private_and_plain_http_through(url: str) -> None:
    outbound_url_check(url)


@pytest.mark.usefixtures("lenient")
@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/", "https://[fd00:ec2::254]/", "http://169.254.170.2/"]
)
def test_metadata_addresses_are_refused_even_when_private_networks_are_allowed(url: str) -> None:
    with pytest.raises(OutboundURLRefused, match="metadata"):
        outbound_url_check(url)


@pytest.mark.usefixtures("strict")
def test_a_name_that_resolves_to_loopback_is_refused_at_send_time(monkeypatch: Any) -> None:
    # Registration cannot know where a name points; the check before sending does.
    outbound_url_check("https://rebind.example.com/push")
    monkeypatch.setattr(socket, "getaddrinfo", resolving_to("127.0.0.1"))
    with pytest.raises(OutboundURLRefused, match=r"rebind\.example\.com resolves to 127\.0\.0\.1"):
        outbound_resolve_check("https://rebind.example.com/push")


@pytest.mark.usefixtures("strict")
def test_a_name_is_refused_when_any_one_of_its_addresses_is_internal(monkeypatch: Any) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", resolving_to("93.184.216.34", "169.254.169.254"))
    with pytest.raises(OutboundURLRefused, match="metadata"):
        outbound_resolve_check("https://mixed.example.com/push")


@pytest.mark.usefixtures("strict")
def test_resolving_returns_each_public_address_once_for_the_caller_to_connect_to(
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr(
        socket, "getaddrinfo", resolving_to("93.184.216.34", "2606:2800:220:1::1", "93.184.216.34")
    )
    assert outbound_resolve_check("https://push.example.com/x") == [
        "93.184.216.34",
        "2606:2800:220:1::1",
    ]


@pytest.mark.usefixtures("strict")
def test_a_name_that_does_not_resolve_is_refused_with_a_reason() -> None:
    with pytest.raises(OutboundURLRefused, match="could not be resolved"):
        outbound_resolve_check("https://no-such-host.invalid/x")


@pytest.mark.usefixtures("lenient")
def test_the_system_resolver_is_used_and_localhost_passes_when_private_networks_are_allowed() -> (
    None
):
    assert "127.0.0.1" in outbound_resolve_check("http://localhost:8103/push")


@pytest.mark.usefixtures("strict")
def test_the_system_resolver_is_used_and_a_loopback_literal_is_refused_before_resolving() -> None:
    with pytest.raises(OutboundURLRefused, match="loopback"):
        outbound_resolve_check("https://127.0.0.1:8103/push")


def test_outbound_allow_private_defaults_to_true_outside_production(settings: Any) -> None:
    assert settings.PRODUCTION is False
    assert settings.OUTBOUND_ALLOW_PRIVATE is True
