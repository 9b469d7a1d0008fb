"""Habit strength, computed exactly as Loop Habit Tracker does, plus a bounded-window variant."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

from habits.rules.schedules import loop_frequency
from habits.rules.timeline import DONE, SKIPPED, Timeline, build_timeline
from habits.rules.types import EntryIn, HabitSpec

# The bounded-window score promises to differ from the full-history score by less than this,
# which is ten times finer than the 1e-6 to which we match Loop.
WINDOW_TOLERANCE = 1e-7


def multiplier(frequency: float) -> float:
    """Return how much of yesterday's score survives one scored day (Loop's decay)."""
    # The weight of a day halves every 13 / sqrt(frequency) scored days.
    return math.pow(0.5, math.sqrt(frequency) / 13.0)


def initial_score(habit: HabitSpec) -> float:
    """Return the score before any day is scored: 1.0 for an at-most limit, else 0.0."""
    return 1.0 if habit.kind == "measurable" and habit.target_type == "at_most" else 0.0


def _rolling_window(habit: HabitSpec) -> tuple[int, int, float]:
    # (numerator, window days, frequency) of Loop's rolling sum. Boolean habits rarer than daily
    # look at twice the period, which smooths out irregular weekly rhythms (Loop does the same).
    num, den = loop_frequency(habit.schedule)
    freq = num / den
    if habit.kind == "boolean" and freq < 1.0:
        return num * 2, den * 2, freq
    return num, den, freq


def score_series(habit: HabitSpec, tl: Timeline, warm_up: int = 0) -> tuple[list[float], int]:
    """Return the score of every day of the timeline and how many days updated it.

    Updates made before `warm_up` unskipped days have been seen are not counted (the windowed
    score uses this to ignore days whose rolling sum cannot be trusted yet).
    """
    if habit.schedule.type == "weekdays":
        return _weekday_series(habit, tl)
    num, window, freq = _rolling_window(habit)
    m = multiplier(freq)
    rest = 1 - m
    score = initial_score(habit)
    measurable = habit.kind == "measurable"
    target = habit.target
    at_most = habit.target_type == "at_most"
    amounts: list[float] | list[int] = tl.amounts if measurable else tl.manual
    out = [0.0] * len(tl.codes)
    # Current Loop treats skipped days as if they never existed: the rolling sum covers the
    # last `window` days that were not skipped, reaching further back past every skip.
    kept: list[float] = []
    rolling = 0.0
    for i, code in enumerate(tl.codes):
        if code != SKIPPED:
            j = len(kept)
            kept.append(amounts[i])
            rolling += amounts[i]
            if j >= window:
                rolling -= kept[j - window]
            if measurable:
                p = _measurable_progress(rolling, target, at_most)
            else:
                p = rolling / num
                if p > 1.0:
                    p = 1.0
            score = score * m + p * rest
        out[i] = score
    return out, max(0, len(kept) - warm_up)


def _measurable_progress(total: float, target: float, at_most: bool) -> float:
    # Loop's share of the target reached (at least) or of the limit respected (at most).
    if not at_most:
        return min(1.0, total / target) if target > 0 else 1.0
    if target > 0:
        return min(1.0, max(0.0, 1 - (total - target) / target))
    return 0.0 if total > 0 else 1.0


def _weekday_series(habit: HabitSpec, tl: Timeline) -> tuple[list[float], int]:
    # Our own rule (docs/decisions/0003): only due days are scored, each on its own merits, with
    # the multiplier of k due days a week. Skipped and not-due days leave the score alone.
    weekdays = habit.schedule.weekdays
    m = multiplier(len(weekdays) / 7)
    rest = 1 - m
    score = initial_score(habit)
    measurable = habit.kind == "measurable"
    at_most = habit.target_type == "at_most"
    target = habit.target
    codes, amounts = tl.codes, tl.amounts
    due_pattern = [(tl.first + j - 1) % 7 in weekdays for j in range(7)]
    out = [0.0] * len(codes)
    updates = 0
    for i, code in enumerate(codes):
        if code != SKIPPED and due_pattern[i % 7]:
            if measurable:
                p = _measurable_progress(amounts[i], target, at_most)
            else:
                p = 1.0 if code == DONE else 0.0
            score = score * m + p * rest
            updates += 1
        out[i] = score
    return out, updates


def current_score(habit: HabitSpec, tl: Timeline) -> float:
    """Return today's score (the last day of the timeline)."""
    if not tl.codes:
        return initial_score(habit)
    return score_series(habit, tl)[0][-1]


def updates_needed(habit: HabitSpec) -> int:
    """Return how many scored days make a wrong starting score negligible (< WINDOW_TOLERANCE)."""
    num, den = loop_frequency(habit.schedule)
    m = multiplier(num / den)
    # Two scores that differ by at most 1 differ by at most m**k after k common updates.
    return math.ceil(math.log(WINDOW_TOLERANCE) / math.log(m))


def score_window_days(habit: HabitSpec) -> int:
    """Return how many days of history (ending today) windowed_score needs."""
    k = updates_needed(habit)
    if habit.schedule.type == "weekdays":
        due = len(habit.schedule.weekdays)
        return -(-k // due) * 7 + 7
    _, window, _ = _rolling_window(habit)
    return k + window


def windowed_score(habit: HabitSpec, entries: Iterable[EntryIn], today: date) -> float | None:
    """Return today's score from the last score_window_days of entries only, or None.

    The caller passes (at least) every entry of those days. The result is within
    WINDOW_TOLERANCE of the full-history score; when skipped days in the window leave too few
    scored days to guarantee that, it returns None and the caller must use the full history.
    """
    days = score_window_days(habit)
    first = today - timedelta(days=days - 1)
    if habit.start_date >= first:
        # The habit is younger than the window: nothing older exists, the result is exact.
        return current_score(habit, build_timeline(habit, entries, today))
    tl = build_timeline(habit, (e for e in entries if e.date >= first), today, first=first)
    # The rolling sum is incomplete until it has seen one full window of unskipped days.
    _, window, _ = _rolling_window(habit)
    warm_up = 0 if habit.schedule.type == "weekdays" else window
    series, updates = score_series(habit, tl, warm_up)
    if updates < updates_needed(habit):
        return None
    return series[-1]
