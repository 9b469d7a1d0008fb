"""Daily use without friction (issue 18), at a phone's and a desktop's width:
back-filling a habit created today, opening a calendar day without changing it,
an "at most" habit over its limit, a measurable habit's own step for its + and −
buttons, and no screen that scrolls sideways."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from helpers import Api, habit_payload, horizontal_overflow, new_context, unique_email, utc_today

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"
WIDTHS = [360, 1440]
# index.css: --danger in the light theme.
DANGER = "rgb(180, 35, 24)"


def sign_up(browser: Browser, live_server: str, width: int) -> tuple[BrowserContext, Page, Api]:
    context = new_context(browser, live_server, width=width)
    api = Api(context.request)
    api.send(
        "POST",
        "/api/auth/register",
        {"email": unique_email("daily"), "password": PASSWORD, "timezone": "UTC"},
        expect=201,
    )
    return context, context.new_page(), api


def days_ago(days: int) -> str:
    return (utc_today() - dt.timedelta(days=days)).isoformat()


def assert_fits(page: Page, where: str) -> None:
    overflow = horizontal_overflow(page)
    assert overflow is None, f"{where}: {overflow}"


def saved(page: Page, click: Callable[[], None]) -> None:
    """Click, and wait until the server has answered the check-in it sends."""
    with page.expect_response(
        lambda r: "/entries/" in r.url and r.request.method in ("PUT", "DELETE")
    ) as response:
        click()
    assert response.value.ok, response.value.text()


def score_of(locator_owner: Page, scope: str) -> int:
    label = locator_owner.locator(scope).get_by_role("img", name=re.compile(r"^Score")).first
    expect(label).to_be_visible()
    box = label.bounding_box()
    assert box and box["width"] >= 24, f"the score ring of {scope} is not shown: {box}"
    match = re.search(r"(\d+)%", label.get_attribute("aria-label") or "")
    assert match
    return int(match.group(1))


@pytest.mark.parametrize("width", WIDTHS)
def test_no_screen_scrolls_sideways(browser: Browser, live_server: str, width: int) -> None:
    context, page, api = sign_up(browser, live_server, width)
    page.goto("/")
    expect(page.get_by_role("heading", name="Start with a few habits")).to_be_visible()
    assert_fits(page, "first run")

    water = api.send(
        "POST",
        "/api/habits",
        habit_payload(
            "Drink water through the whole long working day",
            kind="measurable",
            unit="glasses of water",
            target=8,
            start_date=days_ago(30),
        ),
        expect=201,
    )
    api.send(
        "POST",
        "/api/habits",
        habit_payload(
            "Coffee",
            kind="measurable",
            unit="cups",
            target=2,
            target_type="at_most",
            start_date=days_ago(30),
        ),
        expect=201,
    )
    api.send(
        "POST",
        "/api/habits",
        habit_payload("Gym", schedule={"type": "times_per_month", "times": 10}),
        expect=201,
    )

    page.goto("/")
    expect(page.get_by_role("heading", name="Due")).to_be_visible()
    page.get_by_role("button", name="More actions for Gym").click()
    assert_fits(page, "Today with a menu open")
    page.goto(f"/?date={days_ago(40)}")
    expect(page.get_by_role("heading", name="Due")).to_be_visible()
    assert_fits(page, "an earlier day")

    page.goto("/habits")
    expect(page.get_by_role("link", name="Gym", exact=True)).to_be_visible()
    assert_fits(page, "habits")

    # The habit form with every schedule: the 390 px phone overflowed here.
    page.goto("/habits/new")
    page.get_by_label("Measurable (a number)").check()
    for schedule in ["weekdays", "times_per_week", "every_n_days", "times_in_days"]:
        page.get_by_label("How often").select_option(schedule)
        assert_fits(page, f"new habit, {schedule}")
    page.goto(f"/habits/{water['id']}/edit")
    expect(page.get_by_label("Name", exact=True)).to_have_value(re.compile("Drink water"))
    assert_fits(page, "edit habit")

    page.goto(f"/habits/{water['id']}")
    page.locator(f'[data-date="{days_ago(1)}"]').click()
    expect(page.get_by_role("form", name=re.compile("^Edit"))).to_be_visible()
    assert_fits(page, "habit detail with a day open")

    page.goto("/settings")
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    assert_fits(page, "settings")
    page.goto("/no-such-page")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_fits(page, "not found")
    context.clear_cookies()
    for path, heading in [("/login", "Log in"), ("/register", "Create your account")]:
        page.goto(path)
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        assert_fits(page, path)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_habit_created_today_is_back_filled_for_three_past_days(
    browser: Browser, live_server: str, width: int
) -> None:
    context, page, api = sign_up(browser, live_server, width)
    # Created through the form, starting today as a new habit does.
    page.goto("/habits/new")
    page.get_by_label("Name", exact=True).fill("Stretch")
    page.get_by_role("button", name="Create habit").click()
    expect(page.get_by_role("link", name="Stretch", exact=True)).to_be_visible()

    page.goto("/")
    page.get_by_role("navigation", name="Choose a day").get_by_role(
        "button", name="Yesterday"
    ).click()
    expect(page.get_by_role("heading", name="Yesterday", level=1)).to_be_visible()
    due = page.get_by_role("region", name="Due")
    expect(due.get_by_text("0 of 1 done")).to_be_visible()
    expect(page.get_by_text("0 of 0 done")).to_have_count(0)
    saved(page, due.get_by_role("button", name="Check in Stretch for yesterday").click)
    expect(due.get_by_text("1 of 1 done")).to_be_visible()

    page.get_by_role("button", name="Previous day").click()
    expect(page).to_have_url(re.compile(f"date={days_ago(2)}"))
    saved(page, page.get_by_role("button", name=re.compile("^Check in Stretch for")).click)
    expect(page.get_by_role("button", name=re.compile("^Undo Stretch for"))).to_be_visible()

    page.get_by_label("Go to a day").fill(days_ago(3))
    expect(page).to_have_url(re.compile(f"date={days_ago(3)}"))
    saved(page, page.get_by_role("button", name=re.compile("^Check in Stretch for")).click)
    expect(page.get_by_role("button", name=re.compile("^Undo Stretch for"))).to_have_attribute(
        "aria-pressed", "true"
    )

    # Nothing was refused, and the start moved back to the earliest day filled in.
    expect(page.get_by_role("status").filter(has_text="Not saved")).to_have_count(0)
    habit = api.send("GET", "/api/habits", expect=200)[0]
    assert habit["start_date"] == days_ago(3)
    page.reload()
    expect(page.get_by_role("button", name=re.compile("^Undo Stretch for"))).to_have_attribute(
        "aria-pressed", "true"
    )
    page.goto(f"/habits/{habit['id']}")
    for days in (1, 2, 3):
        expect(page.locator(f'[data-date="{days_ago(days)}"]')).to_have_attribute(
            "aria-label", re.compile(": done")
        )
    expect(page.locator(".tile", has_text="Total done").locator("dd")).to_have_text("3")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_note_is_added_to_a_done_day_without_changing_it(
    browser: Browser, live_server: str, width: int
) -> None:
    context, page, api = sign_up(browser, live_server, width)
    habit = api.send(
        "POST", "/api/habits", habit_payload("Run", start_date=days_ago(20)), expect=201
    )
    day = days_ago(2)
    api.send("PUT", f"/api/habits/{habit['id']}/entries/{day}", {"status": "done"}, expect=200)

    page.goto(f"/habits/{habit['id']}")
    cell = page.locator(f'[data-date="{day}"]')
    expect(cell).to_have_attribute("aria-label", re.compile(": done$"))
    cell.click()
    editor = page.get_by_role("form", name=re.compile("^Edit"))
    expect(editor.get_by_label("Status")).to_have_value("done")
    # Opening it again from the keyboard changes nothing either.
    cell.focus()
    page.keyboard.press("Enter")
    expect(cell).to_have_attribute("aria-label", re.compile(": done$"))
    editor.get_by_role("textbox", name="Note").fill("Easy 5 km")
    editor.get_by_role("button", name="Save day").click()
    expect(cell).to_have_attribute("aria-label", re.compile(": done, has a note$"))
    expect(page.locator(".notes-list")).to_contain_text("Easy 5 km")

    entries = api.send("GET", f"/api/habits/{habit['id']}/entries?from={day}&to={day}")
    assert entries == [{"date": day, "status": "done", "value": None, "note": "Easy 5 km"}]
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_at_most_habit_shows_a_day_over_its_limit(
    browser: Browser, live_server: str, width: int
) -> None:
    context, page, api = sign_up(browser, live_server, width)
    coffee = api.send(
        "POST",
        "/api/habits",
        habit_payload(
            "Coffee",
            kind="measurable",
            unit="cups",
            target=2,
            target_type="at_most",
            start_date=days_ago(10),
        ),
        expect=201,
    )
    api.send(
        "PUT",
        f"/api/habits/{coffee['id']}/entries/{utc_today().isoformat()}",
        {"value": 3},
        expect=200,
    )
    card_scope = f"[data-testid='today-item-{coffee['id']}']"

    page.goto("/")
    card = page.locator(card_scope)
    expect(card.get_by_text("Over the limit")).to_be_visible()
    expect(card.get_by_text("3 of at most 2 cups today")).to_be_visible()
    expect(card).to_have_class(re.compile("is-over"))
    assert card.evaluate("el => getComputedStyle(el).borderTopColor") == DANGER
    expect(page.get_by_role("region", name="Due").get_by_text("0 of 1 done")).to_be_visible()
    today_score = score_of(page, card_scope)

    # The same score on the habit's own screen, and the day named over its limit there.
    page.get_by_role("link", name="Coffee", exact=True).click()
    expect(page.locator(f'[data-date="{utc_today().isoformat()}"]')).to_have_attribute(
        "aria-label", re.compile("over the limit, 3 cups")
    )
    assert score_of(page, "section[aria-labelledby='overview-heading']") == today_score

    # Yesterday had nothing logged: within the limit, and done.
    page.goto(f"/?date={days_ago(1)}")
    card = page.locator(card_scope)
    expect(card.get_by_text("Within the limit")).to_be_visible()
    expect(card).to_have_class(re.compile("is-done"))
    expect(page.get_by_role("region", name="Due").get_by_text("1 of 1 done")).to_be_visible()

    # One cup less today brings it within the limit, saved without a button.
    page.goto("/")
    page.get_by_role("button", name="Take 1 cups off Coffee").click()
    card = page.locator(card_scope)
    expect(card.get_by_text("Within the limit")).to_be_visible()
    expect(card).not_to_have_class(re.compile("is-over"))
    page.reload()
    expect(page.get_by_label("Coffee value in cups")).to_have_value("2")
    context.close()


def test_a_measurable_habits_step_is_set_in_the_form_and_used_by_every_stepper(
    browser: Browser, live_server: str
) -> None:
    # A phone: the stepper's own row under the name, and the day editor, must fit.
    context, page, api = sign_up(browser, live_server, 360)
    page.goto("/habits/new")
    page.get_by_label("Name", exact=True).fill("Water")
    page.get_by_label("Measurable (a number)").check()
    page.get_by_label("Target", exact=True).fill("2000")
    page.get_by_label("Unit").fill("ml")
    page.get_by_label("Step for + and −").fill("250")
    page.get_by_role("button", name="Create habit").click()
    expect(page.get_by_role("link", name="Water", exact=True)).to_be_visible()
    habit = api.send("GET", "/api/habits", expect=200)[0]
    assert habit["step"] == 250

    # Today: two presses, one save of 500 a moment after the second.
    page.goto("/")
    add = page.get_by_role("button", name="Add 250 ml to Water")
    with page.expect_response(
        lambda r: "/entries/" in r.url and '"value":500' in (r.request.post_data or "")
    ) as response:
        add.click()
        add.click()
    assert response.value.ok, response.value.text()
    day = utc_today().isoformat()
    entries = f"/api/habits/{habit['id']}/entries?from={day}&to={day}"
    assert api.send("GET", entries)[0]["value"] == 500
    assert_fits(page, "Today with a stepper")

    # Another device (a fresh browser) steps by the same 250.
    other = new_context(browser, live_server, width=360)
    other.add_cookies(context.cookies())
    phone = other.new_page()
    phone.goto("/")
    expect(phone.get_by_label("Water value in ml")).to_have_value("500")
    saved(phone, phone.get_by_role("button", name="Take 250 ml off Water").click)
    assert api.send("GET", entries)[0]["value"] == 250
    other.close()

    # The calendar's day editor moves by it too, and saves with Save day.
    page.goto(f"/habits/{habit['id']}")
    page.locator(f'[data-date="{day}"]').click()
    editor = page.get_by_role("form", name=re.compile("^Edit"))
    expect(editor.get_by_label("Value (ml)")).to_have_value("250")
    editor.get_by_role("button", name="Add 250 ml to this day").click()
    expect(editor.get_by_label("Value (ml)")).to_have_value("500")
    assert_fits(page, "day editor with a stepper")
    saved(page, editor.get_by_role("button", name="Save day").click)
    assert api.send("GET", entries)[0]["value"] == 500
    context.close()
