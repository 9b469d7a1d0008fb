"""Micro-benchmark of the rules engine: prints a Markdown table of medians.

Run: backend/.venv/bin/python bench/bench_rules.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))

from habits.rules import (
    EntryIn,
    HabitSpec,
    Schedule,
    habit_stats,
    score_window_days,
    summary,
    windowed_score,
)

TODAY = date(2024, 6, 15)
YEARS = 10
HABITS = 50


def ten_years(seed: int, kind: str = "boolean") -> list[EntryIn]:
    """One entry a day for ten years: mostly done, some skipped, some blank."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    entries = []
    for i in range(365 * YEARS):
        day = TODAY - timedelta(days=i)
        roll = rng.random()
        if kind == "measurable":
            entries.append(EntryIn(day, value=rng.choice([0.0, 1.0, 2.0, 3.0])))
        elif roll < 0.8:
            entries.append(EntryIn(day, "done"))
        elif roll < 0.85:
            entries.append(EntryIn(day, "skipped"))
    return entries


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    start = TODAY - timedelta(days=365 * YEARS)
    cases = {
        "daily": HabitSpec(Schedule("daily"), start),
        "3 per week": HabitSpec(Schedule("times_per_week", times=3), start),
        "Mon/Wed/Fri": HabitSpec(Schedule("weekdays", weekdays=frozenset({0, 2, 4})), start),
        "measurable": HabitSpec(Schedule("daily"), start, "measurable", 2.0),
    }
    rows: list[tuple[str, float, str]] = []
    for name, habit in cases.items():
        entries = ten_years(1, habit.kind)
        ms = median_ms(lambda h=habit, e=entries: habit_stats(h, e, TODAY), 50)
        rows.append((f"habit_stats, one {name} habit, 10 years daily", ms, "< 20 ms"))

    habits = [
        (HabitSpec(Schedule("times_per_week", times=3 + i % 4), start), ten_years(i))
        for i in range(HABITS)
    ]
    full = median_ms(lambda: [summary(h, e, TODAY) for h, e in habits], 15)
    rows.append((f"summary, {HABITS} habits, 10 years each", full, "report"))

    cutoff = TODAY - timedelta(days=730)
    recent = [(h, [x for x in e if x.date > cutoff]) for h, e in habits]
    two_years = median_ms(lambda: [summary(h, e, TODAY) for h, e in recent], 15)
    rows.append((f"summary, {HABITS} habits, 2-year window", two_years, "report"))

    windowed = [
        (h, [x for x in e if x.date > TODAY - timedelta(days=score_window_days(h))])
        for h, e in habits
    ]
    score_only = median_ms(lambda: [windowed_score(h, e, TODAY) for h, e in windowed], 15)
    rows.append((f"windowed_score, {HABITS} habits, certified window", score_only, "report"))

    print("| case | median (ms) | budget |")
    print("| --- | ---: | --- |")
    for name, ms, budget in rows:
        print(f"| {name} | {ms:.2f} | {budget} |")


if __name__ == "__main__":
    main()
