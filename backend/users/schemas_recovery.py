"""Request and response shapes of password reset and e-mail change."""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from users.schemas import Email, NewPassword, Password, _no_nul

# Links carry Django's uid (base64 of the id) and token, or a signed e-mail-change token; real
# ones are far shorter than these bounds.
Uid = Annotated[str, Field(max_length=64), AfterValidator(_no_nul)]
Token = Annotated[str, Field(max_length=1024), AfterValidator(_no_nul)]


class PasswordResetIn(Schema):
    email: Email


class PasswordResetConfirmIn(Schema):
    uid: Uid
    token: Token
    new_password: NewPassword


class EmailChangeIn(Schema):
    new_email: Email
    password: Password


class EmailChangeConfirmIn(Schema):
    token: Token


class EmailOut(Schema):
    email: str
