"""Check-in PUT with one webhook endpoint against none, same server, same run (issue 16).

Run: backend/.venv/bin/python bench/bench_webhooks.py   (or `make bench`; about 2 minutes)

Seeds the API benchmark's user (20 habits x 730 days) into a database of its own
(`habits_bench_webhooks`), registers one endpoint taking `entry.updated`, starts gunicorn as
shipped and alternates wrk runs of `PUT /api/habits/{id}/entries/{date}` (bench/wrk_put.lua)
with the endpoint enabled and disabled (flipped in the database between runs, so every other
thing is equal). With it, each check-in also reads the endpoints, writes the outbox message and,
after the commit, queues the delivery task unless one is already waiting. No worker runs:
the figure is what the request pays; delivering is the worker's, elsewhere (the Lambda on
AWS). Target: the p50 at 4 connections with the endpoint within 20 % of the p50 without.
Prints Markdown; exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent / "backend"), str(BENCH)]

import bench_api
from bench_api import Run, server, wrk

TARGET_RATIO = 1.20


def median(runs: list[Run], key: str) -> float:
    return float(statistics.median(getattr(r, key) for r in runs))


def set_enabled(endpoint_id: int, enabled: bool) -> None:
    from django.db import connection
    from integrations.models import WebhookEndpoint

    WebhookEndpoint.objects.filter(pk=endpoint_id).update(enabled=enabled)
    connection.close()


def compare(
    port: int, env: dict[str, str], endpoint_id: int, *, connections: int, seconds: float,
    rounds: int,
) -> tuple[list[Run], list[Run]]:  # fmt: skip
    without: list[Run] = []
    with_one: list[Run] = []
    for i in range(rounds):
        # Alternate which goes first, so that a drift in the shared machine's load hits both.
        order = [(False, without), (True, with_one)]
        for enabled, runs in order if i % 2 == 0 else order[::-1]:
            set_enabled(endpoint_id, enabled)
            label = "with endpoint" if enabled else "without"
            runs.append(wrk(port, "/api/habits", "wrk_put.lua", env, connections=connections,
                            seconds=seconds, label=label))  # fmt: skip
    return without, with_one


def row(case: str, runs: list[Run]) -> str:
    return (
        f"| {case} | {median(runs, 'rps'):.0f} | {median(runs, 'p50'):.2f} "
        f"| {median(runs, 'p90'):.2f} | {median(runs, 'p99'):.2f} "
        f"| {sum(r.errors for r in runs)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=4, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per case")
    parser.add_argument("--workers", default="4x2", help="gunicorn workers x threads")
    args = parser.parse_args()
    workers, threads = (int(n) for n in args.workers.split("x"))

    tmp = Path(tempfile.mkdtemp(prefix="habits-bench-webhooks-"))
    logfile = tmp / "gunicorn.log"
    bench_api.DB_NAME = "habits_bench_webhooks"
    bench_api.configure_env(tmp)
    bench_api.recreate_database()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection
    from django_tasks_db.models import DBTaskResult
    from integrations.models import WebhookMessage
    from integrations.webhooks import webhook_create

    import seed

    today = dt.datetime.now(dt.UTC).date()
    user, habits = seed.seed_main_user(today)
    seed.settle()
    endpoint, _ = webhook_create(
        user=user, url="https://hooks.example.com/habits", events=["entry.updated"]
    )
    connection.close()

    print("## Check-in with a webhook endpoint vs none (bench/bench_webhooks.py, PostgreSQL + Redis)\n")
    print(f"- data: 1 user, {len(habits)} habits, {seed.DAYS} days, one endpoint taking "
          f"entry.updated; server: gunicorn {workers} workers x {threads} threads, "
          "LOG_LEVEL=WARNING, no worker running")  # fmt: skip
    print(f"- load: wrk -t2, PUT /api/habits/{{id}}/entries/{{date}} (wrk_put.lua), "
          f"{args.rounds} alternating rounds of {args.seconds:g} s per case, medians shown; "
          f"loadavg before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])} "
          "(shared machine)")  # fmt: skip
    sys.stdout.flush()

    with server(workers, threads, "WARNING", logfile) as port:
        env = bench_api.put_env_for(habits, today, bench_api.login(port, seed.EMAIL, seed.PASSWORD))
        for enabled in (False, True):
            set_enabled(endpoint.pk, enabled)
            wrk(port, "/api/habits", "wrk_put.lua", env, connections=4, seconds=2, label="warm")
        started = time.perf_counter()
        w4, e4 = compare(port, env, endpoint.pk, connections=4, seconds=args.seconds,
                         rounds=args.rounds)  # fmt: skip
        w16, e16 = compare(port, env, endpoint.pk, connections=16, seconds=args.seconds,
                           rounds=max(3, args.rounds // 2))  # fmt: skip
        elapsed = time.perf_counter() - started

    messages = WebhookMessage.objects.count()
    tasks = DBTaskResult.objects.filter(task_path="integrations.tasks.webhook_deliver").count()
    requests_with = sum(r.requests for r in [*e4, *e16])
    ratio = median(e4, "p50") / median(w4, "p50")
    throughput = median(e16, "rps") / median(w16, "rps")
    errors = sum(r.errors for r in [*w4, *e4, *w16, *e16])
    met = ratio <= TARGET_RATIO and errors == 0
    print("\n| case | req/s | p50 ms | p90 ms | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(row("no endpoint, 4 conn", w4))
    print(row("one endpoint, 4 conn", e4))
    print(row("no endpoint, 16 conn", w16))
    print(row("one endpoint, 16 conn", e16))
    print(f"\nWith / without p50 at 4 connections: **{ratio:.3f}** (target <= "
          f"{TARGET_RATIO:.2f}: {'met' if met else 'MISSED'}); throughput at 16 connections: "
          f"{throughput:.3f} ({elapsed:.0f} s of runs). Outbox messages written: {messages} "
          f"(check-ins with the endpoint: {requests_with}, plus warm-up); delivery tasks "
          f"queued: {tasks}.")  # fmt: skip
    for name, runs in (("without, 4 conn", w4), ("with, 4 conn", e4)):
        print(f"{name}, every round: "
              + "; ".join(f"p50 {r.p50:.2f} ms, {r.rps:.0f} req/s" for r in runs) + ".")  # fmt: skip
    if not met:
        sys.exit(1)


if __name__ == "__main__":
    main()
