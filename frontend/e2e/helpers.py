"""Small helpers shared by the end-to-end tests."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from typing import Any

from playwright.sync_api import APIRequestContext, Browser, BrowserContext, Page

_counter = itertools.count()

BLOCKING_IMPACTS = {"serious", "critical"}


def unique_email(prefix: str = "e2e") -> str:
    return f"{prefix}-{int(time.time() * 1000)}-{next(_counter)}@example.com"


def utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def new_context(
    browser: Browser, base_url: str, *, width: int = 1440, theme: str = "light"
) -> BrowserContext:
    height = 900 if width >= 1000 else 780
    return browser.new_context(
        base_url=base_url,
        viewport={"width": width, "height": height},
        color_scheme=theme,  # type: ignore[arg-type]
        timezone_id="UTC",
        locale="en-GB",
        reduced_motion="reduce",
    )


class Api:
    """Calls the JSON API with the context's cookies, as the SPA does."""

    def __init__(self, request: APIRequestContext) -> None:
        self.request = request

    def _token(self) -> str:
        response = self.request.get("/api/auth/csrf")
        assert response.ok, response.text()
        for cookie in self.request.storage_state()["cookies"]:
            if cookie["name"] == "csrftoken":
                return str(cookie["value"])
        return str(response.json()["csrf_token"])

    def send(self, method: str, path: str, body: Any = None, expect: int | None = None) -> Any:
        response = self.request.fetch(
            path,
            method=method,
            headers={"X-CSRFToken": self._token(), "Content-Type": "application/json"},
            data=json.dumps(body) if body is not None else None,
        )
        if expect is not None:
            assert response.status == expect, (
                f"{method} {path}: {response.status} {response.text()}"
            )
        text = response.text()
        return json.loads(text) if text else None


def habit_payload(name: str, **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "name": name,
        "description": "",
        "color": "#2f7d5b",
        "icon": "✅",
        "kind": "boolean",
        "unit": "",
        "target": 1,
        "target_type": "at_least",
        "schedule": {"type": "daily"},
        "start_date": utc_today().isoformat(),
        "reminder_time": None,
    }
    payload.update(overrides)
    return payload


def serious_violations(page: Page) -> list[str]:
    """Axe-core violations of serious or critical impact, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING_IMPACTS:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return problems


def horizontal_overflow(page: Page) -> str | None:
    """Whether the page scrolls sideways, naming the first elements past its edge when it does."""
    result = page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return null;
          const wide = [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > width + 0.5)
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
          return `scrolls sideways (${document.documentElement.scrollWidth} > ${width}): ${wide}`;
        }"""
    )
    return str(result) if result else None
