"""The web app can be installed (issue 13): Chromium finds a complete manifest and a service
worker and reports no installability errors, and Settings offers "Install app"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from conftest import CHROMIUM_ARGS
from helpers import Api, new_context, serious_violations, unique_email

pytestmark = pytest.mark.e2e


def test_chromium_reports_no_installability_errors(
    browser: Browser, live_server: str, tmp_path: Path
) -> None:
    # A browser context of its own is incognito, where nothing can be installed: this test
    # needs a profile on disk, as a person's browser has.
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile",
        executable_path=shutil.which("chromium") or shutil.which("chromium-browser"),
        args=CHROMIUM_ARGS,
        base_url=live_server,
        viewport={"width": 390, "height": 780},
    )
    page = context.new_page()
    page.goto("/login")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)

    cdp = context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], errors
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert manifest.get("errors", []) == [], manifest["errors"]
    context.close()


def test_the_manifest_names_the_app_its_icons_and_shortcuts(
    browser: Browser, live_server: str
) -> None:
    context = new_context(browser, live_server)
    response = context.request.get("/manifest.webmanifest")
    assert response.headers["content-type"] == "application/manifest+json"
    manifest = json.loads(response.text())
    assert manifest["short_name"] == "Habits"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    icons = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= icons
    for icon in manifest["icons"]:
        assert context.request.get(icon["src"]).ok, icon["src"]
    assert [s["url"] for s in manifest["shortcuts"]] == ["/", "/habits/new"]
    context.close()


def test_settings_offers_install_when_the_browser_does(browser: Browser, live_server: str) -> None:
    context = new_context(browser, live_server, width=390)
    Api(context.request).send(
        "POST",
        "/api/auth/register",
        {"email": unique_email("install"), "password": "correct horse battery", "timezone": "UTC"},
        expect=201,
    )
    page = context.new_page()
    page.goto("/settings")
    section = page.get_by_role("region", name="App on this device")
    expect(section).to_contain_text("Add to Home Screen")
    expect(section.get_by_role("button", name="Install app")).to_have_count(0)
    assert serious_violations(page) == []

    # Headless Chromium never offers installation by itself (it waits for engagement), so the
    # offer is the browser's event, made here with the same shape: prompt() and userChoice.
    page.evaluate(
        """() => {
          const offer = new Event("beforeinstallprompt", { cancelable: true });
          offer.prompt = async () => { window.__prompted = true; };
          offer.userChoice = Promise.resolve({ outcome: "accepted" });
          window.dispatchEvent(offer);
        }"""
    )
    install = section.get_by_role("button", name="Install app")
    expect(install).to_be_visible()
    install.click()
    expect(install).to_have_count(0)
    assert page.evaluate("() => window.__prompted === true")
    context.close()
