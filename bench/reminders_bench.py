"""Reminders at scale: 10,000 people, 100,000 reminders, 20,000 of them due in the same minute.

Measures, on PostgreSQL, what `make run` runs:
1. the dispatcher, `reminders.tasks.dispatch_due_reminders`, finding the 20,000 due reminders
   and queueing their sends (target < 10 s), with EXPLAIN (ANALYZE) of its due query;
2. the worker, `manage.py db_worker` (as many processes as --workers, 1 by default like
   `make run`), sending them as Web Push messages to the push service stand-in
   (core/tests/push_service.py, in its own process, over HTTPS with a test CA), which checks
   each VAPID token and decrypts each message (target: all 20,000 delivered in < 60 s);
3. the worker's resident memory (VmRSS) against the number sent: it must not grow with it
   (target: the last sample at most 16 MiB above the one taken at 10 % sent).

Run: backend/.venv/bin/python bench/reminders_bench.py [--workers N]
Uses REMINDERS_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/
habits_bench_reminders), which it drops and creates again; REDIS_URL as set. Prints Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BACKEND = Path(__file__).resolve().parent.parent / "backend"
sys.path.insert(0, str(BACKEND))
DATABASE_URL = os.environ.get(
    "REMINDERS_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/habits_bench_reminders"
)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["LOG_LEVEL"] = "WARNING"
os.environ["CACHE_KEY_PREFIX"] = f"bench-reminders-{os.getpid()}"
VAR_DIR = tempfile.mkdtemp(prefix="bench-reminders-")
os.environ["VAR_DIR"] = VAR_DIR

PEOPLE = int(os.environ.get("REMINDERS_BENCH_PEOPLE", "10000"))  # smaller for profiling
HABITS_PER_PERSON = 5
REMINDERS_PER_HABIT = 2
DUE_PER_PERSON = 2  # 20,000 due in the same minute
TARGET_DISPATCH_S = 10.0
TARGET_SEND_S = 60.0
TARGET_RSS_GROWTH_MIB = 16.0
MAX_SEND_S = 1800  # stop waiting for the workers after this


def recreate_database() -> None:
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


# --- the push service stand-in, in its own process -----------------------------------------


def serve_push(connection: Any, server_pem: bytes, key_pem: bytes, app_key: str, n: int) -> None:
    import ssl

    from core.tests.push_service import PushService

    with tempfile.TemporaryDirectory() as directory:
        cert = Path(directory) / "cert.pem"
        key = Path(directory) / "key.pem"
        cert.write_bytes(server_pem)
        key.write_bytes(key_pem)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(cert), str(key))
        service = PushService(context, keep=False)
    connection.send(service.origin)
    connection.send([service.subscribe(app_key).to_json() for _ in range(n)])
    connection.recv()  # until the parent is done
    service.close()


def stand_in_stats(origin: str, ca_file: str) -> dict[str, int]:
    import json
    import ssl
    import urllib.request

    context = ssl.create_default_context(cafile=ca_file)
    with urllib.request.urlopen(f"{origin}/_stats", context=context, timeout=5) as response:  # noqa: S310
        return dict(json.loads(response.read()))


# --- seeding -----------------------------------------------------------------------------------


def seed(due_at: dt.datetime, subscriptions: list[dict[str, Any]]) -> None:
    from django.db import connection
    from habits.models import Habit
    from reminders.models import Reminder
    from reminders.models_push import PushSubscription
    from users.models import User

    users = User.objects.bulk_create(
        # "!" is Django's unusable password: these people never log in.
        [User(email=f"reminded{i}@example.com", password="!") for i in range(PEOPLE)],  # noqa: S106
        batch_size=2000,
    )
    start = due_at.date() - dt.timedelta(days=60)
    habits = Habit.objects.bulk_create(
        [
            Habit(owner=user, name=f"Habit {i} of person {n}", start_date=start, position=i)
            for n, user in enumerate(users)
            for i in range(HABITS_PER_PERSON)
        ],
        batch_size=5000,
    )
    reminders = []
    for index, habit in enumerate(habits):
        for r in range(REMINDERS_PER_HABIT):
            slot = (index % HABITS_PER_PERSON) * REMINDERS_PER_HABIT + r
            if slot < DUE_PER_PERSON:
                fire = due_at
            else:
                # Spread over the rest of the day, never in the due minute.
                fire = due_at + dt.timedelta(minutes=1 + (index * 7 + slot * 131) % 1438)
            reminders.append(
                Reminder(
                    habit=habit,
                    user_id=habit.owner_id,
                    time=fire.time().replace(second=0, microsecond=0),
                    next_fire_at=fire,
                    next_date=fire.date(),
                )
            )
    Reminder.objects.bulk_create(reminders, batch_size=5000)
    PushSubscription.objects.bulk_create(
        [
            PushSubscription(
                user=user,
                endpoint=s["endpoint"],
                p256dh=s["keys"]["p256dh"],
                auth=s["keys"]["auth"],
            )
            for user, s in zip(users, subscriptions, strict=True)
        ],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def due_query_plan(now: dt.datetime) -> str:
    from django.db import transaction
    from reminders.models import Reminder
    from reminders.tasks import BATCH, _locked

    class Rollback(Exception):
        pass

    plan = ""
    try:
        with transaction.atomic():
            queryset = _locked(
                Reminder.objects.filter(next_fire_at__lte=now)
                .select_related("habit", "user")
                .order_by("next_fire_at")
            )[:BATCH]
            plan = queryset.explain(analyze=True, buffers=True)
            raise Rollback
    except Rollback:
        pass
    return plan


# --- the worker ----------------------------------------------------------------------------------


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (and its waited-for children), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def run_workers(count: int, env: dict[str, str], origin: str, ca_file: str, total: int) -> Any:
    profile = os.environ.get("REMINDERS_BENCH_PROFILE")  # a path: cProfile the first worker
    command = [
        sys.executable,
        *(["-m", "cProfile", "-o", profile] if profile else []),
        "manage.py",
        "db_worker",
        "--queue-name",
        "*",
        "--no-startup-delay",
        "--batch",
        "--interval",
        "0.1",
    ]
    started = time.perf_counter()
    log = (Path(VAR_DIR) / "workers.log").open("ab")  # one INFO line per task: not in the report
    workers = [
        subprocess.Popen(command, cwd=BACKEND, env=env, stdout=log, stderr=log)  # noqa: S603
        for _ in range(count)
    ]
    samples: list[tuple[float, int, list[float]]] = []
    cpu: dict[int, float] = {}
    sent = 0
    while True:
        sent = stand_in_stats(origin, ca_file)["count"]
        alive = [w for w in workers if w.poll() is None]
        rss = [rss_mib(w.pid) for w in alive]
        for w in alive:
            cpu[w.pid] = cpu_s(w.pid)
        samples.append((time.perf_counter() - started, sent, rss))
        if sent >= total or not alive:
            break
        if time.perf_counter() - started > MAX_SEND_S:
            break
        time.sleep(0.25)
    elapsed = time.perf_counter() - started
    for worker in workers:
        if worker.poll() is None:  # gave up waiting: stop it rather than hang the bench
            worker.terminate()
        worker.wait(timeout=60)
    return elapsed, sent, samples, sum(cpu.values())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    import trustme

    ca = trustme.CA()
    certificate = ca.issue_cert("localhost", "127.0.0.1")
    ca_file = str(Path(VAR_DIR) / "push-ca.pem")
    ca.cert_pem.write_to_path(ca_file)
    os.environ["SSL_CERT_FILE"] = ca_file
    os.environ["REQUESTS_CA_BUNDLE"] = ca_file

    # The server's VAPID pair, shared by this process and the workers.
    from cryptography.hazmat.primitives.asymmetric import ec
    from py_vapid import b64urlencode

    private = ec.generate_private_key(ec.SECP256R1())
    os.environ["VAPID_PRIVATE_KEY"] = b64urlencode(
        private.private_numbers().private_value.to_bytes(32, "big")
    )
    os.environ["VAPID_SUBJECT"] = "mailto:bench@example.com"

    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from reminders.models import ReminderOccurrence
    from reminders.push import push_vapid_public_key
    from reminders.tasks import dispatch_due_reminders

    call_command("migrate", verbosity=0)
    connection.close()  # nothing open across the fork

    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe()
    server_pem = b"".join(blob.bytes() for blob in certificate.cert_chain_pems)
    child = context.Process(
        target=serve_push,
        args=(
            child_end,
            server_pem,
            certificate.private_key_pem.bytes(),
            push_vapid_public_key(),
            PEOPLE,
        ),
        daemon=True,
    )
    child.start()
    origin = parent_end.recv()
    subscriptions = parent_end.recv()

    now = dt.datetime.now(dt.UTC)
    due_at = (now + dt.timedelta(minutes=2)).replace(second=0, microsecond=0)
    started = time.perf_counter()
    seed(due_at, subscriptions)
    seeded_s = time.perf_counter() - started
    due_total = PEOPLE * DUE_PER_PERSON

    plan = due_query_plan(due_at + dt.timedelta(seconds=1))

    profiler = None
    if os.environ.get("REMINDERS_BENCH_PROFILE"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    load_before = os.getloadavg()[0]
    started, started_cpu = time.perf_counter(), time.process_time()
    queued = dispatch_due_reminders(due_at + dt.timedelta(seconds=1))
    dispatch_s = time.perf_counter() - started
    dispatch_cpu = time.process_time() - started_cpu
    print(f"_dispatcher: {queued:,} queued in {dispatch_s:.2f} s; sending..._", flush=True)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(os.environ["REMINDERS_BENCH_PROFILE"] + ".dispatch")
    connection.close()

    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    stand_in_cpu = cpu_s(child.pid)
    send_s, sent, samples, workers_cpu = run_workers(args.workers, env, origin, ca_file, due_total)
    stand_in_cpu = cpu_s(child.pid) - stand_in_cpu
    load_after = os.getloadavg()[0]
    stats = stand_in_stats(origin, ca_file)
    parent_end.send("stop")
    child.join(timeout=10)

    states = dict(ReminderOccurrence.objects.values_list("state").annotate(n=Count("id")))
    # Memory: the sample taken when a tenth had been sent against the last one.
    with_rss = [s for s in samples if s[2]]
    tenth = next(
        (s for s in with_rss if s[1] >= due_total // 10), with_rss[0] if with_rss else None
    )
    last = with_rss[-1] if with_rss else None
    growth = (max(last[2]) - max(tenth[2])) if (tenth and last) else float("nan")

    print(f"{PEOPLE:,} people, {PEOPLE * HABITS_PER_PERSON * REMINDERS_PER_HABIT:,} reminders, "
          f"{due_total:,} due at {due_at:%H:%M} UTC; PostgreSQL; {args.workers} worker process(es); "
          f"{os.cpu_count()} cores, Python {platform.python_version()}; seeding took {seeded_s:.1f} s.")  # fmt: skip
    print()
    print("| step | measured | target | met? |")
    print("| --- | --- | --- | --- |")
    ok_dispatch = queued == due_total and dispatch_s < TARGET_DISPATCH_S
    ok_send = sent >= due_total and send_s < TARGET_SEND_S and stats["rejected"] == 0
    ok_rss = growth <= TARGET_RSS_GROWTH_MIB
    print(f"| dispatcher: {queued:,} occurrences queued | {dispatch_s:.2f} s | < {TARGET_DISPATCH_S:.0f} s | {'met' if ok_dispatch else '**missed**'} |")  # fmt: skip
    print(f"| worker: delivered to the stand-in, VAPID-checked and decrypted | {sent:,} in {send_s:.1f} s ({sent / send_s:,.0f}/s); {stats['rejected']} rejected | all in < {TARGET_SEND_S:.0f} s | {'met' if ok_send else '**missed**'} |")  # fmt: skip
    if tenth and last:
        print(f"| worker RSS: at {tenth[1]:,} sent → at {last[1]:,} sent | {max(tenth[2]):.1f} → {max(last[2]):.1f} MiB ({growth:+.1f}) | ≤ +{TARGET_RSS_GROWTH_MIB:.0f} MiB | {'met' if ok_rss else '**missed**'} |")  # fmt: skip
    print()
    print(f"Occurrence states afterwards: {states}")
    first = next((s for s in samples if s[1] > 0), None)
    if first:
        print()
        print(f"The first message arrived {first[0]:.1f} s after the workers were started (their "
              f"start-up, counted in the send time); {sent - first[1]:,} more in the "
              f"{send_s - first[0]:.1f} s after it ({(sent - first[1]) / max(send_s - first[0], 0.1):,.0f}/s).")  # fmt: skip
    print()
    per = max(sent, 1)
    print(f"CPU: dispatcher process {dispatch_cpu:.2f} s ({dispatch_cpu / max(queued, 1) * 1e3:.3f} ms "
          f"per occurrence, PostgreSQL's own not counted); workers {workers_cpu:.1f} s "
          f"({workers_cpu / per * 1e3:.2f} ms per message); push stand-in {stand_in_cpu:.1f} s "
          f"({stand_in_cpu / per * 1e3:.2f} ms per message). Load average (1 min): "
          f"{load_before:.1f} before dispatching, {load_after:.1f} after sending.")  # fmt: skip
    print()
    print("Worker RSS against messages delivered (MiB, per worker process):")
    print()
    print("| s | delivered | RSS |")
    print("| ---: | ---: | --- |")
    step = max(1, len(with_rss) // 8)
    for elapsed, count, rss in [*with_rss[::step], *with_rss[-1:]]:
        print(f"| {elapsed:.1f} | {count:,} | {', '.join(f'{r:.1f}' for r in rss)} |")
    print()
    print("The due query (EXPLAIN (ANALYZE, BUFFERS), as the dispatcher's first batch runs it):")
    print()
    print("```")
    print(plan)
    print("```")
    return 0 if (ok_dispatch and ok_send and ok_rss) else 1


if __name__ == "__main__":
    sys.exit(main())
