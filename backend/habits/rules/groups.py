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

from habits.rules.scores import initial_score, score_series
from habits.rules.stats import DAILY_HISTORY_DAYS, _day_outcome, _progress
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
    walked = []
    for spec, entries in habits:
        tl = build_timeline(spec, entries, today)
        series = score_series(spec, tl)[0] if tl.codes else []
        progress = _progress(spec, tl, today, week_start)
        done_today, _ = _day_outcome(spec, tl, today, progress)
        walked.append(
            (tl, series, series[-1] if series else initial_score(spec), progress.due, done_today)
        )
    first = min((tl.first for tl, *_ in walked if tl.codes), default=t + 1)
    n = max(t - first + 1, 0)
    # Per day: the sum and count of begun habits' scores, and whether any habit missed it,
    # counted it or still has it open (today only).
    totals = [0.0] * n
    counts = [0] * n
    missed, counted, still_open = bytearray(n), bytearray(n), bytearray(n)
    for tl, series, *_ in walked:
        offset = tl.first - first
        for i, score in enumerate(series):
            totals[offset + i] += score
            counts[offset + i] += 1
        for i, code in enumerate(tl.codes):
            if code == MISSED:
                missed[offset + i] = 1
            elif code == UNKNOWN:
                still_open[offset + i] = 1
            elif code in _COUNTED:
                counted[offset + i] = 1
    day_codes = [
        _BREAKS if missed[i] else _COUNTS if counted[i] and not still_open[i] else _BRIDGED
        for i in range(n)
    ]
    current, best = group_streaks(day_codes)
    done, due = group_today((is_due, is_done) for *_, is_due, is_done in walked)
    return GroupStats(
        score=group_score([score for _, _, score, _, _ in walked]),
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
