from __future__ import annotations

import gzip
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


SCRIPT = b"export const habit = (name) => `habit ${name}`;\n" * 200
# WhiteNoise does not look inside a sibling, so a marker stands in for real Brotli bytes.
BROTLI = b"brotli bytes of the script"


@pytest.fixture
def served_dist(dist: Path, settings: Any) -> Path:
    """A built web app precompressed as `make build` leaves it, served from the site root."""
    assets = dist / "assets"
    assets.mkdir()
    script = assets / "index-Bq1x9.js"
    script.write_bytes(SCRIPT)
    (assets / "index-Bq1x9.js.gz").write_bytes(gzip.compress(SCRIPT))
    (assets / "index-Bq1x9.js.br").write_bytes(BROTLI)
    # Large enough that gzip pays: WhiteNoise sends the smallest file the browser accepts.
    index = dist / "index.html"
    index.write_text(
        "<!doctype html><title>Habits</title>" + "<meta>" * 100 + "<div id=root></div>"
    )
    (dist / "index.html.gz").write_bytes(gzip.compress(index.read_bytes()))
    # WhiteNoise reads its root when the middleware is built, which the test client does on
    # its first request: the setting must name this folder before then.
    settings.WHITENOISE_ROOT = dist
    return dist


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_hashed_assets_are_sent_with_brotli_to_browsers_that_accept_it(
    client: Client, served_dist: Path
) -> None:
    response = client.get("/assets/index-Bq1x9.js", HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert response["Vary"] == "Accept-Encoding"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert _body(response) == BROTLI


def test_browsers_without_brotli_get_gzip_and_others_the_plain_file(
    client: Client, served_dist: Path
) -> None:
    gzipped = client.get("/assets/index-Bq1x9.js", HTTP_ACCEPT_ENCODING="gzip")
    assert gzipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(_body(gzipped)) == SCRIPT
    plain = client.get("/assets/index-Bq1x9.js")
    assert "Content-Encoding" not in plain
    # Caches must still keep the encodings apart, so the plain answer names what it varies on.
    assert plain["Vary"] == "Accept-Encoding"
    assert _body(plain) == SCRIPT


def test_the_index_is_compressed_and_always_revalidated(client: Client, served_dist: Path) -> None:
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "no-cache"
    assert response["Vary"] == "Accept-Encoding"
    assert b"id=root" in gzip.decompress(_body(response))


# A marker again: the view only picks the sibling, it does not look inside it.
INDEX_BROTLI = b"brotli bytes of index.html"


@pytest.fixture
def precompressed_index(dist: Path) -> Path:
    """index.html with the Brotli and gzip files `make build` writes beside it."""
    index = dist / "index.html"
    (dist / "index.html.br").write_bytes(INDEX_BROTLI)
    (dist / "index.html.gz").write_bytes(gzip.compress(index.read_bytes()))
    return dist


def test_a_deep_link_gets_the_index_with_brotli_when_the_browser_accepts_it(
    client: Client, precompressed_index: Path
) -> None:
    response = client.get("/login", HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Accept-Encoding" in response["Vary"]
    assert "no-cache" in response["Cache-Control"]
    assert _body(response) == INDEX_BROTLI


@pytest.mark.parametrize("accept", ["gzip", "gzip, br;q=0", "br;q=0, *"])
def test_a_deep_link_gets_gzip_when_brotli_is_not_accepted(
    client: Client, precompressed_index: Path, accept: str
) -> None:
    response = client.get("/habits/12", HTTP_ACCEPT_ENCODING=accept)
    assert response["Content-Encoding"] == "gzip"
    assert b"id=root" in gzip.decompress(_body(response))


@pytest.mark.parametrize("accept", [None, "identity", "gzip;q=0, br;q=0"])
def test_a_deep_link_gets_the_plain_index_without_an_accepted_encoding(
    client: Client, precompressed_index: Path, accept: str | None
) -> None:
    headers = {} if accept is None else {"HTTP_ACCEPT_ENCODING": accept}
    response = client.get("/settings", **headers)  # type: ignore[arg-type]
    assert "Content-Encoding" not in response
    assert "Accept-Encoding" in response["Vary"]
    assert b"id=root" in _body(response)


def test_a_build_without_compressed_siblings_gets_the_plain_index(
    client: Client, dist: Path
) -> None:
    response = client.get("/login", HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in response
    assert b"id=root" in _body(response)
