"""Middleware shared by every request: stage prefixes, request ids and logs, limits, errors."""

from __future__ import annotations

import hmac
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.http.response import HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _

from core.client_ip import client_ip
from core.errors import error_body

Handler = Callable[[HttpRequest], HttpResponse]
logger = logging.getLogger("habits.request")
error_logger = logging.getLogger("habits.error")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class StripStagePrefixMiddleware:
    """Remove the API Gateway stage ("/staging") from the path when the request came through one.

    The stage is API_STAGE, or the one Mangum copied from the Lambda event. A request without
    the prefix passes untouched, so the same app serves CloudFront, API Gateway and localhost.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        stage = settings.API_STAGE or _event_stage(request)
        if stage and stage != "$default":
            prefix = f"/{stage}"
            path = request.path_info
            if path == prefix or path.startswith(prefix + "/"):
                request.path_info = path[len(prefix) :] or "/"
                request.path = request.path_info
                request.META["PATH_INFO"] = request.path_info
        return self.get_response(request)


def _event_stage(request: HttpRequest) -> str:
    scope = getattr(request, "scope", None)
    if not isinstance(scope, dict):
        return ""
    event = scope.get("aws.event") or {}
    context = event.get("requestContext") or {}
    return str(context.get("stage") or "")


class RequestLogMiddleware:
    """Give every request an id and log one line for it with method, path, status and duration."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else _lambda_request_id(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        response["X-Request-ID"] = request_id
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "request_id": request_id,
                "client_ip": client_ip(request),
                # The id of the API token that authenticated (integrations/auth.py), never the
                # token itself; None for browser sessions and anonymous requests.
                "token_id": getattr(request, "api_token_id", None),
            },
        )
        return response


def _lambda_request_id(request: HttpRequest) -> str:
    scope = getattr(request, "scope", None)
    if isinstance(scope, dict):
        context = scope.get("aws.context")
        aws_id = getattr(context, "aws_request_id", None)
        if isinstance(aws_id, str) and aws_id:
            return aws_id
    return uuid.uuid4().hex


class BodySizeLimitMiddleware:
    """Refuse bodies over the limit with 413 before Django reads them."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            body = error_body("bad_content_length", _("Content-Length is not a number"))
            return JsonResponse(body, status=400)
        limit = (
            settings.IMPORT_MAX_UPLOAD_BYTES
            if request.path.startswith("/api/import")
            else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        if length > limit:
            detail = _("Request body is larger than %(limit)d bytes") % {"limit": limit}
            return JsonResponse(error_body("body_too_large", detail), status=413)
        return self.get_response(request)


class OriginVerifyMiddleware:
    """Answer 403 to a request without CloudFront's X-Origin-Verify secret, when one is set.

    CloudFront adds the header to every request it sends to the API origin (it replaces a value a
    viewer sent), so only a request that skipped CloudFront, and with it the WAF and the trusted
    X-Forwarded-For entries, lacks it: such as one sent straight to the execute-api URL. No path
    is exempt: the deploy checks and the runbooks reach /health/ through CloudFront too.
    """

    HEADER = "X-Origin-Verify"

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        secret = settings.ORIGIN_VERIFY_SECRET
        if secret:
            sent = request.headers.get(self.HEADER, "")
            if not hmac.compare_digest(sent.encode(), secret.encode()):
                detail = _("Requests must come through the site's address.")
                return JsonResponse(error_body("origin_not_verified", detail), status=403)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and friends; Django 5.2 has no CSP of its own."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
        "manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )
    # The interactive API docs load Swagger UI from django-ninja's static files and start it
    # with a small inline script, so that one page gets a policy of its own.
    DOCS_POLICY = (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'"
    )

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = self.DOCS_POLICY if request.path == "/api/docs" else self.POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


# API views that authenticate with a credential in the body and never with the session cookie,
# so a forged cross-site request gains nothing: the notification action posts its signed
# single-use token from the service worker, which has no CSRF cookie (reminders/actions.py).
CSRF_EXEMPT_API_PATHS = frozenset({"/api/reminders/act"})


def carries_bearer_token(request: HttpRequest) -> bool:
    """Whether the request authenticates with `Authorization: Bearer` (an API token)."""
    return request.headers.get("Authorization", "")[:7].lower() == "bearer "


class ApiCsrfMiddleware(CsrfViewMiddleware):
    """Django's CSRF check again for /api/, whose django-ninja views are marked exempt."""

    def process_view(
        self,
        request: HttpRequest,
        callback: Callable[..., HttpResponseBase] | None,
        callback_args: tuple[Any, ...],
        callback_kwargs: dict[str, Any],
    ) -> HttpResponseForbidden | None:
        if not request.path.startswith("/api/"):
            return None  # Django's own CsrfViewMiddleware has checked it
        if request.path in CSRF_EXEMPT_API_PATHS:
            return None
        if carries_bearer_token(request):
            # A token in Authorization is a credential no other site can make a browser send
            # (the header needs a CORS preflight), so CSRF does not apply. The session cookie
            # the request may also carry is dropped here, so nothing on it acts as the session.
            request.user = AnonymousUser()
            return None
        return super().process_view(request, _csrf_protected, callback_args, callback_kwargs)


def _csrf_protected(request: HttpRequest) -> HttpResponse:  # pragma: no cover - never called
    raise AssertionError("only used as a non-exempt callback for the CSRF check")


# Exceptions that mean "answer 4xx", which Django's own handler turns into the right response
# (through handler404/403/400 in config/urls.py, JSON there too). Not errors of ours.
CLIENT_ERRORS = (Http404, PermissionDenied, BadRequest, SuspiciousOperation, MultiPartParserError)


class JsonExceptionMiddleware:
    """Turn unhandled errors into JSON: 503 when the database is away, 500 otherwise.

    The traceback is logged with the request id, and the client sees the id but no traceback.
    Http404, PermissionDenied and the other exceptions Django answers with a 4xx are left to it:
    a view outside the API (the SPA fallback when the app is not built) raises Http404 to mean
    404, and turning it into a 500 would both mislead the client and log a false alarm.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, CLIENT_ERRORS):
            return None
        request_id = getattr(request, "request_id", "")
        if isinstance(exception, OperationalError | InterfaceError) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            error_logger.warning(
                "database unavailable: %s",
                exception,
                extra={"request_id": request_id, "path": request.path},
            )
            body = error_body(
                "database_unavailable",
                _("The database is unavailable, try again shortly."),
                request_id=request_id,
            )
            response = JsonResponse(body, status=503)
            response["Retry-After"] = "5"
            return response
        error_logger.error(
            "unhandled error",
            exc_info=exception,
            extra={"request_id": request_id, "path": request.path},
        )
        body = error_body("server_error", _("Internal server error"), request_id=request_id)
        return JsonResponse(body, status=500)
