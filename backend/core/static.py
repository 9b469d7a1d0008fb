"""Cache rules for the built web app served by WhiteNoise."""

from __future__ import annotations

from typing import Any


def is_immutable(path: str, url: str) -> bool:
    # Vite puts content-hashed names under /assets/: a new build means a new name.
    return url.startswith("/assets/")


def add_headers(headers: Any, path: str, url: str) -> None:
    # index.html names the current build's assets, so browsers must always revalidate it.
    if url == "/" or url.endswith(".html"):
        headers["Cache-Control"] = "no-cache"
