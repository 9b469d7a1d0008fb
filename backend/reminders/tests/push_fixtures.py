"""Fixtures of the push tests: the push service stand-in and a fresh VAPID key pair per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.tests.push_service import BrowserSubscription, PushService, running_push_service
from reminders import push

__all__ = ["stand_in", "vapid_dir"]  # the fixtures, for `import *` in the test modules


@pytest.fixture
def vapid_dir(settings: Any, tmp_path: Path) -> Path:
    # The embedded default: no keys configured, a pair generated into VAR_DIR.
    settings.VAR_DIR = tmp_path
    settings.VAPID_PRIVATE_KEY = ""
    settings.VAPID_PUBLIC_KEY = ""
    return tmp_path


@pytest.fixture
def stand_in(vapid_dir: Path, monkeypatch: Any) -> Iterator[PushService]:
    push._pools.clear()
    with running_push_service(monkeypatch, vapid_dir) as service:
        yield service
    push._pools.clear()


def subscribe(api: Any, service: PushService, **extra: Any) -> tuple[BrowserSubscription, int]:
    """What the Settings page does: read the key, subscribe the browser, register it."""
    key = api.get("/api/push/key").json()["public_key"]
    browser = service.subscribe(key)
    response = api.post("/api/push/subscriptions", browser.to_json() | extra)
    assert response.status_code == 201, response.content
    return browser, int(response.json()["id"])
