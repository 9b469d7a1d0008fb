"""The push service stand-in must refuse what a real push service refuses, or the tests that
rely on it would prove nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
import urllib3
from cryptography.hazmat.primitives.asymmetric import ec
from pywebpush import WebPusher

from core.tests.push_service import (
    BrowserSubscription,
    Rejected,
    b64url,
    running_push_service,
    sign_vapid,
    verify_vapid,
)

SERVER_KEY = ec.generate_private_key(ec.SECP256R1())
SERVER_PUBLIC = sign_vapid(SERVER_KEY, {}).rsplit("k=", 1)[1]
AUDIENCE = "https://localhost:4443"


def claims(**changes: Any) -> dict[str, Any]:
    return {
        "aud": AUDIENCE,
        "exp": int(time.time()) + 3600,
        "sub": "mailto:a@example.com",
    } | changes


def test_a_token_signed_by_the_subscriptions_key_is_accepted() -> None:
    header = sign_vapid(SERVER_KEY, claims())
    assert verify_vapid(header, expected_key=SERVER_PUBLIC, audience=AUDIENCE)["aud"] == AUDIENCE


def test_a_token_whose_signature_was_made_by_another_key_is_rejected() -> None:
    forger = ec.generate_private_key(ec.SECP256R1())
    token = sign_vapid(forger, claims()).split(",k=")[0]
    with pytest.raises(Rejected, match="signature") as raised:
        verify_vapid(f"{token},k={SERVER_PUBLIC}", expected_key=SERVER_PUBLIC, audience=AUDIENCE)
    assert raised.value.status == 401


def test_a_token_with_altered_claims_is_rejected() -> None:
    header = sign_vapid(SERVER_KEY, claims())
    scheme_token, key = header.split(",k=")
    head, _, signature = scheme_token.removeprefix("vapid t=").split(".")
    altered = b64url(b'{"aud":"https://localhost:4443","exp":9999999999,"sub":"mailto:x@y.z"}')
    with pytest.raises(Rejected, match="signature"):
        verify_vapid(
            f"vapid t={head}.{altered}.{signature},k={key}",
            expected_key=SERVER_PUBLIC,
            audience=AUDIENCE,
        )


def test_a_token_from_another_application_server_key_is_refused_with_403() -> None:
    other = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(Rejected) as raised:
        verify_vapid(sign_vapid(other, claims()), expected_key=SERVER_PUBLIC, audience=AUDIENCE)
    assert raised.value.status == 403


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"exp": int(time.time()) - 1}, "expired"),
        ({"exp": int(time.time()) + 25 * 3600}, "24 hours"),
        ({"aud": "https://evil.example"}, "aud"),
        ({"sub": "someone"}, "sub"),
    ],
)
def test_expired_far_future_misaddressed_or_anonymous_tokens_are_rejected(
    changes: dict[str, Any], reason: str
) -> None:
    with pytest.raises(Rejected, match=reason):
        verify_vapid(
            sign_vapid(SERVER_KEY, claims(**changes)), expected_key=SERVER_PUBLIC, audience=AUDIENCE
        )


def test_a_body_encrypted_for_another_browser_does_not_decrypt() -> None:
    intended = BrowserSubscription("https://x/push/a", SERVER_PUBLIC)
    other = BrowserSubscription("https://x/push/b", SERVER_PUBLIC)
    body = WebPusher(intended.to_json()).encode(b'{"kind":"test"}', "aes128gcm")["body"]
    assert intended.decrypt(body) == b'{"kind":"test"}'
    with pytest.raises(Rejected, match="decrypt"):
        other.decrypt(body)


def test_the_server_answers_401_to_a_forged_token_and_keeps_nothing(
    monkeypatch: Any, tmp_path: Path
) -> None:
    with running_push_service(monkeypatch, tmp_path) as service:
        browser = service.subscribe(SERVER_PUBLIC)
        body = WebPusher(browser.to_json()).encode(b"{}", "aes128gcm")["body"]
        forger = ec.generate_private_key(ec.SECP256R1())
        token = sign_vapid(forger, claims(aud=service.origin)).split(",k=")[0]
        http = urllib3.PoolManager(ca_certs=os.environ["SSL_CERT_FILE"])
        headers = {"Content-Encoding": "aes128gcm", "TTL": "60"}

        forged = http.request(
            "POST",
            browser.endpoint,
            body=body,
            headers=headers | {"Authorization": f"{token},k={SERVER_PUBLIC}"},
        )
        genuine = http.request(
            "POST",
            browser.endpoint,
            body=body,
            headers=headers | {"Authorization": sign_vapid(SERVER_KEY, claims(aud=service.origin))},
        )
        unknown = http.request("POST", f"{service.origin}/push/nobody", body=body, headers=headers)

    assert forged.status == 401
    assert genuine.status == 201
    assert unknown.status == 404
    assert len(service.received) == 1
    assert [r.status for r in service.rejected] == [401, 404]
