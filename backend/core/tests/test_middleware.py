from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path

from conftest import Api
from core.middleware import StripStagePrefixMiddleware


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret internals")


def missing(request: HttpRequest) -> HttpResponse:
    raise Http404("no such page")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("odd input")


urlpatterns = [
    path("api/boom", boom),
    path("page/missing", missing),
    path("page/forbidden", forbidden),
    path("page/suspicious", suspicious),
]


def test_it_strips_the_api_gateway_stage_prefix(settings: Any, client: Client, db: None) -> None:
    settings.API_STAGE = "staging"
    response = client.get("/staging/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize("path", ["/health/", "/api/habits", "/stagingx/api/habits", "/"])
def test_a_request_without_the_stage_prefix_passes_untouched(settings: Any, path: str) -> None:
    settings.API_STAGE = "staging"
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request.path_info)
        return HttpResponse()

    StripStagePrefixMiddleware(view)(RequestFactory().get(path))
    assert seen == [path]


def test_the_stage_is_read_from_the_lambda_event_when_not_configured(settings: Any) -> None:
    settings.API_STAGE = ""
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request.path_info)
        return HttpResponse()

    request = RequestFactory().get("/staging/api/habits")
    request.scope = {"aws.event": {"requestContext": {"stage": "staging"}}}  # type: ignore[attr-defined]
    StripStagePrefixMiddleware(view)(request)
    assert seen == ["/api/habits"]


def test_unknown_api_paths_answer_json_404(client: Client, db: None) -> None:
    response = client.get("/api/no/such/thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_a_malformed_json_body_answers_400(api: Api) -> None:
    headers = api._headers()
    response = api.client.post(
        "/api/habits", "{not json", content_type="application/json", **headers
    )
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_body_over_one_megabyte_answers_413(api: Api) -> None:
    response = api.post("/api/habits", {"name": "x" * (1024 * 1024 + 10)})
    assert response.status_code == 413


@pytest.mark.urls("core.tests.test_middleware")
def test_an_unhandled_error_answers_json_500_with_a_request_id_and_logs_the_traceback(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="habits.error"):
        response = client.get("/api/boom", HTTP_X_REQUEST_ID="req-42")
    assert response.status_code == 500
    body = response.json()
    assert body == {
        "detail": "Internal server error",
        "code": "server_error",
        "request_id": "req-42",
    }
    assert "secret internals" not in response.content.decode()
    record = next(r for r in caplog.records if r.name == "habits.error")
    assert record.request_id == "req-42"  # type: ignore[attr-defined]
    assert record.exc_info is not None


@pytest.mark.urls("core.tests.test_middleware")
@pytest.mark.parametrize(
    ("url", "status"),
    [("/page/missing", 404), ("/page/forbidden", 403), ("/page/suspicious", 400)],
)
def test_a_view_outside_the_api_raising_a_client_error_answers_its_status_not_500(
    client: Client, caplog: pytest.LogCaptureFixture, url: str, status: int
) -> None:
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="habits.error"):
        response = client.get(url)
    assert response.status_code == status
    # Not an error of ours: nothing is logged as an unhandled error.
    assert [r for r in caplog.records if r.name == "habits.error"] == []


def test_every_request_is_logged_once_with_its_facts(
    client: Client, db: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="habits.request"):
        client.get("/health/")
    records = [r for r in caplog.records if r.name == "habits.request"]
    assert len(records) == 1
    record = records[0]
    assert (record.method, record.path, record.status) == ("GET", "/health/", 200)  # type: ignore[attr-defined]
    assert record.duration_ms >= 0  # type: ignore[attr-defined]
    assert record.request_id  # type: ignore[attr-defined]


def test_json_log_lines_carry_the_request_fields() -> None:
    from core.logging import JsonFormatter

    record = logging.LogRecord("habits.request", logging.INFO, "", 0, "GET /x 200", None, None)
    record.status = 200
    record.request_id = "abc"
    line = json.loads(JsonFormatter().format(record))
    assert line["status"] == 200
    assert line["request_id"] == "abc"
    assert line["level"] == "INFO"


def test_responses_carry_security_headers(client: Client, db: None) -> None:
    response = client.get("/health/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
