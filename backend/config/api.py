"""The JSON API under /api/: one NinjaAPI with a router per feature."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from core.exceptions import FieldError
from core.openapi import operation_id, polish
from habits.api import router as habits_router
from habits.api_groups import router as groups_router
from habits.api_overview import router as overview_router
from habits.api_reading import router as reading_router
from habits.api_transfer import router as transfer_router
from integrations.api_tokens import router as tokens_router
from integrations.api_webhooks import router as webhooks_router
from integrations.auth import declare_csrf, install_token_auth, session_or_token
from reminders.api import router as reminders_router
from reminders.api_push import router as push_router
from users.api import router as auth_router
from users.auth import session_auth


class HabitsApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return polish(declare_csrf(super().get_openapi_schema(**kwargs)))

    def get_openapi_operation_id(self, operation: Any) -> str:
        # A method name for generated clients ("habit_list"), not "habits_api_habit_list".
        return operation_id(operation.view_func.__name__)


# Operations take the browser session (with CSRF) by default; the routers a script needs are
# mounted with auth=session_or_token and also take a personal API token, which every other
# operation refuses with 403 (integrations/auth.py, docs/decisions/0018).
api = HabitsApi(
    title="Habit Tracker API",
    version="1",
    description=(
        "Habits, check-ins, streaks and scores. Session cookie auth with CSRF, or a personal "
        "API token (Authorization: Bearer) on the operations that list it."
    ),
    auth=session_auth,
    urls_namespace="api",
)
api.add_router("/auth/", auth_router, tags=["auth"])
api.add_router("/habits", habits_router, auth=session_or_token, tags=["habits"])
api.add_router("/groups", groups_router, auth=session_or_token, tags=["groups"])
api.add_router("/", reading_router, auth=session_or_token, tags=["progress"])
api.add_router("/", overview_router, auth=session_or_token, tags=["progress"])
api.add_router("/", transfer_router, auth=session_or_token, tags=["import-export"])
api.add_router("/push", push_router, tags=["push"])
api.add_router("/", reminders_router, auth=session_or_token, tags=["reminders"])
api.add_router("/tokens", tokens_router, tags=["tokens"])
# Session only, like tokens: a leaked token must not redirect the account's changes elsewhere.
api.add_router("/webhooks", webhooks_router, tags=["webhooks"])
install_token_auth(api)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Authentication required"}, status=401)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(FieldError)
def field_error(request: HttpRequest, exc: FieldError) -> HttpResponse:
    # The same shape as django-ninja's validation errors, so clients read one format.
    detail = [{"type": "value_error", "loc": ["body", exc.field], "msg": exc.message}]
    return api.create_response(request, {"detail": detail}, status=422)
