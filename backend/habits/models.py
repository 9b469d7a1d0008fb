"""Habits and their check-ins. The numbers shown to people come from habits.rules."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q


class Group(models.Model):
    """A person's named set of habits ("Morning", "Health"); a habit is in at most one."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="habit_groups"
    )
    name = models.CharField(max_length=200)
    color = models.CharField(max_length=7, default="#4f46e5")
    icon = models.CharField(max_length=32, blank=True, default="")
    position = models.PositiveIntegerField(default=0)
    # Remembered per group so that a collapsed header stays collapsed on every device.
    collapsed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("position", "id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["owner", "position"], name="group_owner_order"),
        ]

    def __str__(self) -> str:
        return self.name


class Habit(models.Model):
    class Kind(models.TextChoices):
        BOOLEAN = "boolean"
        MEASURABLE = "measurable"

    class TargetType(models.TextChoices):
        AT_LEAST = "at_least"
        AT_MOST = "at_most"

    class ScheduleType(models.TextChoices):
        DAILY = "daily"
        WEEKDAYS = "weekdays"
        TIMES_PER_WEEK = "times_per_week"
        TIMES_PER_MONTH = "times_per_month"
        EVERY_N_DAYS = "every_n_days"
        TIMES_IN_DAYS = "times_in_days"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="habits"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    color = models.CharField(max_length=7, default="#4f46e5")
    icon = models.CharField(max_length=32, blank=True, default="")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BOOLEAN)
    unit = models.CharField(max_length=32, blank=True, default="")
    target = models.DecimalField(max_digits=12, decimal_places=3, default=1)
    target_type = models.CharField(
        max_length=8, choices=TargetType.choices, default=TargetType.AT_LEAST
    )
    # How much a measurable habit's plus and minus buttons add (250 for ml of water, say).
    step = models.DecimalField(max_digits=12, decimal_places=3, default=1)
    # The schedule is stored in four columns so that every Loop frequency maps losslessly:
    # `times` in `days` days, or a weekday bitmask (bit 0 = Monday).
    schedule_type = models.CharField(
        max_length=16, choices=ScheduleType.choices, default=ScheduleType.DAILY
    )
    schedule_times = models.PositiveSmallIntegerField(default=1)
    schedule_days = models.PositiveSmallIntegerField(default=1)
    schedule_weekdays = models.PositiveSmallIntegerField(default=0)
    start_date = models.DateField()
    position = models.PositiveIntegerField(default=0)
    archived = models.BooleanField(default=False)
    # Deleting a group keeps its habits, ungrouped.
    group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="habits"
    )
    # Loop's own id, so that importing the same backup twice updates instead of duplicating.
    loop_uuid = models.CharField(max_length=64, blank=True, default="")
    # Given a new random value (core.versions) by every entry change; the cached summary is
    # keyed by it.
    entries_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("position", "id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["owner", "archived", "position"], name="habit_owner_order"),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(schedule_times__gte=1), name="habit_times_positive"),
            models.CheckConstraint(condition=Q(schedule_days__gte=1), name="habit_days_positive"),
            models.CheckConstraint(
                condition=Q(schedule_weekdays__lte=127), name="habit_weekdays_mask"
            ),
            models.CheckConstraint(condition=Q(step__gt=0), name="habit_step_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Entry(models.Model):
    class Status(models.TextChoices):
        DONE = "done"
        SKIPPED = "skipped"

    habit = models.ForeignKey(Habit, on_delete=models.CASCADE, related_name="entries")
    # The person's local date: a day's check-in is never stored as a UTC instant.
    date = models.DateField()
    # NULL means "no status" (a note-only or value-only day), distinct from any status.
    status = models.CharField(max_length=8, choices=Status.choices, null=True, blank=True)  # noqa: DJ001
    value = models.DecimalField(max_digits=15, decimal_places=3, null=True, blank=True)
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("habit_id", "date")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["habit", "date"], name="entry_one_per_habit_day"),
        ]
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return f"{self.habit_id} {self.date} {self.status or self.value or ''}"
