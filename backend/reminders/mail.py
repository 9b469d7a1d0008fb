"""The e-mail channel: one message per person per reminder time, listing the habits not done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail

from habits.models import Habit
from users.models import User


def reminder_email_send(*, user: User, day: dt.date, habits: Sequence[Habit]) -> int:
    """Send one e-mail naming every habit; returns the number of messages sent (0 or 1)."""
    if not habits:
        return 0
    base = settings.SITE_URL.rstrip("/")
    if len(habits) == 1:
        subject = f"Reminder: {habits[0].name}"
    else:
        subject = f"Reminder: {len(habits)} habits to do today"
    lines = [f"Still to do on {day:%A %-d %B}:", ""]
    lines += [f"- {habit.name}: {base}/habits/{habit.pk}" for habit in habits]
    lines += [
        "",
        f"Check in at {base}/",
        f"Change or turn off these reminders on each habit's page, or in {base}/settings.",
    ]
    return send_mail(
        subject,
        "\n".join(lines),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        fail_silently=False,
    )
