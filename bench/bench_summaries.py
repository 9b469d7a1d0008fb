"""The heavy user's dashboard: current score and streaks for 50 habits with 10 years each.

Measures selectors.habit_summaries and selectors_today.habit_today_rows (what /api/today uses
since issue 15: the summary and the 7-day grid, from one timeline) with a cold cache (every row
computed by the rules engine from one entries query) and a warm one (one cache get_many).
Run: backend/.venv/bin/python bench/bench_summaries.py
Uses a temporary SQLite database and the in-process cache unless DATABASE_URL / REDIS_URL
are set; prints a Markdown table. Target: warm under 10 ms.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BACKEND = Path(__file__).resolve().parent.parent / "backend"
sys.path.insert(0, str(BACKEND))
_tmp = tempfile.mkdtemp(prefix="bench-summaries-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["CACHE_KEY_PREFIX"] = f"bench-summaries-{os.getpid()}"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from habits.models import Entry, Habit  # noqa: E402
from habits.selectors import habit_summaries  # noqa: E402
from habits.selectors_today import habit_today_rows  # noqa: E402
from users.models import User  # noqa: E402

HABITS = 50
DAYS = 3650
TARGET_WARM_MS = 10.0


def seed() -> User:
    call_command("migrate", verbosity=0)
    user, _ = User.objects.get_or_create(email="dashboard@example.com")
    Habit.objects.filter(owner=user).delete()
    today = dt.date.today()
    habits = Habit.objects.bulk_create(
        Habit(owner=user, name=f"habit {n}", start_date=today - dt.timedelta(days=DAYS), position=n)
        for n in range(HABITS)
    )
    Entry.objects.bulk_create(
        (
            Entry(
                habit=habit,
                date=today - dt.timedelta(days=d),
                status="done" if d % 5 else "skipped",
            )
            for habit in habits
            for d in range(DAYS)
            if d % 7 != 3
        ),
        batch_size=5000,
    )
    return user


def timed(function: object, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()  # type: ignore[operator]
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    user = seed()
    habits = list(Habit.objects.filter(owner=user))
    day = dt.date.today()

    def cold() -> None:
        cache.clear()
        habit_summaries(habits, day=day, week_start=0)

    def warm() -> None:
        habit_summaries(habits, day=day, week_start=0)

    def rows() -> None:
        habit_today_rows(habits, day=day, today=day, week_start=0)

    def rows_cold() -> None:
        cache.clear()
        rows()

    cold_ms = timed(cold, 5)
    habit_summaries(habits, day=day, week_start=0)
    warm_ms = timed(warm, 50)
    rows_cold_ms = timed(rows_cold, 5)
    rows()
    rows_warm_ms = timed(rows, 50)
    cache.clear()
    backend = "Redis" if os.environ.get("REDIS_URL") else "in-process cache"
    database = "PostgreSQL" if "postgres" in os.environ["DATABASE_URL"] else "SQLite"
    print(f"50 habits x {DAYS} days, {Entry.objects.filter(habit__owner=user).count()} entries, "
          f"{database}, {backend}\n")  # fmt: skip
    print("| case | median ms | target |")
    print("| --- | ---: | --- |")
    print(f"| cold: one entries query + rules.summary for 50 habits | {cold_ms:.1f} | report |")
    verdict = "met" if warm_ms < TARGET_WARM_MS else "MISSED"
    print(
        f"| warm: one cache get_many of 50 summaries | {warm_ms:.2f} | < {TARGET_WARM_MS:g} ms: {verdict} |"
    )
    verdict = "met" if rows_warm_ms < TARGET_WARM_MS else "MISSED"
    print(f"| cold, Today's rows: one entries query + summary and 7-day grid for 50 habits "
          f"| {rows_cold_ms:.1f} | report |")  # fmt: skip
    print(f"| warm, Today's rows: one cache get_many of 50 rows | {rows_warm_ms:.2f} "
          f"| < {TARGET_WARM_MS:g} ms: {verdict} |")  # fmt: skip
    if max(warm_ms, rows_warm_ms) >= TARGET_WARM_MS:
        sys.exit(1)


if __name__ == "__main__":
    main()
