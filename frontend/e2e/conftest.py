"""Fixtures that start the real backend and a headless Chromium.

The backend runs under gunicorn on a free port with a throwaway database:
SQLite by default, or, when DATABASE_URL names PostgreSQL (CI does), a fresh
database created beside it on the same server and dropped afterwards. The
database DATABASE_URL names is never written: it may be someone's real data,
and rows left by an earlier run (reminders due since) would leak into this
one. REDIS_URL is used as given. The SPA must already be built into
frontend/dist; it is built here only when missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BACKEND = REPO / "backend"
FRONTEND = REPO / "frontend"
VENV_BIN = BACKEND / ".venv" / "bin"
SCREENSHOTS = REPO / "docs" / "screenshots"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# The live server's environment (its database above all), for tests that run manage.py beside it.
_LIVE_ENV: dict[str, str] = {}


def pytest_configure(config: pytest.Config) -> None:
    # Deliberately independent of pytest-django: these tests talk HTTP only.
    config.addinivalue_line("markers", "e2e: drives Chromium against a live backend")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _python() -> str:
    candidate = VENV_BIN / "python"
    return str(candidate) if candidate.exists() else sys.executable


def _gunicorn() -> list[str]:
    candidate = VENV_BIN / "gunicorn"
    return [str(candidate)] if candidate.exists() else [_python(), "-m", "gunicorn"]


def _wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The backend exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"The backend did not answer {url} within {timeout} s")


@pytest.fixture(scope="session")
def frontend_dist() -> Path:
    dist = FRONTEND / "dist"
    if not (dist / "index.html").is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("frontend/dist is missing and npm is not installed to build it")
        subprocess.run([npm, "run", "build"], cwd=FRONTEND, check=True)
        # As `make build` does: the .br/.gz siblings are what the wire-budget test measures.
        node = shutil.which("node")
        if node is None:
            pytest.fail("frontend/dist is missing and node is not installed to precompress it")
        subprocess.run([node, "scripts/precompress.mjs"], cwd=FRONTEND, check=True)
    return dist


def _postgres_admin(url: str, sql: str) -> None:
    """Runs one statement on the server's maintenance database (CREATE/DROP DATABASE cannot run
    inside a transaction, hence autocommit)."""
    import psycopg  # the PostgreSQL driver is in the locked dependencies

    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


@contextlib.contextmanager
def throwaway_database(tmp: str) -> Iterator[str]:
    """A database URL no other run or person uses, gone afterwards (see the module's docstring)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp}/e2e.sqlite3"
        return
    name = f"habits_e2e_{uuid.uuid4().hex[:12]}"
    _postgres_admin(url, f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))
    finally:
        _postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def live_server(frontend_dist: Path) -> Iterator[str]:
    tmp = tempfile.mkdtemp(prefix="habits-e2e-")
    with throwaway_database(tmp) as database_url:
        yield from _serve(frontend_dist, tmp, database_url)


def _serve(frontend_dist: Path, tmp: str, database_url: str) -> Iterator[str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ENV"}
    env["DATABASE_URL"] = database_url
    env["FRONTEND_DIST"] = str(frontend_dist)
    env["PYTHONUNBUFFERED"] = "1"
    _LIVE_ENV.clear()
    _LIVE_ENV.update(env)

    subprocess.run(
        [_python(), "manage.py", "migrate", "--noinput"],
        cwd=BACKEND,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log = open(Path(tmp) / "gunicorn.log", "wb")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [
            *_gunicorn(),
            "config.wsgi",
            "--chdir",
            str(BACKEND),
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
        ],
        cwd=BACKEND,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base_url}/health/", process)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        if process.returncode not in (0, -15, None):
            sys.stderr.write((Path(tmp) / "gunicorn.log").read_text(errors="replace")[-4000:])
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def manage(live_server: str) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs `manage.py <args>` on the live server's database, with extra environment if given
    (the worker sending reminders, a shell reading what the API does not show)."""

    def run(
        *args: str, env: dict[str, str] | None = None, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [_python(), "manage.py", *args],
            cwd=BACKEND,
            env={**_LIVE_ENV, **(env or {})},
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )

    return run


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
