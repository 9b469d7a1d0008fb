from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from core.tests.helpers import run_django
from core.worker import worker_heartbeat


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


def test_health_reports_the_worker_ok_after_a_recent_heartbeat(client: Client, db: None) -> None:
    worker_heartbeat(timezone.now() - timedelta(seconds=30))

    worker = client.get("/health/").json()["worker"]

    assert worker["status"] == "ok"
    assert worker["last_heartbeat"]


def test_a_late_worker_is_reported_without_failing_health(
    settings: Any, client: Client, db: None
) -> None:
    settings.WORKER_LATE_AFTER = 180
    beat = timezone.now() - timedelta(minutes=10)
    worker_heartbeat(beat)

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["worker"] == {"status": "late", "last_heartbeat": beat.isoformat()}


def test_a_worker_that_never_ran_is_late_with_no_heartbeat(client: Client, db: None) -> None:
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["worker"] == {"status": "late", "last_heartbeat": None}
