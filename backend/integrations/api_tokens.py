"""Personal API tokens: create, list, revoke. Session only: a token never manages tokens."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from core.errors import error_body
from integrations import tokens
from integrations.models import ApiToken
from integrations.schemas_tokens import TokenCreatedOut, TokenIn, TokenOut
from users.auth import request_user
from users.schemas import Message

router = Router()
ERRORS = {400: Message, 401: Message, 403: Message, 422: dict}


@router.get("", response={200: list[TokenOut], **ERRORS}, summary="List your API tokens")
def token_list(request: HttpRequest) -> list[ApiToken]:
    return list(tokens.api_token_list(user=request_user(request)))


@router.post(
    "",
    response={201: TokenCreatedOut, **ERRORS},
    summary="Create an API token",
    description="The answer holds the token itself; it is shown this once and never again.",
)
def token_create(request: HttpRequest, payload: TokenIn) -> Status[Any]:
    try:
        token, raw = tokens.api_token_create(
            user=request_user(request),
            name=payload.name,
            scope=payload.scope,
            expires_at=payload.expires_at,
            now=timezone.now(),
        )
    except tokens.TokenLimitReached:
        detail = _("You already have %(count)d tokens; revoke one first.") % {
            "count": tokens.MAX_TOKENS_PER_USER
        }
        return Status(400, error_body("token_limit_reached", detail))
    body = TokenOut.from_orm(token).dict()
    return Status(201, {**body, "token": raw})


@router.delete(
    "/{int:token_id}",
    response={204: None, 404: Message, **ERRORS},
    summary="Revoke an API token at once",
)
def token_revoke(request: HttpRequest, token_id: int) -> Status[Any]:
    if not tokens.api_token_revoke(
        user=request_user(request), token_id=token_id, now=timezone.now()
    ):
        return Status(404, error_body("not_found", _("No such token")))
    return Status(204, None)
