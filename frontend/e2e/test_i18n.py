"""The app in the person's language (issue 17): chosen from the browser, changed on the login
screen and in Settings, remembered on the account; no English left on the main screens of any
language (a scan of the visible text against the English catalog); German's long words and
Arabic's right-to-left layout without overflow or overlap at 360 px and 1440 px, axe clean;
the API's messages in the person's language; screenshots of Today and a habit in Arabic and
German for docs/screenshots/."""

from __future__ import annotations

import ast
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from helpers import (
    Api,
    habit_payload,
    horizontal_overflow,
    localized_context,
    overflowing_text,
    overlapping_controls,
    serious_violations_here,
    unique_email,
    utc_today,
)

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"
REPO = Path(__file__).resolve().parents[2]
LOCALES_DIR = REPO / "frontend" / "src" / "locales"
BACKEND_LOCALE_DIR = REPO / "backend" / "locale"
LANGUAGES = ["de", "fr", "es", "pt-BR", "ar"]
# The browser's language for each: a region, as browsers send it, so matching is exercised.
BROWSER_LOCALE = {"de": "de-DE", "fr": "fr-FR", "es": "es-ES", "pt-BR": "pt-BR", "ar": "ar-EG"}

# English messages that are rightly the same word in a language. Each entry must be the
# language's real translation (its catalog's msgstr equals the msgid), never an untranslated
# string: the scan would otherwise miss it.
SAME_IN: dict[str, set[str]] = {
    # German borrows these as they are.
    "de": {"Details", "Name", "Score", "Score {score}", "Score {share}", "Webhooks"},
    # "E-mail" is how French and Brazilian Portuguese write it (the reminder's channel);
    # French also spells these as English does.
    "fr": {
        "E-mail",
        "Notes",
        "Notifications",
        "Score",
        "Score {score}",
        "Score {share}",
        "Webhooks",
    },
    "es": {"Webhooks"},
    "pt-BR": {"E-mail", "Webhooks"},
    "ar": set(),
}


# --- catalogs --------------------------------------------------------------------------------


def _unquote(text: str) -> str:
    # A PO string is a C-style quoted string, which Python's literal syntax reads the same way.
    return str(ast.literal_eval(text.strip()))


def read_po(path: Path) -> dict[str, str]:
    """msgid → msgstr of one .po file (obsolete entries and the header left out)."""
    entries: dict[str, str] = {}
    msgid: str | None = None
    msgstr = ""
    field = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("msgid "):
            if msgid:
                entries[msgid] = msgstr
            msgid, msgstr, field = _unquote(line[6:]), "", "id"
        elif line.startswith("msgstr "):
            msgstr, field = _unquote(line[7:]), "str"
        elif line.startswith("msgctxt "):
            field = "ctx"
        elif line.startswith('"') and msgid is not None:
            if field == "id":
                msgid += _unquote(line)
            elif field == "str":
                msgstr += _unquote(line)
    if msgid:
        entries[msgid] = msgstr
    return entries


@functools.cache
def catalog(language: str) -> dict[str, str]:
    """Every area's messages of a language, as the app merges them."""
    merged: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / language).glob("*.po")):
        merged.update(read_po(path))
    return merged


def tr(language: str, msgid: str) -> str:
    """The language's translation of an English message, failing when it has none yet."""
    text = catalog(language).get(msgid, "")
    assert text, f"{language}: no translation of {msgid!r} in frontend/src/locales/{language}"
    return text


# --- English messages as patterns of rendered text ---------------------------------------------

_ANY = r".+?"


def _matching_brace(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return len(text) - 1


def _argument(inner: str) -> str:
    """`{name}` → anything; `{n, plural, one {# day} other {# days}}` → one of its branches."""
    parts = inner.split(",", 2)
    if len(parts) < 3 or parts[1].strip() not in ("plural", "select", "selectordinal"):
        return _ANY
    branches = []
    rest = parts[2]
    position = 0
    while True:
        match = re.compile(r"\s*(offset:\s*\d+\s*)?(=?[\w-]+)\s*\{").match(rest, position)
        if not match:
            break
        end = _matching_brace(rest, match.end() - 1)
        branches.append(icu_pattern(rest[match.end() : end], in_plural=True))
        position = end + 1
    return "(?:" + "|".join(branches) + ")" if branches else _ANY


def icu_pattern(message: str, in_plural: bool = False) -> str:
    """A regex source for a message as it renders: placeholders match any text, Lingui's
    component tags (<0>…</0>) vanish, runs of white space match any white space."""
    out: list[str] = []
    index = 0
    while index < len(message):
        char = message[index]
        if char == "{":
            end = _matching_brace(message, index)
            out.append(_argument(message[index + 1 : end]))
            index = end + 1
            continue
        tag = re.compile(r"</?\d+/?>").match(message, index)
        if tag:
            index = tag.end()
            continue
        if char.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif char == "#" and in_plural:
            out.append(_ANY)
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


_WORD = r"[A-Za-z][A-Za-z'’-]+"
_ICU_SYNTAX = re.compile(
    # A plural's or select's head with its first branch's key, then each next branch's key.
    r"\{\s*\w+\s*,\s*(?:plural|select|selectordinal)\s*,(?:\s*offset:\s*\d+)?\s*[=\w-]+\s*\{"
    r"|\}\s*[=\w-]+\s*\{"
    r"|\{[^{}]*\}"  # a plain placeholder
    r"|</?\d+/?>"
)


def _shown_words(message: str) -> list[str]:
    """The words a message shows, its plural and select branches' included."""
    return re.findall(_WORD, _ICU_SYNTAX.sub(" ", message))


def _fixed_words(message: str) -> list[str]:
    """The words a message shows whatever its placeholders hold (outside every branch)."""
    plain = message
    while re.search(r"\{[^{}]*\}", plain):
        plain = re.sub(r"\{[^{}]*\}", " ", plain)
    return re.findall(_WORD, re.sub(r"</?\d+/?>", "", plain))


class EnglishMessage:
    """One English catalog message, matched whole against a short text (a label, a button) or
    found inside a longer one when it has several words."""

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid
        fixed = _fixed_words(msgid)
        # A word every rendering contains, to skip the regex on most texts (speed only).
        self.hint = max(fixed, key=len) if fixed else ""
        pattern = icu_pattern(msgid).strip()
        if len(_shown_words(msgid)) >= 2:
            self.regex = re.compile(r"(?<!\w)" + pattern + r"(?!\w)")
            self.find: Callable[[str], Any] = self.regex.search
        else:
            self.regex = re.compile(pattern)
            self.find = self.regex.fullmatch

    def in_text(self, text: str) -> bool:
        return self.hint in text and self.find(text) is not None


@functools.cache
def english_messages() -> list[EnglishMessage]:
    messages = []
    for msgid in catalog("en"):
        # Placeholders and numbers alone ("{0}", "{0} / {1}") say nothing in any language.
        if _shown_words(msgid):
            messages.append(EnglishMessage(msgid))
    return messages


def english_left(texts: set[str], language: str) -> list[tuple[str, str]]:
    """(English message, the text it was found in) for each text still showing one: the message
    the whole text is, else the longest one found inside it."""
    allowed = SAME_IN[language]
    messages = [m for m in english_messages() if m.msgid not in allowed]
    found = []
    for text in sorted(texts):
        matches = [m for m in messages if m.in_text(text)]
        if matches:
            best = max(matches, key=lambda m: (m.regex.fullmatch(text) is not None, len(m.msgid)))
            found.append((best.msgid, text))
    return found


# Words that English sentences cannot do without and none of the other languages uses: two of
# them in one text is a sentence left out of the catalogs altogether (which the scan against
# the catalog cannot see).
ENGLISH_WORDS = {"the", "your", "you", "and", "with", "this", "have", "has", "are", "for", "from"}


def english_sentences(texts: set[str]) -> list[str]:
    return sorted(
        text for text in texts if len(ENGLISH_WORDS & set(re.findall(r"[a-z]+", text.lower()))) >= 2
    )


# The text a person meets on the page: the rendered lines, each visible element's own text, the
# options of visible selects, and the attributes that assistive technology reads or the browser
# shows (aria-label, title, placeholder, alt), and the document's title. Text marked as another
# language (the language picker names each language in itself) is left out.
COLLECT_TEXT = """() => {
  const pageLang = document.documentElement.lang;
  const foreign = (el) => {
    const marked = el.closest('[lang]');
    return marked && marked !== document.documentElement && marked.lang !== pageLang;
  };
  const visible = (el) => el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== 'hidden';
  const texts = [document.title];
  const hidden = [...document.querySelectorAll('body [lang]')].filter(foreign);
  const saved = hidden.map((el) => el.style.display);
  hidden.forEach((el) => el.style.setProperty('display', 'none', 'important'));
  texts.push(...document.body.innerText.split('\\n'));
  hidden.forEach((el, i) => { el.style.display = saved[i]; });
  for (const el of document.body.querySelectorAll('*')) {
    if (foreign(el) || !visible(el)) continue;
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent).join(' ');
    texts.push(own);
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription',
                        'aria-valuetext', 'aria-description']) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
    if (el.tagName === 'SELECT') {
      for (const option of el.options) if (!foreign(option)) texts.push(option.text);
    }
    if (el.tagName === 'svg') {
      for (const title of el.querySelectorAll('title')) texts.push(title.textContent);
    }
  }
  return texts;
}"""


def visible_texts(page: Page, user_data: list[str]) -> set[str]:
    """The page's text with the person's own data (habit names, units, e-mail) blanked out."""
    texts = set()
    for raw in page.evaluate(COLLECT_TEXT):
        text = " ".join(str(raw).split())
        for value in user_data:
            text = text.replace(value, "⟨⟩")
        if re.search(r"[A-Za-z]", text):
            texts.add(text)
    return texts


# --- accounts ----------------------------------------------------------------------------------

# The person's own data, in their language, so the screens (and screenshots) look as they would.
SEED_NAMES: dict[str, dict[str, str]] = {
    "de": {
        "read": "Lesen",
        "water": "Wasser trinken",
        "unit": "Gläser",
        "walk": "Spazieren gehen",
        "group": "Morgens",
    },
    "fr": {
        "read": "Lire",
        "water": "Boire de l’eau",
        "unit": "verres",
        "walk": "Marcher",
        "group": "Matin",
    },
    "es": {
        "read": "Leer",
        "water": "Beber agua",
        "unit": "vasos",
        "walk": "Caminar",
        "group": "Mañanas",
    },
    "pt-BR": {
        "read": "Ler",
        "water": "Beber água",
        "unit": "copos",
        "walk": "Caminhar",
        "group": "Manhã",
    },
    "ar": {
        "read": "القراءة",
        "water": "شرب الماء",
        "unit": "أكواب",
        "walk": "المشي",
        "group": "الصباح",
    },
}


class QuickApi(Api):
    """Api with the CSRF token fetched once per session instead of before every call (Django
    changes it on signing in, hence `forget_token` after registering)."""

    token: str | None = None

    def _token(self) -> str:
        if self.token is None:
            self.token = super()._token()
        return self.token

    def forget_token(self) -> None:
        self.token = None


class Account:
    def __init__(self, email: str, state: Any, ids: dict[str, int], user_data: list[str]) -> None:
        self.email = email
        self.state = state
        self.ids = ids
        self.user_data = user_data


def seed(api: QuickApi, language: str) -> tuple[str, dict[str, int], list[str]]:
    """A person who chose `language`, with a habit in a group, a measurable one and one with a
    reminder, and two weeks of check-ins."""
    names = SEED_NAMES[language]
    email = unique_email(f"i18n-{language.lower()}")
    api.send(
        "POST",
        "/api/auth/register",
        {"email": email, "password": PASSWORD, "timezone": "UTC", "language": language},
        expect=201,
    )
    api.forget_token()
    today = utc_today()
    start = (today - dt.timedelta(days=40)).isoformat()
    group = api.send(
        "POST", "/api/groups", {"name": names["group"], "color": "#2b7bb9", "icon": "☀"}, 201
    )
    read = api.send(
        "POST",
        "/api/habits",
        habit_payload(
            names["read"], icon="📚", color="#8e5bd0", start_date=start, group_id=group["id"]
        ),
        201,
    )
    water = api.send(
        "POST",
        "/api/habits",
        habit_payload(
            names["water"],
            icon="💧",
            color="#2b7bb9",
            kind="measurable",
            unit=names["unit"],
            target=8,
            start_date=start,
        ),
        201,
    )
    walk = api.send(
        "POST",
        "/api/habits",
        habit_payload(
            names["walk"],
            icon="🚶",
            color="#2f7d5b",
            schedule={"type": "times_per_week", "times": 3},
            reminder_time="08:00",
            start_date=start,
        ),
        201,
    )
    # A few check-ins: a streak, values below and at the target, a skipped day.
    entries = [
        ("read", 0, {"status": "done"}),
        ("read", 1, {"status": "done"}),
        ("read", 2, {"status": "done"}),
        ("read", 5, {"status": "done"}),
        ("water", 0, {"value": 5}),
        ("water", 1, {"value": 8}),
        ("walk", 1, {"status": "done"}),
        ("walk", 3, {"status": "skipped"}),
    ]
    habits = {"read": read, "water": water, "walk": walk}
    for key, days_ago, body in entries:
        day = (today - dt.timedelta(days=days_ago)).isoformat()
        api.send("PUT", f"/api/habits/{habits[key]['id']}/entries/{day}", body, 200)
    ids = {"read": read["id"], "water": water["id"], "walk": walk["id"], "group": group["id"]}
    return email, ids, [email, *names.values()]


@pytest.fixture(scope="module")
def accounts(browser: Browser, live_server: str) -> dict[str, Account]:
    made = {}
    for language in LANGUAGES:
        context = localized_context(browser, live_server, locale=BROWSER_LOCALE[language])
        email, ids, user_data = seed(QuickApi(context.request), language)
        made[language] = Account(email, context.storage_state(), ids, user_data)
        context.close()
    return made


@pytest.fixture
def signed_in(
    browser: Browser, live_server: str, accounts: dict[str, Account]
) -> Iterator[Callable[[str, int], tuple[Page, Account]]]:
    contexts: list[BrowserContext] = []

    def open_page(language: str, width: int) -> tuple[Page, Account]:
        account = accounts[language]
        context = localized_context(
            browser,
            live_server,
            locale=BROWSER_LOCALE[language],
            width=width,
            storage_state=account.state,
        )
        contexts.append(context)
        return context.new_page(), account

    yield open_page
    for context in contexts:
        context.close()


# --- screens -----------------------------------------------------------------------------------

Screen = tuple[str, Callable[[dict[str, int]], str]]

TODAY: Screen = ("today", lambda _: "/")
HABITS: Screen = ("habits", lambda _: "/habits")
HABIT_DETAIL: Screen = ("habit-detail", lambda ids: f"/habits/{ids['read']}")
OVERVIEW: Screen = ("overview", lambda _: "/overview")
SETTINGS: Screen = ("settings", lambda _: "/settings")
NEW_HABIT: Screen = ("new-habit", lambda _: "/habits/new")
EDIT_MEASURABLE: Screen = ("edit-habit", lambda ids: f"/habits/{ids['water']}/edit")
SIGNED_IN_SCREENS = [TODAY, HABITS, HABIT_DETAIL, OVERVIEW, SETTINGS, NEW_HABIT, EDIT_MEASURABLE]
LAYOUT_SCREENS = [TODAY, HABIT_DETAIL, OVERVIEW, SETTINGS]
# axe-core in every language at desktop width on these (the rest share their parts; axe takes
# half a second a screen); test_screens.py runs it on every screen in English.
AXE_SCREENS = {"login", "today", "habit-detail", "settings"}


def open_screen(page: Page, path: str, language: str) -> None:
    """Open a screen as the app's own links do once it is loaded (no reload, so the whole file
    stays fast), and wait for its content."""
    if page.url.startswith("http"):
        # The heading left behind is marked, so that the next screen's is the one waited for.
        page.evaluate(
            """(path) => {
              document.querySelectorAll('h1').forEach((h) => h.setAttribute('data-left', ''));
              window.history.pushState(null, '', path);
              window.dispatchEvent(new PopStateEvent('popstate'));
            }""",
            path,
        )
    else:
        page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1:not([data-left])")).to_be_visible()
    # Loading skeletons replaced by content.
    expect(page.locator("[aria-busy='true']")).to_have_count(0, timeout=10_000)


# --- 1. choosing the language ------------------------------------------------------------------


def account_language(context: BrowserContext) -> str:
    return str(Api(context.request).send("GET", "/api/auth/me", expect=200)["language"])


def test_the_language_follows_the_browser_the_login_screen_settings_and_the_account(
    browser: Browser, live_server: str
) -> None:
    # First visit from a German browser: the login screen is German.
    context = localized_context(browser, live_server, locale="de-DE")
    page = context.new_page()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("de", "Log in"))

    # Switched to French on the login screen, kept through signing up.
    page.get_by_role("combobox", name=tr("de", "Language"), exact=True).select_option("fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("fr", "Log in"))
    page.locator("a[href='/register']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("fr", "Create your account"))
    email = unique_email("i18n-choice")
    page.locator("input[name='email']").fill(email)
    page.locator("input[name='password']").fill(PASSWORD)
    page.locator("form button[type='submit']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("fr", "Today"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    # The account remembers it (the app saves the device's choice on a new account).
    deadline = dt.datetime.now() + dt.timedelta(seconds=5)
    while account_language(context) != "fr" and dt.datetime.now() < deadline:
        page.wait_for_timeout(100)
    assert account_language(context) == "fr"

    # Settings → Language → Arabic: right to left, saved, and still so after a reload.
    page.get_by_role("navigation").get_by_role("link", name=tr("fr", "Settings")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("fr", "Settings"))
    with page.expect_response(
        lambda r: r.url.endswith("/api/auth/me") and r.request.method == "PATCH"
    ) as saved:
        page.get_by_role("combobox", name=tr("fr", "Language"), exact=True).select_option("ar")
    assert saved.value.ok
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("ar", "Settings"))
    assert account_language(context) == "ar"
    page.reload()
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("ar", "Settings"))
    context.close()

    # Another device whose browser speaks English: once logged in, the account's Arabic wins.
    other = localized_context(browser, live_server, locale="en-GB")
    page = other.new_page()
    page.goto("/login")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("input[name='email']").fill(email)
    page.locator("input[name='password']").fill(PASSWORD)
    page.locator("form button[type='submit']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("ar", "Today"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    other.close()


# --- 2. no English left ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_is_left_on_the_screens(
    browser: Browser,
    live_server: str,
    accounts: dict[str, Account],
    signed_in: Callable[[str, int], tuple[Page, Account]],
    language: str,
) -> None:
    found: dict[str, list[str]] = {}
    problems: list[str] = []

    def scan(page: Page, screen: str, user_data: list[str]) -> None:
        texts = visible_texts(page, user_data)
        for msgid, text in english_left(texts, language):
            found.setdefault(msgid, []).append(f"{screen}: {text!r}")
        for text in english_sentences(texts):
            found.setdefault("(not in the catalogs)", []).append(f"{screen}: {text!r}")
        if screen in AXE_SCREENS:
            problems.extend(f"{screen}: {p}" for p in serious_violations_here(page))

    # Signed out: the login and sign-up screens in the browser's language.
    context = localized_context(browser, live_server, locale=BROWSER_LOCALE[language])
    page = context.new_page()
    for screen, path in (("login", "/login"), ("register", "/register")):
        open_screen(page, path, language)
        scan(page, screen, [])
    context.close()

    page, account = signed_in(language, 1440)
    for screen, path in SIGNED_IN_SCREENS:
        open_screen(page, path(account.ids), language)
        scan(page, screen, account.user_data)
    # A form's own messages: the habit form refuses an empty name in the person's language.
    open_screen(page, "/habits/new", language)
    page.locator("form button[type='submit']").click()
    expect(page.locator("input[name='name']")).to_have_attribute("aria-invalid", "true")
    scan(page, "new-habit (errors)", account.user_data)

    lines = [f"{msgid!r} — {'; '.join(where[:8])}" for msgid, where in sorted(found.items())]
    assert not lines, f"{language}: English left on the screens:\n" + "\n".join(lines)
    assert not problems, f"{language}: serious axe-core violations:\n" + "\n".join(problems)


# --- 3. layout: long words and right to left ---------------------------------------------------


def reading_order(page: Page, language: str) -> tuple[list[str], list[str]]:
    """Whether the main navigation and the week grid run in reading order (left to right in
    German, right to left in Arabic): the rows checked, and the problems found."""
    rtl = language == "ar"
    checked, problems = [], []
    rows = {
        "navigation": page.locator("nav.main-nav a"),
        "week grid": page.locator(".week-cells").first.locator("button"),
    }
    for what, row in rows.items():
        boxes = [box for box in (el.bounding_box() for el in row.all()) if box and box["width"] > 0]
        if len(boxes) < 2 or abs(boxes[0]["y"] - boxes[-1]["y"]) > 4:
            continue  # absent here, or wrapped onto several lines (no order to check)
        checked.append(what)
        first, last = boxes[0]["x"], boxes[-1]["x"]
        if rtl and not first > last:
            problems.append(f"the {what} runs left to right in {language}")
        if not rtl and not first < last:
            problems.append(f"the {what} runs right to left in {language}")
    return checked, problems


@pytest.mark.parametrize("width", [360, 1440])
@pytest.mark.parametrize("language", ["de", "ar"])
def test_long_words_and_right_to_left_fit_without_overflow_or_overlap(
    signed_in: Callable[[str, int], tuple[Page, Account]],
    screenshots_dir: Path,
    language: str,
    width: int,
) -> None:
    page, account = signed_in(language, width)
    expect_dir = "rtl" if language == "ar" else "ltr"
    problems: list[str] = []
    checked: list[str] = []
    for screen, path in LAYOUT_SCREENS:
        open_screen(page, path(account.ids), language)
        expect(page.locator("html")).to_have_attribute("dir", expect_dir)
        overflow = horizontal_overflow(page)
        if overflow:
            problems.append(f"{screen}: {overflow}")
        problems += [f"{screen}: text overflows {p}" for p in overflowing_text(page)]
        problems += [f"{screen}: {p}" for p in overlapping_controls(page)]
        if screen == "today":
            checked, order = reading_order(page, language)
            problems += [f"{screen}: {p}" for p in order]
        # At 1440 px the scan above runs axe in every language; here the phone layout.
        if width == 360 and screen in ("today", "habit-detail", "overview"):
            problems += [f"{screen}: axe {p}" for p in serious_violations_here(page)]
        if width == 360 and screen in ("today", "habit-detail"):
            # Without the focus ring the route change leaves on the heading.
            page.evaluate("() => document.activeElement?.blur()")
            page.screenshot(
                path=str(screenshots_dir / f"{screen}-{language}.png"), animations="disabled"
            )
    # The week grid on every width; the navigation where it fits on one line.
    expected = ["navigation", "week grid"] if width == 1440 else ["week grid"]
    assert set(expected) <= set(checked), f"reading order checked only for {checked}"
    assert not problems, f"{language} at {width} px:\n" + "\n".join(problems)


# --- 5. the API's messages in the person's language ---------------------------------------------


def backend_translation(language: str, english_fragment: str) -> str:
    """The backend catalog's translation of the message containing `english_fragment`."""
    path = BACKEND_LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"the backend has no {language} catalog at {path}"
    for msgid, msgstr in read_po(path).items():
        if english_fragment in msgid:
            assert msgstr and msgstr != msgid, f"{language}: {msgid!r} is not translated"
            return msgstr
    raise AssertionError(f"no backend message containing {english_fragment!r} in {path}")


def test_the_api_answers_a_refused_form_in_the_persons_language(
    browser: Browser,
    live_server: str,
    signed_in: Callable[[str, int], tuple[Page, Account]],
    accounts: dict[str, Account],
) -> None:
    # A start date the form lets through but the server refuses (it counts from 1900).
    page, _ = signed_in("de", 1440)
    open_screen(page, "/habits/new", "de")
    page.locator("input[name='name']").fill("Tagebuch")
    page.locator("input[name='start_date']").fill("1899-12-31")
    with page.expect_response(
        lambda r: r.url.endswith("/api/habits") and r.request.method == "POST"
    ) as answer:
        page.locator("form button[type='submit']").click()
    assert answer.value.status == 422
    detail = answer.value.json()["detail"]
    assert detail[0]["loc"][-1] == "start_date", detail
    german = backend_translation("de", "1900-01-01")
    assert german in detail[0]["msg"], detail
    expect(page.locator("form")).to_contain_text(german)

    # Signed out, the browser's language decides: an e-mail already taken, said in German.
    context = localized_context(browser, live_server, locale="de-DE")
    page = context.new_page()
    open_screen(page, "/register", "de")
    page.locator("input[name='email']").fill(accounts["de"].email)
    page.locator("input[name='password']").fill(PASSWORD)
    page.locator("form button[type='submit']").click()
    expect(page.locator("form")).to_contain_text(
        backend_translation("de", "An account with this email already exists.")
    )
    context.close()
