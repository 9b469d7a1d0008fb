"""The public entry points: summary, statistics, day states and period progress."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from habits.rules.schedules import is_due_weekday, period_bounds
from habits.rules.scores import current_score, score_series
from habits.rules.streaks import best_streaks, current_and_best
from habits.rules.timeline import (
    DONE,
    DONE_IMPLICIT,
    MISSED,
    SKIPPED,
    STATE_OF_CODE,
    Timeline,
    build_timeline,
)
from habits.rules.types import (
    DayState,
    EntryIn,
    HabitSpec,
    HabitStats,
    PeriodProgress,
    Summary,
)

# Score history: one point a day for the last year, one a week before that.
DAILY_HISTORY_DAYS = 365
COMPLETION_WINDOWS = (("last_7_days", 7), ("last_30_days", 30), ("last_365_days", 365))


def summary(
    habit: HabitSpec, entries: Iterable[EntryIn], today: date, week_start: int = 0
) -> Summary:
    """Return the score, streaks and today's progress: one pass over the history each."""
    return summary_of_timeline(habit, build_timeline(habit, entries, today), today, week_start)


def summary_of_timeline(habit: HabitSpec, tl: Timeline, today: date, week_start: int) -> Summary:
    """Return summary() from a timeline already built up to `today`."""
    current, best = current_and_best(tl)
    progress = _progress(habit, tl, today, week_start)
    done, limit = _day_outcome(habit, tl, today, progress)
    return Summary(
        score=current_score(habit, tl),
        current_streak=current,
        best_streak=best,
        due_today=progress.due,
        period_done=progress.done,
        period_target=progress.target,
        done_today=done,
        limit=limit,
    )


def habit_stats(
    habit: HabitSpec, entries: Iterable[EntryIn], today: date, week_start: int = 0
) -> HabitStats:
    """Return everything the statistics page shows for one habit."""
    tl = build_timeline(habit, entries, today)
    current, best = current_and_best(tl)
    series, _ = score_series(habit, tl)
    codes = tl.codes
    return HabitStats(
        current_streak=current,
        best_streak=best,
        streaks=best_streaks(tl, 10),
        score=current_score(habit, tl),
        score_history=_score_history(tl, series),
        completion=_completion(codes),
        total_done=codes.count(DONE),
        weekday_counts=_weekday_counts(tl),
        monthly=_monthly(tl),
    )


def day_states(habit: HabitSpec, entries: Iterable[EntryIn], today: date) -> dict[date, DayState]:
    """Return the state of every day from the habit's first relevant day to today."""
    tl = build_timeline(habit, entries, today)
    return {date.fromordinal(tl.first + i): STATE_OF_CODE[c] for i, c in enumerate(tl.codes)}


def period_progress(
    habit: HabitSpec, entries: Iterable[EntryIn], day: date, week_start: int = 0
) -> PeriodProgress:
    """Return progress in the period containing `day`, treating `day` as today."""
    return _progress(habit, build_timeline(habit, entries, day), day, week_start)


def _progress(habit: HabitSpec, tl: Timeline, day: date, week_start: int) -> PeriodProgress:
    if not 0 <= week_start <= 6:
        raise ValueError("week_start: must be 0 (Monday) to 6 (Sunday)")
    schedule = habit.schedule
    start, end = period_bounds(schedule, day, week_start)
    # Days after `day` are not in the timeline (the future has no entries); days before the
    # habit's first day are not either, and count as nothing done.
    lo = max(start.toordinal(), tl.first) - tl.first
    hi = day.toordinal() - tl.first + 1
    measurable = habit.kind == "measurable"
    if measurable:
        done = float(sum(tl.values[lo:hi])) if hi > lo else 0.0
        before = float(sum(tl.values[lo : hi - 1])) if hi - 1 > lo else 0.0
        target = float(habit.target)
    else:
        done = float(tl.codes[lo:hi].count(DONE)) if hi > lo else 0.0
        before = float(tl.codes[lo : hi - 1].count(DONE)) if hi - 1 > lo else 0.0
        target = float(schedule.times if schedule.type in _COUNTED_PERIODS else 1)
    if schedule.type in ("daily", "weekdays"):
        due = is_due_weekday(schedule, day)
    elif measurable and habit.target_type == "at_most":
        due = True  # a limit is watched every day, it is never "reached early"
    else:
        # A quota is due every day until it is met, as in Loop. Only the days before `day`
        # count, so the check-in that meets the quota leaves its own day due (and done).
        due = before < target
    return PeriodProgress(start=start, end=end, done=done, target=target, due=due)


def _day_outcome(
    habit: HabitSpec, tl: Timeline, day: date, progress: PeriodProgress
) -> tuple[bool, Literal["within", "over"] | None]:
    # Whether `day` counts as done, and where it stands against an at-most limit.
    i = day.toordinal() - tl.first
    if not 0 <= i < len(tl.codes) or tl.codes[i] == SKIPPED:
        return False, None
    if habit.kind == "measurable":
        if habit.target_type == "at_most":
            # Nothing logged is 0, within any limit (the timeline counts it the same way).
            within = tl.values[i] <= habit.target
            return within, "within" if within else "over"
        if habit.schedule.type not in ("daily", "weekdays"):
            # A target per week, month or window is met by the period's total, not by one day.
            return progress.done >= progress.target, None
    return tl.codes[i] == DONE, None


_COUNTED_PERIODS = ("times_per_week", "times_per_month", "times_in_days")


def _score_history(tl: Timeline, series: list[float]) -> list[tuple[date, float]]:
    n = len(series)
    daily_from = max(0, n - DAILY_HISTORY_DAYS)
    # Weekly points step back from the day before the daily part, so they stay aligned to today.
    weekly = list(range(daily_from - 7, -1, -7))[::-1]
    first = tl.first
    return [(date.fromordinal(first + i), series[i]) for i in weekly] + [
        (date.fromordinal(first + i), series[i]) for i in range(daily_from, n)
    ]


def _rate(codes: list[int]) -> float | None:
    # Done ÷ due: an implicitly covered day is a satisfied due day; skipped, not-due and still
    # open days are not due.
    done = codes.count(DONE) + codes.count(DONE_IMPLICIT)
    due = done + codes.count(MISSED)
    return done / due if due else None


def _completion(codes: list[int]) -> dict[str, float | None]:
    rates: dict[str, float | None] = {key: _rate(codes[-days:]) for key, days in COMPLETION_WINDOWS}
    rates["all_time"] = _rate(codes)
    return rates


def _weekday_counts(tl: Timeline) -> list[int]:
    # Index i is weekday (first + i - 1) % 7, so every 7th slice is one weekday.
    counts = [0] * 7
    for j in range(7):
        counts[(tl.first + j - 1) % 7] = tl.codes[j::7].count(DONE)
    return counts


def _monthly(tl: Timeline) -> list[tuple[str, int, int]]:
    if not tl.codes:
        return []
    out: list[tuple[str, int, int]] = []
    day = date.fromordinal(tl.first)
    month = day.replace(day=1)
    while month.toordinal() <= tl.today:
        nxt = (month + timedelta(days=32)).replace(day=1)
        lo = max(month.toordinal(), tl.first) - tl.first
        hi = min(nxt.toordinal(), tl.today + 1) - tl.first
        part = tl.codes[lo:hi]
        done = part.count(DONE) + part.count(DONE_IMPLICIT)
        out.append((f"{month.year:04d}-{month.month:02d}", done, done + part.count(MISSED)))
        month = nxt
    return out
