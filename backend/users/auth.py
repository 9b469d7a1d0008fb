"""Session authentication for the API; CSRF is enforced by core.middleware.CsrfMiddleware."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import SessionAuth

from core.locale import activate_for_user
from core.middleware import carries_bearer_token
from users.models import User


class TokenNotAccepted(Exception):
    """A request carrying an API token reached an operation only a browser session may call."""


class Session(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        # A request with a token is never also taken as its session: it skipped the CSRF check
        # (core.middleware.ApiCsrfMiddleware), and the operation may be closed to tokens.
        if carries_bearer_token(request):
            raise TokenNotAccepted
        user = request.user
        if not user.is_authenticated:
            return None
        # The user is loaded now anyway: its language costs no query (core/locale.py).
        activate_for_user(user)
        return user


# csrf=False: the middleware already checks every unsafe /api/ request, logged in or not, except
# those with an API token (integrations/auth.py), which this refuses.
session_auth = Session(csrf=False)


def request_user(request: HttpRequest) -> User:
    """The logged-in user of a request that passed session_auth."""
    user = request.user
    assert isinstance(user, User)  # session_auth let the request through
    return user
