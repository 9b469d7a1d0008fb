"""Password reset and e-mail change by e-mail: the tokens and the writes they allow.

Password-reset links carry Django's PasswordResetTokenGenerator token, which hashes the user's
password, last login and e-mail: setting a new password or logging in makes the link and every
older one invalid, and it expires after PASSWORD_RESET_TIMEOUT. E-mail-change links are signed
(django.core.signing) and bound to the current e-mail and password, so a link works once (the
address it changes is then no longer the current one) and dies with a password change.

A reset request never looks the address up while the client waits: the lookup and the e-mail
happen in a background task (users/tasks.py), so the request does the same work, in the same
time, whether or not an account exists (docs/decisions/0020-account-recovery.md).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import FieldError
from users.models import User, normalize_email

EMAIL_CHANGE_SALT = "users.recovery.email-change"
EMAIL_TAKEN = gettext_lazy("An account with this email already exists.")


class LinkNoLongerValid(Exception):
    """A reset or confirmation link that is forged, used, superseded or expired."""


def valid_email(email: str, *, field: str) -> str:
    email = normalize_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise FieldError(field, _("Enter a valid email address.")) from None
    return email


# --- Password reset ------------------------------------------------------------------------------


def password_reset_request(*, email: str) -> None:
    """Queue the reset e-mail for `email`; the task finds out whether anyone holds it."""
    from users.tasks import send_password_reset  # tasks import this module

    send_password_reset.enqueue(email=valid_email(email, field="email"))


def password_reset_link(*, user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    # In the fragment: browsers never send it, so no access log or proxy sees the token.
    return f"{settings.SITE_URL}/reset-password#uid={uid}&token={token}"


def password_reset_user(*, email: str) -> User | None:
    """The active account `email` belongs to, if any (in the task, never in the request)."""
    return User.objects.filter(email=normalize_email(email), is_active=True).first()


def _user_from_uid(uid: str) -> User | None:
    try:
        pk = int(urlsafe_base64_decode(uid).decode())
    except (ValueError, TypeError, UnicodeDecodeError, OverflowError):
        return None
    if not 0 < pk < 2**63:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    """Set the new password of the link's account; every link sent before stops working."""
    user = _user_from_uid(uid)
    if user is None or not default_token_generator.check_token(user, token):
        raise LinkNoLongerValid
    try:
        password_validation.validate_password(new_password, user=user)
    except ValidationError as exc:
        raise FieldError("new_password", " ".join(exc.messages)) from None
    # Locked and checked again: two tabs submitting one link must not both succeed.
    user = User.objects.select_for_update().get(pk=user.pk)
    if not default_token_generator.check_token(user, token):
        raise LinkNoLongerValid
    # A new hash (fresh salt, even for the same password) changes the session auth hash every
    # session stores, so every other session of this person ends at its next request.
    user.set_password(new_password)
    user.save(update_fields=["password"])
    return user


# --- E-mail change -------------------------------------------------------------------------------


def _binding(user: User) -> str:
    # Changes when the e-mail or the password does; reveals neither.
    return salted_hmac(EMAIL_CHANGE_SALT, f"{user.email}\0{user.password}").hexdigest()


def email_change_request(*, user: User, new_email: str, password: str) -> str:
    """Check the request and queue the confirmation e-mail; nothing changes until it is used."""
    from users.tasks import send_email_change

    if not user.check_password(password):
        raise FieldError("password", _("The password is not correct."))
    new_email = valid_email(new_email, field="new_email")
    if new_email == user.email:
        raise FieldError("new_email", _("This is already your email address."))
    if User.objects.filter(email__iexact=new_email).exists():
        raise FieldError("new_email", str(EMAIL_TAKEN))
    send_email_change.enqueue(user_id=user.pk, new_email=new_email)
    return new_email


def email_change_link(*, user: User, new_email: str) -> str:
    token = signing.dumps(
        {"u": user.pk, "e": new_email, "b": _binding(user)}, salt=EMAIL_CHANGE_SALT
    )
    return f"{settings.SITE_URL}/confirm-email#token={token}"


def _email_change_claims(token: str) -> tuple[int, str, str]:
    try:
        claims: Any = signing.loads(
            token, salt=EMAIL_CHANGE_SALT, max_age=settings.EMAIL_CHANGE_TIMEOUT
        )
        pk, new_email, binding = claims["u"], claims["e"], claims["b"]
    except (signing.BadSignature, TypeError, KeyError, ValueError):
        raise LinkNoLongerValid from None
    if not (isinstance(pk, int) and isinstance(new_email, str) and isinstance(binding, str)):
        raise LinkNoLongerValid
    return pk, new_email, binding


@transaction.atomic
def email_change_confirm(*, token: str) -> User:
    pk, new_email, binding = _email_change_claims(token)
    user = User.objects.select_for_update().filter(pk=pk, is_active=True).first()
    if user is None or not constant_time_compare(binding, _binding(user)):
        raise LinkNoLongerValid
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        raise FieldError("new_email", str(EMAIL_TAKEN))
    user.email = new_email
    try:
        with transaction.atomic():
            user.save(update_fields=["email"])
    except IntegrityError:  # someone signed up with the address a moment ago
        raise FieldError("new_email", str(EMAIL_TAKEN)) from None
    return user
