"""On the phone, even offline (issue 13): the app opens with no network from what its service
worker saved, check-ins made offline wait in IndexedDB and reach the server when the connection
returns, a change the server refuses is shown and not retried forever, and a new build is
offered as "Reload to update".

These tests run their own server on a copy of the built app, so that the update test can put a
new build in its place and restart the server on the same address (same origin: same service
worker registration, cookies and IndexedDB).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect

from conftest import BACKEND, _free_port, _gunicorn, _python, _wait_until_up, throwaway_database
from helpers import Api, habit_payload, new_context, serious_violations, unique_email, utc_today

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


class AppServer:
    """gunicorn serving a copy of frontend/dist, restartable on the same port."""

    def __init__(self, dist: Path, tmp: Path, database_url: str) -> None:
        self.dist = tmp / "dist"
        shutil.copytree(dist, self.dist)
        self.tmp = tmp
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if k != "DJANGO_ENV"}
        self.env["DATABASE_URL"] = database_url
        self.env["FRONTEND_DIST"] = str(self.dist)
        self.env["VAR_DIR"] = str(tmp / "var")
        self.env["PYTHONUNBUFFERED"] = "1"
        self.process: subprocess.Popen[bytes] | None = None
        subprocess.run(
            [_python(), "manage.py", "migrate", "--noinput"],
            cwd=BACKEND,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> None:
        log = open(self.tmp / "gunicorn.log", "ab")  # noqa: SIM115 - the process owns it
        self.process = subprocess.Popen(
            [*_gunicorn(), "config.wsgi", "--chdir", str(BACKEND)]
            + ["-b", f"127.0.0.1:{self.port}", "-w", "2"],
            cwd=BACKEND,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        _wait_until_up(f"{self.base_url}/health/", self.process)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process = None


@pytest.fixture(scope="module")
def app_server(frontend_dist: Path) -> Iterator[AppServer]:
    if not (frontend_dist / "sw.js").is_file():
        pytest.fail("frontend/dist has no sw.js: rebuild it with `make build`")
    tmp = Path(tempfile.mkdtemp(prefix="habits-offline-"))
    with throwaway_database(str(tmp)) as database_url:
        server = AppServer(frontend_dist, tmp, database_url)
        server.start()
        try:
            yield server
        finally:
            server.stop()
            shutil.rmtree(tmp, ignore_errors=True)


def signed_up(browser: Browser, base_url: str, width: int = 390) -> tuple[BrowserContext, Api]:
    context = new_context(browser, base_url, width=width)
    api = Api(context.request)
    api.send(
        "POST",
        "/api/auth/register",
        {"email": unique_email("offline"), "password": PASSWORD, "timezone": "UTC"},
        expect=201,
    )
    return context, api


def controlled(page: Page) -> None:
    """Wait until the service worker has saved the app and controls the page."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)


def pending_badge(page: Page) -> object:
    return page.locator(".pending-badge")


def test_today_opens_offline_and_check_ins_made_there_reach_the_server(
    browser: Browser, app_server: AppServer, screenshots_dir: Path
) -> None:
    context, api = signed_up(browser, app_server.base_url)
    names = ["Read", "Stretch", "Walk"]
    habits = {
        name: api.send("POST", "/api/habits", habit_payload(name), expect=201) for name in names
    }
    today = utc_today().isoformat()

    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()
    controlled(page)
    # Visit Habits and a habit's page while online, as a person would, so their data is saved.
    page.reload()
    expect(page.get_by_role("button", name="Check in Read")).to_be_visible()
    page.goto("/habits")
    expect(page.get_by_role("link", name="Read", exact=True)).to_be_visible()
    page.goto(f"/habits/{habits['Read']['id']}")
    expect(page.get_by_role("heading", name="Read", level=1)).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("button", name="Check in Read")).to_be_visible()

    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()
    banner = page.get_by_test_id("offline-banner")
    expect(banner).to_contain_text("You are offline")
    expect(banner).to_contain_text("Data as of")
    # The API answer came from the worker's saved copy, stamped with when it was saved.
    stamp = page.evaluate(
        "() => fetch('/api/habits?archived=false').then((r) => r.headers.get('X-Habits-Cached-At'))"
    )
    assert stamp, "offline, /api/today should be answered by the service worker's copy"

    for name in names:
        page.get_by_role("button", name=f"Check in {name}").click()
        expect(page.get_by_role("button", name=f"Undo {name}")).to_be_visible()
    page.get_by_role("button", name="More actions for Walk").click()
    page.get_by_label("Note for Walk").fill("Around the park")
    page.get_by_role("button", name="Save note").click()
    expect(pending_badge(page)).to_have_text(re.compile("^3 waiting"))
    assert serious_violations(page) == []
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots_dir / "offline-today-pending.png"), animations="disabled")

    # Habits and a habit's page open offline too, from the last data seen.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Habits").click()
    expect(page.get_by_role("link", name="Read", exact=True)).to_be_visible()
    page.goto(f"/habits/{habits['Read']['id']}")
    expect(page.get_by_role("heading", name="Read", level=1)).to_be_visible()
    expect(page.get_by_test_id("offline-banner")).to_be_visible()
    assert serious_violations(page) == []
    page.screenshot(path=str(screenshots_dir / "offline-habit.png"), animations="disabled")

    # Close the page, open the app again, still offline: the changes are still waiting.
    page.close()
    page = context.new_page()
    page.goto("/")
    for name in names:
        expect(page.get_by_role("button", name=f"Undo {name}")).to_be_visible()
    expect(pending_badge(page)).to_have_text(re.compile("^3 waiting"))
    assert (
        api.send("GET", f"/api/habits/{habits['Read']['id']}/entries?from={today}&to={today}") == []
    )

    # Back online: they are sent, the badge clears and the server has them.
    context.set_offline(False)
    expect(pending_badge(page)).to_have_count(0, timeout=15_000)
    expect(page.get_by_test_id("offline-banner")).to_have_count(0)
    for name in names:
        entries = api.send(
            "GET", f"/api/habits/{habits[name]['id']}/entries?from={today}&to={today}"
        )
        note = "Around the park" if name == "Walk" else ""
        assert entries == [{"date": today, "status": "done", "value": None, "note": note}]
    context.close()


def test_a_queued_change_to_a_habit_deleted_meanwhile_shows_why_and_is_not_retried(
    browser: Browser, app_server: AppServer, screenshots_dir: Path
) -> None:
    context, api = signed_up(browser, app_server.base_url)
    habit = api.send("POST", "/api/habits", habit_payload("Meditate"), expect=201)
    api.send("POST", "/api/habits", habit_payload("Journal"), expect=201)
    page = context.new_page()
    page.goto("/")
    controlled(page)
    page.reload()
    expect(page.get_by_role("button", name="Check in Meditate")).to_be_visible()

    context.set_offline(True)
    page.get_by_role("button", name="Check in Meditate").click()
    page.get_by_role("button", name="Check in Journal").click()
    expect(pending_badge(page)).to_have_text(re.compile("^2 waiting"))
    # Deleted on another device while this one was offline.
    api.send("DELETE", f"/api/habits/{habit['id']}", expect=204)

    sends: list[str] = []
    path = f"/habits/{habit['id']}/entries/"

    def count_send(request: Request) -> None:
        if request.method == "PUT" and path in request.url:
            sends.append(request.url)

    page.on("request", count_send)
    context.set_offline(False)
    refused = page.get_by_role("region", name="A change was not saved")
    expect(refused).to_contain_text("Meditate")
    expect(refused).to_contain_text("no longer exists")
    expect(pending_badge(page)).to_have_count(0)
    # The other change went through.
    expect(page.get_by_role("button", name="Undo Journal")).to_be_visible()
    assert serious_violations(page) == []
    page.screenshot(path=str(screenshots_dir / "offline-refused-change.png"), animations="disabled")

    # Another reconnection and a reload do not send it again.
    context.set_offline(True)
    context.set_offline(False)
    page.reload()
    expect(page.get_by_role("region", name="A change was not saved")).to_be_visible()
    page.wait_for_timeout(1000)
    assert len(sends) == 1, sends

    page.get_by_role("button", name="Discard").click()
    expect(page.get_by_role("region", name="A change was not saved")).to_have_count(0)
    context.close()


def test_a_new_build_is_offered_as_a_reload_and_runs_after_it(
    browser: Browser, app_server: AppServer
) -> None:
    context, api = signed_up(browser, app_server.base_url, width=1440)
    api.send("POST", "/api/habits", habit_payload("Floss"), expect=201)
    page = context.new_page()
    page.goto("/")
    controlled(page)
    expect(page.get_by_role("button", name="Check in Floss")).to_be_visible()
    assert page.locator('meta[name="habits-build"]').count() == 0

    # A new build: a changed index.html, and a service worker that lists its new revision.
    index = app_server.dist / "index.html"
    html = index.read_text()
    new_html = html.replace("<title>", '<meta name="habits-build" content="2" />\n    <title>')
    sw = app_server.dist / "sw.js"
    source = sw.read_text()
    match = re.search(r'"revision":"([0-9a-f]+)","url":"index.html"', source)
    assert match is not None, "sw.js should list index.html with its revision"
    old_revision = match.group(1)
    app_server.stop()
    for compressed in app_server.dist.glob("*.html.*"):
        compressed.unlink()
    for compressed in app_server.dist.glob("sw.js.*"):
        compressed.unlink()
    index.write_text(new_html)
    sw.write_text(source.replace(old_revision, "f" * len(old_revision)))
    app_server.start()

    # The open tab looks for updates (as it does when it comes back to the foreground).
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    update = page.get_by_role("button", name="Reload to update")
    expect(update).to_be_visible(timeout=30_000)
    # Until the person chooses, the tab stays on the build it started with.
    assert page.locator('meta[name="habits-build"]').count() == 0
    with page.expect_event("load"):
        update.click()
    expect(page.locator('meta[name="habits-build"]')).to_have_attribute("content", "2")
    expect(page.get_by_role("button", name="Reload to update")).to_have_count(0)
    page.get_by_role("button", name="Check in Floss").click()
    expect(page.get_by_role("button", name="Undo Floss")).to_be_visible()
    context.close()


def test_two_devices_the_last_change_to_reach_the_server_wins_and_the_cell_is_refreshed(
    browser: Browser, app_server: AppServer
) -> None:
    phone, api = signed_up(browser, app_server.base_url)
    habit = api.send("POST", "/api/habits", habit_payload("Read"), expect=201)
    day = f"/api/habits/{habit['id']}/entries/{utc_today().isoformat()}"
    page = phone.new_page()
    page.goto("/")
    controlled(page)
    page.reload()
    expect(page.get_by_role("button", name="Check in Read")).to_be_visible()

    # The phone checks in offline; meanwhile the laptop, signed in as the same person, skips
    # the same day with a note.
    phone.set_offline(True)
    page.get_by_role("button", name="Check in Read").click()
    expect(pending_badge(page)).to_have_text(re.compile("^1 waiting"))
    expect(page.get_by_label("Current streak 0")).to_be_visible()
    laptop = browser.new_context(base_url=app_server.base_url, storage_state=phone.storage_state())
    laptop_api = Api(laptop.request)
    laptop_api.send("PUT", day, {"status": "skipped", "note": "From the laptop"}, expect=200)

    # The phone's change reaches the server last, and replaces the day as a whole.
    phone.set_offline(False)
    expect(pending_badge(page)).to_have_count(0, timeout=15_000)
    today = utc_today().isoformat()
    assert laptop_api.send("GET", f"/api/habits/{habit['id']}/entries?from={today}&to={today}") == [
        {"date": today, "status": "done", "value": None, "note": ""}
    ]
    # After sending, the phone reads the day again: the streak is the server's, not a guess.
    expect(page.get_by_label("Current streak 1")).to_be_visible()
    expect(page.get_by_role("button", name="Undo Read")).to_be_visible()
    laptop.close()
    phone.close()


def test_a_session_that_ended_keeps_the_queue_until_the_person_logs_in_again(
    browser: Browser, app_server: AppServer
) -> None:
    context = new_context(browser, app_server.base_url, width=390)
    api = Api(context.request)
    email = unique_email("offline-401")
    api.send(
        "POST",
        "/api/auth/register",
        {"email": email, "password": PASSWORD, "timezone": "UTC"},
        expect=201,
    )
    habit = api.send("POST", "/api/habits", habit_payload("Stretch"), expect=201)
    page = context.new_page()
    page.goto("/")
    controlled(page)
    page.reload()
    expect(page.get_by_role("button", name="Check in Stretch")).to_be_visible()

    context.set_offline(True)
    page.get_by_role("button", name="Check in Stretch").click()
    expect(pending_badge(page)).to_have_text(re.compile("^1 waiting"))
    # The session ends while the phone is offline (here: logged out from the same browser).
    api.send("POST", "/api/auth/logout", expect=204)

    context.set_offline(False)
    expect(page.get_by_role("heading", name="Log in", level=1)).to_be_visible(timeout=15_000)
    expect(
        page.get_by_role("status").filter(has_text="1 change made without a connection")
    ).to_contain_text("will be sent once you log in")
    assert serious_violations(page) == []
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Undo Stretch")).to_be_visible()
    expect(pending_badge(page)).to_have_count(0, timeout=15_000)
    today = utc_today().isoformat()
    entries = api.send("GET", f"/api/habits/{habit['id']}/entries?from={today}&to={today}")
    assert entries == [{"date": today, "status": "done", "value": None, "note": ""}]
    context.close()


def test_other_changes_say_they_need_a_connection(browser: Browser, app_server: AppServer) -> None:
    context, api = signed_up(browser, app_server.base_url)
    page = context.new_page()
    page.goto("/habits/new")
    expect(page.get_by_role("heading", name="New habit", level=1)).to_be_visible()
    controlled(page)
    page.reload()
    expect(page.get_by_role("heading", name="New habit", level=1)).to_be_visible()

    context.set_offline(True)
    page.get_by_label("Name").fill("Swim")
    page.get_by_role("button", name="Create habit").click()
    expect(page.get_by_text("This change needs a connection")).to_be_visible()
    assert serious_violations(page) == []
    assert api.send("GET", "/api/habits") == []
    context.close()


def test_a_new_day_opened_offline_starts_from_the_last_list_seen(
    browser: Browser, app_server: AppServer
) -> None:
    context, api = signed_up(browser, app_server.base_url)
    api.send("POST", "/api/habits", habit_payload("Read"), expect=201)
    page = context.new_page()
    page.goto("/")
    controlled(page)
    page.reload()
    page.get_by_role("button", name="Check in Read").click()
    expect(page.get_by_role("button", name="Undo Read")).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name="Undo Read")).to_be_visible()

    # The next morning, before any connection: the app has never seen this day.
    tomorrow = utc_today() + dt.timedelta(days=1)
    context.set_offline(True)
    page.clock.set_fixed_time(dt.datetime.combine(tomorrow, dt.time(7, 30), tzinfo=dt.UTC))
    page.reload()
    expect(page.get_by_text(tomorrow.strftime("%A %-d %B"))).to_be_visible()
    expect(page.get_by_role("button", name="Check in Read")).to_be_visible()
    expect(page.get_by_test_id("offline-banner")).to_contain_text("Today's list is drawn from")
    page.get_by_role("button", name="Check in Read").click()
    expect(page.get_by_role("button", name="Undo Read")).to_be_visible()
    expect(pending_badge(page)).to_have_text(re.compile("^1 waiting"))
    assert serious_violations(page) == []
    context.close()


def test_a_day_changed_offline_on_a_habits_calendar_waits_and_reaches_the_server(
    browser: Browser, app_server: AppServer
) -> None:
    context, api = signed_up(browser, app_server.base_url)
    start = (utc_today() - dt.timedelta(days=20)).isoformat()
    habit = api.send("POST", "/api/habits", habit_payload("Run", start_date=start), expect=201)
    day = (utc_today() - dt.timedelta(days=2)).isoformat()
    page = context.new_page()
    page.goto(f"/habits/{habit['id']}")
    expect(page.get_by_role("heading", name="Run", level=1)).to_be_visible()
    controlled(page)
    page.reload()
    cell = page.locator(f'[data-date="{day}"]')
    expect(cell).to_have_attribute("aria-label", re.compile(": no entry$"))

    context.set_offline(True)
    page.get_by_role("button", name="Changes its status").click()
    cell.click()
    expect(cell).to_have_attribute("aria-label", re.compile(": done$"))
    expect(pending_badge(page)).to_have_text(re.compile("^1 waiting"))
    # A reload offline still shows the day as changed: the calendar puts the queue on top of
    # the worker's saved copy.
    page.reload()
    expect(page.locator(f'[data-date="{day}"]')).to_have_attribute(
        "aria-label", re.compile(": done$")
    )
    entries = f"/api/habits/{habit['id']}/entries?from={day}&to={day}"
    assert api.send("GET", entries) == []

    context.set_offline(False)
    expect(pending_badge(page)).to_have_count(0, timeout=15_000)
    assert api.send("GET", entries) == [{"date": day, "status": "done", "value": None, "note": ""}]
    expect(page.locator(f'[data-date="{day}"]')).to_have_attribute(
        "aria-label", re.compile(": done$")
    )
    context.close()
