"""Settings: preferences, password, export and import, account deletion."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from helpers import Api, habit_payload, new_context, unique_email, utc_today

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


def sign_up(page: Page, email: str) -> None:
    page.goto("/register")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()


def test_a_user_exports_and_imports_their_data(
    browser: Browser, live_server: str, tmp_path: Path
) -> None:
    context = new_context(browser, live_server)
    page = context.new_page()
    sign_up(page, unique_email("export"))
    api = Api(context.request)
    habit = api.send("POST", "/api/habits", habit_payload("Stretch"), expect=201)
    api.send(
        "PUT",
        f"/api/habits/{habit['id']}/entries/{utc_today().isoformat()}",
        {"status": "done", "note": "Morning"},
        expect=200,
    )

    page.goto("/settings")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export JSON").click()
    exported = tmp_path / "export.json"
    download_info.value.save_as(exported)
    assert "Stretch" in exported.read_text()
    with page.expect_download() as csv_info:
        page.get_by_role("link", name="Export Loop CSV").click()
    assert csv_info.value.suggested_filename.endswith(".zip")
    context.close()

    # A second account imports the file and sees the habit with its history.
    context = new_context(browser, live_server)
    page = context.new_page()
    sign_up(page, unique_email("import"))
    page.goto("/settings")
    page.get_by_label("Backup file").set_input_files(str(exported))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text(re.compile(r"Imported: 1 habit created"))).to_be_visible()
    expect(page.get_by_role("progressbar", name="Upload progress")).to_have_attribute("value", "1")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    expect(page.get_by_role("button", name="Undo Stretch")).to_have_attribute(
        "aria-pressed", "true"
    )

    # A broken file is refused with the API's explanation.
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    page.goto("/settings")
    page.get_by_label("Backup file").set_input_files(str(broken))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert")).to_contain_text("Import failed")
    context.close()


def test_a_user_changes_preferences_and_password_then_deletes_the_account(
    browser: Browser, live_server: str
) -> None:
    context = new_context(browser, live_server)
    page = context.new_page()
    email = unique_email("settings")
    sign_up(page, email)

    page.goto("/settings")
    page.get_by_label("Week starts on").select_option(label="Sunday")
    page.get_by_label("New day starts at").select_option(label="04:00")
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_text("Preferences saved.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Week starts on")).to_have_value("6")
    expect(page.get_by_label("New day starts at")).to_have_value("4")

    page.get_by_label("Current password").fill("not my password")
    page.get_by_label("New password", exact=True).fill("a brand new password")
    page.get_by_label("Repeat new password").fill("a brand new password")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".alert-error")).to_be_visible()
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Password changed.")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    # Settings has its own "New email" and "Password" fields: wait for the login screen.
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a brand new password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()

    page.goto("/settings")
    page.get_by_role("button", name="Delete account…").click()
    dialog = page.get_by_role("dialog", name="Delete your account?")
    dialog.get_by_label("Confirm with your password").fill("a brand new password")
    dialog.get_by_role("button", name="Delete my account").click()
    expect(page).to_have_url(re.compile(r"/register"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
    context.close()
