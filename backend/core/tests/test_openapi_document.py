"""The API document is good enough for third-party generators (issue 16, core/openapi.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.core.management import call_command
from django.test import Client
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    from config.api import api

    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, ops in document["paths"].items()
        for method, operation in ops.items()
        if method in METHODS
    ]


def test_the_served_document_passes_openapi_spec_validator(client: Client) -> None:
    served = client.get("/api/openapi.json").json()
    validate(served)


def test_every_operation_id_is_unique_and_usable_as_a_method_name(document: dict) -> None:
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids))
    for operation_id in ids:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", operation_id), operation_id
        assert "_api_" not in operation_id, operation_id
    assert {"habit_list", "entry_put", "today", "token_create", "login"} <= set(ids)


def test_every_json_request_body_has_an_example_that_its_schema_accepts(document: dict) -> None:
    checked = 0
    for method, path, operation in operations(document):
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" not in content:
            continue
        body = content["application/json"]
        assert "example" in body, (method, path)
        root = {**body["schema"], "components": document["components"]}
        jsonschema.validate(body["example"], root)
        checked += 1
    assert checked >= 20


def test_error_answers_are_described_with_their_shapes(document: dict) -> None:
    schemas = document["components"]["schemas"]
    assert schemas["ValidationError"]["properties"]["detail"]["type"] == "array"
    for method, path, operation in operations(document):
        responses = operation["responses"]
        for code in ("400", "401", "403", "404", "422", "429"):
            if code in responses:
                assert responses[code]["description"] not in {"", "Unauthorized", "Not Found"}
                ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
                expected = "ValidationError" if code == "422" else "Message"
                if (method, path, code) == ("post", "/api/import", "422"):
                    # The import's refusal names the file and line: its own shape, which the
                    # answer really has (schemathesis checks it in make reliability).
                    expected = "ImportErrorOut"
                assert ref.endswith("/" + expected), (method, path, code)
        if operation.get("security"):
            assert {"401", "403"} <= set(responses), (method, path)
        if any("BearerToken" in requirement for requirement in operation.get("security", [])):
            assert "Retry-After" in responses["429"]["headers"], (method, path)
    entry_put = document["paths"]["/api/habits/{habit_id}/entries/{date}"]["put"]
    assert {"401", "403", "404", "422", "429"} <= set(entry_put["responses"])


def test_every_operation_with_a_json_body_documents_the_400_of_an_unparseable_one(
    client: Client, document: dict
) -> None:
    # ninja answers 400 "Cannot parse request body" to bytes that are not JSON, before any
    # validation; schemathesis sent such bytes to POST /api/push/subscriptions, which did not
    # list 400 (make reliability, 3 December).
    missing = [
        (method, path)
        for method, path, operation in operations(document)
        if "application/json" in operation.get("requestBody", {}).get("content", {})
        and "400" not in operation["responses"]
    ]
    assert missing == []

    from users.models import User

    user = User.objects.create_user(email="garbled@example.com", password="x")
    client.force_login(user)
    client.get("/api/auth/csrf")
    response = client.post(
        "/api/push/subscriptions",
        data=b"\x9f\x13\xe2]",
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_a_real_validation_error_has_the_documented_shape(client: Client, document: dict) -> None:
    from users.models import User

    user = User.objects.create_user(email="shape@example.com", password="x")
    client.force_login(user)
    client.get("/api/auth/csrf")
    response = client.post(
        "/api/habits",
        data={"name": ""},
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 422
    root = {"$ref": "#/components/schemas/ValidationError", "components": document["components"]}
    jsonschema.validate(response.json(), root)


def test_export_openapi_writes_the_served_document(tmp_path: Path, client: Client) -> None:
    target = tmp_path / "openapi.json"
    call_command("export_openapi", output=str(target))
    text = target.read_text()
    assert text.endswith("}\n")
    assert json.loads(text) == client.get("/api/openapi.json").json()


@pytest.mark.slow
def test_openapi_python_client_generates_a_client_without_warnings(
    tmp_path: Path, document: dict
) -> None:
    source = tmp_path / "openapi.json"
    source.write_text(json.dumps(document))
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(source),
            "--output-path",
            str(tmp_path / "client"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Warning" not in output, output
    assert "Skipping" not in output, output
    package = tmp_path / "client" / "habit_tracker_api_client"
    assert (package / "api" / "habits" / "entry_put.py").exists()
    assert (package / "api" / "progress" / "today.py").exists()
    # The generated package imports and exposes the operation as a function.
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "from habit_tracker_api_client.api.habits import entry_put; "
            "print(callable(entry_put.sync))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path / "client",
        timeout=60,
        check=False,
    )
    assert check.stdout.strip() == "True", check.stderr
