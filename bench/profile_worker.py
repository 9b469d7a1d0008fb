"""Where a gunicorn worker's CPU goes for one endpoint: py-spy on the real server under wrk.

Run: backend/.venv/bin/python bench/profile_worker.py [--path /api/today | --put] [--seconds 8]

Not part of `make bench`: it needs py-spy (`pip install py-spy` anywhere, then PY_SPY=<path>
or py-spy on PATH) and permission to ptrace the worker (root, or CAP_SYS_PTRACE). It reuses
bench_api.py's database `habits_bench` (run that first), starts gunicorn with one worker and
one thread, drives it with one wrk connection and samples only on-CPU stacks (no --idle), so
the percentages are shares of the worker's CPU time. Prints Markdown: the inclusive share of
the frames that make up a request.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import bench_api

# (label, regular expression matched against a py-spy frame "function (file:line)")
ROWS = [
    ("gunicorn: event loop, accept, poll (main thread)", r"^ThreadWorker\.run "),
    ("gunicorn: parse the request, write the response", r"^(Parser\.__next__|Response\.write) "),
    ("Django: whole WSGI request", r"^WSGIHandler\.__call__ "),
    ("  session load (cached_db: Redis GET)", r"^SessionStore\.load "),
    ("  user load (one SELECT; users/backends.py)", r"^SessionUserBackend\.get_user "),
    ("  auth total (session + user + hash check)", r"^get_user \(django/contrib/auth/__init__"),
    ("  ninja: parse parameters", r"^Operation\._get_values "),
    ("  view: /api/today", r"^today \(habits/api_reading"),
    ("  view: PUT entry (habits.services.entry_put)", r"^entry_put \(habits/services"),
    ("    user_touch", r"^user_touch "),
    ("  all SQL through Django's cursor", r"^CursorWrapper\.execute "),
    ("  all Redis commands", r"^Redis\.execute_command "),
    ("  COMMIT", r"^BaseDatabaseWrapper\.commit "),
]


def py_spy() -> str:
    found = os.environ.get("PY_SPY") or shutil.which("py-spy")
    if not found:
        sys.exit("py-spy not found: pip install py-spy, then set PY_SPY or put it on PATH")
    return found


def frame_name(frame: str) -> str:
    name = re.sub(r" \(/.*?site-packages/", " (", frame)
    name = re.sub(r" \(" + re.escape(str(bench_api.BACKEND)) + "/", " (", name)
    return re.sub(r":\d+\)$", ")", name)


def shares(raw: Path) -> tuple[int, dict[str, int]]:
    """Samples in total, and per frame name the samples whose stack contains it (once)."""
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, count = line.rsplit(" ", 1)
        total += int(count)
        for name in {frame_name(frame) for frame in stack.split(";")}:
            inclusive[name] += int(count)
    return total, inclusive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--path", default="/api/today")
    parser.add_argument("--put", action="store_true", help="profile the check-in PUT instead")
    parser.add_argument("--seconds", type=float, default=8)
    args = parser.parse_args()
    spy = py_spy()

    tmp = Path(tempfile.mkdtemp(prefix="habits-profile-"))
    bench_api.configure_env(tmp)
    import django

    django.setup()
    import seed
    from habits.models import Habit

    habits = list(Habit.objects.filter(owner__email=seed.EMAIL))
    if not habits:
        sys.exit("no benchmark data: run bench/bench_api.py first")
    today = dt.datetime.now(dt.UTC).date()
    raw = tmp / "profile.txt"
    with bench_api.server(1, 1, "WARNING", tmp / "gunicorn.log") as port:
        env = bench_api.login(port, seed.EMAIL, seed.PASSWORD)
        script, path = ("wrk_put.lua", "/api/habits") if args.put else ("wrk_get.lua", args.path)
        if args.put:
            env = bench_api.put_env_for(habits, today, env)
        bench_api.wrk(port, path, script, env, connections=1, seconds=2, label="warm")
        pids = subprocess.run(["pgrep", "-f", "gunicorn -c gunicorn.conf.py"],  # noqa: S607
                              capture_output=True, text=True, check=False).stdout.split()  # fmt: skip
        worker = max(int(pid) for pid in pids)  # the arbiter starts first, its worker after
        recorder = subprocess.Popen(  # noqa: S603 - the py-spy the caller pointed at
            [spy, "record", "-p", str(worker), "-d", str(int(args.seconds)), "-r", "500",
             "-f", "raw", "-o", str(raw)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        run = bench_api.wrk(port, path, script, env, connections=1,
                            seconds=args.seconds + 1, label="profiled")  # fmt: skip
        recorder.wait()
    total, inclusive = shares(raw)
    label = "PUT /api/habits/{id}/entries/{date}" if args.put else f"GET {args.path}"
    print(f"### Worker CPU for {label} (py-spy, 1 worker x 1 thread, 1 wrk connection)\n")
    print(f"{run.rps:.0f} req/s, p50 {run.p50:.2f} ms; {total} on-CPU samples at 500 Hz.\n")
    print("| part | share of the worker's CPU |")
    print("| --- | ---: |")
    for row, pattern in ROWS:
        samples = sum(n for name, n in inclusive.items() if re.search(pattern, name))
        if samples:
            print(f"| {row} | {100 * samples / total:.1f} % |")


if __name__ == "__main__":
    main()
