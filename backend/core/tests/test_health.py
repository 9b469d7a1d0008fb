from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from core.tests.helpers import run_django


def test_health_reports_database_and_cache(client: Client, db: None) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["version"]


def test_health_creates_no_session(client: Client, db: None) -> None:
    response = client.get("/health/")
    assert "sessionid" not in response.cookies
    assert "csrftoken" not in response.cookies


def test_health_answers_503_naming_an_unreachable_cache(
    settings: Any, client: Client, db: None
) -> None:
    # Only the shared cache goes away; the others (sessions without Redis, the process copy)
    # stay as configured.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        },
    }
    # Django's setting_changed signal rebuilds the cache handlers for this test.
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"


@pytest.mark.slow
def test_health_answers_503_naming_an_unreachable_database() -> None:
    code = (
        "from django.test import Client\n"
        "r = Client().get('/health/')\n"
        "print(r.status_code, r.json()['database'], r.json()['cache'])\n"
    )
    result = run_django(code, DATABASE_URL="postgres://nobody@127.0.0.1:9/habits", REDIS_URL="")
    assert result.stdout.split() == ["503", "unavailable", "ok"], result.stderr
