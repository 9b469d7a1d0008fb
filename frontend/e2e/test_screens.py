"""Every screen, light and dark, phone and desktop: no serious axe-core
violations, no sideways scrolling, and a screenshot for docs/screenshots/."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from helpers import (
    Api,
    habit_payload,
    horizontal_overflow,
    new_context,
    serious_violations,
    unique_email,
    utc_today,
)

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"
THEMES = ["light", "dark"]
WIDTHS = [360, 1440]


def seed_account(api: Api) -> dict[str, int]:
    """A user with a few weeks of history, so that charts have something to show."""
    email = unique_email("screens")
    api.send(
        "POST",
        "/api/auth/register",
        {"email": email, "password": PASSWORD, "timezone": "UTC"},
        expect=201,
    )
    today = utc_today()
    start = (today - dt.timedelta(days=120)).isoformat()
    read = api.send(
        "POST",
        "/api/habits",
        habit_payload("Read", icon="📚", color="#8e5bd0", start_date=start),
        expect=201,
    )
    water = api.send(
        "POST",
        "/api/habits",
        habit_payload(
            "Drink water",
            icon="💧",
            color="#2b7bb9",
            kind="measurable",
            unit="glasses",
            target=8,
            start_date=start,
        ),
        expect=201,
    )
    gym = api.send(
        "POST",
        "/api/habits",
        habit_payload(
            "Gym",
            icon="🏋️",
            color="#d9534f",
            schedule={"type": "times_per_week", "times": 3},
            start_date=start,
        ),
        expect=201,
    )
    coffee = api.send(
        "POST",
        "/api/habits",
        habit_payload(
            "Coffee",
            icon="☕",
            color="#e08a1e",
            kind="measurable",
            unit="cups",
            target=2,
            target_type="at_most",
            start_date=start,
        ),
        expect=201,
    )
    # Over the limit today, so that the screens show how that looks.
    api.send(
        "PUT", f"/api/habits/{coffee['id']}/entries/{today.isoformat()}", {"value": 3}, expect=200
    )
    for days_ago in range(1, 110):
        day = (today - dt.timedelta(days=days_ago)).isoformat()
        if days_ago % 7 not in (3, 6):
            api.send(
                "PUT", f"/api/habits/{read['id']}/entries/{day}", {"status": "done"}, expect=200
            )
        if days_ago % 3 != 0:
            api.send(
                "PUT",
                f"/api/habits/{water['id']}/entries/{day}",
                {"value": 6 + days_ago % 4},
                expect=200,
            )
        if days_ago % 5 == 0:
            api.send(
                "PUT",
                f"/api/habits/{coffee['id']}/entries/{day}",
                {"value": 1 + days_ago % 3},
                expect=200,
            )
        if days_ago % 2 == 0 and days_ago % 7 != 0:
            api.send(
                "PUT", f"/api/habits/{gym['id']}/entries/{day}", {"status": "done"}, expect=200
            )
    api.send(
        "PUT",
        f"/api/habits/{read['id']}/entries/{(today - dt.timedelta(days=3)).isoformat()}",
        {"status": "skipped", "note": "Travelling, no book with me"},
        expect=200,
    )
    return {"read": read["id"], "water": water["id"], "gym": gym["id"]}


@pytest.fixture(scope="module")
def account(browser: Browser, live_server: str) -> tuple[str, dict[str, int]]:
    context = new_context(browser, live_server)
    api = Api(context.request)
    ids = seed_account(api)
    state = context.storage_state()
    context.close()
    return state, ids  # type: ignore[return-value]


Screen = tuple[str, Callable[[dict[str, int]], str], str | re.Pattern[str]]

EARLIER_DAY = utc_today() - dt.timedelta(days=12)

SIGNED_OUT: list[Screen] = [
    ("login", lambda _: "/login", "Log in"),
    ("register", lambda _: "/register", "Create your account"),
]
SIGNED_IN: list[Screen] = [
    ("today", lambda _: "/", "Today"),
    # An earlier day opened from the date picker or ?date=: its heading names the day.
    (
        "today-earlier",
        lambda _: f"/?date={EARLIER_DAY.isoformat()}",
        re.compile(f"^{EARLIER_DAY.strftime('%A')}"),
    ),
    ("habits", lambda _: "/habits", "Habits"),
    ("habit-form", lambda ids: f"/habits/{ids['water']}/edit", "Edit habit"),
    ("habit-detail", lambda ids: f"/habits/{ids['read']}", "Read"),
    ("settings", lambda _: "/settings", "Settings"),
]


def check_screen(page: Page, path: str, heading: str | re.Pattern[str], shot: Path) -> list[str]:
    page.goto(path)
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    # Wait for loading skeletons to be replaced by content.
    expect(page.locator("[aria-busy='true']")).to_have_count(0, timeout=10_000)
    problems = serious_violations(page)
    overflow = horizontal_overflow(page)
    if overflow:
        problems.append(overflow)
    page.screenshot(path=str(shot), full_page=False, animations="disabled")
    return problems


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_screen_is_accessible_and_photographed(
    browser: Browser,
    live_server: str,
    account: tuple[dict, dict[str, int]],
    screenshots_dir: Path,
    theme: str,
    width: int,
) -> None:
    state, ids = account
    failures: list[str] = []

    context = new_context(browser, live_server, width=width, theme=theme)
    page = context.new_page()
    for name, path, heading in SIGNED_OUT:
        shot = screenshots_dir / f"{name}-{theme}-{width}.png"
        failures += [f"{name}: {p}" for p in check_screen(page, path(ids), heading, shot)]
    context.close()

    context = browser.new_context(
        base_url=live_server,
        storage_state=state,  # type: ignore[arg-type]
        viewport={"width": width, "height": 900 if width >= 1000 else 780},
        color_scheme=theme,  # type: ignore[arg-type]
        timezone_id="UTC",
        locale="en-GB",
        reduced_motion="reduce",
    )
    page = context.new_page()
    for name, path, heading in SIGNED_IN:
        shot = screenshots_dir / f"{name}-{theme}-{width}.png"
        failures += [f"{name}: {p}" for p in check_screen(page, path(ids), heading, shot)]
    context.close()

    assert not failures, "Serious accessibility violations or overflow:\n" + "\n".join(failures)


def test_the_theme_switch_overrides_the_system_and_persists(
    browser: Browser, live_server: str, account: tuple[dict, dict[str, int]]
) -> None:
    state, _ = account
    context = browser.new_context(
        base_url=live_server,
        storage_state=state,
        color_scheme="light",  # type: ignore[arg-type]
    )
    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()
    page.get_by_label("Colour theme").select_option("dark")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(15, 18, 22)"
    context.close()
