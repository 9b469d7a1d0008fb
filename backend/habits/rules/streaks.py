"""Streaks: runs of counted days, as Loop draws them, with not-due days bridged."""

from __future__ import annotations

from datetime import date

from habits.rules.timeline import Timeline
from habits.rules.types import Streak

# Per day code (DONE, DONE_IMPLICIT, SKIPPED, MISSED, NOT_DUE, UNKNOWN): 1 counts, 0 breaks,
# 2 is bridged. Done, implicitly done and skipped days count, as in Loop. Not-due days and today
# while it is still open neither break nor extend a streak. UNKNOWN only ever appears for today
# inside a timeline.
_KIND = (1, 1, 1, 0, 2, 2)


def _runs(tl: Timeline) -> list[tuple[int, int, int]]:
    # (first index, last index, counted days) of every streak, oldest first.
    runs: list[tuple[int, int, int]] = []
    begin = last = -1
    length = 0
    kind = _KIND
    for i, code in enumerate(tl.codes):
        k = kind[code]
        if k == 1:
            if length == 0:
                begin = i
            last = i
            length += 1
        elif k == 0 and length:
            runs.append((begin, last, length))
            length = 0
    if length:
        runs.append((begin, last, length))
    return runs


def current_and_best(tl: Timeline) -> tuple[int, int]:
    """Return (current streak, best streak) in counted days, without building Streak objects."""
    best = 0
    length = 0
    kind = _KIND
    for code in tl.codes:
        k = kind[code]
        if k == 1:
            length += 1
            if length > best:
                best = length
        elif k == 0:
            length = 0
    # The run still open at today (possibly bridged by not-due days) is the current streak.
    return length, best


def all_streaks(tl: Timeline) -> list[Streak]:
    """Return every streak, oldest first."""
    return [
        Streak(date.fromordinal(tl.first + b), date.fromordinal(tl.first + e), n)
        for b, e, n in _runs(tl)
    ]


def best_streaks(tl: Timeline, limit: int = 10) -> list[Streak]:
    """Return the `limit` longest streaks, newest first (ties go to the newer streak), as Loop."""
    runs = _runs(tl)
    longest = sorted(runs, key=lambda r: (r[2], r[1]), reverse=True)[:limit]
    longest.sort(key=lambda r: r[1], reverse=True)
    return [
        Streak(date.fromordinal(tl.first + b), date.fromordinal(tl.first + e), n)
        for b, e, n in longest
    ]
