"""Personal API tokens: creating, listing and revoking them, and checking one on a request.

A token is `hbt_` and 43 URL-safe characters (256 random bits). Only an HMAC-SHA256 of it is
stored, keyed by SECRET_KEY: tokens are random, not passwords, so a slow password hash would
add nothing but latency to every request (docs/decisions/0018). The first 12 characters are
kept in the clear as a public prefix, so a person can tell tokens apart.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from core.exceptions import FieldError
from integrations.models import ApiToken
from users.backends import DEFERRED
from users.models import User

TOKEN_PREFIX = "hbt_"  # noqa: S105 - a public marker (secret scanners look for it), not a secret
TOKEN_LENGTH = len(TOKEN_PREFIX) + 43  # token_urlsafe(32) is 43 characters
PUBLIC_PREFIX_LENGTH = 12
MAX_TOKENS_PER_USER = 50
# last_used_at is written when it is older than this, so a busy script costs one UPDATE a
# minute instead of one per request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
THROTTLE_WINDOW = 60
_HASH_SALT = "integrations.ApiToken"
_URLSAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class TokenLimitReached(Exception):
    """The person already holds MAX_TOKENS_PER_USER live tokens."""


class TokenRejected(Exception):
    """The token cannot authenticate; str(exc) tells the caller why (in English, for the
    WWW-Authenticate challenge), `message` in the active language, `code` for programs."""

    def __init__(self, code: str, english: str, message: str) -> None:
        super().__init__(english)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class TokenUse:
    """A token that authenticated: whose it is and what it may do."""

    token_id: int
    user: User
    scope: str
    prefix: str

    @property
    def throttle_id(self) -> str:
        # The id and the public prefix: a test database that hands out an id again (SQLite
        # after a rollback) starts a fresh count, even in the file counters other runs share.
        return f"{self.token_id}-{self.prefix[len(TOKEN_PREFIX) :]}"

    @property
    def can_write(self) -> bool:
        return self.scope == ApiToken.Scope.WRITE


def token_hash(raw: str, *, secret: str | None = None) -> str:
    return salted_hmac(_HASH_SALT, raw, secret=secret, algorithm="sha256").hexdigest()


def _hashes(raw: str) -> list[str]:
    # The current key first; SECRET_KEY_FALLBACKS keep tokens working through a key rotation,
    # and a token found under an old key is re-hashed under the new one on its next use.
    fallbacks = getattr(settings, "SECRET_KEY_FALLBACKS", [])
    return [token_hash(raw)] + [token_hash(raw, secret=key) for key in fallbacks]


_TOKEN_FIELDS = ("id", "scope", "key_hash", "prefix", "last_used_at", "expires_at", "revoked_at")


Converter = Callable[[Any, Any, Any], Any]


@cache
def _lookup_plan() -> tuple[str, list[str], list[str], list[tuple[int, list[Converter], Any]]]:
    # One plain SELECT of the token joined to its owner, built once from the models. The ORM's
    # query compiler and select_related cost several times the query itself on every request
    # (bench/bench_tokens.py), as they did for the session's user (users/backends.py).
    quote = connection.ops.quote_name
    token_fields = [f for f in ApiToken._meta.concrete_fields if f.name in _TOKEN_FIELDS]
    user_fields = [f for f in User._meta.concrete_fields if f.name not in DEFERRED]
    tokens, users = quote(ApiToken._meta.db_table), quote(User._meta.db_table)
    columns = [f"t.{quote(str(f.column))}" for f in token_fields]
    columns += [f"u.{quote(str(f.column))}" for f in user_fields]
    sql = (
        f"SELECT {', '.join(columns)} FROM {tokens} t "  # noqa: S608 - names from the models
        f"JOIN {users} u ON u.{quote('id')} = t.{quote('owner_id')} "
        f"WHERE t.{quote('key_hash')} IN ({{}})"
    )
    # The converters the ORM would apply per column (SQLite returns datetimes as text).
    converters = []
    for index, field in enumerate([*token_fields, *user_fields]):
        column = field.get_col(field.model._meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((index, found, column))
    names = ([f.attname for f in token_fields], [f.attname for f in user_fields])
    return sql, *names, converters


def _token_with_owner(hashes: list[str]) -> ApiToken | None:
    sql, token_names, user_names, converters = _lookup_plan()
    with connection.cursor() as cursor:
        cursor.execute(sql.format(", ".join(["%s"] * len(hashes))), hashes)
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for index, functions, column in converters:
        for convert in functions:
            values[index] = convert(values[index], column, connection)
    split = len(token_names)
    token = ApiToken.from_db(connection.alias, token_names, values[:split])
    token.owner = User.from_db(connection.alias, user_names, values[split:])
    return token


# --- Selectors -------------------------------------------------------------------------------


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(owner=user, revoked_at__isnull=True)


# --- Services --------------------------------------------------------------------------------


@transaction.atomic
def api_token_create(
    *, user: User, name: str, scope: str, expires_at: dt.datetime | None, now: dt.datetime
) -> tuple[ApiToken, str]:
    """Create a token; returns it with the raw value, which is never available again."""
    if expires_at is not None:
        if expires_at.tzinfo is None:
            raise FieldError("expires_at", _("needs a time zone offset, e.g. 2027-01-01T00:00:00Z"))
        if expires_at <= now:
            raise FieldError("expires_at", _("must be in the future"))
    # Locking the person's row makes the count and the insert one step under concurrency.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if api_token_list(user=user).count() >= MAX_TOKENS_PER_USER:
        raise TokenLimitReached
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        owner=user,
        name=name,
        scope=scope,
        key_hash=token_hash(raw),
        prefix=raw[:PUBLIC_PREFIX_LENGTH],
        expires_at=expires_at,
    )
    return token, raw


def api_token_revoke(*, user: User, token_id: int, now: dt.datetime) -> bool:
    """Revoke one of the person's tokens at once; False when they have no such live token."""
    return bool(
        ApiToken.objects.filter(pk=token_id, owner=user, revoked_at__isnull=True).update(
            revoked_at=now
        )
    )


def api_token_authenticate(raw: str, *, now: dt.datetime) -> TokenUse:
    """The token's owner and scope, in one indexed query; raises TokenRejected saying why."""
    raw = raw.strip()
    if (
        len(raw) != TOKEN_LENGTH
        or not raw.startswith(TOKEN_PREFIX)
        or not _URLSAFE.issuperset(raw[len(TOKEN_PREFIX) :])
    ):
        raise TokenRejected(
            "token_malformed",
            "This is not a personal API token of this site.",
            _("This is not a personal API token of this site."),
        )
    hashes = _hashes(raw)
    token = _token_with_owner(hashes)
    if token is None:
        raise TokenRejected(
            "token_unknown",
            "This token is unknown: it may have been mistyped or never existed.",
            _("This token is unknown: it may have been mistyped or never existed."),
        )
    if token.revoked_at is not None:
        at = token.revoked_at.isoformat()
        raise TokenRejected(
            "token_revoked",
            f"This token was revoked at {at}.",
            _("This token was revoked at %(time)s.") % {"time": at},
        )
    if token.expires_at is not None and token.expires_at <= now:
        at = token.expires_at.isoformat()
        raise TokenRejected(
            "token_expired",
            f"This token expired at {at}.",
            _("This token expired at %(time)s.") % {"time": at},
        )
    if not token.owner.is_active:
        raise TokenRejected(
            "token_owner_disabled",
            "The account this token belongs to is disabled.",
            _("The account this token belongs to is disabled."),
        )
    _note_use(token, hashes[0], now)
    return TokenUse(token_id=token.pk, user=token.owner, scope=token.scope, prefix=token.prefix)


def _note_use(token: ApiToken, current_hash: str, now: dt.datetime) -> None:
    fields: dict[str, object] = {}
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        fields["last_used_at"] = now
    if token.key_hash != current_hash:
        fields["key_hash"] = current_hash
    if fields:
        # The condition keeps concurrent requests of one token from all writing the same minute.
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
        if "key_hash" in fields:
            stale = Q()
        ApiToken.objects.filter(stale, pk=token.pk).update(**fields)


# --- Throttling ------------------------------------------------------------------------------


def api_token_throttle(*, throttle_id: str, now: float) -> int | None:
    """Count one request of the token: None when allowed, else the seconds until it is again.

    Fixed one-minute windows: Retry-After is exact. The count is shared by every worker: in
    Redis when REDIS_URL is set, else in a small locked file per token under VAR_DIR (the
    embedded default runs on one machine; Django's file cache would rewrite and rename a whole
    file per request, 2 ms against 0.05, and its incr is not atomic across processes).
    """
    window = int(now // THROTTLE_WINDOW)
    if settings.REDIS_URL:
        count = _count_in_cache(throttle_id, window)
    else:
        count = _count_in_file(throttle_id, window)
    if count is None:
        return None  # the counter is unreachable: throttling pauses rather than the API
    if count > settings.API_TOKEN_REQUESTS_PER_MINUTE:
        return max(1, THROTTLE_WINDOW - int(now % THROTTLE_WINDOW))
    return None


def _count_in_cache(throttle_id: str, window: int) -> int | None:
    # The window's number is part of the key, and each command names one key: valid under
    # Redis Cluster rules (ADR 0009).
    key = f"apitoken:{{{throttle_id}}}:{window}"
    cache = caches["default"]
    try:
        count = cache.incr(key)
    except ValueError:  # the window's first request
        count = 1 if cache.add(key, 1, timeout=THROTTLE_WINDOW + 5) else cache.incr(key)
    return count if isinstance(count, int) else None


def _count_in_file(throttle_id: str, window: int) -> int | None:
    path = Path(settings.VAR_DIR) / "token-throttle" / throttle_id
    try:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # released by close()
            stored = os.pread(fd, 64, 0).split()
            same = len(stored) == 2 and stored[0] == str(window).encode()
            count = int(stored[1]) + 1 if same else 1
            os.pwrite(fd, f"{window} {count}".ljust(40).encode(), 0)
            return count
        finally:
            os.close(fd)
    except (OSError, ValueError):
        return None
