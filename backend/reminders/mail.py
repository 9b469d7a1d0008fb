"""The e-mail channel: one message per person per reminder time, listing the habits not done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core.locale import override_for_user
from habits.models import Habit
from users.models import User


def reminder_email_send(*, user: User, day: dt.date, habits: Sequence[Habit]) -> int:
    """Send one e-mail naming every habit, in the person's language; returns the number of
    messages sent (0 or 1)."""
    if not habits:
        return 0
    with override_for_user(user):
        subject, body = _reminder_email(day=day, habits=habits)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=False)


def _reminder_email(*, day: dt.date, habits: Sequence[Habit]) -> tuple[str, str]:
    base = settings.SITE_URL.rstrip("/")
    if len(habits) == 1:
        subject = _("Reminder: %(name)s") % {"name": habits[0].name}
    else:
        subject = ngettext(
            "Reminder: %(count)d habit to do today",
            "Reminder: %(count)d habits to do today",
            len(habits),
        ) % {"count": len(habits)}
    # A Django date format, translated so that each language orders and punctuates its own
    # way; the weekday and month names come from Django's catalogs.
    when = date_format(day, pgettext("reminder e-mail date: weekday, day, month", "l j F"))
    lines = [_("Still to do on %(date)s:") % {"date": when}, ""]
    lines += [f"- {habit.name}: {base}/habits/{habit.pk}" for habit in habits]
    lines += [
        "",
        _("Check in at %(url)s") % {"url": f"{base}/"},
        _("Change or turn off these reminders on each habit's page, or in %(url)s.")
        % {"url": f"{base}/settings"},
    ]
    return subject, "\n".join(lines)
