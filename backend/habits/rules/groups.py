"""A group's combined numbers: score, score history, streaks and today's progress.

The rules (docs/decisions/0014-group-score.md):
- The group's score is the plain mean of its active habits' scores, each exactly the score its
  own card shows; a group with no active habit scores 0.0.
- Its history, on each day, is the mean over the habits that had begun by that day (a habit
  added last week does not pull the group's past down to zero), sampled like a habit's: daily
  for the last year, weekly before that.
- A day counts for the group's streak when no habit missed it and at least one counted it
  (done, implicitly done or skipped, as in a habit's own streak). A day on which nothing was
  due, or on which no habit had begun, neither breaks nor extends the streak, exactly as a
  not-due day bridges a habit's streak. Today, while any habit is still open, is open for the
  group too: it does not count yet and does not break.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from habits.rules.scores import current_score, score_series
from habits.rules.stats import DAILY_HISTORY_DAYS, summary
from habits.rules.timeline import DONE, DONE_IMPLICIT, MISSED, SKIPPED, UNKNOWN, build_timeline
from habits.rules.types import EntryIn, HabitSpec

# Per-day group codes: a day that counts, one that breaks, one that is bridged.
_COUNTS, _BREAKS, _BRIDGED = 1, 0, 2
_COUNTED = (DONE, DONE_IMPLICIT, SKIPPED)


@dataclass(frozen=True)
class GroupStats:
    """What a group's page shows."""

    score: float
    score_history: list[tuple[date, float]]
    current_streak: int
    best_streak: int
    # Active habits due today, and how many of those count as done.
    today_due: int
    today_done: int


def group_score(scores: Sequence[float]) -> float:
    """Return the mean of the habits' scores, 0.0 for a group without active habits."""
    return sum(scores) / len(scores) if scores else 0.0


def group_today(outcomes: Iterable[tuple[bool, bool]]) -> tuple[int, int]:
    """Return (done, due) today from each habit's (due today, done today)."""
    due = done = 0
    for is_due, is_done in outcomes:
        if is_due:
            due += 1
            done += is_done
    return done, due


def group_day_code(codes: Iterable[int]) -> int:
    """Return whether a day counts (1), breaks (0) or is bridged (2) for the group's streak."""
    counted = open_day = False
    for code in codes:
        if code == MISSED:
            return _BREAKS
        if code == UNKNOWN:
            open_day = True
        elif code in _COUNTED:
            counted = True
    return _COUNTS if counted and not open_day else _BRIDGED


def group_streaks(day_codes: Sequence[int]) -> tuple[int, int]:
    """Return (current, best) streak in counted days from per-day group codes, oldest first."""
    best = length = 0
    for code in day_codes:
        if code == _COUNTS:
            length += 1
            best = max(best, length)
        elif code == _BREAKS:
            length = 0
    return length, best


def group_stats(
    habits: Sequence[tuple[HabitSpec, Iterable[EntryIn]]], today: date, week_start: int = 0
) -> GroupStats:
    """Return the group's numbers from its active habits and their entries."""
    t = today.toordinal()
    timelines = []
    scores: list[float] = []
    outcomes: list[tuple[bool, bool]] = []
    for spec, entries in habits:
        listed = list(entries)
        tl = build_timeline(spec, listed, today)
        timelines.append((spec, tl))
        scores.append(current_score(spec, tl))
        day = summary(spec, listed, today, week_start)
        outcomes.append((day.due_today, day.done_today))
    first = min((tl.first for _, tl in timelines if tl.codes), default=t + 1)
    n = t - first + 1
    # Per day: the sum and count of begun habits' scores, and the habits' day codes.
    totals = [0.0] * max(n, 0)
    counts = [0] * max(n, 0)
    codes_by_day: list[list[int]] = [[] for _ in range(max(n, 0))]
    for spec, tl in timelines:
        if not tl.codes:
            continue
        series, _ = score_series(spec, tl)
        offset = tl.first - first
        for i, score in enumerate(series):
            totals[offset + i] += score
            counts[offset + i] += 1
        for i, code in enumerate(tl.codes):
            codes_by_day[offset + i].append(code)
    current, best = group_streaks([group_day_code(codes) for codes in codes_by_day])
    done, due = group_today(outcomes)
    return GroupStats(
        score=group_score(scores),
        score_history=_history(first, totals, counts),
        current_streak=current,
        best_streak=best,
        today_due=due,
        today_done=done,
    )


def _history(first: int, totals: list[float], counts: list[int]) -> list[tuple[date, float]]:
    # The same sampling as a habit's history: daily for the last year, weekly before, aligned
    # so that the weekly points step back from the day before the daily part.
    n = len(totals)
    daily_from = max(0, n - DAILY_HISTORY_DAYS)
    picked = list(range(daily_from - 7, -1, -7))[::-1] + list(range(daily_from, n))
    return [(date.fromordinal(first + i), totals[i] / counts[i]) for i in picked if counts[i]]
