"""Export benchmark: 50 habits x 10 years of entries, both formats, time and peak memory.

Run: cd backend && .venv/bin/python ../bench/bench_export.py
Uses its own temporary SQLite database unless DATABASE_URL is set; prints a Markdown table.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

BACKEND = Path(__file__).resolve().parent.parent / "backend"
sys.path.insert(0, str(BACKEND))
_tmp = tempfile.mkdtemp(prefix="bench-export-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from habits.exporters import export_json, export_loop_csv  # noqa: E402
from habits.models import Entry, Habit  # noqa: E402
from users.models import User  # noqa: E402

HABITS = 50
YEARS = 10
RUNS = 5
PLANS = [
    {"schedule_type": "daily"},
    {"schedule_type": "weekdays", "schedule_weekdays": 0b0011111},
    {"schedule_type": "times_per_week", "schedule_times": 3, "schedule_days": 7},
    {"schedule_type": "every_n_days", "schedule_days": 2},
    {"kind": "measurable", "unit": "pages", "target": Decimal(20)},
]


def seed() -> User:
    call_command("migrate", verbosity=0)
    User.objects.filter(email="export-bench@example.com").delete()
    user = User.objects.create_user(email="export-bench@example.com", password="x" * 20)
    today = dt.date.today()
    start = today - dt.timedelta(days=365 * YEARS)
    rng = random.Random(7)  # noqa: S311 - reproducible benchmark data
    for i in range(HABITS):
        plan = PLANS[i % len(PLANS)]
        habit = Habit.objects.create(
            owner=user, name=f"Habit {i:02d}", start_date=start, position=i, **plan
        )
        measurable = plan.get("kind") == "measurable"
        entries = []
        for d in range(365 * YEARS):
            roll = rng.random()
            if roll > 0.8:
                continue
            day = start + dt.timedelta(days=d)
            if measurable:
                entries.append(Entry(habit=habit, date=day, value=Decimal(rng.randint(0, 40))))
            elif roll < 0.03:
                entries.append(Entry(habit=habit, date=day, status="skipped", note="away, sick"))
            else:
                entries.append(Entry(habit=habit, date=day, status="done"))
        Entry.objects.bulk_create(entries, batch_size=5000)
    return user


def consume(chunks: Iterator[bytes]) -> tuple[int, int]:
    size = biggest = 0
    for chunk in chunks:
        size += len(chunk)
        biggest = max(biggest, len(chunk))
    return size, biggest


def measure(make: Callable[[], Iterator[bytes]]) -> tuple[float, float, int, int]:
    consume(make())  # warm up
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        size, biggest = consume(make())
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    consume(make())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, size, biggest


def main() -> None:
    user = seed()
    entries = Entry.objects.filter(habit__owner=user).count()
    print(f"{HABITS} habits, {entries} entries ({YEARS} years), median of {RUNS} runs\n")
    print(
        "| format | median time (s) | peak memory (MiB) | output size (MiB) | largest chunk (KiB) |"
    )
    print("|---|---|---|---|---|")
    for label, make in (
        ("json", lambda: export_json(user=user)),
        ("loop-csv", lambda: export_loop_csv(user=user)),
    ):
        seconds, peak, size, biggest = measure(make)
        print(
            f"| {label} | {seconds:.2f} | {peak:.1f} | {size / 2**20:.1f} | {biggest / 1024:.0f} |"
        )


if __name__ == "__main__":
    main()
