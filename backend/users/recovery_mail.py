"""The recovery e-mails: plain text, short, with links built from SITE_URL only.

Called from the background tasks (users/tasks.py), never while a client waits.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from users import recovery
from users.models import User

PRODUCT = "Habit Tracker"


def password_reset_send(*, email: str) -> bool:
    """Send a reset link when `email` has an active account; False (and nothing sent) if not."""
    user = recovery.password_reset_user(email=email)
    if user is None:
        return False
    link = recovery.password_reset_link(user=user)
    body = (
        f"Someone asked to reset the password of the {PRODUCT} account for {user.email}.\n\n"
        "To choose a new password, open this link within the next hour:\n\n"
        f"{link}\n\n"
        "The link works once. If you did not ask for it, ignore this e-mail: "
        "your password stays as it is.\n"
    )
    EmailMessage(f"Reset your {PRODUCT} password", body, to=[user.email]).send()
    return True


def email_change_send(*, user_id: int, new_email: str) -> bool:
    """Send the confirmation link to the new address and a notice to the current one."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.email == new_email:
        return False
    link = recovery.email_change_link(user=user, new_email=new_email)
    hours = settings.EMAIL_CHANGE_TIMEOUT // 3600
    confirm = EmailMessage(
        f"Confirm your new {PRODUCT} e-mail address",
        f"To use {new_email} for your {PRODUCT} account instead of {user.email}, "
        f"open this link within {hours} hours:\n\n"
        f"{link}\n\n"
        "If you did not ask for this, ignore this e-mail: nothing changes.\n",
        to=[new_email],
    )
    notice = EmailMessage(
        f"Your {PRODUCT} e-mail address is about to change",
        f"Someone signed in to your {PRODUCT} account asked to change its e-mail address "
        f"from {user.email} to {new_email}.\n\n"
        f"Nothing changes until the link sent to {new_email} is opened. If this was not you, "
        f"change your password now: {settings.SITE_URL}/settings\n",
        to=[user.email],
    )
    with get_connection() as connection:
        connection.send_messages([confirm, notice])
    return True
