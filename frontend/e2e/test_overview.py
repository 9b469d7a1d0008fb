"""The screens issue 15 adds, light and dark, phone (360 px) and desktop: Today's week grid
with groups, the Groups screen, a group's page and the Overview for a week, a month and a
year. No serious axe-core violations, no sideways scrolling, and a screenshot of each for
docs/screenshots/."""

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


def seed(api: Api) -> dict[str, int]:
    """Two groups, habits in each and one in none, with two months of history."""
    api.send(
        "POST",
        "/api/auth/register",
        {"email": unique_email("overview"), "password": PASSWORD, "timezone": "UTC"},
        expect=201,
    )
    today = utc_today()
    start = (today - dt.timedelta(days=70)).isoformat()
    morning = api.send(
        "POST", "/api/groups", {"name": "Morning", "color": "#2b7bb9", "icon": "☀"}, expect=201
    )
    health = api.send(
        "POST", "/api/groups", {"name": "Health", "color": "#d9534f", "icon": "💪"}, expect=201
    )
    specs = [
        ("Read", {"icon": "📚", "color": "#8e5bd0", "group_id": morning["id"]}),
        ("Stretch", {"icon": "🤸", "color": "#2f7d5b", "group_id": morning["id"]}),
        (
            "Drink water",
            {
                "icon": "💧",
                "color": "#2b7bb9",
                "kind": "measurable",
                "unit": "glasses",
                "target": 8,
                "group_id": health["id"],
            },
        ),
        (
            "Gym",
            {
                "icon": "🏋️",
                "color": "#d9534f",
                "schedule": {"type": "times_per_week", "times": 3},
                "group_id": health["id"],
            },
        ),
        ("Journal", {"icon": "✍", "color": "#e08a1e"}),
    ]
    ids = {
        name: api.send("POST", "/api/habits", habit_payload(name, start_date=start, **extra), 201)[
            "id"
        ]
        for name, extra in specs
    }
    for days_ago in range(1, 65):
        day = (today - dt.timedelta(days=days_ago)).isoformat()
        if days_ago % 5 not in (2, 4):
            api.send("PUT", f"/api/habits/{ids['Read']}/entries/{day}", {"status": "done"}, 200)
        if days_ago % 3 == 0:
            api.send("PUT", f"/api/habits/{ids['Stretch']}/entries/{day}", {"status": "done"}, 200)
        if days_ago % 6 == 1:
            api.send(
                "PUT", f"/api/habits/{ids['Stretch']}/entries/{day}", {"status": "skipped"}, 200
            )
        if days_ago % 4 != 0:
            api.send(
                "PUT",
                f"/api/habits/{ids['Drink water']}/entries/{day}",
                {"value": 5 + days_ago % 5},
                200,
            )
        if days_ago % 2 == 0:
            api.send("PUT", f"/api/habits/{ids['Gym']}/entries/{day}", {"status": "done"}, 200)
    return {"morning": morning["id"], "health": health["id"], **ids}


@pytest.fixture(scope="module")
def account(browser: Browser, live_server: str) -> tuple[dict, dict[str, int]]:
    context = new_context(browser, live_server)
    ids = seed(Api(context.request))
    state = context.storage_state()
    context.close()
    return state, ids  # type: ignore[return-value]


def choose(name: str) -> Callable[[Page], None]:
    def act(page: Page) -> None:
        page.get_by_role("button", name=name, exact=True).click()
        expect(page.get_by_role("button", name=name, exact=True)).to_have_attribute(
            "aria-pressed", "true"
        )

    return act


Screen = tuple[str, Callable[[dict[str, int]], str], str | re.Pattern[str], Callable[[Page], None]]

SCREENS: list[Screen] = [
    ("today-grid", lambda _: "/", "Today", lambda page: None),
    ("groups", lambda _: "/groups", "Groups", lambda page: None),
    ("group-detail", lambda ids: f"/groups/{ids['morning']}", "Morning", lambda page: None),
    ("overview-week", lambda _: "/overview", "Overview", choose("Week")),
    ("overview-month", lambda _: "/overview", "Overview", choose("Month")),
    ("overview-year", lambda _: "/overview", "Overview", choose("Year")),
]


def check(page: Page, screen: Screen, ids: dict[str, int], shot: Path) -> list[str]:
    _, path, heading, act = screen
    page.goto(path(ids))
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    expect(page.locator("[aria-busy='true']")).to_have_count(0, timeout=10_000)
    act(page)
    expect(page.locator("[aria-busy='true']")).to_have_count(0, timeout=10_000)
    problems = serious_violations(page)
    overflow = horizontal_overflow(page)
    if overflow:
        problems.append(overflow)
    page.screenshot(path=str(shot), full_page=False, animations="disabled")
    return problems


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_new_screens_are_accessible_and_photographed(
    browser: Browser,
    live_server: str,
    account: tuple[dict, dict[str, int]],
    screenshots_dir: Path,
    theme: str,
    width: int,
) -> None:
    state, ids = account
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
    failures: list[str] = []
    for screen in SCREENS:
        shot = screenshots_dir / f"{screen[0]}-{theme}-{width}.png"
        failures += [f"{screen[0]}: {p}" for p in check(page, screen, ids, shot)]
    context.close()
    assert not failures, "Serious accessibility violations or overflow:\n" + "\n".join(failures)


def test_the_grid_shows_five_days_on_a_phone_and_seven_on_a_desktop(
    browser: Browser, live_server: str, account: tuple[dict, dict[str, int]]
) -> None:
    state, _ = account
    for width, shown in ((360, 5), (1440, 7)):
        context = browser.new_context(
            base_url=live_server,
            storage_state=state,  # type: ignore[arg-type]
            viewport={"width": width, "height": 800},
            timezone_id="UTC",
            locale="en-GB",
        )
        page = context.new_page()
        page.goto("/")
        row = page.get_by_role("group", name="Read, last 7 days")
        expect(row.get_by_role("button")).to_have_count(shown)
        today = utc_today()
        last = row.get_by_role("button").last
        expect(last).to_have_attribute(
            "aria-label", re.compile(f"^Read, {today.strftime('%A')} {today.day} ")
        )
        context.close()


def test_the_overview_follows_the_week_start(
    browser: Browser, live_server: str, account: tuple[dict, dict[str, int]]
) -> None:
    state, _ = account
    context = browser.new_context(
        base_url=live_server,
        storage_state=state,
        timezone_id="UTC",
        locale="en-GB",  # type: ignore[arg-type]
    )
    api = Api(context.request)
    api.send("PATCH", "/api/auth/me", {"week_start": 6}, expect=200)
    page = context.new_page()
    today = utc_today()
    sunday = today - dt.timedelta(days=(today.weekday() + 1) % 7)
    with page.expect_response(
        lambda r: "/api/overview" in r.url and "from=" + sunday.isoformat() in r.url
    ):
        page.goto("/overview")
        page.get_by_role("button", name="Week", exact=True).click()
    api.send("PATCH", "/api/auth/me", {"week_start": 0}, expect=200)
    context.close()
