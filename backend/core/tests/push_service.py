"""A local stand-in for a Web Push service (FCM, Mozilla autopush, Apple), speaking the protocol.

It does what the real ones do with a message, and what the browser does after that:

- checks the VAPID ``Authorization: vapid t=<JWT>,k=<key>`` header (RFC 8292): ``k`` must be
  the applicationServerKey the subscription was made with (403 otherwise, as FCM answers),
  the JWT must be ES256-signed by that key, its ``aud`` must be this service's origin, its
  ``exp`` in the future and at most 24 hours ahead, its ``sub`` a mailto: or https: URL
  (401 otherwise, as autopush answers);
- requires ``Content-Encoding: aes128gcm``, a ``TTL`` header and at most 4,096 bytes;
- decrypts the body with the subscription's private key and auth secret (RFC 8291/8188),
  written here from the RFCs with ``cryptography``'s primitives, independently of the
  http-ece code that encrypted it;
- answers 201, or 404/410/429/500 when a test asks it to.

``BrowserSubscription`` plays the browser's part of ``PushManager.subscribe``: a P-256 key
pair and a 16-byte auth secret, bound to the server's applicationServerKey.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import trustme
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _public_bytes(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def _hkdf(length: int, salt: bytes, info: bytes, ikm: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


class Rejected(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class BrowserSubscription:
    """What a browser keeps for one push subscription, and what it sends the server."""

    endpoint: str
    application_server_key: str
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def token(self) -> str:
        return self.endpoint.rsplit("/", 1)[1]

    def to_json(self) -> dict[str, Any]:
        """PushSubscription.toJSON() as a browser sends it."""
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {
                "p256dh": b64url(_public_bytes(self.private_key)),
                "auth": b64url(self.auth_secret),
            },
        }

    def decrypt(self, body: bytes) -> bytes:
        """RFC 8291 over RFC 8188: the plaintext of an aes128gcm message for this subscription."""
        if len(body) < 21:
            raise Rejected(400, "the body is shorter than an aes128gcm header")
        salt, record_size, id_length = body[:16], int.from_bytes(body[16:20], "big"), body[20]
        sender_public = body[21 : 21 + id_length]
        ciphertext = body[21 + id_length :]
        if id_length != 65 or record_size < 18:
            raise Rejected(400, "the aes128gcm header's key id is not a P-256 public key")
        if len(ciphertext) > record_size:
            raise Rejected(400, "a push message must be a single record")
        try:
            sender = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), sender_public)
        except ValueError:
            raise Rejected(400, "the key id is not a point on P-256") from None
        shared = self.private_key.exchange(ec.ECDH(), sender)
        key_info = b"WebPush: info\x00" + _public_bytes(self.private_key) + sender_public
        ikm = _hkdf(32, self.auth_secret, key_info, shared)
        cek = _hkdf(16, salt, b"Content-Encoding: aes128gcm\x00", ikm)
        nonce = _hkdf(12, salt, b"Content-Encoding: nonce\x00", ikm)
        try:
            padded = AESGCM(cek).decrypt(nonce, ciphertext, None)
        except InvalidTag:
            raise Rejected(400, "the body does not decrypt with the subscription's keys") from None
        unpadded = padded.rstrip(b"\x00")
        if not unpadded.endswith(b"\x02"):
            raise Rejected(400, "the last record's padding delimiter is not 0x02")
        return unpadded[:-1]


@dataclass
class Received:
    token: str
    plaintext: bytes
    claims: dict[str, Any]
    headers: dict[str, str]

    @property
    def payload(self) -> Any:
        return json.loads(self.plaintext)


def verify_vapid(authorization: str, *, expected_key: str, audience: str) -> dict[str, Any]:
    """The claims of a valid RFC 8292 Authorization header; raises Rejected otherwise."""
    scheme, _, params = authorization.partition(" ")
    if scheme.lower() != "vapid":
        raise Rejected(401, "the Authorization scheme is not vapid")
    values = dict(part.strip().split("=", 1) for part in params.split(",") if "=" in part)
    token, key = values.get("t", ""), values.get("k", "")
    if key.rstrip("=") != expected_key.rstrip("="):
        raise Rejected(403, "k is not the applicationServerKey the subscription was made with")
    try:
        header_b64, claims_b64, signature_b64 = token.split(".")
        header = json.loads(unb64url(header_b64))
        claims = json.loads(unb64url(claims_b64))
        signature = unb64url(signature_b64)
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    except (ValueError, TypeError):
        raise Rejected(401, "the JWT is malformed") from None
    if header.get("alg") != "ES256" or len(signature) != 64:
        raise Rejected(401, "the JWT is not signed with ES256")
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    try:
        public.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise Rejected(401, "the JWT's signature does not verify with k") from None
    if claims.get("aud") != audience:
        raise Rejected(401, f"aud is {claims.get('aud')!r}, not {audience!r}")
    exp = claims.get("exp")
    now = time.time()
    if not isinstance(exp, int) or exp <= now:
        raise Rejected(401, "the JWT has expired")
    if exp > now + 24 * 3600:
        raise Rejected(401, "the JWT expires more than 24 hours ahead")
    if not str(claims.get("sub", "")).startswith(("mailto:", "https://")):
        raise Rejected(401, "sub is not a mailto: or https: URL")
    return dict(claims)


def sign_vapid(private_key: ec.EllipticCurvePrivateKey, claims: dict[str, Any]) -> str:
    """An Authorization header signed with any key: lets tests forge one."""
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    header_b64 = b64url(json.dumps({"typ": "JWT", "alg": "ES256"}).encode())
    claims_b64 = b64url(json.dumps(claims).encode())
    der = private_key.sign(f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    signature = b64url(r.to_bytes(32, "big") + s.to_bytes(32, "big"))
    return f"vapid t={header_b64}.{claims_b64}.{signature},k={b64url(_public_bytes(private_key))}"


class PushService:
    """The stand-in server, in a thread, on 127.0.0.1 (addressed as ``localhost``)."""

    def __init__(self, ssl_context: ssl.SSLContext | None = None, *, keep: bool = True) -> None:
        self.scheme = "https" if ssl_context else "http"
        self.keep = keep  # False: count messages without keeping them (benchmarks)
        self.subscriptions: dict[str, BrowserSubscription] = {}
        self.answers: dict[str, int] = {}
        self.received: list[Received] = []
        self.rejected: list[Rejected] = []
        self.count = 0
        self._lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real push services allow

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                # Counts for a benchmark that runs the stand-in in another process.
                if self.path != "/_stats":
                    self.send_error(404)
                    return
                with service._lock:
                    body = json.dumps({"count": service.count, "rejected": len(service.rejected)})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body.encode())

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status, location = service._handle(self.path, dict(self.headers.items()), body)
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if ssl_context is not None:
            self.server.socket = ssl_context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.origin = f"{self.scheme}://localhost:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def subscribe(self, application_server_key: str) -> BrowserSubscription:
        """PushManager.subscribe({applicationServerKey}) as a browser does it."""
        token = secrets.token_urlsafe(24)
        subscription = BrowserSubscription(
            endpoint=f"{self.origin}/push/{token}", application_server_key=application_server_key
        )
        with self._lock:
            self.subscriptions[token] = subscription
        return subscription

    def answer(self, subscription: BrowserSubscription, status: int) -> None:
        """Answer every later message to this subscription with ``status``."""
        with self._lock:
            self.answers[subscription.token] = status

    def messages_for(self, subscription: BrowserSubscription) -> list[Received]:
        with self._lock:
            return [m for m in self.received if m.token == subscription.token]

    def _handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, str]:
        token = path.rsplit("/", 1)[-1]
        headers = {k.lower(): v for k, v in headers.items()}
        with self._lock:
            subscription = self.subscriptions.get(token)
            forced = self.answers.get(token)
        try:
            if not path.startswith("/push/") or subscription is None:
                raise Rejected(404, "no such subscription")
            if forced is not None:
                raise Rejected(forced, f"answering {forced} as asked")
            claims = verify_vapid(
                headers.get("authorization", ""),
                expected_key=subscription.application_server_key,
                audience=self.origin,
            )
            if headers.get("content-encoding") != "aes128gcm":
                raise Rejected(400, "Content-Encoding is not aes128gcm")
            if not headers.get("ttl", "").isdigit():
                raise Rejected(400, "the TTL header is missing")
            if len(body) > 4096:
                raise Rejected(413, "the body is larger than 4096 bytes")
            plaintext = subscription.decrypt(body)
        except Rejected as exc:
            with self._lock:
                self.rejected.append(exc)
            return exc.status, ""
        with self._lock:
            self.count += 1
            if self.keep:
                self.received.append(Received(token, plaintext, claims, headers))
        return 201, f"{self.origin}/message/{secrets.token_urlsafe(8)}"


@contextlib.contextmanager
def running_push_service(
    monkeypatch: Any, directory: Path, *, keep: bool = True
) -> Iterator[PushService]:
    """The stand-in over HTTPS with a certificate from a test CA that is made trusted the way
    an operator would: SSL_CERT_FILE and REQUESTS_CA_BUNDLE name the CA's bundle."""
    ca = trustme.CA()
    certificate = ca.issue_cert("localhost", "127.0.0.1")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    bundle = directory / "push-test-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    service = PushService(context, keep=keep)
    try:
        yield service
    finally:
        service.close()
