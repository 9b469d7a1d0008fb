"""Groups and Today's week grid (issue 15) in Chromium against the real backend: create two
groups, move habits between them by the keyboard's Group menu and by drag, fold a group on
Today and find it folded after a reload, back-fill yesterday from the grid, see the overview
count it, and delete a group while its habits stay."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from helpers import Api, habit_payload, horizontal_overflow, new_context, unique_email, utc_today

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


def long_day(day: dt.date) -> str:
    """How the grid names a day in en-GB: "Tuesday 1 December"."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"


def overview_done(page: Page, habit_id: int, yesterday: dt.date) -> str:
    """The "done / expected" cell of a habit on the month holding yesterday."""
    page.goto("/overview")
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    page.get_by_role("button", name="Month", exact=True).click()
    if yesterday.month != utc_today().month:
        page.get_by_role("button", name="Previous month").click()
    row = page.get_by_test_id(f"overview-habit-{habit_id}")
    expect(row).to_be_visible()
    return row.locator("td").first.inner_text()


@pytest.mark.parametrize("width", [1440])
def test_groups_move_habits_and_the_grid_backfills_yesterday_into_the_overview(
    browser: Browser, live_server: str, width: int
) -> None:
    context = new_context(browser, live_server, width=width)
    api = Api(context.request)
    api.send(
        "POST",
        "/api/auth/register",
        {"email": unique_email("groups"), "password": PASSWORD, "timezone": "UTC"},
        expect=201,
    )
    start = (utc_today() - dt.timedelta(days=20)).isoformat()
    ids = {
        name: api.send("POST", "/api/habits", habit_payload(name, start_date=start), expect=201)[
            "id"
        ]
        for name in ("Read", "Walk", "Meditate")
    }
    page = context.new_page()

    # Two groups, made on the Groups screen reached from Habits.
    page.goto("/habits")
    page.get_by_role("link", name="Groups", exact=True).click()
    expect(page.get_by_role("heading", name="Groups", level=1)).to_be_visible()
    form = page.get_by_role("form", name="New group")
    for name, icon in (("Morning", "☀"), ("Evening", "🌙")):
        form.get_by_label("Group name").fill(name)
        form.get_by_label("Icon").fill(icon)
        form.get_by_role("button", name="Create group").click()
        expect(page.get_by_role("region", name=name)).to_be_visible()

    # By keyboard: each habit's Group menu, then an arrow button to order within the group.
    def moved(action) -> None:  # type: ignore[no-untyped-def]
        with page.expect_response(
            lambda r: r.url.endswith("/api/habits/reorder") and r.request.method == "POST"
        ) as response:
            action()
        assert response.value.ok, response.value.text()

    moved(lambda: page.get_by_label("Group for Read").select_option(label="Morning"))
    moved(lambda: page.get_by_label("Group for Meditate").select_option(label="Morning"))
    morning = page.get_by_role("region", name="Morning")
    expect(morning.get_by_role("link", name="Meditate")).to_be_visible()
    moved(lambda: page.get_by_role("button", name="Move Meditate up").click())
    expect(morning.locator(".habit-name")).to_have_text(["Meditate", "Read"])

    # By drag: Walk from Ungrouped onto Evening.
    evening = page.get_by_role("region", name="Evening")
    moved(lambda: page.get_by_test_id(f"group-habit-{ids['Walk']}").drag_to(evening))
    expect(evening.get_by_role("link", name="Walk")).to_be_visible()

    habits = {h["name"]: h for h in api.send("GET", "/api/habits", expect=200)}
    groups = {g["name"]: g for g in api.send("GET", "/api/groups", expect=200)}
    assert habits["Read"]["group_id"] == groups["Morning"]["id"]
    assert habits["Meditate"]["group_id"] == groups["Morning"]["id"]
    assert habits["Walk"]["group_id"] == groups["Evening"]["id"]
    assert habits["Meditate"]["position"] < habits["Read"]["position"]

    yesterday = utc_today() - dt.timedelta(days=1)
    before = overview_done(page, ids["Read"], yesterday)
    done_before = int(before.split("/")[0])

    # Today: a section per group, the group folds, and the choice survives a reload.
    page.goto("/")
    morning = page.get_by_role("region", name="Morning")
    expect(morning.get_by_text(re.compile(r"^Score \d+%$"))).to_be_visible()
    evening = page.get_by_role("region", name="Evening")
    with page.expect_response(lambda r: "/api/groups/" in r.url and r.request.method == "PATCH"):
        evening.get_by_role("button", name="Evening").click()
    expect(evening.get_by_role("link", name="Walk")).to_be_hidden()
    page.reload()
    evening = page.get_by_role("region", name="Evening")
    expect(evening.get_by_role("button", name="Evening")).to_have_attribute(
        "aria-expanded", "false"
    )

    # Back-fill yesterday from the grid with the keyboard.
    cell = morning.get_by_role("button", name=f"Read, {long_day(yesterday)}: missed")
    expect(cell).to_be_visible()
    row = morning.get_by_role("group", name="Read, last 7 days")
    row.get_by_role("button", name=re.compile(long_day(utc_today()))).focus()
    page.keyboard.press("ArrowLeft")
    expect(cell).to_be_focused()
    with page.expect_response(
        lambda r: f"/entries/{yesterday.isoformat()}" in r.url and r.request.method == "PUT"
    ) as response:
        page.keyboard.press("Enter")
    assert response.value.ok, response.value.text()
    expect(
        morning.get_by_role("button", name=f"Read, {long_day(yesterday)}: done")
    ).to_have_attribute("aria-pressed", "true")
    entries = api.send(
        "GET",
        f"/api/habits/{ids['Read']}/entries?from={yesterday.isoformat()}&to={yesterday.isoformat()}",
        expect=200,
    )
    assert [e["status"] for e in entries] == ["done"]
    assert horizontal_overflow(page) is None

    # The overview counts the back-filled day.
    after = overview_done(page, ids["Read"], yesterday)
    assert int(after.split("/")[0]) == done_before + 1, (before, after)

    # Deleting a group keeps its habits, ungrouped.
    page.goto("/groups")
    page.get_by_role("button", name="Delete group Evening").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete group").click()
    expect(page.get_by_role("region", name="Evening")).to_have_count(0)
    expect(
        page.get_by_role("region", name="Ungrouped").get_by_role("link", name="Walk")
    ).to_be_visible()
    walk = api.send("GET", f"/api/habits/{ids['Walk']}", expect=200)
    assert walk["group_id"] is None
    context.close()


def test_a_grid_check_in_made_offline_waits_and_reaches_the_server(
    browser: Browser, live_server: str
) -> None:
    context = new_context(browser, live_server, width=390)
    api = Api(context.request)
    api.send(
        "POST",
        "/api/auth/register",
        {"email": unique_email("grid-offline"), "password": PASSWORD, "timezone": "UTC"},
        expect=201,
    )
    start = (utc_today() - dt.timedelta(days=10)).isoformat()
    read = api.send("POST", "/api/habits", habit_payload("Read", start_date=start), expect=201)
    yesterday = utc_today() - dt.timedelta(days=1)
    page = context.new_page()
    page.goto("/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
    page.reload()
    cell = page.get_by_role("button", name=f"Read, {long_day(yesterday)}: missed")
    expect(cell).to_be_visible()

    context.set_offline(True)
    cell.click()
    done = page.get_by_role("button", name=f"Read, {long_day(yesterday)}: done")
    expect(done).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".pending-badge")).to_have_text(re.compile("^1 waiting"))
    # A reload offline still shows the waiting change on the grid.
    page.reload()
    expect(done).to_be_visible()
    day = yesterday.isoformat()
    assert api.send("GET", f"/api/habits/{read['id']}/entries?from={day}&to={day}") == []

    context.set_offline(False)
    expect(page.locator(".pending-badge")).to_have_count(0, timeout=15_000)
    entries = api.send("GET", f"/api/habits/{read['id']}/entries?from={day}&to={day}", expect=200)
    assert [e["status"] for e in entries] == ["done"]
    context.close()
