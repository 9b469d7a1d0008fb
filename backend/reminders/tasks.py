"""Background work: find due reminders and queue their sends; send them.

dispatch_due_reminders() runs once a minute (settings.PERIODIC_TASKS: the local scheduler, or
EventBridge on AWS). Exactly-once, in short (docs/decisions/0016):
- at most once: due reminders are read with SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL
  (SQLite runs one writing transaction at a time: BEGIN IMMEDIATE), each gets one occurrence
  row, unique per (reminder, local date), and its next_fire_at moves on in the same
  transaction; a send claims an occurrence by moving it from queued to sending in one UPDATE;
- at least once: an occurrence still queued or sending after LEASE (the process died between
  queueing and sending, or while sending) is queued again, up to MAX_ATTEMPTS times.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import F, Field
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from core.locale import override_for_user
from habits.models import Habit
from habits.selectors import habit_summaries
from reminders import timing
from reminders.actions import action_token
from reminders.mail import reminder_email_send
from reminders.models import CHANNEL_EMAIL, CHANNEL_PUSH, Reminder, ReminderOccurrence
from reminders.push import push_send_many
from reminders.services import reminder_plan

logger = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=5)
MAX_ATTEMPTS = 5
BATCH = 2000
SEND_CHUNK = 100
PLAN_COLUMNS = (
    "time", "weekdays", "next_fire_at", "next_date", "last_date", "user_id", "habit_id",
    "habit__archived", "habit__schedule_type", "habit__schedule_weekdays",
    "user__timezone", "user__day_start_hour",
)  # fmt: skip
State = ReminderOccurrence.State
UNFINISHED = (State.QUEUED, State.SENDING, State.SNOOZED)


def dispatch_due_reminders(now: dt.datetime | None = None) -> int:
    """Queue the sends of every reminder due at `now` and of occurrences to retry; returns
    how many occurrences were queued. Safe to run twice at once, and again after a crash."""
    now = now or timezone.now()
    queued = 0
    for claim in (_claim_due, _claim_retries):
        more = True
        while more:
            # The send tasks are queued in the same transaction: with django-tasks' database
            # backend their rows commit together with the occurrences, or neither does.
            with transaction.atomic():
                groups, more = claim(now)
                queued += _enqueue(groups)
    return queued


def _locked(queryset: Any) -> Any:
    # SKIP LOCKED lets a second dispatcher take the next rows instead of waiting for (and then
    # re-reading) the first one's. SQLite has no row locks: its writers take turns.
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset


def _claim_due(now: dt.datetime) -> tuple[dict[tuple[int, dt.datetime], list[int]], bool]:
    # The due query: one range scan of the reminder_due index.
    due = list(
        _locked(
            Reminder.objects.filter(next_fire_at__lte=now)
            .select_related("habit", "user")
            # Only what planning reads: parsing the habits' and people's other timestamps was
            # a fifth of the dispatcher's time (profiled).
            .only(*PLAN_COLUMNS)
            .order_by("next_fire_at")
        )[:BATCH]
    )
    occurrences = []
    for reminder in due:
        fire_at, day = reminder.next_fire_at, reminder.next_date
        assert fire_at is not None  # set together with next_date by reminder_plan
        assert day is not None
        user = reminder.user
        # A reminder is sent while its local day lasts; after a long outage the days missed
        # are recorded as skipped rather than sent late.
        stale = day < timing.habit_day(now, user.timezone, user.day_start_hour)
        occurrences.append(
            ReminderOccurrence(
                reminder=reminder,
                user_id=reminder.user_id,
                date=day,
                fire_at=fire_at,
                state=State.SKIPPED if stale else State.QUEUED,
                retry_at=None if stale else now + LEASE,
            )
        )
        reminder.last_date = day
        reminder_plan(reminder, habit=reminder.habit, user=user, after=max(now, fire_at))
    # The unique (reminder, date) constraint is the backstop: a second insert for the same
    # day fails this transaction instead of sending twice.
    ReminderOccurrence.objects.bulk_create(occurrences, batch_size=500)
    _save_plans(due)
    return _groups(o for o in occurrences if o.state == State.QUEUED), len(due) == BATCH


def _save_plans(reminders: list[Reminder]) -> None:
    # bulk_update's CASE expressions took most of the dispatcher's time at 20,000 reminders
    # (profiled). PostgreSQL: one UPDATE ... FROM unnest(<arrays>) for the batch, four
    # parameters whatever its size; elsewhere one prepared UPDATE run for every row.
    if not reminders:
        return
    q = connection.ops.quote_name
    table = q(Reminder._meta.db_table)
    columns = ("next_fire_at", "next_date", "last_date")
    fields = [cast("Field[Any, Any]", Reminder._meta.get_field(column)) for column in columns]
    values = [
        [field.get_db_prep_value(getattr(r, field.attname), connection) for r in reminders]
        for field in fields
    ]
    ids = [r.pk for r in reminders]
    if connection.vendor == "postgresql":
        pk_type = Reminder._meta.pk.db_type(connection)
        types = [pk_type, *(field.db_type(connection) for field in fields)]
        sql = (
            f"UPDATE {table} SET "  # noqa: S608 - names and types come from the model
            + ", ".join(f"{q(column)} = v.{q(column)}" for column in columns)
            + " FROM unnest("
            + ", ".join(f"%s::{t}[]" for t in types)
            + f") AS v({q('id')}, {', '.join(q(column) for column in columns)})"
            + f" WHERE {table}.{q('id')} = v.{q('id')}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [ids, *values])
        return
    sql = (
        f"UPDATE {table} SET "  # noqa: S608 - names come from the model
        + ", ".join(f"{q(column)} = %s" for column in columns)
        + f" WHERE {q('id')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[*row, pk] for *row, pk in zip(*values, ids, strict=True)])


def _claim_retries(now: dt.datetime) -> tuple[dict[tuple[int, dt.datetime], list[int]], bool]:
    stuck = list(
        _locked(
            ReminderOccurrence.objects.filter(retry_at__lte=now, state__in=UNFINISHED).order_by(
                "retry_at"
            )
        )[:BATCH]
    )
    again, given_up = [], []
    for occurrence in stuck:
        if occurrence.attempts >= MAX_ATTEMPTS:
            given_up.append(occurrence.pk)
        else:
            again.append(occurrence)
    if given_up:
        logger.warning(
            "reminder occurrences given up after %d attempts: %s", MAX_ATTEMPTS, given_up
        )
        ReminderOccurrence.objects.filter(pk__in=given_up).update(
            state=State.SKIPPED, retry_at=None
        )
    if again:
        ReminderOccurrence.objects.filter(pk__in=[o.pk for o in again]).update(
            state=State.QUEUED, retry_at=now + LEASE, attempts=F("attempts") + 1
        )
    return _groups(again), len(stuck) == BATCH


def _groups(
    occurrences: Any,
) -> dict[tuple[int, dt.datetime], list[int]]:
    # One send per person and minute, so that e-mail lists their habits in one message.
    groups: dict[tuple[int, dt.datetime], list[int]] = defaultdict(list)
    for occurrence in occurrences:
        minute = occurrence.fire_at.replace(second=0, microsecond=0)
        groups[(occurrence.user_id, minute)].append(occurrence.pk)
    return groups


def _enqueue(groups: dict[tuple[int, dt.datetime], list[int]]) -> int:
    # One task per SEND_CHUNK occurrences, never splitting a person's minute: a task per
    # person cost a row insert each, a third of the dispatcher's time at 20,000 (profiled).
    # A task lost after this (a backend outside the database, a worker that dies) leaves its
    # occurrences queued or sending, and the retry pass queues them again once the lease ends.
    chunk: list[int] = []
    for ids in groups.values():
        if chunk and len(chunk) + len(ids) > SEND_CHUNK:
            send_reminders.enqueue(occurrence_ids=chunk)
            chunk = []
        chunk.extend(ids)
    if chunk:
        send_reminders.enqueue(occurrence_ids=chunk)
    return sum(len(ids) for ids in groups.values())


@task()
def send_reminders(occurrence_ids: list[int]) -> int:
    """Send the occurrences this call manages to claim (people's minutes, whole)."""
    return reminders_send(occurrence_ids=occurrence_ids)


def reminders_send(*, occurrence_ids: list[int], now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    claimed = _claim(occurrence_ids, now)
    if not claimed:
        return 0
    occurrences = list(
        ReminderOccurrence.objects.filter(pk__in=claimed)
        .select_related("reminder__habit", "user")
        .order_by("user_id", "fire_at", "reminder__time", "pk")
    )
    summaries = _summaries(occurrences)
    skipped: list[int] = []
    to_push: list[tuple[ReminderOccurrence, dict[str, Any]]] = []
    to_mail: list[ReminderOccurrence] = []
    for occurrence in occurrences:
        reminder, habit = occurrence.reminder, occurrence.reminder.habit
        summary = summaries[(habit.pk, occurrence.date)]
        if habit.archived or (
            reminder.only_if_not_done and (summary.done_today or not summary.due_today)
        ):
            skipped.append(occurrence.pk)
        elif reminder.channels & CHANNEL_PUSH:
            to_push.append(
                (occurrence, reminder_payload(occurrence, habit, summary.current_streak))
            )
        else:
            to_mail.append(occurrence)
    # Every message of the task at once: the push module sends them over a few threads.
    try:
        reports = push_send_many([(o.user_id, payload) for o, payload in to_push])
    except Exception:
        # Left "sending": the retry pass sends them again after the lease.
        logger.exception("reminders %s could not be pushed", [o.pk for o, _payload in to_push])
        reports = []
    for (occurrence, _payload), report in zip(to_push, reports, strict=False):
        if report.retry_ids:
            logger.warning("reminder %s: %s", occurrence.pk, report.last_error)
            # Devices that got it must not get it twice: sent when any did; otherwise left
            # for the retry.
            if not report.delivered:
                continue
        to_mail.append(occurrence)
    sent = _mail(to_mail)
    # One commit for the task's outcome.
    with transaction.atomic():
        ReminderOccurrence.objects.filter(pk__in=sent).update(
            state=State.SENT, sent_at=now, retry_at=None
        )
        ReminderOccurrence.objects.filter(pk__in=skipped).update(state=State.SKIPPED, retry_at=None)
    return len(sent)


def _summaries(occurrences: list[ReminderOccurrence]) -> dict[tuple[int, dt.date], Any]:
    # One entries query for the habits of everyone in the task who shares a day and a week
    # start, instead of one per person (a query per person was most of a send's database time).
    habits: dict[tuple[dt.date, int], dict[int, Habit]] = defaultdict(dict)
    for occurrence in occurrences:
        habit = occurrence.reminder.habit
        habits[(occurrence.date, occurrence.user.week_start)][habit.pk] = habit
    summaries: dict[tuple[int, dt.date], Any] = {}
    for (day, week_start), by_id in habits.items():
        found = habit_summaries(list(by_id.values()), day=day, week_start=week_start)
        summaries.update(((habit_id, day), summary) for habit_id, summary in found.items())
    return summaries


def _mail(occurrences: list[ReminderOccurrence]) -> list[int]:
    """Send one e-mail per person and day listing the habits of `occurrences` that ask for
    one; returns the occurrences done (those of a person whose e-mail failed are left for the
    retry; the others of the task still count)."""
    emails: dict[tuple[int, dt.date], list[Habit]] = defaultdict(list)
    for occurrence in occurrences:
        habit = occurrence.reminder.habit
        listed = emails[(occurrence.user_id, occurrence.date)]
        if occurrence.reminder.channels & CHANNEL_EMAIL and habit not in listed:
            listed.append(habit)
    users = {o.user_id: o.user for o in occurrences}
    failed: set[int] = set()
    for (user_id, day), listed in emails.items():
        if not listed or user_id in failed:
            continue
        try:
            reminder_email_send(user=users[user_id], day=day, habits=listed)
        except Exception:
            logger.exception("reminder e-mail to user %s could not be sent", user_id)
            failed.add(user_id)
    return [o.pk for o in occurrences if o.user_id not in failed]


def _claim(ids: list[int], now: dt.datetime) -> list[int]:
    """Move the queued ones of these occurrences to sending; returns those this call got.

    One UPDATE ... RETURNING (PostgreSQL, SQLite 3.35+): of two workers handed the same
    occurrence, exactly one sees its row come back.
    """
    if not ids:
        return []
    q = connection.ops.quote_name
    table = q(ReminderOccurrence._meta.db_table)
    retry_at = ReminderOccurrence._meta.get_field("retry_at").get_db_prep_value(
        now + LEASE, connection
    )
    sql = (
        f"UPDATE {table} SET {q('state')} = %s, {q('retry_at')} = %s "  # noqa: S608 - names come from the model
        f"WHERE {q('state')} = %s AND {q('id')} IN ({', '.join(['%s'] * len(ids))}) "
        f"RETURNING {q('id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [State.SENDING.value, retry_at, State.QUEUED.value, *ids])
        return [row[0] for row in cursor.fetchall()]


def reminder_payload(occurrence: ReminderOccurrence, habit: Habit, streak: int) -> dict[str, Any]:
    """The push message the service worker shows (SHARED_IFACES: the reminder payload)."""
    with override_for_user(occurrence.user):
        if streak > 0:
            body = ngettext(
                "Keep your %(count)d-day streak going.",
                "Keep your %(count)d-day streak going.",
                streak,
            ) % {"count": streak}
        else:
            body = _("Not done yet today.")
        # The service worker labels the notification's buttons with these (it has no catalogs).
        labels = {"done": _("Done"), "later": _("Later")}
    return {
        "kind": "reminder",
        "title": habit.name,
        "body": body,
        "action_titles": labels,
        "url": f"/habits/{habit.pk}",
        "habit": {
            "id": habit.pk,
            "name": habit.name,
            "icon": habit.icon,
            "color": habit.color,
            "current_streak": streak,
        },
        "date": occurrence.date.isoformat(),
        "reminder_id": occurrence.reminder_id,
        "actions": {
            "done": action_token(occurrence=occurrence, habit_id=habit.pk, action="done"),
            "later": action_token(occurrence=occurrence, habit_id=habit.pk, action="later"),
        },
    }
