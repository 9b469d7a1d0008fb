"""The language of a request's messages: the account's, else Accept-Language's, else English.

The middleware activates the Accept-Language match before anything answers; the API's
authentication (users/auth.py, integrations/auth.py) switches to the account's language once it
has loaded the user, so choosing the language costs no query of its own (docs/decisions/0023).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

Handler = Callable[[HttpRequest], HttpResponse]
DEFAULT = "en"


@lru_cache(maxsize=64)
def django_language(tag: str) -> str:
    """Django's code for a BCP 47 tag we support ("pt-BR" → "pt-br"), or "" for any other."""
    supported = {code for code, _ in settings.LANGUAGES}
    tag = tag.strip().lower().replace("_", "-")
    if tag in supported:
        return tag
    base = tag.split("-")[0]
    if base in supported:
        return base
    # "pt" or "pt-PT" have no catalog of their own: Brazilian Portuguese is the closest we have.
    if base == "pt":
        return "pt-br"
    return ""


@lru_cache(maxsize=256)
def accept_language_choice(header: str) -> str:
    """The supported language the Accept-Language header prefers most, or English."""
    for tag, quality in parse_accept_lang_header(header):
        if tag == "*" or quality <= 0:
            continue
        code = django_language(tag)
        if code:
            return code
    return DEFAULT


def user_language(user: object) -> str:
    """The Django code of the account's chosen language, or "" when none was chosen."""
    return django_language(getattr(user, "language", "") or "")


def activate_for_user(user: object) -> None:
    """Switch this request to the account's language, when the person chose one."""
    code = user_language(user)
    if code:
        translation.activate(code)


def override_for_user(user: object) -> translation.override:
    """A context manager for e-mails and notifications: the account's language, else English."""
    return translation.override(user_language(user) or DEFAULT)


class LocaleMiddleware:
    """Activate the request's language, and say which one answered (Content-Language, Vary).

    Django's own LocaleMiddleware also reads a cookie and URL prefixes, which this app has not.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        translation.activate(accept_language_choice(request.META.get("HTTP_ACCEPT_LANGUAGE", "")))
        try:
            response = self.get_response(request)
            # Static files and the SPA's pages are the same in every language: only answers with
            # messages vary, and a Vary on the others would split the CDN's cache for nothing.
            if response.get("Content-Type", "").startswith("application/json"):
                patch_vary_headers(response, ("Accept-Language",))
                response.headers.setdefault("Content-Language", _bcp47(translation.get_language()))
            return response
        finally:
            translation.deactivate()


def _bcp47(code: str | None) -> str:
    return "pt-BR" if code == "pt-br" else code or DEFAULT
