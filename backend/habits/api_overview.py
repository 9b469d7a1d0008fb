"""The overview: every active habit over a range of up to a year, per day and per group."""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from core.exceptions import FieldError
from habits import selectors
from habits.fields import Day
from habits.rules.overview import MAX_RANGE_DAYS
from habits.selectors_overview import overview as overview_get
from users.auth import request_user
from users.models import User
from users.schemas import Message

router = Router()
MAX_DAYS_AHEAD = 366
DEFAULT_DAYS = 30
# Bump when the body's shape changes.
OVERVIEW_CACHE_VERSION = 1
OVERVIEW_TTL = 60 * 60 * 24


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
def overview(request: HttpRequest, query: Query[OverviewQuery]) -> HttpResponse:
    user = request_user(request)
    today = selectors.user_today(user)
    last = query.last or today
    # By ordinal: 30 days before the calendar's third day do not exist (an OverflowError).
    first = query.first or dt.date.fromordinal(max(1, last.toordinal() - DEFAULT_DAYS + 1))
    if last > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise FieldError(
            "to",
            _("must be at most %(count)d days after your local today") % {"count": MAX_DAYS_AHEAD},
        )
    if last < first:
        raise FieldError("to", _("must not be before from"))
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise FieldError(
            "to", _("the range may cover at most %(count)d days") % {"count": MAX_RANGE_DAYS}
        )
    return HttpResponse(_overview_json(user, first, last, today), content_type="application/json")


def _overview_json(user: User, first: dt.date, last: dt.date, today: dt.date) -> bytes:
    """The rendered overview, cached until the person's next write.

    Keyed by data_version like the Today body (ADR 0007): it is read with the user before any
    habit, so a cached body is never older than its key; one key per command (ADR 0009).
    Rendered with json rather than through OverviewOut: validating a year's 366 days and 50
    habits field by field took a sixth of a cold request. The contract test checks the body
    against OverviewOut.
    """
    key = (
        f"overview:{{u{user.pk}}}:{OVERVIEW_CACHE_VERSION}:{user.data_version}:"
        f"{first}:{last}:{today}:{user.week_start}"
    )
    body = cache.get(key)
    if isinstance(body, bytes):
        return body
    result = overview_get(user=user, first=first, last=last, today=today)
    body = json.dumps(result, default=dt.date.isoformat, separators=(",", ":")).encode()
    cache.set(key, body, OVERVIEW_TTL)
    return body
