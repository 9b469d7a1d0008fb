"""JSON error responses for the places Django answers before any view runs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return JsonResponse({"detail": f"CSRF check failed: {reason}"}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return JsonResponse({"detail": "Not found"}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    request_id = getattr(request, "request_id", "")
    return JsonResponse({"detail": "Internal server error", "request_id": request_id}, status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return JsonResponse({"detail": "Bad request"}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return JsonResponse({"detail": "Forbidden"}, status=403)
