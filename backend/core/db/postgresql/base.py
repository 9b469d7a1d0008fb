"""Django's PostgreSQL backend, with its per-request health check skipped for a fresh connection.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every request that
reuses a persistent connection: on a busy server that is one more PostgreSQL round trip than
the request itself needs (/api/today needs one). Here a connection is checked at most once per
HEALTH_CHECK_INTERVAL seconds, as HikariCP skips validating a connection within its
aliveBypassWindowMs. A connection that sat idle (a frozen Lambda, a
quiet night) is still checked before use; one that dies within the interval fails its next
request cleanly (503), and Django discards it at the end of that request.
"""

from __future__ import annotations

import time

from django.db.backends.postgresql import base

HEALTH_CHECK_INTERVAL = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    _alive_until = 0.0

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
