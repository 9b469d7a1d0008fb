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


def localized_context(
    browser: Browser,
    base_url: str,
    *,
    locale: str,
    width: int = 1440,
    storage_state: Any = None,
) -> BrowserContext:
    """A context like new_context's whose browser speaks `locale` (navigator.languages and the
    Accept-Language header), signed in when given a storage state."""
    height = 900 if width >= 1000 else 780
    return browser.new_context(
        base_url=base_url,
        viewport={"width": width, "height": height},
        color_scheme="light",
        timezone_id="UTC",
        locale=locale,
        reduced_motion="reduce",
        storage_state=storage_state,
    )


def overflowing_text(page: Page) -> list[str]:
    """Buttons, labels, headings and links whose text is wider than their box (a long German
    word that does not wrap), as readable lines. Inline boxes grow with their text and visually
    hidden text is clipped on purpose: neither counts."""
    result = page.evaluate(
        """() => {
          const selector = 'button, label, h1, h2, h3, h4, nav a, a.btn, .btn, th, legend, ' +
            'summary, [role=tab]';
          const found = [];
          for (const el of document.querySelectorAll(selector)) {
            const rect = el.getBoundingClientRect();
            if (rect.width < 4 || rect.height < 4) continue;
            const style = getComputedStyle(el);
            if (style.display === 'inline' || style.display === 'contents') continue;
            if (style.visibility === 'hidden') continue;
            if (el.scrollWidth > el.clientWidth + 1) {
              const text = (el.innerText || el.getAttribute('aria-label') || '').trim();
              found.push(`${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 60)}": ` +
                         `${el.scrollWidth} > ${el.clientWidth}`);
            }
          }
          return found;
        }"""
    )
    return [str(line) for line in result]


def overlapping_controls(page: Page) -> list[str]:
    """Pairs of visible buttons, links and fields whose boxes intersect (text pushing one control
    over another), as readable lines. Boxes are clipped by scrolling ancestors, and a control in
    a fixed or sticky bar is only compared with controls in the same bar."""
    result = page.evaluate(
        """() => {
          const selector = 'a[href], button, input, select, textarea, [role=button], ' +
            '[role=tab], [role=link]';
          const items = [];
          for (const el of document.querySelectorAll(selector)) {
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
            let rect = el.getBoundingClientRect();
            if (rect.width < 4 || rect.height < 4) continue;
            let box = { l: rect.left, t: rect.top, r: rect.right, b: rect.bottom };
            let bar = null;
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
              const s = getComputedStyle(a);
              if (!bar && (s.position === 'fixed' || s.position === 'sticky')) bar = a;
              if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
                const c = a.getBoundingClientRect();
                box = { l: Math.max(box.l, c.left), t: Math.max(box.t, c.top),
                        r: Math.min(box.r, c.right), b: Math.min(box.b, c.bottom) };
              }
            }
            if (box.r - box.l < 2 || box.b - box.t < 2) continue;
            items.push({ el, box, bar });
          }
          const name = (el) => {
            const text = (el.innerText || el.getAttribute('aria-label') || el.name || '').trim();
            return `${el.tagName.toLowerCase()} "${text.slice(0, 40)}"`;
          };
          const found = [];
          for (let i = 0; i < items.length; i++) {
            for (let j = i + 1; j < items.length; j++) {
              const a = items[i], b = items[j];
              if (a.bar !== b.bar) continue;
              if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
              const w = Math.min(a.box.r, b.box.r) - Math.max(a.box.l, b.box.l);
              const h = Math.min(a.box.b, b.box.b) - Math.max(a.box.t, b.box.t);
              if (w > 1 && h > 1) found.push(`${name(a.el)} overlaps ${name(b.el)}`);
              if (found.length >= 10) return found;
            }
          }
          return found;
        }"""
    )
    return [str(line) for line in result]


def serious_violations_here(page: Page) -> list[str]:
    """serious_violations for a page that moves between screens without reloading: axe-core is
    injected once per document instead of on every run (its half a megabyte is parsed anew
    each time otherwise)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe.axe_script)
    response = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    problems = []
    for violation in response["violations"]:
        if violation.get("impact") in BLOCKING_IMPACTS:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return problems
