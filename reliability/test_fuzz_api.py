"""Property-based fuzzing of every operation in /api/openapi.json against a live gunicorn.

Schemathesis generates valid and invalid requests from the API's own OpenAPI document and
checks every answer: no 5xx, only documented status codes, content types and headers, and
bodies that match their response schema. The fuzzer is logged in as a real user (session
cookie + X-CSRFToken, production settings behind an HTTPS proxy), and about two thirds of
the generated habit ids and dates are swapped for ones that exist, so requests reach the
code behind the 404s and 422s instead of bouncing off them.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
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

from client import Client
from conftest import record
from servers import stack

EXAMPLES = int(os.environ.get("RELIABILITY_FUZZ_EXAMPLES", "200"))
NEGATIVE_EXAMPLES = int(os.environ.get("RELIABILITY_FUZZ_NEGATIVE_EXAMPLES", str(EXAMPLES // 5)))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Requests that would replace or end the fuzzer's own session are sent without it.
ANONYMOUS = {("POST", "/api/auth/register"), ("POST", "/api/auth/login"),
             ("POST", "/api/auth/logout")}  # fmt: skip
TALLY: dict[str, dict[int, int]] = {}
DURATIONS: dict[str, float] = {}


class Fuzzer:
    """The logged-in user the fuzzer acts as, with a pool of real habit ids."""

    def __init__(self, port: int) -> None:
        self.client = Client(port)
        self.client.register("fuzzer@example.com")
        self.habits: list[int] = []
        self.refill()

    def refill(self) -> None:
        while len(self.habits) < 3:
            kind = "measurable" if len(self.habits) % 2 else "boolean"
            reply = self.client.post(
                "/api/habits",
                {"name": f"pool {len(self.habits)}", "kind": kind, "start_date": "2020-01-01"},
            )
            assert reply.status == 201, reply.body
            self.habits.append(reply.json()["id"])

    def headers(self, anonymous: bool) -> dict[str, str]:
        port = self.client.port
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{port}",
            "X-CSRFToken": self.client.cookies["csrftoken"],
        }
        cookies = dict(self.client.cookies)
        if anonymous:
            cookies.pop("sessionid", None)
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        return headers


@pytest.fixture(scope="module")
def fuzz_stack() -> Iterator[Any]:
    # Throttling would answer most logins with 429 after 50 tries; raise it so the fuzzer
    # reaches the login code itself (test_login_throttle covers the limits).
    with stack(LOGIN_FAILURES_PER_IP="1000000", LOGIN_FAILURES_PER_ACCOUNT="1000000") as servers:
        yield servers


@pytest.fixture(scope="module")
def fuzzer(fuzz_stack: Any) -> Fuzzer:
    return Fuzzer(fuzz_stack[0].port)


@pytest.fixture(scope="module")
def api_schema(fuzz_stack: Any) -> Any:
    server = fuzz_stack[0]
    return schemathesis.openapi.from_url(f"{server.base}/api/openapi.json")


def _aim(case: Any, fuzzer: Fuzzer) -> None:
    """Point most generated ids and dates at real objects (deterministically per example)."""
    params = case.path_parameters or {}
    habit_id = params.get("habit_id")
    if isinstance(habit_id, int) and habit_id % 3 != 0:
        params["habit_id"] = fuzzer.habits[habit_id % len(fuzzer.habits)]
    day = params.get("date")
    if isinstance(day, str) and len(day) % 3 != 0:
        params["date"] = (dt.date.today() - dt.timedelta(days=len(day) * 7)).isoformat()


def _exercise(case: Any, fuzzer: Fuzzer) -> None:
    method, path = case.method.upper(), case.operation.path
    _aim(case, fuzzer)
    headers = fuzzer.headers(anonymous=(method, path) in ANONYMOUS)
    response = case.call(headers=headers, timeout=30)
    codes = TALLY.setdefault(f"{method} {path}", {})
    codes[response.status_code] = codes.get(response.status_code, 0) + 1
    if method == "DELETE" and path == "/api/habits/{habit_id}" and response.status_code == 204:
        fuzzer.habits = [h for h in fuzzer.habits if h != case.path_parameters["habit_id"]]
        fuzzer.refill()
    case.validate_response(response, checks=CHECKS, headers=headers)


def _fuzz(operation: Any, mode: GenerationMode, fuzzer: Fuzzer, examples: int) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        derandomize=True,
        database=None,
    )
    def run(case: Any) -> None:
        _exercise(case, fuzzer)

    run()


def test_no_operation_answers_5xx_or_breaks_its_schema(api_schema: Any, fuzzer: Fuzzer) -> None:
    # schemathesis' lazy pytest loader does not work with pytest 9, so the operations are
    # walked here and every failure is collected before the test fails.
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15, [op.label for op in operations]
    for operation in operations:
        for mode, examples in ((GenerationMode.POSITIVE, EXAMPLES),
                               (GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES)):  # fmt: skip
            started = time.perf_counter()
            try:
                _fuzz(operation, mode, fuzzer, examples)
            except Unsatisfiable:
                continue  # nothing can be made invalid (no parameters, no body)
            except Exception as exc:  # a check failed: keep going, report them all
                detail = "".join(traceback.format_exception(exc))[-4000:]
                failures.append(f"{operation.label} [{mode.value}]: {detail}")
            finally:
                DURATIONS[f"{operation.label} [{mode.value}]"] = round(
                    time.perf_counter() - started, 1
                )
    assert not failures, "\n\n".join(failures)


def test_the_fuzzer_logged_in_user_is_still_intact(fuzzer: Fuzzer) -> None:
    """Runs after the fuzzing: the session survived and every operation was exercised."""
    me = fuzzer.client.get("/api/auth/me")
    assert me.status == 200, me.body
    assert TALLY, "the fuzzing test did not run"
    total = sum(sum(codes.values()) for codes in TALLY.values())
    record(
        "fuzz",
        {"examples_per_operation_setting": EXAMPLES, "operations": len(TALLY),
         "requests": total, "status_codes": TALLY, "seconds": DURATIONS},
    )  # fmt: skip
    for operation, codes in TALLY.items():
        assert not any(code >= 500 for code in codes), (operation, codes)
