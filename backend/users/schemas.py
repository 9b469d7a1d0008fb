"""Request and response shapes of the account API.

Every string is refused with a 422 naming the field when PostgreSQL could not store or look it
up (NUL) or when it is longer than its column (SQLite ignores varchar lengths), so both engines
answer alike. Passwords are never stored, but a NUL in one is refused the same way: no keyboard
types it, and hashers differ in how they treat it.
"""

from __future__ import annotations

from typing import Annotated, Literal
from zoneinfo import available_timezones

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, Field


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL, so storing or looking up such a value fails with a 500.
    if "\x00" in value:
        raise ValueError(_("must not contain NUL characters"))
    return value


def _known_timezone(value: str) -> str:
    if value not in available_timezones():
        raise ValueError(_("must be an IANA time zone name such as Europe/Berlin"))
    return value


# User.email is EmailField(max_length=254); User.timezone is CharField(max_length=64).
Email = Annotated[str, Field(max_length=254), AfterValidator(_no_nul)]
Password = Annotated[str, Field(max_length=1024), AfterValidator(_no_nul)]
NewPassword = Annotated[str, Field(min_length=1, max_length=1024), AfterValidator(_no_nul)]
Timezone = Annotated[str, Field(max_length=64), AfterValidator(_known_timezone)]
# users.models.LANGUAGES' codes, written out so the OpenAPI document lists them.
Language = Literal["en", "de", "fr", "es", "pt-BR", "ar"]


class UserOut(Schema):
    id: int
    email: str
    timezone: str
    day_start_hour: int
    week_start: int
    language: str = Field(
        description="The language chosen for the app, e-mails and messages (a BCP 47 tag), "
        'or "" when none was chosen yet.'
    )


class CsrfOut(Schema):
    csrf_token: str


class RegisterIn(Schema):
    email: Email
    password: NewPassword
    timezone: Timezone | None = None
    language: Language | None = None
    week_start: int | None = Field(default=None, ge=0, le=6)


class LoginIn(Schema):
    email: Email
    password: Password


class UserPatchIn(Schema):
    timezone: Timezone | None = None
    day_start_hour: int | None = Field(default=None, ge=0, le=23)
    week_start: int | None = Field(default=None, ge=0, le=6)
    language: Language | None = None


class PasswordChangeIn(Schema):
    current_password: Password
    new_password: NewPassword


class PasswordIn(Schema):
    password: Password


class Message(Schema):
    detail: str = Field(description="What happened, in the person's language.")
    code: str | None = Field(
        default=None,
        description="A stable machine-readable code (snake_case English) for programs; "
        "it never changes with the language.",
    )
