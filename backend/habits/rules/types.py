"""Value types of the rules engine: frozen dataclasses in, frozen dataclasses out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Literal

ScheduleType = Literal[
    "daily", "weekdays", "times_per_week", "times_per_month", "every_n_days", "times_in_days"
]

# Loop lets a frequency's window be any number of days; a year is the longest we accept, which
# keeps the rolling windows (and the history needed for a trustworthy score) bounded.
MAX_DAYS = 365


@dataclass(frozen=True)
class Schedule:
    """How often a habit is due."""

    type: ScheduleType
    times: int = 1
    days: int = 1
    weekdays: frozenset[int] = frozenset()

    def validate(self) -> None:
        """Raise ValueError("field: reason") when the schedule cannot be honoured."""
        if self.type not in (
            "daily",
            "weekdays",
            "times_per_week",
            "times_per_month",
            "every_n_days",
            "times_in_days",
        ):
            raise ValueError(f"type: unknown schedule type {self.type!r}")
        if self.times < 1:
            raise ValueError("times: must be at least 1")
        if self.days < 1:
            raise ValueError("days: must be at least 1")
        if self.days > MAX_DAYS:
            raise ValueError(f"days: must be at most {MAX_DAYS}")
        if self.type == "times_per_week" and self.times > 7:
            raise ValueError("times: a week has only 7 days")
        if self.type == "times_per_month" and self.times > 31:
            raise ValueError("times: a month has at most 31 days")
        if self.type == "times_in_days" and self.times > self.days:
            raise ValueError("times: cannot exceed days")
        if self.type == "weekdays":
            if not self.weekdays:
                raise ValueError("weekdays: choose at least one day")
            if any(not 0 <= d <= 6 for d in self.weekdays):
                raise ValueError("weekdays: days are 0 (Monday) to 6 (Sunday)")


@dataclass(frozen=True)
class HabitSpec:
    """What the rules need to know about a habit."""

    schedule: Schedule
    start_date: date
    kind: Literal["boolean", "measurable"] = "boolean"
    target: float = 1.0
    target_type: Literal["at_least", "at_most"] = "at_least"


@dataclass(frozen=True)
class EntryIn:
    """One recorded day: a status for boolean habits, a value for measurable ones."""

    date: date
    status: Literal["done", "skipped"] | None = None
    value: float | None = None


class DayState(Enum):
    """What a single day looks like on the calendar."""

    DONE = "done"
    DONE_IMPLICIT = "done_implicit"
    SKIPPED = "skipped"
    MISSED = "missed"
    NOT_DUE = "not_due"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Streak:
    """A run of counted days; length counts the days that count (not bridged not-due days)."""

    start: date
    end: date
    length: int


@dataclass(frozen=True)
class Summary:
    """The cheap, cacheable numbers the habit list and the Today screen show."""

    score: float
    current_streak: int
    best_streak: int
    due_today: bool
    period_done: float
    period_target: float
    # Whether the day counts as done, and for an at-most limit whether the day stays within it
    # ("within", also when nothing is logged) or not ("over"); None for other habits, skipped
    # days and days before the habit's first day.
    done_today: bool
    limit: Literal["within", "over"] | None


@dataclass(frozen=True)
class PeriodProgress:
    """Progress within the period (day, week, month or window) that contains a day."""

    start: date
    end: date
    done: float
    target: float
    due: bool


@dataclass(frozen=True)
class HabitStats:
    """Everything the statistics page shows for one habit."""

    current_streak: int
    best_streak: int
    streaks: list[Streak]
    score: float
    score_history: list[tuple[date, float]]
    completion: dict[str, float | None]
    total_done: int
    weekday_counts: list[int]
    monthly: list[tuple[str, int, int]]
