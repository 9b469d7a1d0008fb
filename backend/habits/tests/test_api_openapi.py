from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ROUTES = {
    ("get", "/api/auth/csrf"),
    ("post", "/api/auth/register"),
    ("post", "/api/auth/login"),
    ("post", "/api/auth/logout"),
    ("get", "/api/auth/me"),
    ("patch", "/api/auth/me"),
    ("delete", "/api/auth/me"),
    ("post", "/api/auth/password"),
    ("get", "/api/habits"),
    ("post", "/api/habits"),
    ("post", "/api/habits/reorder"),
    ("get", "/api/habits/{habit_id}"),
    ("patch", "/api/habits/{habit_id}"),
    ("delete", "/api/habits/{habit_id}"),
    ("get", "/api/habits/{habit_id}/entries"),
    ("put", "/api/habits/{habit_id}/entries/{date}"),
    ("delete", "/api/habits/{habit_id}/entries/{date}"),
    ("get", "/api/today"),
    ("get", "/api/habits/{habit_id}/stats"),
}


def test_the_openapi_document_lists_every_route_with_schemas_and_errors(client: Client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    operations = {(m, p) for p, ops in document["paths"].items() for m in ops}
    assert operations >= ROUTES
    for method, path in ROUTES:
        operation = document["paths"][path][method]
        codes = set(operation["responses"])
        assert any(code.startswith("2") for code in codes), (method, path)
        if (path != "/api/auth/csrf" and method != "get") or "{habit_id}" in path:
            assert codes & {"401", "403", "404", "422"}, (method, path)
        if method in {"post", "put", "patch"} and path not in {"/api/auth/logout"}:
            assert "requestBody" in operation, (method, path)


def test_the_interactive_docs_are_served(client: Client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_staff_can_search_habits_in_the_admin(client: Client) -> None:
    from habits.tests.factories import habit_for
    from users.models import User

    staff = User.objects.create_superuser(email="admin@example.com", password="x")
    habit_for(staff, name="Meditate")
    client.force_login(staff)
    response = client.get("/admin/habits/habit/", {"q": "medit"})
    assert response.status_code == 200
    assert b"Meditate" in response.content
    assert client.get("/admin/habits/entry/", {"q": "x"}).status_code == 200
