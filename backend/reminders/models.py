"""Reminders of a habit, and the record of each one sent (ADR 0016).

A reminder stores the next instant it fires (UTC) so that finding what is due is one indexed
query; the local rules that compute it live in reminders.timing. An occurrence is one reminder
on one local date: its unique row is what makes a send happen at most once.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from reminders.models_push import PushSubscription  # noqa: F401  (rem-push's model, re-exported)

CHANNEL_PUSH = 1
CHANNEL_EMAIL = 2
CHANNELS = {"push": CHANNEL_PUSH, "email": CHANNEL_EMAIL}


class Reminder(models.Model):
    habit = models.ForeignKey("habits.Habit", on_delete=models.CASCADE, related_name="reminders")
    # The habit's owner, kept here so that a time-zone change reschedules one person's
    # reminders and the e-mail channel groups them without a join.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    # Local wall-clock time in the person's time zone, to the minute.
    time = models.TimeField()
    # Bit 0 = Monday. 0 means "the days the habit is due" and follows its schedule when it
    # changes (every day for N-per-period habits: the send checks the target).
    weekdays = models.PositiveSmallIntegerField(default=0)
    only_if_not_done = models.BooleanField(default=True)
    # Bit mask of CHANNELS.
    channels = models.PositiveSmallIntegerField(default=CHANNEL_PUSH)
    # The next instant this reminder fires (UTC); NULL while the habit is archived.
    next_fire_at = models.DateTimeField(null=True, blank=True)
    # The local habit-day next_fire_at reminds of.
    next_date = models.DateField(null=True, blank=True)
    # The local date of the last occurrence queued: a date fires at most once, even when the
    # person moves west and the same wall-clock time comes round again.
    last_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("time", "id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["next_fire_at"], name="reminder_due"),
            models.Index(fields=["habit", "time"], name="reminder_habit_time"),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(weekdays__lte=127), name="reminder_weekdays_mask"),
            models.CheckConstraint(
                condition=Q(channels__gte=1, channels__lte=3), name="reminder_channels_mask"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.habit_id} {self.time:%H:%M}"


class ReminderOccurrence(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued"  # a send task is queued (again after retry_at, if it never ran)
        SENDING = "sending"  # a worker claimed it; retried after retry_at if it died
        SNOOZED = "snoozed"  # "Later": queued again at retry_at
        SENT = "sent"
        SKIPPED = "skipped"  # done already, or not due that day

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="occurrences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The person's local date the reminder is for (honouring their day-start hour).
    date = models.DateField()
    # When it was meant to fire (UTC): occurrences of one person in the same minute share one
    # e-mail.
    fire_at = models.DateTimeField()
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    # When an unfinished occurrence is dispatched again: the lease of a queued or sending one,
    # or the end of a snooze. NULL once sent or skipped.
    retry_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=1)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("fire_at", "id")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["reminder", "date"], name="occurrence_once_per_day"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(
                fields=["retry_at"],
                name="occurrence_retry",
                condition=Q(retry_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reminder_id} {self.date} {self.state}"


class UsedActionToken(models.Model):
    """A notification action token already used: its unique digest makes it single-use."""

    digest = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.digest
