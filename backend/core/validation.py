"""Pydantic's validation messages in the person's language, chosen by the error's stable type.

Pydantic writes its messages in English only. A 422 keeps each item's `type` (the stable code)
and `loc` (the field) and gets `msg` from here, filled with the error's `ctx` values. In English,
and for the rare types not listed, pydantic's own message is kept word for word.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

Context = dict[str, Any]


def _count(ctx: Context, key: str) -> int:
    try:
        return int(ctx.get(key, 0))
    except (TypeError, ValueError):
        return 0


def _too_short(ctx: Context) -> str:
    n = _count(ctx, "min_length")
    return ngettext(
        "Should have at least %(count)d item", "Should have at least %(count)d items", n
    ) % {"count": n}


def _too_long(ctx: Context) -> str:
    n = _count(ctx, "max_length")
    return ngettext(
        "Should have at most %(count)d item", "Should have at most %(count)d items", n
    ) % {"count": n}


def _string_too_short(ctx: Context) -> str:
    n = _count(ctx, "min_length")
    return ngettext(
        "String should have at least %(count)d character",
        "String should have at least %(count)d characters",
        n,
    ) % {"count": n}


def _string_too_long(ctx: Context) -> str:
    n = _count(ctx, "max_length")
    return ngettext(
        "String should have at most %(count)d character",
        "String should have at most %(count)d characters",
        n,
    ) % {"count": n}


def _value_error(ctx: Context) -> str:
    # Our validators raise their message through gettext already, in the request's language.
    return _("Value error, %(error)s") % {"error": ctx.get("error", "")}


MESSAGES: dict[str, Callable[[Context], str]] = {
    "missing": lambda ctx: _("Field required"),
    "string_too_short": _string_too_short,
    "string_too_long": _string_too_long,
    "too_short": _too_short,
    "too_long": _too_long,
    "greater_than": lambda ctx: _("Input should be greater than %(gt)s") % ctx,
    "greater_than_equal": lambda ctx: _("Input should be greater than or equal to %(ge)s") % ctx,
    "less_than": lambda ctx: _("Input should be less than %(lt)s") % ctx,
    "less_than_equal": lambda ctx: _("Input should be less than or equal to %(le)s") % ctx,
    "multiple_of": lambda ctx: _("Input should be a multiple of %(multiple_of)s") % ctx,
    "int_parsing": lambda ctx: _("Input should be a valid integer"),
    "int_type": lambda ctx: _("Input should be a valid integer"),
    "int_from_float": lambda ctx: _("Input should be a whole number"),
    "float_parsing": lambda ctx: _("Input should be a valid number"),
    "float_type": lambda ctx: _("Input should be a valid number"),
    "finite_number": lambda ctx: _("Input should be a finite number"),
    "decimal_parsing": lambda ctx: _("Input should be a valid number"),
    "decimal_type": lambda ctx: _("Input should be a valid number"),
    "bool_parsing": lambda ctx: _("Input should be true or false"),
    "bool_type": lambda ctx: _("Input should be true or false"),
    "string_type": lambda ctx: _("Input should be a valid string"),
    "string_pattern_mismatch": lambda ctx: _("String should match pattern '%(pattern)s'") % ctx,
    "literal_error": lambda ctx: _("Input should be %(expected)s") % ctx,
    "enum": lambda ctx: _("Input should be %(expected)s") % ctx,
    "date_parsing": lambda ctx: _("Input should be a valid date in the format YYYY-MM-DD"),
    "date_from_datetime_parsing": lambda ctx: _(
        "Input should be a valid date in the format YYYY-MM-DD"
    ),
    "date_type": lambda ctx: _("Input should be a valid date in the format YYYY-MM-DD"),
    "datetime_parsing": lambda ctx: _("Input should be a valid date and time"),
    "datetime_from_date_parsing": lambda ctx: _("Input should be a valid date and time"),
    "datetime_type": lambda ctx: _("Input should be a valid date and time"),
    "time_parsing": lambda ctx: _("Input should be a valid time"),
    "time_type": lambda ctx: _("Input should be a valid time"),
    "timezone_aware": lambda ctx: _("Input should have a time zone offset"),
    "list_type": lambda ctx: _("Input should be a valid list"),
    "dict_type": lambda ctx: _("Input should be a valid object"),
    "model_type": lambda ctx: _("Input should be a valid object"),
    "model_attributes_type": lambda ctx: _("Input should be a valid object"),
    "extra_forbidden": lambda ctx: _("Extra inputs are not permitted"),
    "json_invalid": lambda ctx: _("The request body is not valid JSON"),
    "url_parsing": lambda ctx: _("Input should be a valid URL"),
    "url_type": lambda ctx: _("Input should be a valid URL"),
    "url_scheme": lambda ctx: _("URL scheme should be %(expected_schemes)s") % ctx,
    "value_error": _value_error,
    "assertion_error": _value_error,
}


def translate_error(item: dict[str, Any]) -> dict[str, Any]:
    """One 422 item with `msg` in the active language; `type`, `loc` and `ctx` unchanged."""
    if translation.get_language() in (None, "en"):
        return item
    render = MESSAGES.get(str(item.get("type", "")))
    if render is None:
        return item
    try:
        msg = render(item.get("ctx") or {})
    except (KeyError, TypeError, ValueError):
        return item  # a ctx without the expected value: pydantic's English is still right
    return {**item, "msg": msg}
