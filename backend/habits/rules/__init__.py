"""The pure rules engine: schedules, day states, streaks, scores and statistics.

No Django, no clock: `today` and the user's timezone are always parameters.
"""

from __future__ import annotations

from habits.rules.local_day import local_date
from habits.rules.schedules import loop_frequency, period_bounds, schedule_from_loop_frequency
from habits.rules.scores import score_window_days, windowed_score
from habits.rules.stats import day_states, habit_stats, period_progress, summary
from habits.rules.types import (
    DayState,
    EntryIn,
    HabitSpec,
    HabitStats,
    PeriodProgress,
    Schedule,
    Streak,
    Summary,
)

__all__ = [
    "DayState",
    "EntryIn",
    "HabitSpec",
    "HabitStats",
    "PeriodProgress",
    "Schedule",
    "Streak",
    "Summary",
    "day_states",
    "habit_stats",
    "local_date",
    "loop_frequency",
    "period_bounds",
    "period_progress",
    "schedule_from_loop_frequency",
    "score_window_days",
    "summary",
    "windowed_score",
]
