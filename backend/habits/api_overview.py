"""The overview: every active habit over a range of up to a year, per day and per group."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from core.exceptions import FieldError
from habits import selectors
from habits.fields import Day
from habits.rules.overview import MAX_RANGE_DAYS
from habits.selectors_overview import overview as overview_get
from users.auth import request_user
from users.schemas import Message

router = Router()
MAX_DAYS_AHEAD = 366
DEFAULT_DAYS = 30


class OverviewQuery(Schema):
    # "from" is a Python keyword, hence the alias.
    model_config = ConfigDict(populate_by_name=True)

    first: Day | None = Field(None, alias="from")
    last: Day | None = Field(None, alias="to")


class OverviewHabitOut(Schema):
    habit_id: int
    group_id: int | None
    # What done and expected count (ADR 0015): "days" due and done (daily, weekdays, limits),
    # "times" checked in against a quota, or an "amount" against a measurable quota.
    counts: Literal["days", "times", "amount"]
    done: float
    expected: float
    # done / expected, at most 1; null when nothing was expected.
    completion: float | None
    # The score at the end of the day before the range, and on its last day (today at most).
    score_start: float
    score_end: float
    # The longest streak within the range, counting only the range's days.
    best_streak: int


class OverviewDayOut(Schema):
    date: dt.date
    # The share of the habits listed as due that day that were done; null when none was due
    # (and for days after today).
    share_done: float | None


class OverviewGroupOut(Schema):
    # null: the ungrouped habits, listed last when there are any.
    group_id: int | None
    # Summed over the group's habits that count days or times (amounts do not add up).
    done: float
    expected: float
    # The mean of its habits' completions; null when none expected anything.
    completion: float | None


class OverviewOut(Schema):
    model_config = ConfigDict(populate_by_name=True)

    first: dt.date = Field(alias="from")
    last: dt.date = Field(alias="to")
    habits: list[OverviewHabitOut]
    days: list[OverviewDayOut]
    groups: list[OverviewGroupOut]


@router.get(
    "overview",
    response={200: OverviewOut, 401: Message, 422: dict},
    by_alias=True,
    summary="Every active habit over a range of days",
    description=(
        "`from` and `to` (YYYY-MM-DD, both included, at most 366 days; by default the 30 days "
        "ending today). Per habit: done against expected, completion, the score at the start "
        "and end, the best streak within the range; per day: the share of due habits done; "
        "per group: totals. Only settled days count: a habit's days from its start date, "
        "skipped days left out, today only once done. See docs/decisions/0015."
    ),
)
def overview(request: HttpRequest, query: Query[OverviewQuery]) -> dict[str, object]:
    user = request_user(request)
    today = selectors.user_today(user)
    last = query.last or today
    # By ordinal: 30 days before the calendar's third day do not exist (an OverflowError).
    first = query.first or dt.date.fromordinal(max(1, last.toordinal() - DEFAULT_DAYS + 1))
    if last > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise FieldError("to", f"must be at most {MAX_DAYS_AHEAD} days after your local today")
    if last < first:
        raise FieldError("to", "must not be before from")
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise FieldError("to", f"the range may cover at most {MAX_RANGE_DAYS} days")
    return overview_get(user=user, first=first, last=last)
