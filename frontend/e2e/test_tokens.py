"""API tokens (issue 16): made in Settings, used by a script with no browser, revoked at once."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from helpers import Api, habit_payload, new_context, serious_violations, unique_email, utc_today

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


def script(base_url: str, method: str, path: str, token: str, body: Any = None) -> tuple[int, Any]:
    """A request as a shell script or Home Assistant sends it: a token, no cookies, no CSRF."""
    request = urllib.request.Request(
        base_url + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode() or "null")


def test_a_person_makes_a_token_a_script_checks_in_with_it_and_revoking_stops_it(
    browser: Browser, live_server: str
) -> None:
    context = new_context(browser, live_server)
    page = context.new_page()
    page.goto("/register")
    page.get_by_label("Email").fill(unique_email("tokens"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()
    habit = Api(context.request).send("POST", "/api/habits", habit_payload("Walk the dog"), 201)

    page.goto("/settings")
    section = page.get_by_role("region", name="API tokens")
    expect(section.get_by_text("No tokens yet.")).to_be_visible()
    section.get_by_label("Name").fill("NFC tag by the door")
    section.get_by_label("Access").select_option("write")
    section.get_by_role("button", name="Create token").click()
    field = section.get_by_label("Your new token")
    expect(field).to_have_value(re.compile(r"^hbt_[A-Za-z0-9_-]{43}$"))
    token = field.input_value()
    assert serious_violations(page) == []

    # The script: no cookie, no CSRF token, only the bearer token.
    day = utc_today().isoformat()
    status, entry = script(
        live_server, "PUT", f"/api/habits/{habit['id']}/entries/{day}", token, {"status": "done"}
    )
    assert status == 200, entry
    status, today = script(live_server, "GET", "/api/today", token)
    assert status == 200
    assert [(i["habit"]["name"], i["entry"]["status"]) for i in today["items"]] == [
        ("Walk the dog", "done")
    ]
    # A token never manages tokens or the account.
    status, refused = script(live_server, "GET", "/api/tokens", token)
    assert status == 403, refused

    # Shown once: after Done and a reload, only the prefix is left, with the last use.
    section.get_by_role("button", name="Done").click()
    page.reload()
    row = page.get_by_role("region", name="API tokens").get_by_role("listitem")
    expect(row).to_contain_text("NFC tag by the door")
    expect(row).to_contain_text("Read and write")
    expect(row).to_contain_text(token[:12])
    expect(row).to_contain_text("last used")
    assert token not in page.content()
    # Today in the app shows the script's check-in.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    expect(page.get_by_role("button", name="Undo Walk the dog")).to_have_attribute(
        "aria-pressed", "true"
    )

    page.goto("/settings")
    page.get_by_role("button", name="Revoke NFC tag by the door").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    dialog.get_by_role("button", name="Revoke token").click()
    tokens_section = page.get_by_role("region", name="API tokens")
    expect(tokens_section.get_by_text("No tokens yet.")).to_be_visible()
    status, body = script(live_server, "GET", "/api/today", token)
    assert status == 401
    assert "revoked" in body["detail"]
    context.close()


def test_a_read_token_made_in_settings_reads_but_cannot_check_in(
    browser: Browser, live_server: str
) -> None:
    context = new_context(browser, live_server, width=360)
    page = context.new_page()
    page.goto("/register")
    page.get_by_label("Email").fill(unique_email("tokens-read"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()
    habit = Api(context.request).send("POST", "/api/habits", habit_payload("Stretch"), 201)

    page.goto("/settings")
    section = page.get_by_role("region", name="API tokens")
    section.get_by_label("Name").fill("Wall tablet")
    section.get_by_role("button", name="Create token").click()
    token = section.get_by_label("Your new token").input_value()

    assert script(live_server, "GET", f"/api/habits/{habit['id']}/stats", token)[0] == 200
    status, body = script(
        live_server,
        "PUT",
        f"/api/habits/{habit['id']}/entries/{utc_today().isoformat()}",
        token,
        {"status": "done"},
    )
    assert status == 403
    assert "scope is read" in body["detail"]
    context.close()
