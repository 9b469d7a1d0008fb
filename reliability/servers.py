"""Private PostgreSQL, Redis and gunicorn processes for the reliability suite.

Every test here starts its own servers on free loopback ports, so stopping or crashing them
never touches the shared PostgreSQL (5432) and Redis (6379) that other people use.

Two engines are served: "postgres" (a private PostgreSQL and Redis) and "sqlite", the embedded
default a self-hoster gets from `make run` (no DATABASE_URL, no REDIS_URL: SQLite in VAR_DIR and
an in-process cache). Both run the same gunicorn with the same production settings.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

REPO = Path(__file__).resolve().parent.parent
BACKEND = REPO / "backend"
VENV_BIN = BACKEND / ".venv" / "bin"
ENGINES = ("sqlite", "postgres")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found and name not in {"initdb", "pg_ctl"}:
        return found
    # Debian keeps the server binaries out of PATH; take the newest installed version.
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if candidates:
        return candidates[-1]
    if found:
        return found
    raise RuntimeError(f"{name} not found: install PostgreSQL server binaries")


def _as_postgres(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; as root we run it as the postgres system user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class Postgres:
    """A throwaway PostgreSQL cluster in a temporary directory."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="rel-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.log = self.root / "server.log"
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                 "--no-instructions", "-E", "UTF8", "--locale=C.UTF-8"]
            ),
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c max_connections=200 -c shared_buffers=64MB"
        )
        subprocess.run(
            _as_postgres(
                [_pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                 "-w", "-t", "60", "start"]
            ),
            check=True, capture_output=True, timeout=90,
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; mode "immediate" is a crash (recovery replays the WAL)."""
        subprocess.run(
            _as_postgres([_pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"]),
            check=False, capture_output=True, timeout=90,
        )  # fmt: skip

    def url(self, dbname: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def cleanup(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


class Redis:
    """A private redis-server without persistence, restartable on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no", "--logfile", ""],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port, 10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout}s")


def app_env(
    *, database_url: str | None, redis_url: str | None, production: bool, **extra: str
) -> dict[str, str]:
    """The environment of the app under test: production settings unless asked otherwise.

    Without a database_url the app falls back to its embedded default, SQLite in VAR_DIR.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    for name in ("DATABASE_URL", "REDIS_URL", "WEB_CONCURRENCY", "GUNICORN_THREADS"):
        env.pop(name, None)
    var = tempfile.mkdtemp(prefix="rel-var-")
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(
        VAR_DIR=var,
        SECRET_KEY="reliability-suite-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_ENV="production" if production else "development",
        SECURE_SSL_REDIRECT="false",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    if production:
        # Production signs Web Push with a configured key only (reminders.E001); this one has
        # the form Terraform draws (43 base64url letters and digits, a raw P-256 scalar).
        env.update(
            VAPID_PRIVATE_KEY="Reliability0Suite0Vapid0Key" + "k4" * 8,
            VAPID_SUBJECT="mailto:reliability@example.com",
        )
    env.update(extra)
    return env


def migrate(env: dict[str, str]) -> None:
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"],
        cwd=BACKEND, env=env, check=True, capture_output=True, timeout=180,
    )  # fmt: skip


class Gunicorn:
    """The production server (backend/gunicorn.conf.py) on a free port."""

    def __init__(self, env: dict[str, str], workers: int | None = 4, threads: int = 2) -> None:
        """workers=None leaves the worker and thread counts to gunicorn.conf.py, as shipped."""
        self.port = free_port()
        self.env = dict(env, HOST="127.0.0.1", PORT=str(self.port))
        if workers is not None:
            self.env.update(WEB_CONCURRENCY=str(workers), GUNICORN_THREADS=str(threads))
        self.log_path = Path(tempfile.mkstemp(prefix="rel-gunicorn-", suffix=".log")[1])
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", str(BACKEND / "gunicorn.conf.py"),
             "--chdir", str(BACKEND)],
            cwd=BACKEND, env=self.env, stdout=log, stderr=log, start_new_session=True,
        )  # fmt: skip
        wait_for_port(self.port, 60)
        # The port opens before the workers have imported Django: wait for a real answer.
        import http.client

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/api/auth/csrf", headers={"X-Forwarded-Proto": "https"})
                if conn.getresponse().status == 200:
                    return
            time.sleep(0.1)
        raise TimeoutError(f"gunicorn did not answer; log:\n{self.log_text()[-3000:]}")

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        ).stdout
        return [int(pid) for pid in out.split()]

    def all_pids(self) -> list[int]:
        assert self.process is not None
        return [self.process.pid, *self.worker_pids()]

    def rss_kib(self) -> int:
        """Resident memory of the master and its workers together, from /proc."""
        total = 0
        for pid in self.all_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        return total

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.process = None


@contextlib.contextmanager
def stack(
    *,
    production: bool = True,
    workers: int | None = 4,
    with_redis: bool = True,
    env: dict[str, str] | None = None,
    **extra: str,
) -> Iterator[tuple[Gunicorn, Postgres, Redis | None]]:
    """PostgreSQL + Redis + gunicorn, all private; torn down whatever happens.

    `env` and keyword arguments are extra environment variables of the app.
    """
    extra = {**(env or {}), **extra}
    pg = Postgres()
    redis = Redis() if with_redis else None
    server: Gunicorn | None = None
    try:
        pg.start()
        if redis:
            redis.start()
        url = pg.create_database("habits")
        env = app_env(
            database_url=url, redis_url=redis.url() if redis else None, production=production,
            **extra,
        )  # fmt: skip
        migrate(env)
        server = Gunicorn(env, workers=workers)
        server.start()
        yield server, pg, redis
    finally:
        if server:
            server.stop()
            shutil.rmtree(server.env["VAR_DIR"], ignore_errors=True)
        if redis:
            redis.stop()
        pg.cleanup()


@dataclass
class App:
    """One running app under test: its gunicorn, its engine, and read access to its data."""

    engine: str
    server: Gunicorn
    pg: Postgres | None = None
    redis: Redis | None = None
    sqlite_path: Path | None = None

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run one read-only statement on the app's database (%s marks a parameter on both)."""
        if self.pg is not None:
            with psycopg.connect(self.pg.url("habits")) as conn:
                return conn.execute(sql, params).fetchall()
        # Read-only, so the suite can never be the writer that the app waits for.
        uri = f"file:{self.sqlite_path}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=30)) as conn:
            return conn.execute(sql.replace("%s", "?"), params).fetchall()


@contextlib.contextmanager
def engine_stack(
    engine: str,
    *,
    production: bool = True,
    workers: int | None = 4,
    env: dict[str, str] | None = None,
) -> Iterator[App]:
    """The app on one engine: PostgreSQL + Redis (private), or the embedded default.

    `env` holds extra environment variables of the app.
    """
    extra = dict(env or {})
    if engine == "postgres":
        with stack(production=production, workers=workers, env=extra) as (pg_server, pg, redis):
            yield App("postgres", pg_server, pg=pg, redis=redis)
        return
    if engine != "sqlite":
        raise ValueError(f"unknown engine {engine!r}: expected one of {ENGINES}")
    # Nothing set but VAR_DIR, as after `make run` on a fresh machine: SQLite in
    # VAR_DIR/db.sqlite3 and Django's in-process cache in every worker.
    env = app_env(database_url=None, redis_url=None, production=production, **extra)
    server: Gunicorn | None = None
    try:
        migrate(env)
        server = Gunicorn(env, workers=workers)
        server.start()
        yield App("sqlite", server, sqlite_path=Path(env["VAR_DIR"]) / "db.sqlite3")
    finally:
        if server:
            server.stop()
        shutil.rmtree(env["VAR_DIR"], ignore_errors=True)
