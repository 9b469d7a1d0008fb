"""A quick schemathesis pass over every operation of /api/openapi.json, in-process (WSGI).

`make reliability` runs the long version (200+ examples per operation against gunicorn on
PostgreSQL); this one keeps a few examples per operation in `make test` so a new route or a
schema change that breaks responses is caught on every run. The fuzzer is logged in (session
cookie + X-CSRFToken) and most habit ids and dates point at real objects.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.api import api as ninja_api
from config.wsgi import application
from conftest import make_user

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("TRUST_FUZZ_EXAMPLES", "10"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
ANONYMOUS = {"POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/logout"}
OPERATIONS = sorted(
    f"{method.upper()} {path}"
    for path, item in ninja_api.get_openapi_schema()["paths"].items()
    for method in item
    if method in {"get", "post", "put", "patch", "delete"}
)


@pytest.fixture
def keep_connection(session: dict[str, Any]) -> Iterator[None]:
    # Requests go through the WSGI app, not Django's test client, so the connection-closing
    # signal handlers must be unhooked as the test client does: closing the connection would
    # end the test's transaction (PostgreSQL answers "the connection is closed"). It runs
    # after `session`, whose test client hooks them back up when it is done.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_schema() -> Any:
    schema = ninja_api.get_openapi_schema()
    loaded = schemathesis.openapi.from_dict(schema)
    loaded.app = application
    return loaded


@pytest.fixture
def session() -> dict[str, Any]:
    client = Client()
    user = make_user("fuzzer@example.com")
    client.force_login(user)
    client.get("/api/auth/csrf")
    habits = []
    for n, kind in enumerate(("boolean", "measurable", "boolean")):
        habits.append(
            client.post(
                "/api/habits",
                {"name": f"pool {n}", "kind": kind, "start_date": "2020-01-01"},
                content_type="application/json",
                HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
            ).json()["id"]
        )
    return {"cookies": {k: v.value for k, v in client.cookies.items()}, "habits": habits}


def _aim(case: Any, habits: list[int]) -> None:
    params = case.path_parameters or {}
    habit_id = params.get("habit_id")
    if isinstance(habit_id, int) and habit_id % 3 != 0:
        params["habit_id"] = habits[habit_id % len(habits)]
    day = params.get("date")
    if isinstance(day, str) and len(day) % 3 != 0:
        params["date"] = (dt.date.today() - dt.timedelta(days=len(day) * 7)).isoformat()


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_operation_answers_5xx_or_breaks_its_schema(
    fuzz_schema: Any, session: dict[str, Any], keep_connection: None, label: str
) -> None:
    method, path = label.split(" ", 1)
    operation = fuzz_schema[path][method]
    cookies = dict(session["cookies"])
    if label in ANONYMOUS:
        cookies.pop("sessionid", None)
    headers = {
        "X-CSRFToken": session["cookies"]["csrftoken"],
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
    }
    seen: list[int] = []

    def exercise(case: Any) -> None:
        _aim(case, session["habits"])
        response = case.call(headers=headers)
        seen.append(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)

    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        run = given(case=operation.as_strategy(generation_mode=mode))(exercise)
        run = settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate, Phase.shrink],
        )(run)
        try:
            run()
        except Unsatisfiable:
            continue  # nothing of this operation can be made invalid
    assert seen, "no request was sent"
    assert all(code < 500 for code in seen), seen
