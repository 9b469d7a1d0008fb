"""AWS Lambda entry point: API Gateway HTTP API events through Mangum, direct invocations
that run a management command (`{"manage": ["migrate", "--noinput"]}`) for the deploy pipeline,
and EventBridge Scheduler's minute event (`{"scheduled": "minute"}`, config/scheduled.py).

Configuration from Secrets Manager and SSM is read once per container, before Django starts.
"""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from config.aws_config import load_aws_configuration

load_aws_configuration()

from mangum import Mangum  # noqa: E402

from config.asgi import application  # noqa: E402

# lifespan="off": Django has no lifespan protocol, and probing it costs every cold start.
_http = Mangum(application, lifespan="off")  # type: ignore[arg-type]  # stubs disagree on Mapping


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if _is_manage_invocation(event):
        return _run_management_command(event["manage"])
    if _is_scheduled_invocation(event):
        # Imported here, so that the API's cold start does not pay for the worker's modules.
        from config.scheduled import run_minute

        return run_minute(context)
    return _http(event, context)


def _is_manage_invocation(event: dict[str, Any]) -> bool:
    # API Gateway events always carry requestContext; a direct `aws lambda invoke` (which IAM
    # must allow) does not, so a web request can never reach this path.
    return "manage" in event and "requestContext" not in event and "routeKey" not in event


def _is_scheduled_invocation(event: dict[str, Any]) -> bool:
    # EventBridge Scheduler's direct invoke (which only its IAM role may make) sends exactly
    # the input it was given; API Gateway events always carry requestContext.
    return (
        event.get("scheduled") == "minute"
        and "requestContext" not in event
        and "routeKey" not in event
    )


def _run_management_command(argv: object) -> dict[str, Any]:
    if not isinstance(argv, list) or not argv or not all(isinstance(arg, str) for arg in argv):
        return {"ok": False, "output": "manage must be a non-empty list of strings"}
    from django.core.management import call_command

    # Commands run as the database owner: migrate creates tables, which the application
    # role that requests connect as may not. Imported here, so that the API's cold start
    # does not pay for it.
    from core.db.credentials import as_database_owner

    out, err = io.StringIO(), io.StringIO()
    try:
        with as_database_owner(), redirect_stdout(out), redirect_stderr(err):
            call_command(*argv, stdout=out, stderr=err)
    except BaseException as exc:  # SystemExit from a command's argument parser included
        return {
            "ok": False,
            "output": out.getvalue() + err.getvalue() + f"\n{type(exc).__name__}: {exc}",
        }
    return {"ok": True, "output": out.getvalue() + err.getvalue()}
