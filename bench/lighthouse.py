"""Lighthouse on the web app as `make run` serves it: the login screen and Today, on a phone.

Run: backend/.venv/bin/python bench/lighthouse.py [--runs 5] [--dist DIR] [--reports DIR]
(or `make bench`)

Builds the app as `make run` does (`make build`: Vite, then Brotli and gzip files beside each
asset; `--dist DIR` measures a build already made there instead), starts gunicorn with
backend/gunicorn.conf.py on a free loopback port and a throwaway SQLite database, signs up a
user with three habits through the API, and runs Lighthouse (frontend/node_modules, pinned to
12.2.3: Lighthouse 13 needs Node 22, and npm ci here refuses locks made with 12.3 and later) in
Debian's Chromium with its default mobile profile: a mid-range phone, simulated slow 4G and a
4x slower CPU. It opens `/` twice: logged out, which lands on the login screen, and logged in
(the session cookie passed with --extra-headers), which is Today. Each page is measured --runs times and the median of each
score is kept, since the performance score moves with the machine's load.

Prints Markdown with the scores, the timings behind the performance score, what crossed the
wire, and every audit that cost points. Exits 1 when a median is under its target:
performance 90, accessibility 100, best practices 95 (issue 13).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BACKEND = REPO / "backend"
FRONTEND = REPO / "frontend"
VENV_BIN = BACKEND / ".venv" / "bin"
LIGHTHOUSE = FRONTEND / "node_modules" / ".bin" / "lighthouse"

TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 95}
CATEGORY_NAMES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
]
HABITS = ["Read", "Water", "Walk"]
PASSWORD = "correct horse battery staple"  # noqa: S105


@dataclass
class Page:
    label: str
    scores: dict[str, list[int]] = field(default_factory=dict)
    metrics: dict[str, list[float]] = field(default_factory=dict)
    last_report: dict[str, Any] = field(default_factory=dict)

    def median(self, category: str) -> int:
        return int(statistics.median(self.scores[category]))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build(dist: Path | None) -> Path:
    if dist is None:
        # The build's own output would land in the Markdown report: shown only when it fails.
        built = subprocess.run(
            ["make", "--no-print-directory", "build"],  # noqa: S607
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        if built.returncode != 0:
            sys.exit(f"make build failed:\n{built.stdout[-4000:]}{built.stderr[-4000:]}")
        dist = FRONTEND / "dist"
    manifest = json.loads((dist / ".vite" / "manifest.json").read_text())
    entry = next(chunk["file"] for chunk in manifest.values() if chunk.get("isEntry"))
    if not (dist / f"{entry}.br").is_file():
        sys.exit(f"{dist} is not precompressed: build it with `make build`, as `make run` does")
    return dist


@contextmanager
def server(dist: Path) -> Iterator[str]:
    """gunicorn as `make run` starts it, on SQLite in a temporary folder."""
    tmp = Path(tempfile.mkdtemp(prefix="habits-lighthouse-"))
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ENV", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        FRONTEND_DIST=str(dist),
        VAR_DIR=str(tmp),
        DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
        HOST="127.0.0.1",
        PORT=str(port),
        LOG_LEVEL="WARNING",
    )
    python = str(VENV_BIN / "python")
    subprocess.run(  # noqa: S603
        [python, "manage.py", "migrate", "--noinput"],
        cwd=BACKEND,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log = (tmp / "gunicorn.log").open("wb")
    process = subprocess.Popen(  # noqa: S603
        [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=BACKEND,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}: see {tmp}")
            try:
                with urllib.request.urlopen(f"{base}/health/", timeout=2):  # noqa: S310
                    break
            except (OSError, urllib.error.HTTPError):
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not answer /health/ within 60 s") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


def sign_up(base: str) -> str:
    """Register a user with a few habits; return the Cookie header a logged-in browser sends."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/api/auth/csrf").read()

    def post(path: str, body: dict[str, Any]) -> None:
        # Read each time: logging in (registering does) rotates the CSRF token.
        token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
        request = urllib.request.Request(  # noqa: S310
            f"{base}{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": str(token)},
            method="POST",
        )
        try:
            opener.open(request).read()
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"POST {path}: {error.code} {error.read()[:500]!r}") from None

    email = f"lighthouse-{int(time.time() * 1000)}@example.com"
    post("/api/auth/register", {"email": email, "password": PASSWORD, "timezone": "UTC"})
    today = dt.datetime.now(dt.UTC).date().isoformat()
    for name in HABITS:
        post(
            "/api/habits",
            {
                "name": name,
                "description": "",
                "color": "#2f7d5b",
                "icon": "✅",
                "kind": "boolean",
                "unit": "",
                "target": 1,
                "target_type": "at_least",
                "schedule": {"type": "daily"},
                "start_date": today,
                "reminder_time": None,
            },
        )
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def lighthouse(url: str, cookie: str | None, out: Path) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Debian's chromium is not installed (make chromium)")
    env = {**os.environ, "CHROME_PATH": chromium}
    subprocess.run(command, env=env, check=True, timeout=300)  # noqa: S603
    report: dict[str, Any] = json.loads(out.read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return report


def record(page: Page, report: dict[str, Any]) -> None:
    for key, category in report["categories"].items():
        page.scores.setdefault(key, []).append(round(category["score"] * 100))
    for key in METRICS:
        page.metrics.setdefault(key, []).append(report["audits"][key]["numericValue"])
    page.last_report = report


def transferred(report: dict[str, Any]) -> dict[str, int]:
    """Bytes on the wire by resource type, from Lighthouse's own network log."""
    totals: dict[str, int] = {}
    for item in report["audits"]["network-requests"]["details"]["items"]:
        kind = item.get("resourceType", "Other")
        totals[kind] = totals.get(kind, 0) + int(item.get("transferSize", 0))
    return totals


def lost_points(report: dict[str, Any]) -> list[str]:
    """Audits that cost a category points, as 'category: title (score)'."""
    lines = []
    for key, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue", "")
                lines.append(
                    f"{CATEGORY_NAMES[key]}: {audit['title']} "
                    f"(score {audit['score']:.2f}{', ' + shown if shown else ''})"
                )
    return lines


def report_markdown(pages: list[Page], runs: int, version: str) -> str:
    lines = [
        f"Lighthouse {version}, mobile profile (simulated slow 4G, 4x CPU slowdown), "
        f"Debian's Chromium, median of {runs} runs per page; "
        f"{platform.node()}, {os.cpu_count()} cores, "
        f"{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        "| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS "
        "| JS on the wire | CSS | document |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page in pages:
        metric = {key: statistics.median(values) for key, values in page.metrics.items()}
        wire = transferred(page.last_report)
        lines.append(
            f"| {page.label} | "
            + " | ".join(
                f"{page.median(key)} ({'/'.join(map(str, page.scores[key]))})" for key in TARGETS
            )
            + f" | {metric['first-contentful-paint'] / 1000:.2f} s"
            f" | {metric['largest-contentful-paint'] / 1000:.2f} s"
            f" | {metric['total-blocking-time']:.0f} ms"
            f" | {metric['cumulative-layout-shift']:.3f}"
            f" | {wire.get('Script', 0) / 1000:.1f} kB"
            f" | {wire.get('Stylesheet', 0) / 1000:.1f} kB"
            f" | {wire.get('Document', 0) / 1000:.1f} kB |"
        )
    lines.append("")
    lines.append(
        "Targets: " + ", ".join(f"{CATEGORY_NAMES[k]} >= {v}" for k, v in TARGETS.items()) + "."
    )
    for page in pages:
        lost = lost_points(page.last_report)
        lines.append("")
        lines.append(f"Audits that cost points on {page.label} (last run):")
        lines.extend(f"- {line}" for line in lost) if lost else lines.append("- none")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dist", type=Path, help="an already precompressed build to serve")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports here")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `make frontend-deps`")
    dist = build(args.dist)
    version = subprocess.run(  # noqa: S603
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()

    login, today = Page("login screen (`/`, logged out)"), Page("Today (`/`, 3 habits)")
    with server(dist) as base, tempfile.TemporaryDirectory() as tmp:
        reports = args.reports or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        cookie = sign_up(base)
        for run in range(args.runs):
            # Interleaved, so that a busy moment on the machine does not land on one page only.
            record(login, lighthouse(f"{base}/", None, reports / f"login-{run}.json"))
            record(today, lighthouse(f"{base}/", cookie, reports / f"today-{run}.json"))
        final_urls = (
            login.last_report["finalDisplayedUrl"],
            today.last_report["finalDisplayedUrl"],
        )
    if not final_urls[0].endswith("/login") or final_urls[1].endswith("/login"):
        sys.exit(f"Lighthouse did not reach the expected screens: {final_urls}")

    pages = [login, today]
    print(report_markdown(pages, args.runs, version))
    missed = [
        f"{page.label}: {CATEGORY_NAMES[key]} {page.median(key)} < {target}"
        for page in pages
        for key, target in TARGETS.items()
        if page.median(key) < target
    ]
    if missed:
        print("\nBelow target: " + "; ".join(missed) + ".")
        return 1
    print("\nEvery score meets its target.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
