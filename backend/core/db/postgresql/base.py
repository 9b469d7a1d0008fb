"""Django's PostgreSQL backend, with its per-request health check skipped for a fresh connection.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every request that
reuses a persistent connection: on a busy server that is one more PostgreSQL round trip than
the request itself needs (/api/today needs one). Here a connection is checked at most once per
HEALTH_CHECK_INTERVAL seconds, as HikariCP skips validating a connection within its
aliveBypassWindowMs. A connection that sat idle (a frozen Lambda, a
quiet night) is still checked before use; one that dies within the interval fails its next
request cleanly (503), and Django discards it at the end of that request.

On AWS the credentials come from Secrets Manager (core/db/credentials.py): a new connection
whose password was rotated away re-reads the secret and is retried with its new value, so a
warm container keeps serving after a rotation instead of failing until it is replaced.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db.backends.postgresql import base
from django.db.utils import OperationalError

from config.aws_config import AwsConfigurationError
from core.db import credentials

HEALTH_CHECK_INTERVAL = 1.0

logger = logging.getLogger("habits.db")


class DatabaseWrapper(base.DatabaseWrapper):
    _alive_until = 0.0
    # "owner" or "app" pins the role a connection logs in as (create_app_role uses both);
    # None follows core.db.credentials.as_database_owner.
    credentials_role: str | None = None

    def _credential_source(self) -> credentials.SecretCredentials | None:
        secret_arn = self.settings_dict.get("SECRET_ARN") or ""
        role = self.credentials_role
        if role == "owner" or (role is None and credentials.owner_credentials_requested()):
            secret_arn = self.settings_dict.get("OWNER_SECRET_ARN") or secret_arn
        return credentials.for_secret(secret_arn) if secret_arn else None

    def get_connection_params(self) -> dict[str, Any]:
        params: dict[str, Any] = super().get_connection_params()
        source = self._credential_source()
        if source is not None:
            try:
                found = source.get()
            except AwsConfigurationError as error:
                # An OperationalError, so the request fails as "database unavailable" (503).
                raise OperationalError(str(error)) from error
            params["user"], params["password"] = found.username, found.password
        return params

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        try:
            return super().get_new_connection(conn_params)
        except self.Database.OperationalError as error:
            source = self._credential_source()
            if source is None or not credentials.is_authentication_failure(error):
                raise
            failed = credentials.Credentials(conn_params["user"], conn_params["password"])
            try:
                candidates = source.candidates(failed)
            except AwsConfigurationError as read_error:
                raise OperationalError(str(read_error)) from error
            last_error = error
            # At most the secret's pending and current values, each tried once.
            for candidate in candidates:
                logger.warning(
                    "database password for %s was rejected; retrying with the secret's new value",
                    failed.username,
                )
                retry = conn_params | {"user": candidate.username, "password": candidate.password}
                try:
                    connection = super().get_new_connection(retry)
                except self.Database.OperationalError as retry_error:
                    if not credentials.is_authentication_failure(retry_error):
                        raise
                    last_error = retry_error
                    continue
                source.remember(candidate)
                return connection
            raise last_error from None

    def connect(self) -> None:
        super().connect()
        self._alive_until = time.monotonic() + HEALTH_CHECK_INTERVAL

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and not self.errors_occurred
            and time.monotonic() < self._alive_until
        ):
            self.health_check_done = True  # confirmed alive within the interval
            return
        checking = not self.health_check_done
        super().close_if_health_check_failed()
        if checking and self.connection is not None:  # checked (or checks are off) and kept
            self._alive_until = time.monotonic() + HEALTH_CHECK_INTERVAL

    def close_if_unusable_or_obsolete(self) -> None:
        # A request that ended with a database error says nothing good about the connection.
        if self.errors_occurred:
            self._alive_until = 0.0
        super().close_if_unusable_or_obsolete()
