"""Webhooks (issue 16): added in Settings, a check-in reaches a local receiver signed, the
deliveries are listed and can be re-sent, the secret rotates, and a disabled one says why."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import Browser, expect
from standardwebhooks import Webhook

from helpers import Api, habit_payload, new_context, serious_violations, unique_email, utc_today

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[dict[str, str], str]]]]:
    """A Home Assistant stand-in on this machine: records each POST, answers 200."""
    received: list[tuple[dict[str, str], str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/webhook/habits", received
    server.shutdown()
    server.server_close()


def test_a_person_adds_a_webhook_and_a_check_in_reaches_it_signed(
    browser: Browser,
    live_server: str,
    manage: Callable[..., Any],
    receiver: tuple[str, list[tuple[dict[str, str], str]]],
) -> None:
    url, received = receiver
    context = new_context(browser, live_server)
    page = context.new_page()
    page.goto("/register")
    page.get_by_label("Email").fill(unique_email("webhooks"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()
    api = Api(context.request)
    habit = api.send("POST", "/api/habits", habit_payload("Walk the dog"), 201)

    page.goto("/settings")
    section = page.get_by_role("region", name="Webhooks")
    expect(section.get_by_text("No webhooks yet.")).to_be_visible()
    # A mistyped address is caught before it is sent.
    section.get_by_label("Address").fill("ftp://example.com/x")
    section.get_by_role("button", name="Add webhook").click()
    expect(section.get_by_text("Start it with https://")).to_be_visible()
    section.get_by_label("Address").fill(url)
    section.get_by_label("Habit created").check()
    section.get_by_role("button", name="Add webhook").click()
    field = section.get_by_label("Signing secret")
    expect(field).to_have_value(re.compile(r"^whsec_[A-Za-z0-9+/=]{44}$"))
    secret = field.input_value()
    assert serious_violations(page) == []
    section.get_by_role("button", name="Done").click()
    row = section.get_by_role("listitem")
    expect(row).to_contain_text(url)
    expect(row).to_contain_text("Check-in made or changed, Habit created")
    # Shown once: nowhere on the page (or in the list's answer) after Done.
    assert secret not in page.content()
    assert secret not in json.dumps(api.send("GET", "/api/webhooks", None, 200))

    day = utc_today().isoformat()
    api.send("PUT", f"/api/habits/{habit['id']}/entries/{day}", {"status": "done"}, 200)
    manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    [(headers, body)] = received
    payload = Webhook(secret).verify(body, headers)
    assert payload["type"] == "entry.updated"
    assert payload["data"] == {
        "habit_id": habit["id"], "date": day, "status": "done", "value": None, "note": ""
    }  # fmt: skip

    row.get_by_role("button", name="Deliveries").click()
    table = row.get_by_role("table")
    delivered = table.get_by_role("row").nth(1)
    expect(delivered).to_contain_text("entry.updated")
    expect(delivered).to_contain_text("delivered")
    expect(delivered).to_contain_text("200")
    expect(delivered).to_contain_text(re.compile(r"\d+ ms"))
    assert serious_violations(page) == []

    # Re-sent: the same event again, with the same webhook-id for the receiver to spot it.
    delivered.get_by_role("button", name=re.compile("^Resend")).click()
    expect(delivered).to_contain_text("pending")
    manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert len(received) == 2
    assert received[1][0]["webhook-id"] == headers["webhook-id"]

    # A new secret signs from then on.
    row.get_by_role("button", name="Rotate secret").click()
    rotated = section.get_by_label("Signing secret")
    expect(rotated).to_have_value(re.compile(r"^whsec_"))
    new_secret = rotated.input_value()
    assert new_secret != secret
    section.get_by_role("button", name="Done").click()
    api.send("PUT", f"/api/habits/{habit['id']}/entries/{day}", {"status": "skipped"}, 200)
    manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert Webhook(new_secret).verify(received[2][1], received[2][0])["data"]["status"] == "skipped"

    # Turned off, it says so and why; nothing is sent to it.
    row.get_by_role("button", name="Disable").click()
    expect(row.get_by_role("alert")).to_contain_text("Disabled by you.")
    expect(row).to_contain_text("Disabled")
    api.send("PUT", f"/api/habits/{habit['id']}/entries/{day}", {"status": "done"}, 200)
    manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert len(received) == 3
    row.get_by_role("button", name="Enable").click()
    expect(row.get_by_role("alert")).to_have_count(0)

    row.get_by_role("button", name=re.compile("^Delete webhook")).click()
    page.get_by_role("button", name="Delete webhook", exact=True).click()
    expect(section.get_by_text("No webhooks yet.")).to_be_visible()
    context.close()
