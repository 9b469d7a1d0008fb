"""manage.py create_app_role [--role NAME] [--rotate]: the role requests connect as.

Run by the deploy pipeline after ``migrate``, through the Lambda's direct invocation
(``{"manage": ["create_app_role"]}``), as the owner of the schema (the master user RDS
manages). It creates or updates a login role that may connect, use the schema and read and
write rows, and nothing else: no DDL, no roles, no other databases. Default privileges give
it the same rights on tables that later migrations create.

Its password is generated here and kept in the secret DB_APP_SECRET_ARN names, which the
Lambda reads at run time (core/db/credentials.py). Without ``--rotate`` an existing password
is kept, so running the command on every deploy is harmless; with it the password changes in
the order Secrets Manager's rotation functions use (new value as AWSPENDING, database
password, then AWSCURRENT), and warm containers pick it up on their next new connection.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from psycopg import sql

from config.aws_config import (
    AwsConfigurationError,
    promote_pending_credentials,
    read_credentials_secret,
    stage_pending_credentials,
)

DEFAULT_ROLE = "habits_app"
TABLE_PRIVILEGES = sql.SQL("SELECT, INSERT, UPDATE, DELETE")
SEQUENCE_PRIVILEGES = sql.SQL("USAGE, SELECT")


class Command(BaseCommand):
    help = "Create or update the least-privileged database role the application connects as."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--role",
            help=f"role name (default: the one in DB_APP_SECRET_ARN, else {DEFAULT_ROLE})",
        )
        parser.add_argument("--rotate", action="store_true", help="give the role a new password")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        settings_dict = connections[options["database"]].settings_dict
        app_secret = settings_dict.get("SECRET_ARN") or ""
        if not app_secret or app_secret == settings_dict.get("OWNER_SECRET_ARN"):
            raise CommandError(
                "DB_APP_SECRET_ARN is not set: it names the secret that keeps the application "
                "role's password (and DB_SECRET_ARN the owner's)."
            )
        try:
            stored = read_credentials_secret(app_secret, missing_ok=True)
            role = options["role"] or (stored[0] if stored else DEFAULT_ROLE)
            keep = stored is not None and stored[0] == role and not options["rotate"]
            password = stored[1] if keep and stored else secrets.token_urlsafe(32)
            pending = None if keep else stage_pending_credentials(app_secret, role, password)
            created = self._apply(options["database"], role, password, set_password=not keep)
            if pending is not None:
                promote_pending_credentials(app_secret, pending)
        except AwsConfigurationError as error:
            raise CommandError(str(error)) from error
        self._check_login(options["database"], role)
        action = "created" if created else ("password rotated" if pending else "updated")
        self.stdout.write(f"role {role}: {action}; privileges granted; secret {app_secret}")

    def _apply(self, alias: str, role: str, password: str, *, set_password: bool) -> bool:
        """Create or alter the role and grant its privileges; True when it was created."""
        owner = connections.create_connection(alias)
        owner.credentials_role = "owner"  # type: ignore[attr-defined]  # core.db.postgresql
        try:
            owner.ensure_connection()
            owner.set_autocommit(False)  # the role and its privileges change together
            with owner.cursor() as cursor:
                created = self._grant(cursor, owner.connection, role, password, set_password)
            owner.commit()
        finally:
            owner.close()  # without a commit, closing rolls everything back
        return created

    def _grant(self, cursor: Any, raw: Any, role: str, password: str, set_password: bool) -> bool:
        def run(statement: str, **parts: sql.Composable) -> None:
            cursor.execute(sql.SQL(statement).format(**parts).as_string(raw))

        cursor.execute("SELECT current_user, current_database(), current_schema()")
        owner_name, database, schema = cursor.fetchone()
        if role == owner_name:
            raise CommandError(f"{role} is the owner; the application needs a role of its own")
        cursor.execute(
            "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls"
            " FROM pg_roles WHERE rolname = %s",
            [role],
        )
        found = cursor.fetchone()
        created = found is None
        if found is not None and found[0]:
            # Aurora's master user cannot take these attributes away (only a superuser can).
            raise CommandError(f"role {role} exists with more than row privileges; drop it first")
        name = sql.Identifier(role)
        # The defaults are NOSUPERUSER NOCREATEDB NOCREATEROLE; a non-superuser owner (Aurora's
        # master user) may not even restate them on an existing role.
        run(
            "CREATE ROLE {role} WITH LOGIN" if created else "ALTER ROLE {role} WITH LOGIN",
            role=name,
        )
        # A role that is missing although the secret holds its password (a database restored
        # from another environment's snapshot) gets that password back.
        if set_password or created:
            # Hashed here, so the statement the server logs (log_statement=ddl) carries the
            # SCRAM verifier, never the password.
            verifier = raw.pgconn.encrypt_password(
                password.encode(), role.encode(), b"scram-sha-256"
            ).decode()
            run(
                "ALTER ROLE {role} WITH PASSWORD {verifier}",
                role=name,
                verifier=sql.Literal(verifier),
            )
        parts = {
            "database": sql.Identifier(database),
            "schema": sql.Identifier(schema),
            "role": name,
            "tables": TABLE_PRIVILEGES,
            "sequences": SEQUENCE_PRIVILEGES,
        }
        for statement in (
            "GRANT CONNECT ON DATABASE {database} TO {role}",
            "GRANT USAGE ON SCHEMA {schema} TO {role}",
            # Only the owner creates objects, also on servers older than 15.
            "REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC",
            "GRANT {tables} ON ALL TABLES IN SCHEMA {schema} TO {role}",
            "GRANT {sequences} ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
            # Tables that later migrations create (as this owner) get the same rights.
            "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT {tables} ON TABLES TO {role}",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT {sequences} ON SEQUENCES TO {role}",
        ):
            run(statement, **parts)
        return created

    def _check_login(self, alias: str, role: str) -> None:
        # The same path a request takes: the application secret's current value.
        probe = connections.create_connection(alias)
        probe.credentials_role = "app"  # type: ignore[attr-defined]  # core.db.postgresql
        try:
            with probe.cursor() as cursor:
                cursor.execute("SELECT current_user")
                (user,) = cursor.fetchone()
        finally:
            probe.close()
        if user != role:
            raise CommandError(f"the application secret logs in as {user}, not {role}")
