from __future__ import annotations

from zoneinfo import available_timezones

from ninja import Schema
from pydantic import Field, field_validator


def _check_timezone(value: str | None) -> str | None:
    if value is not None and value not in available_timezones():
        raise ValueError("must be an IANA time zone name such as Europe/Berlin")
    return value


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL, so looking such an email up would fail with a 500.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


class UserOut(Schema):
    id: int
    email: str
    timezone: str
    day_start_hour: int
    week_start: int


class CsrfOut(Schema):
    csrf_token: str


class RegisterIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(min_length=1, max_length=1024)
    timezone: str | None = Field(default=None, max_length=64)

    _tz = field_validator("timezone")(_check_timezone)


class LoginIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)

    _email = field_validator("email")(_no_nul)


class UserPatchIn(Schema):
    timezone: str | None = Field(default=None, max_length=64)
    day_start_hour: int | None = Field(default=None, ge=0, le=23)
    week_start: int | None = Field(default=None, ge=0, le=6)

    _tz = field_validator("timezone")(_check_timezone)


class PasswordChangeIn(Schema):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class PasswordIn(Schema):
    password: str = Field(max_length=1024)


class Message(Schema):
    detail: str
