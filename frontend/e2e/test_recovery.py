"""Password reset and e-mail change, from the e-mail to being signed in (issue 20).

The backend runs as it does in production: gunicorn, the background worker that sends the
e-mails (django-tasks' db_worker), and Django's SMTP backend talking to a real SMTP server
(aiosmtpd) started here, from which the test reads the messages.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Page, expect

from conftest import BACKEND, _free_port, _gunicorn, _python, _wait_until_up, throwaway_database
from helpers import Api, new_context, unique_email

pytestmark = pytest.mark.e2e

PORT = 8108  # this suite's own live server
PASSWORD = "correct horse battery"
NEW_PASSWORD = "a fresh and sturdy passphrase"


@dataclass
class Inbox:
    """Every message the SMTP server accepted."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def wait_for(self, to: str, subject: str, timeout: float = 30) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for message in self.messages:
                    if message["To"] == to and subject in str(message["Subject"]):
                        return message
            time.sleep(0.2)
        raise AssertionError(f"no e-mail {subject!r} to {to} within {timeout} s")


def body_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None, message
    return str(part.get_content())


@dataclass
class Site:
    url: str
    inbox: Inbox


@pytest.fixture(scope="module")
def site(frontend_dist: Path) -> Iterator[Site]:
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    tmp = tempfile.mkdtemp(prefix="habits-e2e-recovery-")
    with throwaway_database(tmp) as database_url:
        yield from _serve(frontend_dist, inbox, smtp, tmp, database_url)


def _serve(
    frontend_dist: Path, inbox: Inbox, smtp: Controller, tmp: str, database_url: str
) -> Iterator[Site]:
    url = f"http://127.0.0.1:{PORT}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ENV"}
    env |= {
        "DATABASE_URL": database_url,
        "FRONTEND_DIST": str(frontend_dist),
        "VAR_DIR": tmp,
        "PYTHONUNBUFFERED": "1",
        "SITE_URL": url,
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "DEFAULT_FROM_EMAIL": "Habit Tracker <no-reply@habits.example.com>",
    }
    subprocess.run(
        [_python(), "manage.py", "migrate", "--noinput"],
        cwd=BACKEND,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log = open(Path(tmp) / "server.log", "wb")  # noqa: SIM115 - closed at teardown
    server = subprocess.Popen(
        [
            *_gunicorn(),
            "config.wsgi",
            "--chdir",
            str(BACKEND),
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "2",
        ],
        cwd=BACKEND,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [_python(), "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=BACKEND,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_up(f"{url}/health/", server)
        yield Site(url, inbox)
    finally:
        for process in (worker, server):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        smtp.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def sign_up(page: Page, address: str) -> None:
    page.goto("/register")
    page.get_by_label("Email").fill(address)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()


def test_a_person_who_forgot_their_password_gets_back_in_from_the_emailed_link(
    browser: Browser, site: Site
) -> None:
    address = unique_email("forgot")
    phone = new_context(browser, site.url)
    sign_up(phone.new_page(), address)

    laptop = new_context(browser, site.url)
    page = laptop.new_page()
    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    page.get_by_label("Email").fill(address)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_text("If an account exists for that address")).to_be_visible()

    message = site.inbox.wait_for(address, "Reset your Habit Tracker password")
    assert message["From"] == "Habit Tracker <no-reply@habits.example.com>"
    found = re.search(re.escape(site.url) + r"/reset-password#\S+", body_of(message))
    assert found, body_of(message)
    link = found.group(0)

    page.goto(link)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    assert "#" not in page.url  # the token left the address bar
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password and log in").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()

    # Signed in here, signed out everywhere else, and the link is spent.
    assert laptop.request.get("/api/auth/me").json()["email"] == address
    assert phone.request.get("/api/auth/me").status == 401
    page.goto(link)
    page.get_by_label("New password", exact=True).fill("yet another sturdy passphrase")
    page.get_by_label("Repeat new password").fill("yet another sturdy passphrase")
    page.get_by_role("button", name="Set password and log in").click()
    expect(page.get_by_role("alert")).to_contain_text("no longer valid")
    expect(page.get_by_role("link", name="Ask for a new link")).to_be_visible()
    phone.close()
    laptop.close()


def test_an_unknown_address_gets_the_same_answer_and_no_email(browser: Browser, site: Site) -> None:
    context = new_context(browser, site.url)
    page = context.new_page()
    page.goto("/forgot-password")
    page.get_by_label("Email").fill("nobody-here@example.com")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_text("If an account exists for that address")).to_be_visible()
    with pytest.raises(AssertionError):
        site.inbox.wait_for("nobody-here@example.com", "Reset", timeout=3)
    context.close()


def test_a_person_changes_their_email_by_opening_the_link_sent_to_the_new_address(
    browser: Browser, site: Site
) -> None:
    old, new = unique_email("old"), unique_email("new")
    context = new_context(browser, site.url)
    page = context.new_page()
    sign_up(page, old)

    page.goto("/settings")
    section = page.get_by_role("region", name="Email")
    section.get_by_label("New email").fill(new)
    section.get_by_label("Password").fill(PASSWORD)
    section.get_by_role("button", name="Change email").click()
    expect(section.get_by_text(f"We sent a link to {new}")).to_be_visible()

    notice = site.inbox.wait_for(old, "is about to change")
    assert new in body_of(notice)
    confirm = site.inbox.wait_for(new, "Confirm your new Habit Tracker e-mail address")
    found = re.search(re.escape(site.url) + r"/confirm-email#\S+", body_of(confirm))
    assert found, body_of(confirm)
    # Nothing has changed yet.
    assert Api(context.request).send("GET", "/api/auth/me")["email"] == old

    page.goto(found.group(0))
    expect(page.get_by_text(f"Your e-mail address is now {new}")).to_be_visible()
    page.goto("/settings")
    expect(page.get_by_text(f"Signed in as {new}")).to_be_visible()

    # The new address is the login from now on.
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("Email").fill(new)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()
    context.close()
