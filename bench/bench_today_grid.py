"""Today with the week grid and groups, against the code before it, and the overview from cold.

Run: backend/.venv/bin/python bench/bench_today_grid.py   (part of `make bench`; about 4 minutes)

Issue 15 asks that /api/today, now carrying 7 days per habit and the groups' headers, keeps its
p50 / p99 under 10 / 50 ms at 4 connections for 20 habits x 2 years, and its saturated
throughput at or above the figure before the change; and that the overview of 50 habits x 1
year answers in under 50 ms at p50 from a cold cache, in the same run.

"Before" is measured, not remembered: the backend of the baseline commit (`--baseline`, by
default the last commit before the grid) is exported with `git archive` into a temporary
directory (the working tree is not touched), migrated into its own database and seeded with
the same 20 habits x 730 days; both servers run side by side (gunicorn's default 4 x 2 each,
PostgreSQL + Redis) and wrk alternates between them, so both see the same machine. The
overview user (50 habits x 365 days, in 5 groups) lives in the current code's database; before
each timed overview request its cached body is deleted from Redis.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BACKEND = REPO / "backend"
PY = BACKEND / ".venv" / "bin" / "python"
# BENCH_GRID_DB names the databases (dropped and made again), so two runs never share them.
DB_NEW = os.environ.get("BENCH_GRID_DB", "habits_bench_grid")
DB_BASE = f"{DB_NEW}_base"
# The commit before Today's grid (issue 15): the figure the change must not fall below.
BASELINE = "5306a66^"
OVERVIEW_EMAIL = "overview@example.com"
OVERVIEW_HABITS = 50
OVERVIEW_DAYS = 365
OVERVIEW_GROUPS = 5
TARGET_OVERVIEW_P50_MS = 50.0
IN_PROCESS_RUNS = 21


def _paths(root: Path) -> None:
    sys.path[:0] = [str(root), str(BENCH)]


def seed_overview_user(today: dt.date) -> int:
    """50 habits of the benchmark's mix, a year each, in five groups; returns entries."""
    import seed
    from django.contrib.auth.hashers import make_password

    from habits.models import Entry, Group, Habit
    from users.models import User

    rng = random.Random(11)  # noqa: S311 - reproducible data
    user = User.objects.create(email=OVERVIEW_EMAIL, password=make_password(seed.PASSWORD))
    groups = Group.objects.bulk_create(
        Group(owner=user, name=f"group {n}", position=n) for n in range(OVERVIEW_GROUPS)
    )
    start = today - dt.timedelta(days=OVERVIEW_DAYS - 1)
    habits = []
    for i in range(OVERVIEW_HABITS):
        habit = seed._habit(user, i, start)
        habit.group = groups[i % OVERVIEW_GROUPS]
        habits.append(habit)
    habits = Habit.objects.bulk_create(habits)
    entries = []
    for habit in habits:
        for offset in range(OVERVIEW_DAYS):
            day = start + dt.timedelta(days=offset)
            roll = rng.random()
            if habit.kind == "measurable":
                if roll < 0.85:
                    entries.append(Entry(habit=habit, date=day, value=Decimal(rng.randint(0, 6))))
            elif roll < 0.75:
                entries.append(Entry(habit=habit, date=day, status="done"))
            elif roll < 0.83:
                entries.append(Entry(habit=habit, date=day, status="skipped"))
    Entry.objects.bulk_create(entries, batch_size=5000)
    return len(entries)


def group_main_user() -> None:
    """Put the heavy user's 20 habits in 4 groups, so Today renders its group headers too."""
    import seed

    from habits.models import Group, Habit
    from users.models import User

    user = User.objects.get(email=seed.EMAIL)
    groups = Group.objects.bulk_create(Group(owner=user, name=f"g{n}", position=n) for n in range(4))
    for i, habit in enumerate(Habit.objects.filter(owner=user).order_by("id")):
        habit.group = groups[i % 4]
        habit.save(update_fields=["group"])


def seed_baseline(root: Path) -> None:
    """In a subprocess with the baseline's backend on sys.path: migrate and seed its database."""
    _paths(root)
    import django

    django.setup()
    from django.core.management import call_command

    import seed

    call_command("migrate", verbosity=0, interactive=False)
    seed.seed_main_user(dt.datetime.now(dt.UTC).date())
    seed.settle()


def export_baseline(rev: str, into: Path) -> Path:
    """The baseline's backend as `git archive` writes it; the working tree is not touched."""
    into.mkdir(parents=True)
    archive = subprocess.run(  # noqa: S603
        ["git", "archive", "--format=tar", rev, "backend"],  # noqa: S607
        cwd=REPO, capture_output=True, check=True,
    ).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)  # noqa: S607
    return into / "backend"


# gunicorn master pid by port, so that the CPU its workers spend can be read from /proc.
MASTERS: dict[int, int] = {}


def workers_cpu_seconds(port: int) -> float:
    """utime + stime of the gunicorn workers serving `port` (the machine is shared: only ours)."""
    ticks = os.sysconf("SC_CLK_TCK")
    master = MASTERS[port]
    total = 0.0
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in children:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


@contextlib.contextmanager
def server_at(root: Path, env: dict[str, str], logfile: Path) -> Iterator[int]:
    """gunicorn as shipped (gunicorn.conf.py's default workers) serving the code at `root`."""
    import bench_api

    port = bench_api.free_port()
    env = dict(env, HOST="127.0.0.1", PORT=str(port), PYTHONPATH=f"{root}{os.pathsep}{BENCH}")
    env.pop("WEB_CONCURRENCY", None)
    env.pop("GUNICORN_THREADS", None)
    with logfile.open("ab") as log:
        proc = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
            [str(bench_api.VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=root, env=env, stdout=log, stderr=log,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if bench_api.request(port, "GET", "/health/")[0] == 200:
                        break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start; see {logfile}")
                time.sleep(0.2)
            MASTERS[port] = proc.pid
            yield port
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def timed_get(port: int, path: str, cookie: str) -> tuple[int, float, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": cookie, "Accept": "application/json"})
        response = conn.getresponse()
        body = response.read()
        return response.status, (time.perf_counter() - started) * 1000, len(body)
    finally:
        conn.close()


def drop_overview_cache(prefix: str) -> int:
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    dropped = 0
    # One key per DEL: the keys of one person share a slot anyway, but no command needs two.
    for key in client.scan_iter(match=f"{prefix}:*overview:*", count=1000):
        dropped += client.delete(key)
    return dropped


def overview_in_process(today: dt.date, runs: int = IN_PROCESS_RUNS) -> tuple[float, float]:
    """Median CPU and wall ms of the cold overview's own work in this process (no HTTP, cache).

    What the endpoint does after authentication: its three queries, the rules, the JSON.
    """
    from habits.api_overview import _overview_json
    from users.models import User

    user = User.objects.get(email=OVERVIEW_EMAIL)
    first = today - dt.timedelta(days=OVERVIEW_DAYS - 1)
    cpu, wall = [], []
    for _ in range(runs):
        drop_overview_cache(os.environ["CACHE_KEY_PREFIX"])
        c, w = time.process_time(), time.perf_counter()
        _overview_json(user, first, today, today)
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:  # noqa: PLR0915 - one linear script, read top to bottom
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10, help="length of each timed wrk run")
    parser.add_argument("--baseline", default=BASELINE, help="git revision to compare with")
    parser.add_argument("--overview-requests", type=int, default=40)
    parser.add_argument("--seed-baseline", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_baseline:
        seed_baseline(args.seed_baseline)
        return

    _paths(BACKEND)
    import bench_api

    tmp = Path(tempfile.mkdtemp(prefix="habits-bench-grid-"))
    logfile = tmp / "gunicorn.log"
    bench_api.configure_env(tmp)
    prefix = os.environ["CACHE_KEY_PREFIX"]
    env_new = dict(os.environ, DATABASE_URL=f"{bench_api.PG}/{DB_NEW}")
    env_base = dict(
        os.environ, DATABASE_URL=f"{bench_api.PG}/{DB_BASE}", CACHE_KEY_PREFIX=f"{prefix}base"
    )
    import psycopg

    with psycopg.connect(f"{bench_api.PG}/postgres", autocommit=True) as conn:
        for name in (DB_NEW, DB_BASE):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    rev = subprocess.run(  # noqa: S603
        ["git", "rev-parse", "--short", args.baseline], cwd=REPO,  # noqa: S607
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    base_root = export_baseline(rev, tmp / "baseline")
    subprocess.run(  # noqa: S603
        [str(PY), __file__, "--seed-baseline", str(base_root)],
        env=dict(env_base, PYTHONPATH=f"{base_root}{os.pathsep}{BENCH}"), check=True,
    )  # fmt: skip

    os.environ["DATABASE_URL"] = env_new["DATABASE_URL"]
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    import seed

    call_command("migrate", verbosity=0, interactive=False)
    today = dt.datetime.now(dt.UTC).date()
    _, habits = seed.seed_main_user(today)
    group_main_user()
    overview_entries = seed_overview_user(today)
    seed.settle()
    in_process = overview_in_process(today)
    connection.close()

    print("## Today's week grid and the overview (bench/bench_today_grid.py)\n")
    print(bench_api.machine())
    print(f"- baseline: git {rev} (`git archive`, its own database, same seed), served beside "
          "the current code; both gunicorn 4 x 2 (gunicorn.conf.py's default), LOG_LEVEL=WARNING, "
          "PostgreSQL + Redis")  # fmt: skip
    print(f"- Today: 1 user, {len(habits)} habits x {seed.DAYS} days (in 4 groups for the "
          f"current code); overview: 1 user, {OVERVIEW_HABITS} habits x {OVERVIEW_DAYS} days in "
          f"{OVERVIEW_GROUPS} groups, {overview_entries} entries")  # fmt: skip
    sys.stdout.flush()

    seconds = args.seconds / 2
    with server_at(base_root, env_base, logfile) as base, server_at(BACKEND, env_new, logfile) as new:
        auth_base = bench_api.login(base, seed.EMAIL, seed.PASSWORD)
        auth_new = bench_api.login(new, seed.EMAIL, seed.PASSWORD)
        auth_overview = bench_api.login(new, OVERVIEW_EMAIL, seed.PASSWORD)
        for port, auth in ((base, auth_base), (new, auth_new)):
            bench_api.wrk(port, "/api/today", "wrk_get.lua", auth, connections=4, seconds=2,
                          label="warm")  # fmt: skip
        bench_api.wrk(new, "/api/bench/constant", "wrk_get.lua", auth_new, connections=4,
                      seconds=1, label="warm")  # fmt: skip
        sizes = {
            "before": timed_get(base, "/api/today", auth_base["BENCH_COOKIE"])[2],
            "after": timed_get(new, "/api/today", auth_new["BENCH_COOKIE"])[2],
        }

        # At 4 connections: three alternating rounds each, new connections every time.
        four: dict[str, list[bench_api.Run]] = {"before": [], "after": []}
        for _ in range(3):
            for name, port, auth in (("before", base, auth_base), ("after", new, auth_new)):
                four[name].append(bench_api.wrk(port, "/api/today", "wrk_get.lua", auth,
                                                connections=4, seconds=seconds, label=name))  # fmt: skip
        # Saturated: constant, before, after, three rounds, the median round of each.
        sat: dict[str, list[bench_api.Run]] = {"constant": [], "before": [], "after": []}
        for _ in range(3):
            for name, port, path, auth in (
                ("constant", new, "/api/bench/constant", auth_new),
                ("before", base, "/api/today", auth_base),
                ("after", new, "/api/today", auth_new),
            ):
                sat[name].append(bench_api.busy(lambda p=port, pa=path, a=auth: bench_api.wrk(
                    p, pa, "wrk_get.lua", a, connections=16, seconds=seconds, label=pa)))  # fmt: skip

        # The overview from a cold cache: its cached body is deleted before every request.
        year = f"/api/overview?from={today - dt.timedelta(days=OVERVIEW_DAYS - 1)}&to={today}"
        cookie = auth_overview["BENCH_COOKIE"]
        # Every worker thread's database connection and first-request imports, not the cache:
        # gunicorn's 4 x 2 threads, twice over (with 3, the first timed requests still paid
        # for connecting, in the mean CPU per request below).
        for _ in range(16):
            drop_overview_cache(prefix)
            assert timed_get(new, year, cookie)[0] == 200
        cold: list[float] = []
        cpu = 0.0
        for _ in range(args.overview_requests):
            drop_overview_cache(prefix)
            before_cpu = workers_cpu_seconds(new)
            status, ms, overview_bytes = timed_get(new, year, cookie)
            cpu += workers_cpu_seconds(new) - before_cpu
            assert status == 200, status
            cold.append(ms)
        cpu_ms = cpu * 1000 / len(cold)
        warm = [timed_get(new, year, cookie)[1] for _ in range(20)]

    def median(runs: list[bench_api.Run], key: str) -> bench_api.Run:
        return sorted(runs, key=lambda r: getattr(r, key))[len(runs) // 2]

    before4, after4 = median(four["before"], "p50"), median(four["after"], "p50")
    before_sat, after_sat = median(sat["before"], "rps"), median(sat["after"], "rps")
    constant = median(sat["constant"], "rps")
    latency_ok = bench_api.check(after4) == "met"
    throughput_ok = after_sat.rps >= before_sat.rps and after_sat.errors == 0
    cold_p50 = statistics.median(cold)
    overview_ok = cold_p50 < TARGET_OVERVIEW_P50_MS
    verdict = "met" if throughput_ok else "MISSED"
    print("\n### GET /api/today: before and after the grid, same run\n")
    print(bench_api.table([
        (f"before ({rev}), 4 conn, {sizes['before']} B", before4, bench_api.check(before4)),
        (f"after (grid + groups), 4 conn, {sizes['after']} B", after4, bench_api.check(after4)),
        ("before, 16 conn (saturated)", before_sat, f"ratio {before_sat.rps / constant.rps:.2f}"),
        ("after, 16 conn (saturated)", after_sat,
         f"{after_sat.rps / before_sat.rps:.2f} x before: {verdict}"),
        ("constant JSON view, 16 conn (saturated)", constant, "ceiling"),
    ]))  # fmt: skip
    for name, runs in four.items():
        print(f"\n4 connections, {name}, the three rounds: "
              + "; ".join(f"p50 {r.p50:.2f} ms, p99 {r.p99:.2f} ms, {r.rps:.0f} req/s"
                          for r in runs) + ".")  # fmt: skip
    for name, runs in sat.items():
        print(f"Saturated rounds, {name}: "
              + "; ".join(f"{r.rps:.0f} req/s on {r.cores:.2f} cores" for r in runs) + ".")  # fmt: skip
    ranked = sorted(cold)

    def pct(p: float) -> float:  # nearest rank: a measured request, never extrapolated
        return ranked[max(0, min(len(ranked) - 1, round(p / 100 * len(ranked)) - 1))]

    print("\n### GET /api/overview, a year of 50 habits, cold cache\n")
    print("| case | requests | p50 ms | p90 ms | p99 ms | max ms | body | target |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    print(f"| cold (body deleted from Redis before each) | {len(cold)} | {cold_p50:.1f} | "
          f"{pct(90):.1f} | {pct(99):.1f} | {max(cold):.1f} | {overview_bytes} B | "
          f"p50 < {TARGET_OVERVIEW_P50_MS:g} ms: {'met' if overview_ok else 'MISSED'} |")  # fmt: skip
    print(f"| warm (cached body) | {len(warm)} | {statistics.median(warm):.1f} | | | "
          f"{max(warm):.1f} | | |")  # fmt: skip
    print("\nSequential requests on one connection each (Python http.client), timed from the "
          "request to the last byte of the body. CPU the server's gunicorn workers spent per "
          f"cold request (from /proc, {os.sysconf('SC_CLK_TCK')} ticks a second, so about "
          f"±{1000 / os.sysconf('SC_CLK_TCK') / len(cold) ** 0.5:.0f} ms): **{cpu_ms:.1f} ms**; "
          "PostgreSQL's share is not in it. In-process (the view's work without HTTP, session "
          f"and cache, {IN_PROCESS_RUNS} runs, median): **{in_process[0]:.1f} ms CPU**, "
          f"{in_process[1]:.1f} ms wall. Load average after the run: "
          f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])}.")  # fmt: skip
    sys.stdout.flush()
    if not (latency_ok and throughput_ok and overview_ok):
        sys.exit(1)


if __name__ == "__main__":
    main()
