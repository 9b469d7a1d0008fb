"""Request and response shapes of the personal API token API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, Field


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL: storing it would be a 500 there and not on SQLite.
    if "\x00" in value:
        raise ValueError(_("must not contain NUL characters"))
    return value


# ApiToken.name is CharField(max_length=100); SQLite would not enforce it, so the schema does.
TokenName = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_no_nul)]


def _not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(_("must not be blank"))
    return value


class TokenIn(Schema):
    name: Annotated[TokenName, AfterValidator(_not_blank)] = Field(examples=["Home Assistant"])
    scope: Literal["read", "write"] = Field(
        description="read may only GET; write may also change data (and includes read).",
        examples=["read"],
    )
    expires_at: dt.datetime | None = Field(
        default=None,
        description="When the token stops working (with a time zone offset); null for never.",
        examples=["2027-01-01T00:00:00Z"],
    )


class TokenOut(Schema):
    id: int
    name: str
    scope: Literal["read", "write"]
    prefix: str = Field(description="The token's first characters, to tell tokens apart.")
    created_at: dt.datetime
    last_used_at: dt.datetime | None = Field(
        description="When the token was last used, to the minute."
    )
    expires_at: dt.datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="The token itself: shown this once, never again.")
