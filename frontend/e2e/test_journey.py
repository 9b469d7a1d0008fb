"""The main journey of a new user, in a real browser against the real backend."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from helpers import Api, habit_payload, new_context, unique_email, utc_today

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


def score_of(page: Page, habit_id_testid: str) -> int:
    label = page.get_by_test_id(habit_id_testid).get_by_role("img").get_attribute("aria-label")
    match = re.search(r"(\d+)%", label or "")
    assert match, label
    return int(match.group(1))


def nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def create_habit(page: Page, name: str, *, fill: dict[str, str] | None = None) -> None:
    page.goto("/habits/new")
    expect(page.get_by_role("heading", name="New habit")).to_be_visible()
    page.get_by_label("Name", exact=True).fill(name)
    for label, value in (fill or {}).items():
        page.get_by_label(label, exact=True).fill(value)


def test_a_new_user_tracks_habits_from_sign_up_to_log_in_again(
    browser: Browser, live_server: str
) -> None:
    context = new_context(browser, live_server)
    page = context.new_page()
    # The Content-Security-Policy forbids inline scripts: nothing may be refused.
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    email = unique_email("journey")
    today = utc_today()
    month_ago = (today - dt.timedelta(days=30)).isoformat()

    # Signing up: the login screen links to sign-up, which proposes the browser's timezone.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_role("link", name="Create an account").click()
    expect(page.get_by_label("Timezone")).to_have_value("UTC")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Start with a few habits")).to_be_visible()

    # Three habits of different kinds.
    create_habit(page, "Read", fill={"Start date": month_ago})
    page.get_by_role("button", name="Create habit").click()
    expect(page.get_by_role("link", name="Read", exact=True)).to_be_visible()

    create_habit(page, "Water", fill={"Start date": month_ago})
    page.get_by_label("Measurable (a number)").check()
    page.get_by_label("Target", exact=True).fill("8")
    page.get_by_label("Unit").fill("glasses")
    page.get_by_role("button", name="Create habit").click()
    expect(page.get_by_role("link", name="Water", exact=True)).to_be_visible()

    create_habit(page, "Gym", fill={"Start date": month_ago})
    page.get_by_label("How often").select_option("times_per_week")
    page.get_by_label("Times per week").fill("3")
    page.get_by_role("button", name="Create habit").click()
    expect(page.get_by_role("link", name="Gym", exact=True)).to_be_visible()

    # Reorder with the keyboard buttons: Gym moves above Water.
    page.get_by_role("button", name="Move Gym up").click()
    expect(page.locator(".habit-row .habit-name")).to_have_text(["Read", "Gym", "Water"])
    # And by dragging (HTML5 drag and drop): Read goes to the bottom.
    page.locator(".habit-row", has_text="Read").drag_to(
        page.locator(".habit-row", has_text="Water")
    )
    expect(page.locator(".habit-row .habit-name")).to_have_text(["Gym", "Water", "Read"])
    page.reload()
    expect(page.locator(".habit-row .habit-name")).to_have_text(["Gym", "Water", "Read"])

    # Check in, see streak and score move; undo.
    nav(page, "Today")
    read = page.locator(".today-item", has_text="Read")
    expect(read).to_be_visible()
    read_id = read.get_attribute("data-testid") or ""
    score_before = score_of(page, read_id)
    page.get_by_role("button", name="Check in Read").click()
    expect(page.get_by_role("button", name="Undo Read")).to_have_attribute("aria-pressed", "true")
    expect(read.get_by_label("Current streak 1")).to_be_visible()
    page.wait_for_function(
        "([id, before]) => { const el = document.querySelector(`[data-testid='${id}'] svg`);"
        " const m = el && el.getAttribute('aria-label').match(/(\\d+)%/);"
        " return m && Number(m[1]) > before; }",
        arg=[read_id, score_before],
    )
    page.get_by_role("button", name="Undo Read").click()
    expect(page.get_by_role("button", name="Check in Read")).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(read.get_by_label("Current streak 0")).to_be_visible()

    # Skip with a note.
    page.get_by_role("button", name="More actions for Gym").click()
    page.get_by_label("Note for Gym").fill("Knee hurts")
    page.get_by_role("button", name="Skip today").click()
    gym = page.locator(".today-item", has_text="Gym")
    expect(gym.get_by_text("Skipped")).to_be_visible()
    expect(gym.get_by_text("📝 Note")).to_be_visible()

    # A measurable value reaching its target counts as done: +1 steps, typing works
    # too, and both are saved a moment later without a Save button.
    water = page.locator(".today-item", has_text="Water")
    page.get_by_role("button", name="Add 1 glasses to Water").click()
    expect(page.get_by_label("Water value in glasses")).to_have_value("1")
    page.get_by_label("Water value in glasses").fill("8")
    expect(water).to_have_class(re.compile("is-done"))
    expect(water.get_by_label("Current streak 1")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Water value in glasses")).to_have_value("8")

    page.get_by_role("button", name="Check in Read").click()
    expect(read.get_by_label("Current streak 1")).to_be_visible()

    # Open yesterday in the calendar: opening changes nothing; the day editor marks it
    # done with a note, and the streak grows to two days.
    page.get_by_role("link", name="Read", exact=True).click()
    expect(page.get_by_role("heading", name="Read", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Read", level=1)).to_be_focused()
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    cell = page.locator(f'[data-date="{yesterday}"]')
    expect(cell).to_have_attribute("aria-label", re.compile("no entry"))
    cell.click()
    expect(cell).to_have_attribute("aria-expanded", "true")
    expect(cell).to_have_attribute("aria-label", re.compile("no entry"))
    editor = page.get_by_role("form", name=re.compile("^Edit"))
    editor.get_by_label("Status").select_option("done")
    editor.get_by_role("textbox", name="Note").fill("Finished the book")
    editor.get_by_role("button", name="Save day").click()
    expect(cell).to_have_attribute("aria-label", re.compile("done, has a note"))
    current = page.locator(".tile", has_text="Current streak").locator("dd")
    expect(current).to_have_text("2 days")
    expect(page.locator(".notes-list")).to_contain_text("Finished the book")
    page.get_by_role("button", name="Year").click()
    expect(page.get_by_role("img", name=re.compile("Score over the last year"))).to_be_visible()

    # Archive Gym: it leaves Today and the active list, and waits in Archived.
    nav(page, "Habits")
    page.get_by_role("button", name="Archive Gym").click()
    expect(page.get_by_role("link", name="Gym", exact=True)).to_have_count(0)
    # The toast offers Undo, which brings it straight back.
    page.get_by_role("status").get_by_role("button", name="Undo").click()
    expect(page.get_by_role("link", name="Gym", exact=True)).to_be_visible()
    page.get_by_role("button", name="Archive Gym").click()
    expect(page.get_by_role("link", name="Gym", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Archived").click()
    expect(page.get_by_role("button", name="Restore Gym")).to_be_visible()
    nav(page, "Today")
    expect(page.locator(".today-item", has_text="Read")).to_be_visible()
    expect(page.locator(".today-item", has_text="Gym")).to_have_count(0)

    # Log out and back in: the check-ins are still there.
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login"))
    page.goto("/habits")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/habits$"))
    nav(page, "Today")
    expect(page.get_by_role("button", name="Undo Read")).to_have_attribute("aria-pressed", "true")
    expect(
        page.locator(".today-item", has_text="Read").get_by_label("Current streak 2")
    ).to_be_visible()
    assert csp_errors == []
    context.close()


def test_a_failed_check_in_is_rolled_back_with_a_message(
    browser: Browser, live_server: str
) -> None:
    context = new_context(browser, live_server)
    api = Api(context.request)
    api.send(
        "POST",
        "/api/auth/register",
        {"email": unique_email("rollback"), "password": PASSWORD, "timezone": "UTC"},
        expect=201,
    )
    api.send("POST", "/api/habits", habit_payload("Floss"), expect=201)
    page = context.new_page()
    page.goto("/")
    check = page.get_by_role("button", name="Check in Floss")
    expect(check).to_have_attribute("aria-pressed", "false")

    # The server answers the write with an error: the tick appears, then goes.
    def fail(route: Route) -> None:
        if route.request.method == "PUT":
            route.fulfill(status=500, json={"detail": "Database unavailable"})
        else:
            route.continue_()

    page.route("**/api/habits/*/entries/*", fail)
    check.click()
    expect(page.get_by_role("status").filter(has_text="Not saved")).to_contain_text(
        "Database unavailable"
    )
    expect(page.get_by_role("button", name="Check in Floss")).to_have_attribute(
        "aria-pressed", "false"
    )
    context.close()
