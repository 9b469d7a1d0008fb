"""Health check and the single-page app's fallback."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("habits.health")


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            row = cursor.fetchone()
    except Exception as exc:  # any failure means "not ok"; the reason goes to the log
        logger.warning("health: database check failed: %s", exc)
        return False
    return row is not None


def _cache_ok() -> bool:
    # django-redis is told to swallow connection errors, so a write-then-read round trip is
    # the only way to tell a reachable cache from one that silently answers None.
    try:
        cache.set("health:probe", "1", timeout=10)
        return bool(cache.get("health:probe") == "1")
    except Exception as exc:
        logger.warning("health: cache check failed: %s", exc)
        return False


@never_cache
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """Report whether the database and cache answer; 503 names the part that does not."""
    database = "ok" if _database_ok() else "unavailable"
    cache_state = "ok" if _cache_ok() else "unavailable"
    healthy = database == "ok" and cache_state == "ok"
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": database,
        "cache": cache_state,
        "version": settings.VERSION,
    }
    return JsonResponse(body, status=200 if healthy else 503)


# Files of the built app that are never client-side routes.
BUILD_FILES = frozenset({"sw.js", "manifest.webmanifest"})


@never_cache
@require_safe
def spa_index(request: HttpRequest, path: str = "") -> HttpResponseBase:
    """Serve index.html for client-side routes; the SPA's router takes it from there."""
    if path in BUILD_FILES:
        # Served by WhiteNoise when the build has them. An HTML page under the service worker's
        # name would make every update check fail and keep an old worker (and build) forever.
        # (A response, not Http404: JsonExceptionMiddleware would turn that into a 500.)
        return JsonResponse({"detail": f"/{path} is not in this build of the web app."}, status=404)
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        raise Http404("The web app is not built; run `make build` (or `make run`).")
    return FileResponse(index.open("rb"), content_type="text/html; charset=utf-8")
