"""Database credentials from Secrets Manager, cached per process and re-read when they fail.

On AWS the settings name the secrets instead of a password (config/settings.py):
``SECRET_ARN`` is the one requests connect with (the application role's secret,
DB_APP_SECRET_ARN, or the master secret DB_SECRET_ARN when there is none) and
``OWNER_SECRET_ARN`` the master secret RDS manages, which owns the tables and is used for
migrations and role management only (``as_database_owner``).

A password changes under a running process: RDS rotates the master secret every seven
days, and ``create_app_role --rotate`` rotates the application role's. Connections that are
open keep working (PostgreSQL checks the password only when a connection starts), so the
first sign is a new connection failing with "password authentication failed". The backend
then reads the secret again (``SecretCredentials.candidates``) and retries with what it found.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from config.aws_config import read_credentials_secret

# psycopg reports no SQLSTATE for a connection refused during authentication, only
# libpq's message, which for a wrong password (and, deliberately, for an unknown role)
# is "password authentication failed for user ...". 28P01 is checked too should a later
# version fill it in.
_AUTH_FAILED_SQLSTATE = "28P01"
_AUTH_FAILED_MESSAGE = "password authentication failed"


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(repr=False)


def is_authentication_failure(error: Exception) -> bool:
    if getattr(error, "sqlstate", None) == _AUTH_FAILED_SQLSTATE:
        return True
    return _AUTH_FAILED_MESSAGE in str(error)


class SecretCredentials:
    """The credentials of one secret, read once and again only after they stopped working."""

    def __init__(self, secret_arn: str) -> None:
        self.secret_arn = secret_arn
        self._current: Credentials | None = None
        self._lock = threading.Lock()

    def get(self) -> Credentials:
        current = self._current
        if current is None:
            with self._lock:
                if self._current is None:
                    self._current = self._read("AWSCURRENT")
                current = self._current
        assert current is not None
        return current

    def candidates(self, failed: Credentials) -> list[Credentials]:
        """Credentials other than ``failed`` to retry with, read from the secret once.

        During a rotation the database gets the new password after it was written as the
        secret's AWSPENDING version and before it becomes AWSCURRENT, so AWSPENDING is read
        first: read in this order, one of the two holds the new password at every moment of
        the rotation. AWSCURRENT follows for a password changed outside that protocol.
        """
        with self._lock:
            if self._current is not None and self._current != failed:
                return [self._current]  # another thread has found them already
            found: list[Credentials] = []
            for stage in ("AWSPENDING", "AWSCURRENT"):
                candidate = self._read(stage, missing_ok=stage == "AWSPENDING")
                if candidate is not None and candidate != failed and candidate not in found:
                    found.append(candidate)
            return found

    def remember(self, working: Credentials) -> None:
        """Use ``working`` for the next connections: it has just logged in."""
        with self._lock:
            self._current = working

    def _read(self, stage: str, *, missing_ok: bool = False) -> Credentials | None:
        found = read_credentials_secret(self.secret_arn, stage, missing_ok=missing_ok)
        return None if found is None else Credentials(*found)


_sources: dict[str, SecretCredentials] = {}
_sources_lock = threading.Lock()


def for_secret(secret_arn: str) -> SecretCredentials:
    """The process-wide credentials of ``secret_arn``, shared by every connection."""
    with _sources_lock:
        source = _sources.get(secret_arn)
        if source is None:
            source = _sources[secret_arn] = SecretCredentials(secret_arn)
        return source


_owner = threading.local()


def owner_credentials_requested() -> bool:
    return bool(getattr(_owner, "active", False))


@contextmanager
def as_database_owner() -> Iterator[None]:
    """Connect with the owner's credentials (OWNER_SECRET_ARN) inside the block.

    For management commands run by the deploy pipeline (migrations create tables, which
    the application role may not). Connections are closed on the way in and out, so no
    connection opened as one role is reused as the other.
    """
    from django.db import connections

    connections.close_all()
    _owner.active = True
    try:
        yield
    finally:
        _owner.active = False
        connections.close_all()
