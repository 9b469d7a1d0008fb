"""Cache rules for the built web app served by WhiteNoise."""

from __future__ import annotations

from typing import Any

SERVICE_WORKER_URL = "/sw.js"
NO_CACHE_FILES = frozenset({"/", SERVICE_WORKER_URL, "/manifest.webmanifest"})


def is_immutable(path: str, url: str) -> bool:
    # Vite puts content-hashed names under /assets/: a new build means a new name.
    return url.startswith("/assets/")


def add_headers(headers: Any, path: str, url: str) -> None:
    # index.html names the current build's assets, so browsers must always revalidate it.
    # So must the service worker, which lists them for offline use (it is how a new build
    # reaches an installed app), and the web app manifest.
    if url in NO_CACHE_FILES or url.endswith(".html"):
        headers["Cache-Control"] = "no-cache"
    # The worker at the site root controls the whole site; said outright so that a proxy or
    # a later move of the file cannot narrow its scope without notice.
    if url == SERVICE_WORKER_URL:
        headers["Service-Worker-Allowed"] = "/"
    # WhiteNoise's table of media types has no entry for web app manifests.
    if url.endswith(".webmanifest"):
        headers["Content-Type"] = "application/manifest+json"
