"""The recovery e-mails: plain text, short, with links built from SITE_URL only.

Called from the background tasks (users/tasks.py), never while a client waits. Each message is
written in its reader's language (the account's, else English).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.locale import override_for_user
from users import recovery
from users.models import User

PRODUCT = "Habit Tracker"


def password_reset_send(*, email: str) -> bool:
    """Send a reset link when `email` has an active account; False (and nothing sent) if not."""
    user = recovery.password_reset_user(email=email)
    if user is None:
        return False
    link = recovery.password_reset_link(user=user)
    with override_for_user(user):
        subject = _("Reset your %(product)s password") % {"product": PRODUCT}
        body = _(
            "Someone asked to reset the password of the %(product)s account for %(email)s.\n\n"
            "To choose a new password, open this link within the next hour:\n\n"
            "%(link)s\n\n"
            "The link works once. If you did not ask for it, ignore this e-mail: "
            "your password stays as it is.\n"
        ) % {"product": PRODUCT, "email": user.email, "link": link}
    EmailMessage(subject, body, to=[user.email]).send()
    return True


def email_change_send(*, user_id: int, new_email: str) -> bool:
    """Send the confirmation link to the new address and a notice to the current one."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.email == new_email:
        return False
    link = recovery.email_change_link(user=user, new_email=new_email)
    hours = settings.EMAIL_CHANGE_TIMEOUT // 3600
    values = {
        "product": PRODUCT,
        "old": user.email,
        "new": new_email,
        "link": link,
        "hours": hours,
        "settings": f"{settings.SITE_URL}/settings",
    }
    with override_for_user(user):
        confirm = EmailMessage(
            _("Confirm your new %(product)s e-mail address") % values,
            ngettext(
                "To use %(new)s for your %(product)s account instead of %(old)s, "
                "open this link within %(hours)d hour:\n\n"
                "%(link)s\n\n"
                "If you did not ask for this, ignore this e-mail: nothing changes.\n",
                "To use %(new)s for your %(product)s account instead of %(old)s, "
                "open this link within %(hours)d hours:\n\n"
                "%(link)s\n\n"
                "If you did not ask for this, ignore this e-mail: nothing changes.\n",
                hours,
            )
            % values,
            to=[new_email],
        )
        notice = EmailMessage(
            _("Your %(product)s e-mail address is about to change") % values,
            _(
                "Someone signed in to your %(product)s account asked to change its e-mail "
                "address from %(old)s to %(new)s.\n\n"
                "Nothing changes until the link sent to %(new)s is opened. If this was not you, "
                "change your password now: %(settings)s\n"
            )
            % values,
            to=[user.email],
        )
    with get_connection() as connection:
        connection.send_messages([confirm, notice])
    return True
