"""What the OpenAPI document says beyond what django-ninja writes by itself.

Generated clients (openapi-typescript for the web app, openapi-python-client, others) read
the document at /api/openapi.json; this module makes it good for them in one place instead
of in every route: an operationId that reads as a method name, an example for every request
body, and the error answers (401, 403, 404, 422, 429) described with their real shapes.
"""

from __future__ import annotations

import copy
from typing import Any

# The view function's own name is the operationId ("habit_list", "entry_put", "token_create"),
# with these few renamed where the function's name says less than the operation does.
OPERATION_RENAMES = {
    "csrf": "csrf_read",
    "login_view": "login",
    "logout_view": "logout",
    "me": "me_read",
}

# Request bodies worth a realistic example; any other body gets one built from its schema
# (its fields' own `examples`, else the smallest valid value), see example_for().
REQUEST_EXAMPLES: dict[str, dict[str, Any]] = {
    "RegisterIn": {
        "email": "sam@example.com",
        "password": "correct horse battery staple",
        "timezone": "Europe/Berlin",
    },
    "LoginIn": {"email": "sam@example.com", "password": "correct horse battery staple"},
    "UserPatchIn": {"timezone": "Europe/Berlin", "day_start_hour": 4, "week_start": 0},
    "PasswordIn": {"password": "correct horse battery staple"},
    "PasswordChangeIn": {
        "current_password": "correct horse battery staple",
        "new_password": "a longer passphrase of my own",
    },
    "PasswordResetIn": {"email": "sam@example.com"},
    "EmailChangeIn": {"new_email": "sam@example.org", "password": "correct horse battery staple"},
    "HabitIn": {
        "name": "Walk the dog",
        "color": "#16a34a",
        "kind": "boolean",
        "schedule": {"type": "daily"},
    },
    "HabitPatchIn": {"name": "Walk the dog twice", "archived": False},
    "HabitReorderIn": {"ids": [3, 1, 2]},
    "EntryIn": {"status": "done", "note": "Around the park"},
    "GroupIn": {"name": "Mornings", "color": "#f59e0b"},
    "GroupPatchIn": {"collapsed": True},
    "ReorderIn": {"ids": [2, 1]},
    "ReminderIn": {"time": "08:30:00", "weekdays": ["mon", "wed", "fri"], "channels": ["push"]},
    "ReminderPatchIn": {"time": "09:00:00"},
    "TokenIn": {"name": "Home Assistant", "scope": "read", "expires_at": None},
}

ERROR_DESCRIPTIONS = {
    "400": "The request could not be carried out as asked; `detail` says why.",
    "401": "Not signed in, or the API token is unknown, expired or revoked; `detail` says which.",
    "403": (
        "Not allowed: a missing or wrong CSRF token on a session request, a read-only token "
        "that tried to write, or a token on an operation that takes only the session."
    ),
    "404": "No such object among the signed-in person's own.",
    "422": (
        "The input failed validation; each item of `detail` names the field (`loc`), the stable "
        "reason (`type`) and a message in the request's language (`msg`)."
    ),
    "429": "Too many requests; wait the number of seconds in Retry-After.",
}

VALIDATION_ERROR = {
    "title": "ValidationError",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "title": "Detail",
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "loc", "msg"],
                "properties": {
                    "type": {"type": "string", "examples": ["value_error"]},
                    "loc": {
                        "type": "array",
                        "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                        "examples": [["body", "payload", "name"]],
                    },
                    "msg": {
                        "type": "string",
                        "description": "In the request's language (Content-Language).",
                        "examples": ["Field required"],
                    },
                },
            },
        }
    },
}

MESSAGE = {
    "title": "Message",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "title": "Detail",
            "type": "string",
            "description": "What happened, in the person's language.",
        },
        "code": {
            "title": "Code",
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "description": "A stable machine-readable code (snake_case English) for programs; "
            "it never changes with the language.",
        },
    },
}


def operation_id(function_name: str) -> str:
    return OPERATION_RENAMES.get(function_name, function_name)


def polish(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Message", copy.deepcopy(MESSAGE))
    components["ValidationError"] = copy.deepcopy(VALIDATION_ERROR)
    _tighten_outputs(components)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict):
                _describe_errors(operation)
                _add_body_example(operation, components)
    return schema


# Output fields declared loosely (a plain str or dict, so that lists are not validated field by
# field on the way out) whose values are exactly what an input schema's field accepts: the
# document gives them the input's precise type, so generated clients get the same unions.
PRECISE_OUTPUTS = {
    ("HabitOut", "kind"): ("HabitIn", "kind"),
    ("HabitOut", "target_type"): ("HabitIn", "target_type"),
    ("HabitOut", "schedule"): ("HabitIn", "schedule"),  # habits/values.py schedule_to_dict
    ("EntryOut", "status"): ("EntryIn", "status"),
    ("TokenOut", "scope"): ("TokenIn", "scope"),
    ("TokenCreatedOut", "scope"): ("TokenIn", "scope"),
}


def _tighten_outputs(components: dict[str, Any]) -> None:
    for (out_name, field), (in_name, in_field) in PRECISE_OUTPUTS.items():
        source = components.get(in_name, {}).get("properties", {}).get(in_field)
        target = components.get(out_name, {}).get("properties", {})
        if source is not None and field in target:
            precise = copy.deepcopy(source)
            for key in ("default", "examples", "description"):
                precise.pop(key, None)
            target[field] = precise


def _json_ref(name: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}


def _describe_errors(operation: dict[str, Any]) -> None:
    # django-ninja keys responses by int, JSON by string: one kind, so no code appears twice.
    responses = {str(code): value for code, value in operation.get("responses", {}).items()}
    operation["responses"] = responses
    security = operation.get("security", [])
    takes_token = any("BearerToken" in requirement for requirement in security)
    if security:
        responses.setdefault("401", {})
        responses.setdefault("403", {})
    if takes_token:
        responses.setdefault("429", {})
    for code, response in responses.items():
        if code not in ERROR_DESCRIPTIONS:
            continue
        response["description"] = ERROR_DESCRIPTIONS[code]
        if code == "422":
            # An operation that declared its own 422 shape (the import's refusal names the
            # file and line) keeps it; the rest answer 422 only with validation errors.
            own = response.get("content", {}).get("application/json", {}).get("schema", {})
            if own.get("$ref"):
                response["description"] = "Refused: `detail` says why, in the request's language."
            else:
                response["content"] = _json_ref("ValidationError")
        else:
            content = response.get("content", {}).get("application/json", {})
            if content.get("schema", {}).get("$ref") in (None, "#/components/schemas/Message"):
                response["content"] = _json_ref("Message")
        if code == "429":
            response["headers"] = {
                "Retry-After": {
                    "description": "Seconds to wait before the next request.",
                    "schema": {"type": "integer"},
                }
            }


def _add_body_example(operation: dict[str, Any], components: dict[str, Any]) -> None:
    for media_type, content in operation.get("requestBody", {}).get("content", {}).items():
        if media_type != "application/json" or "example" in content:
            continue
        ref = content.get("schema", {}).get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        if name in REQUEST_EXAMPLES:
            content["example"] = copy.deepcopy(REQUEST_EXAMPLES[name])
        elif name in components:
            content["example"] = example_for(components[name], components)


def example_for(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    """A valid value for `schema`: its own example, else the smallest that validates."""
    if "$ref" in schema:
        return example_for(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    if schema.get("examples"):
        return copy.deepcopy(schema["examples"][0])
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return example_for(options[0], components) if options else None
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return {
            name: example_for(properties[name], components)
            for name in schema.get("required", [])
            if name in properties
        }
    if kind == "array":
        count = schema.get("minItems", 1)
        return [example_for(schema.get("items", {}), components) for _ in range(count)]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return max(1.0, schema.get("minimum", 1.0))
    if kind == "boolean":
        return True
    if kind == "string":
        samples = {"date": "2026-01-31", "time": "08:30:00", "date-time": "2026-01-31T08:30:00Z"}
        return samples.get(schema.get("format", ""), "example")
    return None
