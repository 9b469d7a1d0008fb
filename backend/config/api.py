"""The JSON API under /api/: one NinjaAPI with a router per feature."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from core.errors import error_body
from core.exceptions import FieldError
from core.openapi import operation_id, polish
from core.validation import translate_error
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

# The stable code of an HttpError raised without one of its own.
HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    429: "too_many_requests",
    503: "unavailable",
}


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
        "API token (Authorization: Bearer) on the operations that list it. Error messages "
        "come in the account's language, else the best Accept-Language match (en, de, fr, es, "
        "pt-BR, ar), else English; `code` and each 422 item's `type` and `loc` never change "
        "with the language."
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
    body = error_body("not_authenticated", _("Authentication required"))
    return api.create_response(request, body, status=401)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Services raise Http404 with a message of their own ("No such habit"), through gettext.
    detail = str(exc) if exc.args and exc.args[0] else _("Not found")
    return api.create_response(request, error_body("not_found", detail), status=404)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = getattr(exc, "code", "") or HTTP_ERROR_CODES.get(exc.status_code, "error")
    body = error_body(code, exc.message)
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = [translate_error(item) for item in exc.errors]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(FieldError)
def field_error(request: HttpRequest, exc: FieldError) -> HttpResponse:
    # The same shape as django-ninja's validation errors, so clients read one format.
    detail = [{"type": exc.code, "loc": ["body", exc.field], "msg": exc.message}]
    return api.create_response(request, {"detail": detail}, status=422)
