"""`make run`'s supervisor: web server, db_worker and scheduler start together and stop together."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.tests.helpers import BACKEND

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.25)


def health(port: int) -> dict[str, Any] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as response:
            return dict(json.loads(response.read()))
    except OSError:
        return None


class Running:
    def __init__(self, process: subprocess.Popen[str], port: int, env: dict[str, str]) -> None:
        self.process = process
        self.port = port
        self.env = env

    def children(self) -> dict[str, int]:
        """The supervisor's direct children by role."""
        roles = {}
        for pid in descendants(self.process.pid):
            try:
                parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if parent != self.process.pid:
                continue
            for role, marker in (
                ("web", "gunicorn"),
                ("worker", "db_worker"),
                ("scheduler", "run_scheduler"),
            ):
                if marker in cmdline:
                    roles[role] = pid
        return roles


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    environ.pop("DATABASE_URL", None)
    environ.pop("REDIS_URL", None)
    port = _free_port()
    environ.update(
        VAR_DIR=str(tmp_path),
        PORT=str(port),
        WEB_CONCURRENCY="1",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=BACKEND,
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(
        [sys.executable, "-m", "core.supervise", "--", gunicorn, "-c", "gunicorn.conf.py"],
        cwd=BACKEND,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    run = Running(process, port, environ)
    try:
        wait_until(lambda: len(run.children()) == 3, 30, "three children")
        wait_until(lambda: health(port) is not None, 60, "the web server")
        yield run
    finally:
        everything = descendants(process.pid)
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)
        for pid in everything:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def _enqueue(run: Running) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup()\n"
            "from core.tests.worker_tasks import add; print(add.enqueue(20, 22).id)",
        ],
        cwd=BACKEND,
        env=run.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def _result(run: Running, task_id: str) -> str:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup()\n"
            "from django_tasks import default_task_backend as b\n"
            f"r = b.get_result('{task_id}'); print(r.status, r.return_value if r.is_finished else '')",
        ],
        cwd=BACKEND,
        env=run.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()


def test_it_serves_runs_queued_tasks_and_reports_the_worker_ok(running: Running) -> None:
    wait_until(
        lambda: (health(running.port) or {}).get("worker", {}).get("status") == "ok",
        60,
        "the scheduler's first heartbeat",
    )
    task_id = _enqueue(running)
    wait_until(
        lambda: _result(running, task_id) == "SUCCESSFUL 42", 30, "the worker to run the task"
    )


def test_sigterm_stops_every_process_it_started(running: Running) -> None:
    everything = descendants(running.process.pid)
    assert len(everything) >= 4  # gunicorn's master and worker, db_worker, the scheduler

    running.process.send_signal(signal.SIGTERM)

    running.process.wait(timeout=40)
    wait_until(lambda: not any(alive(pid) for pid in everything), 10, "no process left")


def test_a_worker_that_dies_is_started_again_and_the_site_stays_up(running: Running) -> None:
    worker = running.children()["worker"]

    os.kill(worker, signal.SIGKILL)

    wait_until(lambda: running.children().get("worker") not in (None, worker), 20, "a new worker")
    assert running.process.poll() is None
    assert health(running.port) is not None


def test_when_the_web_server_exits_everything_stops(running: Running) -> None:
    everything = descendants(running.process.pid)

    os.kill(running.children()["web"], signal.SIGTERM)

    assert running.process.wait(timeout=40) == 0
    wait_until(lambda: not any(alive(pid) for pid in everything), 10, "no process left")


def test_children_stop_even_when_the_supervisor_is_killed_outright(running: Running) -> None:
    children = running.children()

    running.process.kill()  # SIGKILL: no handler runs; the children's death signal does
    running.process.wait(timeout=10)

    wait_until(lambda: not any(alive(pid) for pid in children.values()), 30, "no child left")


def test_make_devs_reloading_processes_all_stop_on_sigterm(tmp_path: Path) -> None:
    # `make dev`: runserver, db_worker and run_scheduler each under Django's autoreloader,
    # a parent process that restarts a child on code changes: both generations must go.
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    environ.pop("DATABASE_URL", None)
    environ.pop("REDIS_URL", None)
    port = _free_port()
    environ.update(VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=BACKEND, env=environ, capture_output=True, text=True, timeout=180, check=True,
    )  # fmt: skip
    web = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [sys.executable, "-m", "core.supervise", "--reload", "--", *web],
        cwd=BACKEND, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    everything: set[int] = set()
    try:
        # Each of the three reloader parents has started its child.
        wait_until(lambda: len(descendants(process.pid)) >= 6, 90, "three reloaded children")
        wait_until(lambda: health(port) is not None, 60, "the development server")
        everything = descendants(process.pid)

        process.send_signal(signal.SIGTERM)

        process.wait(timeout=40)
        wait_until(lambda: not any(alive(pid) for pid in everything), 15, "no process left")
    finally:
        if process.poll() is None:
            process.kill()
        for pid in everything:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
