"""Run the web server, the task worker and the minute scheduler together; stop them together.

    python -m core.supervise [--reload] -- <web server command ...>

`make run` and `make dev` use it (docs/decisions/0017-background-worker.md), so one command
starts everything and Ctrl-C or SIGTERM stops everything:
- the web server is the reason to run: when it exits, the others are stopped and its exit
  status is ours;
- the worker and the scheduler are restarted when they exit (with a back-off of 1 s doubling
  to 30 s), because `db_worker` exits on a database error such as a PostgreSQL restart, which
  must not take the site down with it;
- on SIGINT, SIGTERM or SIGHUP each child gets SIGTERM (the worker finishes the task it is
  running), and whatever is still running after GRACE seconds gets SIGKILL;
- on Linux each child also gets SIGTERM if this process dies without the chance to stop it
  (SIGKILL, a crash): no orphan keeps sending reminders after `make run` is gone.

Standard library only, and no Django: it is a parent of processes, not part of the app.
"""

from __future__ import annotations

import argparse
import ctypes
import logging
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import FrameType

logger = logging.getLogger("habits.supervise")

GRACE = 25.0  # above gunicorn's graceful_timeout (10 s) and a reminder send's time
POLL = 0.2
BACKOFF_MAX = 30.0
STABLE_AFTER = 60.0  # a helper that ran this long restarts without delay after an exit
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> Callable[[], None] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None

    def preexec() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)

    return preexec


@dataclass
class Child:
    name: str
    argv: list[str]
    restart: bool
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    backoff: float = 1.0
    restart_at: float | None = None
    exits: list[int] = field(default_factory=list)

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, preexec_fn=_die_with_parent())  # noqa: S603
        self.started_at = time.monotonic()
        self.restart_at = None
        logger.info("started %s (pid %d): %s", self.name, self.process.pid, " ".join(self.argv))

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class Supervisor:
    def __init__(self, children: Sequence[Child], *, grace: float = GRACE) -> None:
        self.children = list(children)
        self.grace = grace
        self.stopping = False

    def request_stop(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping:
            return
        logger.info("received %s: stopping everything", signal.Signals(signum).name)
        self.stopping = True

    def run(self) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self.request_stop)
        for child in self.children:
            child.start()
        status = 0
        while not self.stopping:
            time.sleep(POLL)
            for child in self.children:
                finished = self._check(child)
                if finished is not None:
                    status = finished
                    self.stopping = True
                    break
        self._stop_all()
        return status

    def _check(self, child: Child) -> int | None:
        """The exit status to end with when `child` ended for good, else None."""
        now = time.monotonic()
        if child.restart_at is not None:
            if now >= child.restart_at:
                child.start()
            return None
        assert child.process is not None
        code = child.process.poll()
        if code is None:
            return None
        child.exits.append(code)
        if not child.restart:
            logger.error("%s exited with status %d: stopping the others", child.name, code)
            # A signal's death (-15) becomes the shell's 128 + 15.
            return code if code >= 0 else 128 - code
        if now - child.started_at >= STABLE_AFTER:
            child.backoff = 1.0
        logger.error(
            "%s exited with status %d: restarting in %.0f s", child.name, code, child.backoff
        )
        child.restart_at = now + child.backoff
        child.backoff = min(BACKOFF_MAX, child.backoff * 2)
        return None

    def _stop_all(self) -> None:
        for child in self.children:
            if child.running():
                assert child.process is not None
                child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        while any(child.running() for child in self.children) and time.monotonic() < deadline:
            time.sleep(POLL)
        for child in self.children:
            if child.running():
                assert child.process is not None
                logger.warning("%s did not stop within %.0f s: killing it", child.name, self.grace)
                child.process.kill()
                child.process.wait()


def children_for(web: list[str], *, python: str, reload: bool) -> list[Child]:
    worker = [python, "manage.py", "db_worker", "--queue-name", "*", "--no-startup-delay"]
    scheduler = [python, "manage.py", "run_scheduler"]
    if reload:
        worker.append("--reload")
        scheduler.append("--reload")
    else:
        worker.append("--no-reload")
    return [
        Child("web", web, restart=False),
        Child("worker", worker, restart=True),
        Child("scheduler", scheduler, restart=True),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reload", action="store_true", help="restart on code changes")
    parser.add_argument("web", nargs=argparse.REMAINDER, help="-- then the web server command")
    args = parser.parse_args(argv)
    web = args.web[1:] if args.web[:1] == ["--"] else args.web
    if not web:
        parser.error("give the web server command after --")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    children = children_for(web, python=sys.executable, reload=args.reload)
    return Supervisor(children).run()


if __name__ == "__main__":
    sys.exit(main())
