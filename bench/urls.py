"""Benchmark URLconf: the real routes plus a constant JSON view, served by the same stack.

The constant view is the framework's ceiling: the same gunicorn, middleware and settings as
/api/today, with no session-backed auth, query or serialisation of our own. Selected with
ROOT_URLCONF=urls and bench/ on PYTHONPATH; never used outside the benchmarks.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as base


def constant(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


# Before the base patterns: the SPA catch-all would otherwise never let /api/bench/ through
# (it excludes api/, but Ninja's router would answer 404 for an unknown /api/ path).
urlpatterns = [path("api/bench/constant", constant, name="bench-constant"), *base]
