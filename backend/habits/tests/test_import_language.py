"""An import's refusal says why in the person's language; `file` and `line` stay as they are."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import Api, make_user


@pytest.mark.django_db
def test_a_refused_upload_explains_itself_in_german() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(language="de"))
    api = Api(client)
    response = client.post(
        "/api/import", {"file": SimpleUploadedFile("empty.zip", b"")}, **api._headers()
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "ist leer",
        "code": "import_invalid",
        "file": "empty.zip",
        "line": None,
    }


@pytest.mark.django_db
def test_a_json_upload_of_another_kind_is_refused_in_arabic() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(language="ar"))
    api = Api(client)
    upload = SimpleUploadedFile("data.json", b'{"format": "something-else"}')
    response = client.post("/api/import", {"file": upload}, **api._headers())
    assert response.status_code == 422
    assert response.json()["detail"].startswith("ملف JSON لكنه ليس تصديرًا من Habit Tracker")
