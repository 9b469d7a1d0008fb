"""A test client that authenticates with a personal API token instead of a session."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from conftest import Api
from integrations import tokens
from users.models import User


class TokenApi(Api):
    """Sends `Authorization: Bearer <token>` and no cookies and no CSRF header, like a script."""

    def __init__(self, token: str) -> None:
        super().__init__(Client(enforce_csrf_checks=True))
        self.token = token

    def _headers(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, **self._headers())  # type: ignore[arg-type]


def make_token(
    user: User, *, scope: str = "write", name: str = "script", expires_at: dt.datetime | None = None
) -> str:
    _, raw = tokens.api_token_create(
        user=user, name=name, scope=scope, expires_at=expires_at, now=timezone.now()
    )
    return raw
