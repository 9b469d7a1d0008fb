"""Web Push: VAPID-signed (RFC 8292), aes128gcm-encrypted (RFC 8291) messages to browsers.

pywebpush encrypts and py-vapid signs; the request itself is made here, because an endpoint
is a URL the client chose: it is re-checked by core.outbound just before sending, the
connection goes to the address that check approved (a name cannot be re-pointed at the
internal network between the check and the connect), certificates are verified against the
system's trusted CAs (SSL_CERT_FILE, or REQUESTS_CA_BUNDLE, when set), redirects are not
followed and every request has a timeout.

Failures: 404 and 410 mean the browser unsubscribed, so the subscription is deleted; 429, 5xx
and network errors are temporary: push_send_to_user raises PushRetry after trying every
device, naming the ones that failed, so the task that called it can be retried for them
alone. Other answers (400, 401, 403, 413) will not get better by retrying and are logged.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import json
import logging
import os
import ssl
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Collection, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import urllib3
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from py_vapid import Vapid02, b64urlencode
from pywebpush import WebPusher

from core.outbound import OutboundURLRefused, outbound_resolve_check
from reminders.models_push import PushSubscription

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 10.0
# A VAPID token is signed once per push service and reused until an hour before it expires;
# push services refuse tokens that expire more than 24 hours ahead.
TOKEN_LIFETIME = 12 * 3600
TOKEN_RENEW_BEFORE = 3600
MAX_POOLS = 64
# push_send_many's threads; each push service's pool keeps as many connections alive.
SEND_THREADS = 8
# RFC 8291 leaves 4,096 bytes for a record; with its 86-byte header and 17 bytes of tag and
# padding delimiter, this is the largest payload every push service accepts.
MAX_PAYLOAD_BYTES = 3993
GONE = {404, 410}
SUCCESS_RESOLUTION = dt.timedelta(hours=1)
RETRYABLE = {429, 500, 502, 503, 504}


class PushNotConfigured(ImproperlyConfigured):
    """The VAPID settings are missing or do not hold a valid key pair."""


class PushRetry(Exception):
    """Some devices could not be reached for a reason that may pass (network, 429, 5xx).

    Retry the send for ``subscription_ids`` only, so devices that got it do not get it twice.
    """

    def __init__(self, delivered: int, subscription_ids: list[int], reason: str) -> None:
        super().__init__(f"{len(subscription_ids)} push device(s) failed: {reason}")
        self.delivered = delivered
        self.subscription_ids = subscription_ids


@dataclass(frozen=True)
class VapidKeys:
    vapid: Vapid02
    public_key: str  # base64url of the uncompressed P-256 point, the browser's applicationServerKey
    subject: str


@dataclass
class PushReport:
    devices: int = 0
    delivered: int = 0
    removed: int = 0
    failed: int = 0  # will not succeed by retrying (refused endpoint, 400/401/403/413)
    retry_ids: list[int] = field(default_factory=list)
    last_error: str = ""


# --- VAPID keys -----------------------------------------------------------------------------


def _b64url_decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def _load_private_key(raw: str) -> ec.EllipticCurvePrivateKey:
    text = raw.strip()
    if "-----BEGIN" in text:
        key = serialization.load_pem_private_key(text.encode(), password=None)
    else:
        data = _b64url_decode(text.replace("\n", ""))
        if len(data) == 32:
            return ec.derive_private_key(int.from_bytes(data, "big"), ec.SECP256R1())
        key = serialization.load_der_private_key(data, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ValueError("not a P-256 key")
    return key


def _generated_private_key(var_dir: Path) -> str:
    """The development key pair, generated once into VAR_DIR so that `make run` needs no
    configuration and subscriptions survive restarts. Every worker process reads the same file:
    the first one to start creates it exclusively."""
    path = var_dir / "vapid_private_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        key = ec.generate_private_key(ec.SECP256R1())
        raw = b64urlencode(key.private_numbers().private_value.to_bytes(32, "big"))
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process won the race; read its key below
        else:
            with os.fdopen(fd, "w") as file:
                file.write(raw + "\n")
    for _ in range(50):  # the winner may still be writing
        text = path.read_text().strip()
        if text:
            return text
        time.sleep(0.01)
    raise PushNotConfigured(f"{path} is empty: delete it to generate a new VAPID key pair")


def _subject() -> str:
    if settings.VAPID_SUBJECT:
        subject = str(settings.VAPID_SUBJECT)
    elif str(getattr(settings, "SITE_URL", "")).startswith("https://"):
        subject = str(settings.SITE_URL).rstrip("/")
    elif settings.PRODUCTION:
        raise PushNotConfigured(
            "VAPID_SUBJECT must be set (mailto:you@example.com or https://your.site) when "
            "SITE_URL is not https"
        )
    else:
        address = parseaddr(str(getattr(settings, "DEFAULT_FROM_EMAIL", "")))[1]
        subject = f"mailto:{address}" if "@" in address else "mailto:admin@example.com"
    if not subject.startswith(("mailto:", "https://")):
        raise PushNotConfigured(f"VAPID_SUBJECT={subject!r} must start with mailto: or https://")
    return subject


def vapid_keys() -> VapidKeys:
    """The server's VAPID key pair and subject, from the settings (or VAR_DIR outside
    production). Raises PushNotConfigured naming the setting that is wrong."""
    if settings.PRODUCTION and not settings.VAPID_PRIVATE_KEY:
        raise PushNotConfigured(
            "VAPID_PRIVATE_KEY must be set when DJANGO_ENV=production: push notifications "
            "are signed with it"
        )
    return _vapid_keys(
        settings.VAPID_PRIVATE_KEY,
        settings.VAPID_PUBLIC_KEY,
        _subject(),
        str(settings.VAR_DIR),
    )


@functools.lru_cache(maxsize=4)
def _vapid_keys(private: str, public: str, subject: str, var_dir: str) -> VapidKeys:
    if not private:
        private = _generated_private_key(Path(var_dir))
    try:
        key = _load_private_key(private)
    except (ValueError, TypeError, binascii.Error):
        raise PushNotConfigured(
            "VAPID_PRIVATE_KEY is not a P-256 private key (base64url raw, DER or PEM)"
        ) from None
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    derived = b64urlencode(point)
    if public and public.strip().rstrip("=") != derived:
        raise PushNotConfigured("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY")
    return VapidKeys(vapid=Vapid02(key), public_key=derived, subject=subject)


def push_vapid_public_key() -> str:
    """The applicationServerKey browsers subscribe with (base64url)."""
    return vapid_keys().public_key


_tokens: dict[tuple[str, str], tuple[str, float]] = {}
_tokens_lock = threading.Lock()


def _authorization(keys: VapidKeys, audience: str) -> str:
    """The `vapid t=<JWT>,k=<public key>` header for a push service origin, signed once per
    origin and reused until an hour before it expires (an ECDSA signature per message would
    be wasted work)."""
    now = time.time()
    cache_key = (keys.public_key, audience)
    with _tokens_lock:
        cached = _tokens.get(cache_key)
        if cached and cached[1] - now > TOKEN_RENEW_BEFORE:
            return cached[0]
    expires = int(now) + TOKEN_LIFETIME
    header = keys.vapid.sign({"aud": audience, "exp": expires, "sub": keys.subject})
    authorization = str(header["Authorization"])
    with _tokens_lock:
        _tokens[cache_key] = (authorization, expires)
    return authorization


# --- transport --------------------------------------------------------------------------------


def _ssl_context() -> ssl.SSLContext:
    # The system's trusted CAs (OpenSSL reads SSL_CERT_FILE and SSL_CERT_DIR); requests'
    # REQUESTS_CA_BUNDLE is honoured too, since operators set it for the same purpose.
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("SSL_CERT_FILE") or None
    context = ssl.create_default_context(cafile=bundle)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


class _Pools:
    """Keep-alive connection pools to push services, keyed by the approved address and the
    host name, so that one worker sending thousands of messages reuses its connections."""

    def __init__(self) -> None:
        self._pools: OrderedDict[tuple[str, str, int, str, str], urllib3.HTTPConnectionPool] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def get(self, scheme: str, address: str, port: int, host: str) -> urllib3.HTTPConnectionPool:
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("SSL_CERT_FILE") or ""
        key = (scheme, address, port, host, bundle)
        with self._lock:
            pool = self._pools.get(key)
            if pool is not None:
                self._pools.move_to_end(key)
                return pool
            timeout = urllib3.Timeout(connect=CONNECT_TIMEOUT, read=READ_TIMEOUT)
            if scheme == "https":
                pool = urllib3.HTTPSConnectionPool(
                    address,
                    port,
                    timeout=timeout,
                    retries=False,
                    maxsize=SEND_THREADS,
                    ssl_context=_ssl_context(),
                    # Connect to the approved address; present and verify the host's name.
                    server_hostname=host,
                    assert_hostname=host,
                )
            else:
                pool = urllib3.HTTPConnectionPool(
                    address, port, timeout=timeout, retries=False, maxsize=SEND_THREADS
                )
            self._pools[key] = pool
            while len(self._pools) > MAX_POOLS:
                self._pools.popitem(last=False)[1].close()
            return pool

    def clear(self) -> None:
        with self._lock:
            for pool in self._pools.values():
                pool.close()
            self._pools.clear()


_pools = _Pools()


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST to an endpoint through the outbound guard; returns the status code.

    Raises OutboundURLRefused (the endpoint may not be reached) or urllib3's HTTPError
    (network, TLS, timeout)."""
    addresses = outbound_resolve_check(url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    port = parts.port or (443 if scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {**headers, "Host": parts.netloc.rsplit("@", 1)[-1]}
    error: Exception | None = None
    for address in addresses:
        pool = _pools.get(scheme, address, port, host)
        try:
            response = pool.urlopen(
                "POST",
                path,
                body=body,
                headers=headers,
                redirect=False,
                retries=False,
                assert_same_host=False,
                preload_content=True,
            )
        except (
            urllib3.exceptions.NewConnectionError,
            urllib3.exceptions.ConnectTimeoutError,
        ) as exc:
            error = exc  # try the name's next address
            continue
        return int(response.status)
    assert error is not None
    raise error


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.rsplit('@', 1)[-1].lower()}"


def _send_one(subscription: PushSubscription, data: bytes, ttl: int, keys: VapidKeys) -> int:
    pusher = WebPusher(
        {
            "endpoint": subscription.endpoint,
            "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
        }
    )
    encoded = pusher.encode(data, "aes128gcm")
    headers = {
        "Content-Type": "application/octet-stream",
        "Content-Encoding": "aes128gcm",
        "TTL": str(ttl),
        "Urgency": "high",
        "Authorization": _authorization(keys, _origin(subscription.endpoint)),
    }
    return _post(subscription.endpoint, encoded["body"], headers)


def push_encode_payload(payload: dict[str, Any]) -> bytes:
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    if len(data) > MAX_PAYLOAD_BYTES:
        raise ValueError(f"push payload is {len(data)} bytes; at most {MAX_PAYLOAD_BYTES} fit")
    return data


def _deliver(subscription: PushSubscription, data: bytes, ttl: int, keys: VapidKeys) -> str:
    """Send to one device; "" when it got it, "gone", "retry: <why>" or "failed: <why>".
    Touches no database, so that it can run on the sending threads."""
    try:
        status = _send_one(subscription, data, ttl, keys)
    except OutboundURLRefused as exc:
        # Its name now points somewhere it may not: not sent, kept (DNS may change back).
        logger.warning("push to subscription %s refused: %s", subscription.pk, exc)
        return f"failed: {exc}"
    except urllib3.exceptions.HTTPError as exc:
        logger.warning("push to subscription %s failed: %r", subscription.pk, exc)
        return f"retry: {type(exc).__name__}"
    if 200 <= status < 300:
        return ""
    if status in GONE:
        return "gone"
    if status in RETRYABLE:
        logger.warning("push service answered %s for subscription %s", status, subscription.pk)
        return f"retry: push service answered {status}"
    logger.error("push service answered %s for subscription %s", status, subscription.pk)
    return f"failed: push service answered {status}"


def _record(report: PushReport, subscription: PushSubscription, outcome: str) -> None:
    report.devices += 1
    if not outcome:
        report.delivered += 1
    elif outcome == "gone":
        report.removed += 1
    elif outcome.startswith("retry: "):
        report.retry_ids.append(subscription.pk)
        report.last_error = outcome.removeprefix("retry: ")
    else:
        report.failed += 1
        report.last_error = outcome.removeprefix("failed: ")


def _save_outcomes(outcomes: Iterable[tuple[PushSubscription, str]]) -> None:
    """Delete the devices the push service no longer knows and record when the others last
    succeeded, in one transaction."""
    now = timezone.now()
    gone: set[int] = set()
    stale: set[int] = set()
    for subscription, outcome in outcomes:
        if outcome == "gone":
            gone.add(subscription.pk)
        # last_success_at tells a person which devices still work; to the hour is enough, and
        # skipping the write otherwise saves a commit per message when a worker sends thousands.
        elif not outcome and (
            subscription.last_success_at is None
            or now - subscription.last_success_at > SUCCESS_RESOLUTION
        ):
            stale.add(subscription.pk)
            subscription.last_success_at = now
    if gone or stale:
        with transaction.atomic():
            if gone:
                PushSubscription.objects.filter(pk__in=gone).delete()
            if stale:
                PushSubscription.objects.filter(pk__in=stale).update(last_success_at=now)


def push_send(
    *, subscriptions: Iterable[PushSubscription], payload: dict[str, Any], ttl: int = 3600
) -> PushReport:
    """Send one payload to each subscription and say what happened; deletes the ones the push
    service no longer knows and records when each other one last succeeded."""
    keys = vapid_keys()
    data = push_encode_payload(payload)
    report = PushReport()
    outcomes = []
    for subscription in subscriptions:
        outcome = _deliver(subscription, data, ttl, keys)
        _record(report, subscription, outcome)
        outcomes.append((subscription, outcome))
    _save_outcomes(outcomes)
    return report


_sender: ThreadPoolExecutor | None = None
_sender_lock = threading.Lock()


def _sending_threads() -> ThreadPoolExecutor:
    global _sender  # one pool per process, started on first use
    with _sender_lock:
        if _sender is None:
            _sender = ThreadPoolExecutor(SEND_THREADS, thread_name_prefix="push")
        return _sender


def push_send_many(
    messages: Sequence[tuple[int, dict[str, Any]]], *, ttl: int = 3600
) -> list[PushReport]:
    """Send each (user_id, payload) to every device of that person; one report per message.

    For a worker sending thousands: the devices are read in one query, the messages are
    encrypted and posted over SEND_THREADS threads (a push is mostly a wait for the push
    service; the threads touch no database), and what the answers change is written in one
    transaction. A payload too large to send is reported failed, not raised."""
    if not messages:
        return []
    keys = vapid_keys()
    devices: dict[int, list[PushSubscription]] = defaultdict(list)
    users = {user_id for user_id, _ in messages}
    for subscription in PushSubscription.objects.filter(user_id__in=users).order_by("id"):
        devices[subscription.user_id].append(subscription)
    reports = [PushReport() for _ in messages]
    jobs: list[tuple[int, PushSubscription, Future[str]]] = []
    pool = _sending_threads()
    for index, (user_id, payload) in enumerate(messages):
        try:
            data = push_encode_payload(payload)
        except ValueError as exc:
            logger.error("push to user %s not sent: %s", user_id, exc)
            reports[index].failed += len(devices[user_id])
            reports[index].last_error = str(exc)
            continue
        for subscription in devices[user_id]:
            jobs.append((index, subscription, pool.submit(_deliver, subscription, data, ttl, keys)))
    outcomes = []
    for index, subscription, future in jobs:
        try:
            outcome = future.result()
        except Exception as exc:  # a bug or an odd endpoint must not lose the others' answers
            logger.exception("push to subscription %s failed", subscription.pk)
            outcome = f"retry: {type(exc).__name__}"
        _record(reports[index], subscription, outcome)
        outcomes.append((subscription, outcome))
    _save_outcomes(outcomes)
    return reports


def push_send_to_user(
    *,
    user_id: int,
    payload: dict[str, Any],
    ttl: int = 3600,
    subscription_ids: Collection[int] | None = None,
) -> int:
    """Send ``payload`` to every device of the person (or to ``subscription_ids`` of theirs,
    when retrying); returns how many received it. Raises PushRetry when some devices failed
    for a reason that may pass, after trying all of them."""
    subscriptions = PushSubscription.objects.filter(user_id=user_id).order_by("id")
    if subscription_ids is not None:
        subscriptions = subscriptions.filter(pk__in=list(subscription_ids))
    # A list, not .iterator(): a person has a handful of devices, and PostgreSQL's server-side
    # cursor would cost three more round trips per message.
    report = push_send(subscriptions=list(subscriptions), payload=payload, ttl=ttl)
    if report.retry_ids:
        raise PushRetry(report.delivered, report.retry_ids, report.last_error)
    return report.delivered
