"""Property-based fuzzing of every operation in /api/openapi.json, on both engines in lockstep.

Schemathesis generates valid and invalid requests from the API's own OpenAPI document and
checks every answer: no 5xx, only documented status codes, content types and headers, and
bodies that match their response schema. The fuzzer is logged in as a real user (session
cookie + X-CSRFToken, production settings behind an HTTPS proxy), and about two thirds of
the generated habit ids and dates are swapped for ones that exist, so requests reach the
code behind the 404s and 422s instead of bouncing off them.

Each generated request is sent to the embedded default (SQLite, in-process cache) and to
PostgreSQL + Redis, one after the other, by a fuzzer that has done exactly the same before on
each. So besides every check on each answer, the two answers are compared: the same request
must get the same status (and, for a 4xx, the same error body) from both engines.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
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
from conftest import ENGINES, record
from servers import App, engine_stack

EXAMPLES = int(os.environ.get("RELIABILITY_FUZZ_EXAMPLES", "200"))
NEGATIVE_EXAMPLES = int(os.environ.get("RELIABILITY_FUZZ_NEGATIVE_EXAMPLES", str(EXAMPLES // 5)))
# The embedded default gets the first N of those examples (all of them unless CI lowers it);
# the rest go to PostgreSQL alone. docs/RELIABILITY.md says what CI sets.
SQLITE_SHARE = float(os.environ.get("RELIABILITY_FUZZ_SQLITE_SHARE", "1"))
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
# Generated ids below this could name a habit on one engine and not on the other (their id
# sequences may drift apart): they are moved above it, where no habit exists on either.
ID_CEILING = 10**9
DURATIONS: dict[str, float] = {}
DIFFERENCES: list[dict[str, Any]] = []
COMPARED = [0]  # requests answered by every engine and compared


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


@dataclass
class Target:
    """One engine under fuzzing: its app, its fuzzer, and what it answered."""

    app: App
    fuzzer: Fuzzer
    share: float
    tally: dict[str, dict[int, int]] = field(default_factory=dict)
    seconds: float = 0.0  # spent sending and checking this engine's requests

    @property
    def engine(self) -> str:
        return self.app.engine

    def takes(self, index: int, examples: int) -> bool:
        return index < round(examples * self.share)


@pytest.fixture(scope="module")
def targets() -> Iterator[list[Target]]:
    # Throttling would answer most logins with 429 after 50 tries; raise it so the fuzzer
    # reaches the login code itself (test_login_throttle covers the limits).
    limits = {"LOGIN_FAILURES_PER_IP": "1000000", "LOGIN_FAILURES_PER_ACCOUNT": "1000000"}
    with contextlib.ExitStack() as running:
        apps = [running.enter_context(engine_stack(engine, env=limits)) for engine in ENGINES]
        yield [
            Target(app, Fuzzer(app.server.port), SQLITE_SHARE if app.engine == "sqlite" else 1.0)
            for app in apps
        ]


@pytest.fixture(scope="module")
def api_schema(targets: list[Target]) -> Any:
    return schemathesis.openapi.from_url(f"{targets[0].app.server.base}/api/openapi.json")


def _aim(params: dict[str, Any], fuzzer: Fuzzer) -> None:
    """Point most generated ids and dates at real objects (deterministically per example)."""
    habit_id = params.get("habit_id")
    if isinstance(habit_id, int) and habit_id % 3 != 0:
        params["habit_id"] = fuzzer.habits[habit_id % len(fuzzer.habits)]
    elif isinstance(habit_id, int) and 0 < habit_id < ID_CEILING:
        params["habit_id"] = habit_id + ID_CEILING
    day = params.get("date")
    if isinstance(day, str) and len(day) % 3 != 0:
        params["date"] = (dt.date.today() - dt.timedelta(days=len(day) * 7)).isoformat()


def _error_body(response: Any) -> Any:
    """A 4xx body as compared across engines (request ids differ by design)."""
    try:
        body = response.json()
    except ValueError:
        return response.content[:500]
    if isinstance(body, dict):
        body.pop("request_id", None)
    return body


def _exercise(case: Any, mode: GenerationMode, index: int, examples: int,
              targets: list[Target]) -> None:  # fmt: skip
    method, path = case.method.upper(), case.operation.path
    generated = dict(case.path_parameters or {})
    answers: dict[str, Any] = {}
    failures: list[BaseException] = []
    for target in targets:
        if not target.takes(index, examples):
            continue
        params = case.path_parameters if case.path_parameters is not None else {}
        params.clear()
        params.update(generated)
        _aim(params, target.fuzzer)
        headers = target.fuzzer.headers(anonymous=(method, path) in ANONYMOUS)
        started = time.perf_counter()
        response = case.call(base_url=target.app.server.base, headers=headers, timeout=30)
        codes = target.tally.setdefault(f"{method} {path}", {})
        codes[response.status_code] = codes.get(response.status_code, 0) + 1
        answers[target.engine] = response
        if method == "DELETE" and path == "/api/habits/{habit_id}" and response.status_code == 204:
            target.fuzzer.habits = [h for h in target.fuzzer.habits if h != params["habit_id"]]
            target.fuzzer.refill()
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except Exception as exc:
            exc.add_note(f"engine: {target.engine}")
            failures.append(exc)
        finally:
            target.seconds += time.perf_counter() - started
    _compare(case, mode, generated, answers)
    if failures:
        raise failures[0]


def _compare(case: Any, mode: GenerationMode, generated: dict[str, Any],
             answers: dict[str, Any]) -> None:  # fmt: skip
    """Keep every request that two engines answered differently."""
    if len(answers) < 2:
        return
    COMPARED[0] += 1
    seen = {
        engine: (r.status_code, _error_body(r) if 400 <= r.status_code < 500 else None)
        for engine, r in answers.items()
    }
    if len({json.dumps(v, default=str, sort_keys=True) for v in seen.values()}) == 1:
        return
    DIFFERENCES.append({
        "operation": f"{case.method.upper()} {case.operation.path}",
        "mode": mode.value,
        "path_parameters": generated,
        "query": case.query,
        "body": None if not hasattr(case.body, "__len__") else repr(case.body)[:500],
        "answers": {engine: {"status": status, "body": str(body)[:500] if body else
                             answers[engine].content[:300].decode(errors="replace")}
                    for engine, (status, body) in seen.items()},
    })  # fmt: skip


def _fuzz(operation: Any, mode: GenerationMode, targets: list[Target], examples: int) -> None:
    counter = [0]

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
        counter[0] += 1
        _exercise(case, mode, counter[0] - 1, examples, targets)

    run()


def test_both_engines_serve_the_same_openapi_document(targets: list[Target]) -> None:
    documents = {t.engine: Client(t.app.server.port).get("/api/openapi.json").json()
                 for t in targets}  # fmt: skip
    first = next(iter(documents.values()))
    assert all(document == first for document in documents.values()), list(documents)


def test_no_operation_answers_5xx_or_breaks_its_schema_or_differs_between_engines(
    api_schema: Any, targets: list[Target]
) -> None:
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
                _fuzz(operation, mode, targets, examples)
            except Unsatisfiable:
                continue  # nothing can be made invalid (no parameters, no body)
            except Exception as exc:  # a check failed: keep going, report them all
                detail = "".join(traceback.format_exception(exc))[-4000:]
                failures.append(f"{operation.label} [{mode.value}]: {detail}")
            finally:
                DURATIONS[f"{operation.label} [{mode.value}]"] = round(
                    time.perf_counter() - started, 1
                )
    record("fuzz_engine_differences", {"engines": list(ENGINES), "requests_compared": COMPARED[0],
                                       "differences": DIFFERENCES})  # fmt: skip
    assert not failures, "\n\n".join(failures)
    assert not DIFFERENCES, json.dumps(DIFFERENCES, indent=1, default=str)[:20000]


def test_the_fuzzer_logged_in_user_is_still_intact(targets: list[Target]) -> None:
    """Runs after the fuzzing: the sessions survived and every operation was exercised."""
    assert DURATIONS, "the fuzzing test did not run"
    for target in targets:
        me = target.fuzzer.client.get("/api/auth/me")
        assert me.status == 200, (target.engine, me.body)
        total = sum(sum(codes.values()) for codes in target.tally.values())
        record(
            f"fuzz_{target.engine}",
            {"engine": target.engine, "examples_per_operation_setting": EXAMPLES,
             "negative_examples_setting": NEGATIVE_EXAMPLES, "share_of_examples": target.share,
             "operations": len(target.tally), "requests": total,
             "seconds": round(target.seconds, 1), "status_codes": target.tally,
             "seconds_per_operation_all_engines": DURATIONS},
        )  # fmt: skip
        for operation, codes in target.tally.items():
            assert not any(code >= 500 for code in codes), (target.engine, operation, codes)
