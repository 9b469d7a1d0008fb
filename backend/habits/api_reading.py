"""Progress: the Today list and one habit's statistics, all computed by habits.rules."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from core.exceptions import FieldError
from habits import rules, selectors, selectors_today
from habits.fields import Day
from habits.schemas import EntryOut, HabitOut
from users.auth import request_user
from users.models import User
from users.schemas import Message

router = Router()
MAX_DAYS_AHEAD = 366
TODAY_CACHE_VERSION = 4
TODAY_CACHE_SECONDS = 60 * 60 * 24
ERRORS = {400: Message, 401: Message, 404: Message, 422: dict}


class PeriodProgressOut(Schema):
    done: float
    target: float


class GridDayOut(Schema):
    date: dt.date
    # habits.rules.grid: done, partial (measurable, below the target), skipped, before_start,
    # empty (today or later, still open), not_due, missed (due, past, not done).
    status: Literal["done", "partial", "skipped", "before_start", "empty", "not_due", "missed"]
    value: float | None
    # Listed under "due" that day in the single-day view (the last cell's equals the item's).
    due: bool
    # The day's note: null when nothing is recorded that day, "" for an entry without one. A
    # save from the grid (PUT replaces the entry) sends it back, so the note is kept.
    note: str | None


class TodayGroupOut(Schema):
    id: int
    name: str
    color: str
    icon: str
    position: int
    collapsed: bool
    # The mean of the group's active habits' scores as of the day shown (ADR 0014).
    score: float
    done_today: int
    due_today: int


class TodayItemOut(Schema):
    habit: HabitOut
    # Listed under "due" on this day: by the schedule (a quota until it is met), also before
    # the start date, where a check-in back-fills the habit.
    due: bool
    # The day is before the habit's start date (a check-in there moves the start date back).
    before_start: bool
    # The day counts as done (an at-most limit with nothing logged is within it).
    done: bool
    # At-most habits only: the day's value against the limit; nothing logged is "within".
    limit: Literal["within", "over"] | None
    entry: EntryOut | None
    current_streak: int
    best_streak: int
    score: float
    period_progress: PeriodProgressOut
    group_id: int | None
    # The last 7 local days ending with the day shown, oldest first.
    days: list[GridDayOut]


class TodayOut(Schema):
    date: dt.date
    items: list[TodayItemOut]
    # Every group of the person, in their order, empty ones too.
    groups: list[TodayGroupOut]


class TodayQuery(Schema):
    date: Day | None = None


class StreakOut(Schema):
    start: dt.date
    end: dt.date
    length: int


class ScorePointOut(Schema):
    date: dt.date
    score: float


class CompletionOut(Schema):
    last_7_days: float | None
    last_30_days: float | None
    last_365_days: float | None
    all_time: float | None


class MonthOut(Schema):
    month: str
    done: int
    due: int


class StatsOut(Schema):
    current_streak: int
    best_streak: int
    streaks: list[StreakOut]
    score: float
    score_history: list[ScorePointOut]
    completion: CompletionOut
    total_done: int
    weekday_counts: list[int]
    monthly: list[MonthOut]


@router.get("today", response={200: TodayOut, **ERRORS}, summary="Every active habit for one day")
def today(request: HttpRequest, query: Query[TodayQuery]) -> HttpResponse:
    user = request_user(request)
    today = selectors.user_today(user)
    day = query.date or today
    # The rules walk every day from a habit's start to `day`: a date centuries ahead would
    # keep a worker busy for seconds, so the future is bounded.
    if day > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise FieldError(
            "date",
            _("must be at most %(count)d days after your local today") % {"count": MAX_DAYS_AHEAD},
        )
    return HttpResponse(_today_json(user, day, today), content_type="application/json")


def _today_json(user: User, day: dt.date, today: dt.date) -> bytes:
    """The rendered Today response, cached until the user's next write (see ADR 0005).

    The key holds data_version, which every write renews in its own transaction, and it is
    read (with the user) before any habit or entry, so a cached body is never older than
    the version it is stored under.
    """
    # The grid tells an open day from a missed one, so the key also names the local today.
    key = (
        f"today:{TODAY_CACHE_VERSION}:{user.pk}:{user.data_version}:{day}:{today}:{user.week_start}"
    )
    # Under a given key the body never changes, so this process's own copy is as good as the
    # shared one and saves a Redis round trip; the shared one serves the other processes.
    local = caches["local"]
    body = local.get(key)
    if isinstance(body, bytes):
        return body
    body = cache.get(key)
    if not isinstance(body, bytes):
        screen = selectors_today.today_screen(user=user, day=day, today=today)
        body = TodayOut.model_validate(screen).model_dump_json().encode()
        cache.set(key, body, timeout=TODAY_CACHE_SECONDS)
    local.set(key, body, timeout=TODAY_CACHE_SECONDS)
    return body


@router.get(
    "habits/{int:habit_id}/stats",
    response={200: StatsOut, **ERRORS},
    summary="A habit's statistics",
)
def habit_stats(request: HttpRequest, habit_id: int) -> dict[str, object]:
    stats = selectors.habit_stats(user=request_user(request), habit_id=habit_id)
    return _stats_out(stats)


def _stats_out(stats: rules.HabitStats) -> dict[str, object]:
    return {
        "current_streak": stats.current_streak,
        "best_streak": stats.best_streak,
        "streaks": [{"start": s.start, "end": s.end, "length": s.length} for s in stats.streaks],
        "score": stats.score,
        "score_history": [{"date": day, "score": score} for day, score in stats.score_history],
        "completion": stats.completion,
        "total_done": stats.total_done,
        "weekday_counts": stats.weekday_counts,
        "monthly": [
            {"month": month, "done": done, "due": due} for month, done, due in stats.monthly
        ],
    }
