"""Password reset and e-mail change by e-mail (users/recovery.py), under /api/auth/.

Like every unsafe /api/ route these need the CSRF token (core.middleware.ApiCsrfMiddleware):
the web app fetches it from GET /api/auth/csrf before its first POST, logged in or not.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Status

from core.errors import error_body
from core.exceptions import FieldError
from users import recovery, throttle
from users.auth import request_user
from users.models import User, normalize_email
from users.schemas import Message, UserOut
from users.schemas_recovery import (
    EmailChangeConfirmIn,
    EmailChangeIn,
    EmailOut,
    PasswordResetConfirmIn,
    PasswordResetIn,
)

router = Router()
ERRORS = {400: Message, 401: Message, 403: Message, 422: dict, 429: Message}

# One answer for every address, so it says nothing about who has an account.
RESET_SENT = gettext_lazy(
    "If an account exists for that address, we sent it a link to choose a new password. "
    "The link works for one hour."
)
LINK_INVALID = gettext_lazy("This link is no longer valid. Ask for a new one.")
TOO_MANY = gettext_lazy("Too many requests for links; try again later.")


def _throttled(response: HttpResponse, wait: int) -> Status[dict[str, Any]]:
    response["Retry-After"] = str(wait)
    return Status(429, error_body("too_many_requests", TOO_MANY))


@router.post(
    "/password-reset",
    response={202: Message, **ERRORS},
    auth=None,
    summary="E-mail a password-reset link",
)
def password_reset(
    request: HttpRequest, payload: PasswordResetIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    # The same steps for every address, known or not: count, queue a task, answer. The task
    # looks the address up and sends the e-mail after the response has gone.
    wait = throttle.recovery_allow(
        "reset",
        normalize_email(payload.email),
        throttle.client_address(request),
        now=time.time(),
    )
    if wait is not None:
        return _throttled(response, wait)
    recovery.password_reset_request(email=payload.email)
    return Status(202, error_body("password_reset_sent", RESET_SENT))


@router.post(
    "/password-reset/confirm",
    response={200: UserOut, **ERRORS},
    auth=None,
    summary="Set a new password from a reset link and log in",
)
def password_reset_confirm(
    request: HttpRequest, payload: PasswordResetConfirmIn
) -> User | Status[dict[str, Any]]:
    try:
        user = recovery.password_reset_confirm(
            uid=payload.uid, token=payload.token, new_password=payload.new_password
        )
    except recovery.LinkNoLongerValid:
        return Status(400, error_body("link_invalid", LINK_INVALID))
    # A new session (the key rotates); logging in also moves last_login, one more reason every
    # earlier link is now void. Failed logins counted against this person from here are cleared.
    login(request, user, backend="users.backends.SessionUserBackend")
    throttle.clear(user.email, throttle.client_address(request))
    return user


@router.post(
    "/email-change",
    response={202: Message, **ERRORS},
    summary="E-mail a link that confirms a new address",
)
def email_change(
    request: HttpRequest, payload: EmailChangeIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    user = request_user(request)
    address = throttle.client_address(request)
    # The password is checked here, so guesses count like failed logins (and are stopped alike).
    wait = throttle.retry_after(user.email, address)
    if wait is not None:
        return _throttled(response, wait)
    wait = throttle.recovery_allow(
        "email-change", normalize_email(payload.new_email), address, now=time.time()
    )
    if wait is not None:
        return _throttled(response, wait)
    try:
        new_email = recovery.email_change_request(
            user=user, new_email=payload.new_email, password=payload.password
        )
    except FieldError as exc:
        if exc.field == "password":
            throttle.record_failure(user.email, address)
        raise
    detail = _(
        "We sent a link to %(email)s. "
        "Your address changes when you open it; until then nothing changes."
    ) % {"email": new_email}
    return Status(202, error_body("email_change_sent", detail))


@router.post(
    "/email-change/confirm",
    response={200: EmailOut, **ERRORS},
    auth=None,
    summary="Confirm a new e-mail address from its link",
)
def email_change_confirm(
    request: HttpRequest, payload: EmailChangeConfirmIn
) -> User | Status[dict[str, Any]]:
    try:
        return recovery.email_change_confirm(token=payload.token)
    except recovery.LinkNoLongerValid:
        return Status(400, error_body("link_invalid", LINK_INVALID))
