"""The JSON API under /api/: one NinjaAPI with a router per feature."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from core.exceptions import FieldError
from habits.api import router as habits_router
from habits.api_groups import router as groups_router
from habits.api_overview import router as overview_router
from habits.api_reading import router as reading_router
from habits.api_transfer import router as transfer_router
from reminders.api import router as reminders_router
from reminders.api_push import router as push_router
from users.api import router as auth_router
from users.auth import session_auth

api = NinjaAPI(
    title="Habit Tracker API",
    version="1",
    description="Habits, check-ins, streaks and scores. Session cookie auth with CSRF.",
    auth=session_auth,
    urls_namespace="api",
)
api.add_router("/auth/", auth_router, tags=["auth"])
api.add_router("/habits", habits_router, tags=["habits"])
api.add_router("/groups", groups_router, tags=["groups"])
api.add_router("/", reading_router, tags=["progress"])
api.add_router("/", overview_router, tags=["progress"])
api.add_router("/", transfer_router, tags=["import-export"])
api.add_router("/push", push_router, tags=["push"])
api.add_router("/", reminders_router, tags=["reminders"])


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
