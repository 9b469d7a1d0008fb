"""`make run` starts the web server, the task worker and the minute scheduler, and Ctrl-C or
SIGTERM stops every process it started (backend/core/supervise.py, ADR 0017).

The real command, as a self-hoster types it, on the embedded default (SQLite in VAR_DIR, no
Redis): it builds the web app, migrates, then serves. Ctrl-C is the terminal's SIGINT to the
whole foreground process group; SIGTERM is what a service manager sends to `make` alone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import record
from servers import BACKEND, REPO, free_port


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def session_members(sid: int) -> dict[int, str]:
    """Live processes of a session (make's, started with start_new_session), with commands."""
    members = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = _stat(int(entry.name))
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        # fields: state, ppid, pgrp, session, ...
        if int(fields[3]) == sid and fields[0] != "Z":
            members[int(entry.name)] = command
    return members


def health(port: int) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as answer:
            return dict(json.loads(answer.read()))
    except OSError:
        return {}


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
        time.sleep(0.5)
    return time.monotonic() - started


def _python(env: dict[str, str], code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=BACKEND, env=env, capture_output=True, text=True, timeout=60, check=True,
    ).stdout.strip()  # fmt: skip


def _stop_by_ctrl_c(make: subprocess.Popen[bytes]) -> None:
    os.killpg(make.pid, signal.SIGINT)


def _stop_by_sigterm(make: subprocess.Popen[bytes]) -> None:
    make.send_signal(signal.SIGTERM)


@pytest.mark.parametrize("stop", [_stop_by_ctrl_c, _stop_by_sigterm], ids=["ctrl-c", "sigterm"])
def test_make_run_serves_runs_tasks_and_leaves_no_process_when_stopped(
    stop: Callable[[subprocess.Popen[bytes]], None], tmp_path: Path
) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    env.update(VAR_DIR=str(tmp_path), PORT=str(port), HOST="127.0.0.1", WEB_CONCURRENCY="1")
    log = (tmp_path / "make-run.log").open("wb")
    make = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        started = wait_for(lambda: health(port).get("status") == "ok", 600, "the site")
        ticked = wait_for(
            lambda: health(port).get("worker", {}).get("status") == "ok", 90, "the heartbeat"
        )
        roles = " ".join(session_members(make.pid).values())
        for marker in ("gunicorn", "db_worker", "run_scheduler", "core.supervise"):
            assert marker in roles, marker

        env_django = {**env, "DJANGO_SETTINGS_MODULE": "config.settings"}
        task_id = _python(
            env_django, "from core.tests.worker_tasks import add; print(add.enqueue(2, 40).id)"
        )
        code = (
            "from django_tasks import default_task_backend as b\n"
            f"r = b.get_result('{task_id}'); print(r.status)"
        )
        ran = wait_for(lambda: _python(env_django, code) == "SUCCESSFUL", 30, "the task")

        before = session_members(make.pid)
        stop(make)
        make.wait(timeout=60)
        stopped = wait_for(lambda: not session_members(make.pid), 30, "every process to exit")
    finally:
        left = session_members(make.pid)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        log.close()
    assert not left, left
    record(
        f"make_run_{stop.__name__.removeprefix('_stop_by_')}",
        {
            "seconds_to_serve_after_build": round(started, 1),
            "seconds_to_first_heartbeat": round(ticked, 1),
            "seconds_for_a_queued_task_to_run": round(ran, 1),
            "processes_before_stop": len(before),
            "seconds_for_all_to_exit_after_make": round(stopped, 1),
            "make_status": make.returncode,
        },
    )
