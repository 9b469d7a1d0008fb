"""Database traffic in TLS: DB_SSLMODE, DB_SSLROOTCERT and DATABASE_URL's sslmode reach libpq.

Against a private PostgreSQL that refuses connections without TLS, as Aurora does with
rds.force_ssl=1, and whose certificate is issued by a CA made for the test (on AWS the image
carries the RDS CA bundle, backend/Dockerfile).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.db.utils import ConnectionHandler
from psycopg import sql

from config import settings as project_settings
from core.tests.private_postgres import PrivatePostgres, make_authority

USER, PASSWORD, DATABASE = "tls_user", "tls-test-password", "habits_tls"


@pytest.fixture(scope="module")
def server(private_postgres: PrivatePostgres) -> Iterator[PrivatePostgres]:
    with private_postgres.admin() as admin:
        admin.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(USER), sql.Literal(PASSWORD)
            )
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    try:
        yield private_postgres
    finally:
        with private_postgres.admin() as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(DATABASE)))
            admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(USER)))


@pytest.fixture
def connect(
    server: PrivatePostgres, monkeypatch: pytest.MonkeyPatch, django_db_blocker: Any
) -> Iterator[Any]:
    """Connect with the settings the environment gives (config/settings.py) and report the
    session's TLS state as PostgreSQL sees it."""
    handlers: list[ConnectionHandler] = []

    def connect_with(**environment: str) -> tuple[bool, str]:
        for name in ("DB_HOST", "DB_SSLMODE", "DB_SSLROOTCERT"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        handler = ConnectionHandler({"default": project_settings._database()})
        handlers.append(handler)
        with django_db_blocker.unblock(), handler["default"].cursor() as cursor:
            cursor.execute("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            ssl, version = cursor.fetchone()
        return bool(ssl), str(version)

    yield connect_with
    with django_db_blocker.unblock():
        for handler in handlers:
            handler.close_all()


def url(server: PrivatePostgres, host: str = "127.0.0.1", query: str = "") -> str:
    return f"postgres://{USER}:{PASSWORD}@{host}:{server.port}/{DATABASE}{query}"


def test_sslmode_require_connects_over_tls_to_a_server_that_enforces_it(
    server: PrivatePostgres, connect: Any
) -> None:
    ssl, version = connect(DATABASE_URL=url(server), DB_SSLMODE="require")

    assert ssl
    assert version in {"TLSv1.2", "TLSv1.3"}


def test_a_server_that_enforces_tls_refuses_a_connection_without_it(
    server: PrivatePostgres, connect: Any
) -> None:
    # What rds.force_ssl=1 does to a client that does not ask for TLS.
    with pytest.raises(OperationalError, match="no encryption"):
        connect(DATABASE_URL=url(server), DB_SSLMODE="disable")


def test_verify_full_accepts_a_server_certificate_from_the_configured_ca(
    server: PrivatePostgres, connect: Any
) -> None:
    ssl, _ = connect(
        DATABASE_URL=url(server, host="localhost"),
        DB_SSLMODE="verify-full",
        DB_SSLROOTCERT=str(server.authority.certificate),
    )
    assert ssl


def test_verify_full_refuses_a_server_certificate_from_another_ca(
    server: PrivatePostgres, connect: Any, tmp_path: Any
) -> None:
    stranger = make_authority(tmp_path, "some-other-ca")

    with pytest.raises(OperationalError, match="certificate verify failed"):
        connect(
            DATABASE_URL=url(server, host="localhost"),
            DB_SSLMODE="verify-full",
            DB_SSLROOTCERT=str(stranger.certificate),
        )


def test_sslmode_and_sslrootcert_in_database_url_are_kept(
    server: PrivatePostgres, connect: Any, tmp_path: Any
) -> None:
    # Query options used to be dropped when the connect timeout was set, which fell back to
    # libpq's sslmode=prefer: the stranger's CA would not have been checked at all.
    stranger = make_authority(tmp_path, "some-other-ca")
    query = f"?sslmode=verify-full&sslrootcert={stranger.certificate}"

    with pytest.raises(OperationalError, match="certificate verify failed"):
        connect(DATABASE_URL=url(server, host="localhost", query=query))


def test_verify_full_without_a_ca_bundle_stops_start_up_naming_db_sslrootcert(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal:5432/habits")
    monkeypatch.setenv("DB_SSLMODE", "verify-full")
    monkeypatch.delenv("DB_SSLROOTCERT", raising=False)

    with pytest.raises(ImproperlyConfigured, match="DB_SSLROOTCERT"):
        project_settings._database()
