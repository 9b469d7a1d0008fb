"""Notification actions: the signed single-use tokens a reminder carries, and what they do.

A token is bound to one person, habit, occurrence, local date and action; django.core.signing
signs it with SECRET_KEY under its own salt, it expires after ACTION_TOKEN_MAX_AGE, and the
SHA-256 of a used token is stored with a unique constraint, so a replay (even two at the same
moment) is refused. No session or CSRF token is needed: the service worker posts it alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from habits.models import Entry, Habit
from habits.services import entry_put
from reminders.models import ReminderOccurrence, UsedActionToken
from users.models import User

SALT = "reminders.act"
ACTION_TOKEN_MAX_AGE = 24 * 60 * 60
SNOOZE = dt.timedelta(hours=1)
Action = Literal["done", "later"]


class ActionRefused(Exception):
    """The token is invalid, expired or used; str(exc) says which, for the 400."""


@dataclass(frozen=True)
class ActionResult:
    action: Action
    habit_id: int
    date: dt.date


def action_token(*, occurrence: ReminderOccurrence, habit_id: int, action: Action) -> str:
    return signing.dumps(
        {
            "u": occurrence.user_id,
            "h": habit_id,
            "o": occurrence.pk,
            "d": occurrence.date.isoformat(),
            "a": action,
        },
        salt=SALT,
    )


@transaction.atomic
def action_use(*, token: str, now: dt.datetime | None = None) -> ActionResult:
    """Check the token, mark it used and do what it says, in one transaction."""
    try:
        data = signing.loads(token, salt=SALT, max_age=ACTION_TOKEN_MAX_AGE)
        user_id, habit_id, occurrence_id = int(data["u"]), int(data["h"]), int(data["o"])
        day = dt.date.fromisoformat(data["d"])
        action = data["a"]
    except signing.SignatureExpired:
        raise ActionRefused("This action has expired.") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ActionRefused("This action token is not valid.") from None
    if action not in ("done", "later"):
        raise ActionRefused("This action token is not valid.")
    digest = hashlib.sha256(token.encode()).hexdigest()
    try:
        with transaction.atomic():
            UsedActionToken.objects.create(digest=digest)
    except IntegrityError:
        raise ActionRefused("This action was used already.") from None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    habit = Habit.objects.filter(pk=habit_id, owner_id=user_id).first()
    if user is None or habit is None:
        raise ActionRefused("This habit no longer exists.")
    if action == "done":
        _check_in(user=user, habit=habit, day=day)
    else:
        ReminderOccurrence.objects.filter(pk=occurrence_id, user_id=user_id).update(
            state=ReminderOccurrence.State.SNOOZED, retry_at=(now or timezone.now()) + SNOOZE
        )
    return ActionResult(action=action, habit_id=habit_id, date=day)


def _check_in(*, user: User, habit: Habit, day: dt.date) -> None:
    # "Done" means the day counts as done: a yes/no habit gets "done"; a measurable one gets
    # its target (keeping a bigger value already entered), and an at-most limit keeps what was
    # entered or records 0, "stayed within". The day's note is kept.
    entry = Entry.objects.filter(habit=habit, date=day).first()
    note = entry.note if entry else ""
    if habit.kind == Habit.Kind.BOOLEAN:
        entry_put(user=user, habit_id=habit.pk, day=day, status="done", note=note)
        return
    current = entry.value if entry and entry.value is not None else None
    if habit.target_type == Habit.TargetType.AT_MOST:
        value = current if current is not None else Decimal(0)
    else:
        value = max(current or Decimal(0), habit.target)
    entry_put(user=user, habit_id=habit.pk, day=day, value=float(value), note=note)
