from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from core.static import add_headers, is_immutable


@pytest.fixture
def dist(tmp_path: Path, settings: Any) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>")
    settings.FRONTEND_DIST = tmp_path
    return tmp_path


@pytest.mark.parametrize("path", ["/login", "/habits/12", "/settings", "/today/2026-01-05"])
def test_client_routes_get_the_spa_index(client: Client, dist: Path, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert b"id=root" in b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/api/nothing-here", "/api", "/health", "/admin/nope"])
def test_api_health_and_admin_paths_never_get_the_spa(
    client: Client, dist: Path, db: None, path: str
) -> None:
    response = client.get(path)
    assert b"id=root" not in response.content


def test_hashed_assets_are_immutable_and_index_is_revalidated() -> None:
    assert is_immutable("/x/assets/index-Bq1x9.js", "/assets/index-Bq1x9.js")
    assert not is_immutable("/x/index.html", "/index.html")
    headers: dict[str, str] = {}
    add_headers(headers, "/x/index.html", "/")
    assert headers["Cache-Control"] == "no-cache"
