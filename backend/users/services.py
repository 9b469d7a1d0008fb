"""Account writes. Views call these; nothing here knows about HTTP."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.exceptions import FieldError
from reminders.services import reminders_reschedule
from users.models import User, normalize_email

# Re-exported: habits' services end their writes with users.services.user_touch.
from users.versions import user_touch as user_touch


@transaction.atomic
def user_create(
    *, email: str, password: str, timezone: str | None = None, language: str | None = None,
    week_start: int | None = None,
) -> User:  # fmt: skip
    email = normalize_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise FieldError("email", _("Enter a valid email address.")) from None
    candidate = User(email=email, timezone=timezone or "UTC")
    try:
        password_validation.validate_password(password, user=candidate)
    except ValidationError as exc:
        raise FieldError("password", " ".join(exc.messages)) from None
    if User.objects.filter(email__iexact=email).exists():
        raise FieldError("email", _("An account with this email already exists."))
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email=email, password=password, timezone=timezone or "UTC",
                language=language or "", week_start=week_start or 0,
            )  # fmt: skip
    except IntegrityError:  # two sign-ups racing for the same address
        raise FieldError("email", _("An account with this email already exists.")) from None


@transaction.atomic
def user_update(
    *, user: User, timezone: str | None = None, day_start_hour: int | None = None,
    week_start: int | None = None, language: str | None = None,
) -> User:  # fmt: skip
    if timezone is not None:
        user.timezone = timezone
    if day_start_hour is not None:
        user.day_start_hour = day_start_hour
    if week_start is not None:
        user.week_start = week_start
    if language is not None:
        user.language = language
    user.save(update_fields=["timezone", "day_start_hour", "week_start", "language"])
    if timezone is not None or day_start_hour is not None:
        # Reminders fire at local wall-clock times: move them to the new clock.
        reminders_reschedule(user=user)
    user_touch(user=user)
    return user


@transaction.atomic
def user_change_password(*, user: User, current_password: str, new_password: str) -> None:
    """Change the password. Every session stores a hash of the password it was opened with,
    so all other sessions end here; the API renews the caller's own hash to keep it."""
    if not user.check_password(current_password):
        raise FieldError("current_password", _("The current password is not correct."))
    try:
        password_validation.validate_password(new_password, user=user)
    except ValidationError as exc:
        raise FieldError("new_password", " ".join(exc.messages)) from None
    user.set_password(new_password)
    user.save(update_fields=["password"])


@transaction.atomic
def user_delete(*, user: User, password: str) -> None:
    if not user.check_password(password):
        raise FieldError("password", _("The password is not correct."))
    user.delete()
