"""Session authentication for the API; CSRF is enforced by core.middleware.CsrfMiddleware."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import SessionAuth

from users.models import User


class Session(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        return user if user.is_authenticated else None


# csrf=False: the middleware already checks every unsafe /api/ request, logged in or not.
session_auth = Session(csrf=False)


def request_user(request: HttpRequest) -> User:
    """The logged-in user of a request that passed session_auth."""
    user = request.user
    assert isinstance(user, User)  # session_auth let the request through
    return user
