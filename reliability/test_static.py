"""Static checks of what we ship: bandit on the backend, npm audit on the SPA's dependencies."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import record
from servers import REPO, VENV_BIN

# Reviewed findings, by file and test id, with the reason they are not vulnerabilities.
REVIEWED = {
    # The two interpolated names are column names picked from literals after inspecting the
    # uploaded SQLite file's schema; no user-supplied text reaches the SQL string.
    ("backend/habits/importers/loop_db.py", "B608"),
    # Table and column names come from User._meta (the model), the id is a bound parameter.
    ("backend/users/backends.py", "B608"),
    # The check-in's statements and user_touch: table and column names are quoted from the
    # models' _meta; every value (ids, dates, note text) is a bound parameter.
    ("backend/habits/services.py", "B608"),
    ("backend/users/services.py", "B608"),
    # B105 on `"PASSWORD": ""` in the database settings for AWS: an empty placeholder, since the
    # PostgreSQL backend reads the credentials from Secrets Manager when it connects
    # (core/db/credentials.py); no password is written in the code.
    ("backend/config/settings.py", "B105"),
    # B104 on `host in {"0.0.0.0", "::"}`: SITE_URL's default maps a wildcard listening address
    # to 127.0.0.1 for e-mailed links; nothing binds to it here.
    ("backend/config/settings.py", "B104"),
    # Plain SQL for the hot paths (webhook outbox fan-out, token lookup, reminder planning and
    # claiming, user_touch): every table and column name is quoted from a model's _meta by
    # connection.ops.quote_name, the IN lists are "%s" placeholders counted from a Python list,
    # and every value (ids, hashes, times, payloads) is a bound parameter.
    ("backend/integrations/outbox.py", "B608"),
    ("backend/integrations/tokens.py", "B608"),
    ("backend/reminders/tasks.py", "B608"),
    ("backend/users/versions.py", "B608"),
    # B105 on the OpenAPI document's request examples ("correct horse battery staple"): sample
    # passwords shown to API readers, never used to log anyone in.
    ("backend/core/openapi.py", "B105"),
    # B105 on public prefixes: "hbt_" marks our API tokens so that secret scanners find leaked
    # ones, "whsec_" is Standard Webhooks' marker of a secret; neither is a secret.
    ("backend/integrations/tokens.py", "B105"),
    ("backend/integrations/webhooks.py", "B105"),
    # B404/B603: `make run`'s supervisor starts gunicorn, the worker and the scheduler from a
    # fixed argv (no shell), and the Lambda image's build helper runs `python -m pip` with fixed
    # words and the file names given on its own command line (no shell, no request input).
    ("backend/core/supervise.py", "B404"),
    ("backend/core/supervise.py", "B603"),
    ("backend/deploy/sdist_wheels.py", "B404"),
    ("backend/deploy/sdist_wheels.py", "B603"),
}


def test_bandit_finds_nothing_unreviewed_in_the_backend() -> None:
    result = subprocess.run(
        [str(VENV_BIN / "bandit"), "-r", "backend", "-c", "reliability/bandit.yaml", "-f", "json",
         "-q", "-x", "backend/.venv,*/tests/*,*/migrations/*,backend/conftest.py"],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    report = json.loads(result.stdout)
    assert not report["errors"], report["errors"]
    issues = [
        (i["filename"].removeprefix("./"), i["test_id"], i["issue_severity"], i["line_number"])
        for i in report["results"]
    ]
    unreviewed = [i for i in issues if (i[0], i[1]) not in REVIEWED]
    record("bandit", {"lines_scanned": report["metrics"]["_totals"]["loc"],
                      "issues": len(issues), "reviewed": len(issues) - len(unreviewed),
                      "unreviewed": unreviewed})  # fmt: skip
    assert report["metrics"]["_totals"]["loc"] > 1000  # it really scanned the backend
    assert unreviewed == [], unreviewed


def test_npm_audit_reports_no_high_or_critical_advisory_for_production_dependencies() -> None:
    frontend = REPO / "frontend"
    if not (frontend / "package-lock.json").is_file():
        pytest.skip("frontend/package-lock.json is missing")
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed")
    result = subprocess.run(
        [npm, "audit", "--omit=dev", "--json"],
        cwd=frontend, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        pytest.skip(f"npm audit gave no JSON (registry unreachable?): {result.stderr[-300:]}")
    if "error" in report or "metadata" not in report:
        pytest.skip(f"the npm registry did not answer the audit: {str(report)[:300]}")
    counts = report["metadata"]["vulnerabilities"]
    record("npm_audit", {"vulnerabilities": counts,
                         "dependencies": report["metadata"].get("dependencies")})  # fmt: skip
    advisories = report.get("vulnerabilities")
    assert counts.get("high", 0) == 0, advisories
    assert counts.get("critical", 0) == 0, advisories
