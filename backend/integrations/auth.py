"""`Authorization: Bearer <token>` for the API, next to the browser session.

Which operations a token may call is decided per router in config/api.py: a router mounted with
`auth=session_or_token` accepts both; every other operation keeps the API's default,
`session_auth`, which refuses a request carrying a token with 403. So a new router is closed to
tokens until someone opens it on purpose (docs/decisions/0018).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.security import HttpBearer

from core.errors import error_body
from core.locale import activate_for_user
from integrations import tokens
from users.auth import TokenNotAccepted, session_auth

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenScopeTooNarrow(Exception):
    """A read token asked to write."""


class TokenThrottled(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class BearerToken(HttpBearer):
    openapi_description = (
        "A personal API token made in Settings (POST /api/tokens): "
        "`Authorization: Bearer hbt_...`. No CSRF header is needed. A read token may only "
        "GET; a write token may also change data. Limited per token per minute (429 with "
        "Retry-After)."
    )
    openapi_bearerFormat = "hbt_ followed by 43 URL-safe characters"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # The 401/403/429 below are raised, not returned as None, so that a bad token never
        # falls through to the session cookie the same request might carry.
        use = tokens.api_token_authenticate(token, now=timezone.now())
        # The owner is known from here: the 403 and 429 below speak their language too.
        activate_for_user(use.user)
        # Named in the request log (core.middleware.RequestLogMiddleware); the token never is.
        request.api_token_id = use.token_id  # type: ignore[attr-defined]
        wait = tokens.api_token_throttle(
            throttle_id=use.throttle_id, now=timezone.now().timestamp()
        )
        if wait is not None:
            raise TokenThrottled(wait)
        if request.method not in SAFE_METHODS and not use.can_write:
            raise TokenScopeTooNarrow
        request.user = use.user
        return use.user


token_auth = BearerToken()
# For routers a script may use: a token first (when the request carries one), else the session.
session_or_token = [token_auth, session_auth]


def _bearer_challenge(error: str, description: str) -> str:
    quoted = description.replace("\\", "\\\\").replace('"', '\\"')
    return f'Bearer realm="api", error="{error}", error_description="{quoted}"'


def install_token_auth(api: NinjaAPI) -> None:
    """Register the JSON answers for refused tokens on the API."""

    @api.exception_handler(tokens.TokenRejected)
    def rejected(request: HttpRequest, exc: tokens.TokenRejected) -> HttpResponse:
        body = error_body(exc.code, exc.message)
        response = api.create_response(request, body, status=401)
        # The challenge is for programs and stays in English.
        response["WWW-Authenticate"] = _bearer_challenge("invalid_token", str(exc))
        return response

    @api.exception_handler(TokenScopeTooNarrow)
    def too_narrow(request: HttpRequest, exc: TokenScopeTooNarrow) -> HttpResponse:
        english = (
            "This token's scope is read: it may only read (GET). "
            "Create a token with the write scope to change data."
        )
        detail = _(
            "This token's scope is read: it may only read (GET). "
            "Create a token with the write scope to change data."
        )
        body = error_body("insufficient_scope", detail)
        response = api.create_response(request, body, status=403)
        response["WWW-Authenticate"] = _bearer_challenge("insufficient_scope", english)
        return response

    @api.exception_handler(TokenNotAccepted)
    def not_accepted(request: HttpRequest, exc: TokenNotAccepted) -> HttpResponse:
        detail = _(
            "Personal API tokens cannot be used for this operation (account, password, e-mail, "
            "tokens, push subscriptions): sign in to the web app instead."
        )
        body = error_body("token_not_accepted", detail)
        return api.create_response(request, body, status=403)

    @api.exception_handler(TokenThrottled)
    def throttled(request: HttpRequest, exc: TokenThrottled) -> HttpResponse:
        detail = _("Too many requests with this token; try again in %(seconds)d s.") % {
            "seconds": exc.retry_after
        }
        response = api.create_response(request, error_body("too_many_requests", detail), status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response


def declare_csrf(schema: dict[str, Any]) -> dict[str, Any]:
    """Say in the OpenAPI document that a session's unsafe requests also need the CSRF header.

    django-ninja lists each operation's auth callbacks as alternatives; the CSRF header is not
    one of them but goes with the session cookie, so it is added to that requirement.
    """
    components = schema.setdefault("components", {})
    schemes = components.setdefault("securitySchemes", {})
    if "Session" in schemes:
        schemes["Session"]["description"] = (
            "The browser session: the sessionid cookie set by POST /api/auth/login. Requests "
            "other than GET also send the csrftoken cookie's value in X-CSRFToken."
        )
    schemes["CsrfToken"] = {
        "type": "apiKey",
        "in": "header",
        "name": "X-CSRFToken",
        "description": "The csrftoken cookie's value (GET /api/auth/csrf sets it); with the "
        "session only, and only on requests other than GET.",
    }
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method.upper() in SAFE_METHODS or not isinstance(operation, dict):
                continue
            for requirement in operation.get("security", []):
                if "Session" in requirement:
                    requirement["CsrfToken"] = []
    return schema
