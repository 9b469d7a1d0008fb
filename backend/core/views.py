"""Health check and the single-page app's fallback."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.worker import worker_status

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
        # Reported, but not part of the status code: a late worker delays reminders, while a
        # 503 would make load balancers and uptime checks take the whole site away for it.
        # Its own alarm watches it (docs/decisions/0017-background-worker.md).
        "worker": _worker(),
        "version": settings.VERSION,
    }
    return JsonResponse(body, status=200 if healthy else 503)


def _worker() -> dict[str, object]:
    try:
        return worker_status()
    except Exception as exc:  # the cache is already reported above
        logger.warning("health: worker status unavailable: %s", exc)
        return {"status": "late", "last_heartbeat": None}


# Files of the built app that are never client-side routes.
BUILD_FILES = frozenset({"sw.js", "manifest.webmanifest"})


@never_cache
@require_safe
def spa_index(request: HttpRequest, path: str = "") -> HttpResponseBase:
    """Serve index.html for client-side routes; the SPA's router takes it from there."""
    if path in BUILD_FILES:
        # Served by WhiteNoise when the build has them. An HTML page under the service worker's
        # name would make every update check fail and keep an old worker (and build) forever.
        # (JSON that says which file, rather than Http404's generic "Not found".)
        return JsonResponse({"detail": f"/{path} is not in this build of the web app."}, status=404)
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        raise Http404("The web app is not built; run `make build` (or `make run`).")
    encoding, file = _precompressed(index, request.headers.get("Accept-Encoding", ""))
    response = FileResponse(file.open("rb"), content_type="text/html; charset=utf-8")
    if encoding:
        response["Content-Encoding"] = encoding
    # Caches must keep the encodings apart, the plain answer included (as WhiteNoise does for /).
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


# The siblings `make build` writes beside index.html, best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def _codings(header: str) -> dict[str, bool]:
    """Each coding an Accept-Encoding header names, and whether it allows it (`br;q=0` refuses)."""
    codings = {}
    for part in header.split(","):
        name, _, params = part.partition(";")
        quality = params.strip().removeprefix("q=").strip() if params else "1"
        try:
            allowed = float(quality) > 0
        except ValueError:
            allowed = True
        if name.strip():
            codings[name.strip().lower()] = allowed
    return codings


def _precompressed(index: Path, accept_encoding: str) -> tuple[str | None, Path]:
    """The smallest form of index.html the browser accepts: a deep link such as /login is a
    first screen as much as / is, which WhiteNoise already sends compressed."""
    codings = _codings(accept_encoding)
    for encoding, suffix in ENCODINGS:
        sibling = index.with_name(index.name + suffix)
        if codings.get(encoding, codings.get("*", False)) and sibling.is_file():
            return encoding, sibling
    return None, index
