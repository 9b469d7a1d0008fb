"""Bearer token against session cookie on GET /api/today, same server, same run (issue 16).

Run: backend/.venv/bin/python bench/bench_tokens.py   (or `make bench`; about 2 minutes)

Seeds the API benchmark's user (20 habits x 730 days) into a database of its own
(`habits_bench_tokens`, so it never races bench_api.py's), logs in for a session and creates a
write token for the same user, starts gunicorn as shipped and alternates wrk runs of the two
on /api/today: at 4 connections (latency) and at 16 (throughput). The token's per-minute limit
is raised out of the way, but the throttle's counter still runs on every request, as in
production. Target: the bearer p50 within 10 % of the session p50. Prints Markdown; exits 1
when the target is missed.

`--embedded` runs the same comparison on the embedded default (SQLite, the in-process cache,
sessions and throttle counters in files under VAR_DIR), where the counter is a file write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent / "backend"), str(BENCH)]

import bench_api
from bench_api import Run, server, wrk

TARGET_RATIO = 1.10


def median(runs: list[Run], key: str) -> float:
    return float(statistics.median(getattr(r, key) for r in runs))


def compare(
    port: int, session_env: dict[str, str], token_env: dict[str, str], *, connections: int,
    seconds: float, rounds: int,
) -> tuple[list[Run], list[Run]]:  # fmt: skip
    session: list[Run] = []
    bearer: list[Run] = []
    for i in range(rounds):
        # Alternate which goes first, so that a drift in the shared machine's load hits both.
        order = [("session", session_env), ("bearer", token_env)]
        for name, env in order if i % 2 == 0 else order[::-1]:
            script = "wrk_get.lua" if name == "session" else "wrk_get_bearer.lua"
            run = wrk(port, "/api/today", script, env, connections=connections, seconds=seconds,
                      label=name)  # fmt: skip
            (session if name == "session" else bearer).append(run)
    return session, bearer


def row(case: str, runs: list[Run]) -> str:
    return (
        f"| {case} | {median([*runs], 'rps'):.0f} | {median(runs, 'p50'):.2f} "
        f"| {median(runs, 'p90'):.2f} | {median(runs, 'p99'):.2f} "
        f"| {sum(r.errors for r in runs)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--seconds", type=float, default=4, help="length of each wrk run"
    )
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating rounds per case"
    )
    parser.add_argument("--embedded", action="store_true", help="SQLite + file cache")
    parser.add_argument("--workers", default="4x2", help="gunicorn workers x threads")
    args = parser.parse_args()
    workers, threads = (int(n) for n in args.workers.split("x"))

    tmp = Path(tempfile.mkdtemp(prefix="habits-bench-tokens-"))
    logfile = tmp / "gunicorn.log"
    bench_api.DB_NAME = "habits_bench_tokens"
    bench_api.configure_env(tmp)
    # Out of the way of the benchmark, but still counted on every request.
    os.environ["API_TOKEN_REQUESTS_PER_MINUTE"] = "100000000"
    if args.embedded:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.pop("REDIS_URL", None)
    else:
        bench_api.recreate_database()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection
    from django.utils import timezone
    from integrations.tokens import api_token_create

    import seed

    today = dt.datetime.now(dt.UTC).date()
    user, habits = seed.seed_main_user(today)
    if not args.embedded:
        seed.settle()
    _, token = api_token_create(
        user=user, name="bench", scope="write", expires_at=None, now=timezone.now()
    )
    connection.close()

    engine = (
        "SQLite + file cache (embedded default)"
        if args.embedded
        else "PostgreSQL + Redis"
    )
    print(f"## Bearer token vs session cookie (bench/bench_tokens.py, {engine})\n")
    print(f"- data: 1 user, {len(habits)} habits, {seed.DAYS} days; server: gunicorn "
          f"{workers} workers x {threads} threads, LOG_LEVEL=WARNING")  # fmt: skip
    print(f"- load: wrk -t2 on GET /api/today, {args.rounds} alternating rounds of "
          f"{args.seconds:g} s per case, medians shown; loadavg before: "
          f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])} (shared machine)")  # fmt: skip
    sys.stdout.flush()

    with server(workers, threads, "WARNING", logfile) as port:
        session_env = bench_api.login(port, seed.EMAIL, seed.PASSWORD)
        token_env = {"BENCH_TOKEN": token}
        # Warm both paths: connection pools, the cached Today body, the token's last use.
        for script, env in (
            ("wrk_get.lua", session_env),
            ("wrk_get_bearer.lua", token_env),
        ):
            wrk(port, "/api/today", script, env, connections=4, seconds=2, label="warm")
        started = time.perf_counter()
        s4, b4 = compare(port, session_env, token_env, connections=4, seconds=args.seconds,
                         rounds=args.rounds)  # fmt: skip
        s16, b16 = compare(port, session_env, token_env, connections=16,
                           seconds=args.seconds, rounds=max(3, args.rounds // 2))  # fmt: skip
        elapsed = time.perf_counter() - started

    ratio = median(b4, "p50") / median(s4, "p50")
    throughput = median(b16, "rps") / median(s16, "rps")
    errors = sum(r.errors for r in [*s4, *b4, *s16, *b16])
    met = ratio <= TARGET_RATIO and errors == 0
    print("\n| case | req/s | p50 ms | p90 ms | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(row("session cookie, 4 conn", s4))
    print(row("bearer token, 4 conn", b4))
    print(row("session cookie, 16 conn", s16))
    print(row("bearer token, 16 conn", b16))
    print(f"\nBearer / session p50 at 4 connections: **{ratio:.3f}** (target <= "
          f"{TARGET_RATIO:.2f}: {'met' if met else 'MISSED'}); throughput at 16 connections: "
          f"{throughput:.3f} ({elapsed:.0f} s of runs).")  # fmt: skip
    for name, runs in (("session, 4 conn", s4), ("bearer, 4 conn", b4)):
        print(f"{name}, every round: "
              + "; ".join(f"p50 {r.p50:.2f} ms, {r.rps:.0f} req/s" for r in runs) + ".")  # fmt: skip
    if not met:
        sys.exit(1)


if __name__ == "__main__":
    main()
