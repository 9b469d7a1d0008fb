"""JSON error bodies: a stable `code` for programs and a `detail` in the person's language.

`detail` stays the human message it always was (clients that show it keep working); `code` is
snake_case English that never changes with the language (docs/decisions/0023).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def error_body(code: str, detail: object, **extra: Any) -> dict[str, Any]:
    """The body of an error answer: the message (evaluated now, so lazily translated text is
    rendered in the active language) and its stable code."""
    return {"detail": str(detail), "code": code, **extra}


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Django's reason ("CSRF cookie not set.") is for developers and stays in English.
    detail = _("CSRF check failed: %(reason)s") % {"reason": reason}
    return JsonResponse(error_body("csrf_failed", detail), status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return JsonResponse(error_body("not_found", _("Not found")), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    request_id = getattr(request, "request_id", "")
    body = error_body("server_error", _("Internal server error"), request_id=request_id)
    return JsonResponse(body, status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return JsonResponse(error_body("bad_request", _("Bad request")), status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return JsonResponse(error_body("forbidden", _("Forbidden")), status=403)
