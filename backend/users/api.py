"""Accounts: register, log in and out, preferences, password, deletion."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _
from ninja import Router, Status

from core.errors import error_body
from users import services, throttle
from users.api_recovery import router as recovery_router
from users.auth import request_user
from users.models import User, normalize_email
from users.schemas import (
    CsrfOut,
    LoginIn,
    Message,
    PasswordChangeIn,
    PasswordIn,
    RegisterIn,
    UserOut,
    UserPatchIn,
)

router = Router()
# Password reset and e-mail change live in their own module, under the same /api/auth/ prefix.
router.add_router("", recovery_router)
ERRORS = {400: Message, 401: Message, 403: Message, 422: dict, 429: Message}


@router.get("/csrf", response=CsrfOut, auth=None, summary="Set the CSRF cookie")
def csrf(request: HttpRequest) -> dict[str, str]:
    return {"csrf_token": get_token(request)}


@router.post("/register", response={201: UserOut, **ERRORS}, auth=None, summary="Create an account")
def register(request: HttpRequest, payload: RegisterIn) -> Status[User]:
    user = services.user_create(
        email=payload.email, password=payload.password, timezone=payload.timezone,
        language=payload.language, week_start=payload.week_start,
    )  # fmt: skip
    login(request, user, backend="users.backends.SessionUserBackend")
    return Status(201, user)


@router.post("/login", response={200: UserOut, **ERRORS}, auth=None, summary="Log in")
def login_view(
    request: HttpRequest, payload: LoginIn, response: HttpResponse
) -> User | Status[dict[str, Any]]:
    email = normalize_email(payload.email)
    address = throttle.client_address(request)
    wait = throttle.retry_after(email, address)
    if wait is not None:
        response["Retry-After"] = str(wait)
        return Status(
            429, error_body("too_many_attempts", _("Too many failed attempts; try again later."))
        )
    # ModelBackend hashes the password even for an unknown email, so timing does not reveal
    # which addresses have accounts.
    user = authenticate(request, username=email, password=payload.password)
    if user is None:
        throttle.record_failure(email, address)
        return Status(
            401, error_body("invalid_credentials", _("Email or password is not correct."))
        )
    throttle.clear(email, address)
    login(request, user)  # rotates the session key: no session fixation
    assert isinstance(user, User)
    return user


@router.post("/logout", response={204: None, 403: Message}, auth=None, summary="Log out")
def logout_view(request: HttpRequest) -> Status[None]:
    logout(request)
    return Status(204, None)


@router.get("/me", response={200: UserOut, 401: Message}, summary="The logged-in user")
def me(request: HttpRequest) -> User:
    return request_user(request)


@router.patch("/me", response={200: UserOut, **ERRORS}, summary="Change preferences")
def me_update(request: HttpRequest, payload: UserPatchIn) -> User:
    return services.user_update(
        user=request_user(request),
        timezone=payload.timezone,
        day_start_hour=payload.day_start_hour,
        week_start=payload.week_start,
        language=payload.language,
    )


@router.post("/password", response={204: None, **ERRORS}, summary="Change the password")
def password_change(request: HttpRequest, payload: PasswordChangeIn) -> Status[None]:
    user = request_user(request)
    services.user_change_password(
        user=user, current_password=payload.current_password, new_password=payload.new_password
    )
    update_session_auth_hash(request, user)  # keep this session, end the others
    return Status(204, None)


@router.delete("/me", response={204: None, **ERRORS}, summary="Delete the account and its data")
def me_delete(request: HttpRequest, payload: PasswordIn) -> Status[None]:
    services.user_delete(user=request_user(request), password=payload.password)
    logout(request)
    return Status(204, None)
