"""How the web app's service worker and manifest are served (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def pwa_dist(tmp_path: Path, settings: Any) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>")
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (tmp_path / "manifest.webmanifest").write_text(json.dumps({"name": "Habits"}))
    settings.FRONTEND_DIST = tmp_path
    # WhiteNoise reads its root when the middleware is built, on the test client's first request.
    settings.WHITENOISE_ROOT = tmp_path
    return tmp_path


def test_the_service_worker_is_revalidated_and_may_control_the_whole_site(
    client: Client, pwa_dist: Path
) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"


def test_the_manifest_is_revalidated_and_has_its_media_type(client: Client, pwa_dist: Path) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert response["Cache-Control"] == "no-cache"
    assert "Service-Worker-Allowed" not in response


@pytest.mark.parametrize("path", ["/sw.js", "/manifest.webmanifest"])
def test_a_build_without_them_answers_404_rather_than_the_spa_page(
    client: Client, tmp_path: Path, settings: Any, db: None, path: str
) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>")
    settings.FRONTEND_DIST = tmp_path
    settings.WHITENOISE_ROOT = tmp_path
    response = client.get(path)
    assert response.status_code == 404
    assert b"id=root" not in response.content


def test_the_policy_lets_the_site_run_its_own_worker_and_manifest(
    client: Client, pwa_dist: Path
) -> None:
    policy = client.get("/sw.js")["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["worker-src"] == ["'self'"]
    assert directives["manifest-src"] == ["'self'"]
