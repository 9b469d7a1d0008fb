"""Security headers on every kind of response, and the production configuration as deployed."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from conftest import Api
from core.tests.helpers import run_django

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "trust-tests-" + "s" * 50,
    "ALLOWED_HOSTS": "testserver",
}


def _responses(api: Api, anon: Api) -> dict[str, Any]:
    habit = api.post("/api/habits", {"name": "Read"}).json()
    return {
        "csrf": anon.get("/api/auth/csrf"),
        "401": anon.get("/api/habits"),
        "403 csrf": api.post("/api/habits", {"name": "x"}, csrf=False),
        "404 api": api.get("/api/habits/999999"),
        "404 route": api.get("/api/no-such-thing"),
        "405": api.client.put("/api/today"),
        "422": api.post("/api/habits", {"name": ""}),
        "200 list": api.get("/api/habits"),
        "201": api.post("/api/habits", {"name": "Write"}),
        "204": api.delete(f"/api/habits/{habit['id']}"),
        "health": anon.get("/health/"),
        "spa": anon.get("/some/client/route"),
        "openapi": anon.get("/api/openapi.json"),
    }


def test_every_response_carries_the_security_headers(api: Api, anon: Api) -> None:
    for name, response in _responses(api, anon).items():
        headers = response.headers
        assert headers.get("X-Content-Type-Options") == "nosniff", name
        assert headers.get("Referrer-Policy") == "same-origin", name
        assert headers.get("X-Frame-Options") == "DENY", name
        policy = headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in policy, name
        assert "object-src 'none'" in policy, name
        script_src = re.search(r"script-src ([^;]*)", policy)
        assert script_src, (name, policy)
        assert "'unsafe-inline'" not in script_src.group(1), (name, policy)
        assert "'unsafe-eval'" not in script_src.group(1), (name, policy)


def test_a_413_carries_the_security_headers_too(api: Api) -> None:
    response = api.client.generic(
        "POST", "/api/habits", "x" * (1024 * 1024 + 10), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert "frame-ancestors 'none'" in response.headers.get("Content-Security-Policy", "")


def test_only_the_interactive_api_docs_may_run_an_inline_script(anon: Api) -> None:
    docs = anon.get("/api/docs")
    assert "script-src 'self' 'unsafe-inline'" in docs.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in docs.headers["Content-Security-Policy"]


def test_the_built_spa_has_no_inline_script_the_policy_would_block() -> None:
    from django.conf import settings

    index = Path(settings.FRONTEND_DIST) / "index.html"
    if not index.is_file():
        pytest.skip("frontend/dist is not built (make build)")
    html = index.read_text()
    inline = [s for s in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S) if s[1].strip()]
    assert not inline, inline


def test_errors_never_show_a_traceback_or_debug_page(api: Api) -> None:
    response = api.get("/api/habits/999999")
    assert b"Traceback" not in response.content
    assert response["Content-Type"].startswith("application/json")


PRODUCTION_PROBE = """
import json, tempfile
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
c = Client(enforce_csrf_checks=True)
https = {"secure": True, "HTTP_ORIGIN": "https://testserver"}
csrf = c.get("/api/auth/csrf", **https)
token = c.cookies["csrftoken"].value
reg = c.post("/api/auth/register", {"email": "p@example.com", "password": "a long and sturdy passphrase"},
             content_type="application/json", HTTP_X_CSRFTOKEN=token, **https)
plain = Client().get("/api/auth/csrf")
def flags(m):
    return {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]), "samesite": m["samesite"]}
print(json.dumps({
    "register": reg.status_code,
    "csrf_cookie": flags(csrf.cookies["csrftoken"]),
    "session_cookie": flags(reg.cookies["sessionid"]),
    "hsts": csrf.headers.get("Strict-Transport-Security"),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
}))
"""


def test_production_cookies_are_secure_httponly_samesite_with_hsts(tmp_path: Path) -> None:
    result = run_django(
        PRODUCTION_PROBE, **PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path / 'p.sqlite3'}"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["register"] == 201
    assert seen["session_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    # The SPA reads the CSRF cookie to echo it in a header, so only that one is readable.
    assert seen["csrf_cookie"]["secure"] is True
    assert seen["csrf_cookie"]["samesite"] == "Lax"
    assert "max-age=31536000" in seen["hsts"]
    assert "includeSubDomains" in seen["hsts"]
    # Plain HTTP is redirected to HTTPS before any app code runs.
    assert seen["plain_status"] == 301
    assert seen["plain_location"].startswith("https://")


def _vapid_private_key() -> str:
    """A fresh P-256 private key as VAPID_PRIVATE_KEY holds it (base64url of the raw 32 bytes)."""
    from cryptography.hazmat.primitives.asymmetric import ec

    value = ec.generate_private_key(ec.SECP256R1()).private_numbers().private_value
    return base64.urlsafe_b64encode(value.to_bytes(32, "big")).decode().rstrip("=")


def test_check_deploy_is_clean_in_production_settings() -> None:
    # What Terraform gives production besides the database and cache: the Web Push key pair's
    # private half and an SMTP relay over TLS (Amazon SES) with the site's address for links.
    deployed = {
        "VAPID_PRIVATE_KEY": _vapid_private_key(),
        "VAPID_SUBJECT": "mailto:ops@habits.example.com",
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "email-smtp.eu-west-1.amazonaws.com",
        "EMAIL_USE_TLS": "1",
        "SITE_URL": "https://testserver",
    }
    code = (
        "from django.core.management import call_command\n"
        "call_command('check', deploy=True, fail_level='WARNING')\n"
        "print('deploy-check-clean')\n"
    )
    result = run_django(
        code,
        **PRODUCTION,
        DATABASE_URL="postgres://app@db.internal:5432/habits",
        REDIS_URL="redis://cache.internal:6379/0",
        **deployed,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "deploy-check-clean" in result.stdout


def test_a_client_without_https_cannot_read_the_session_cookie_over_http(user: Any) -> None:
    # Development has no TLS, but the session cookie must still be out of JavaScript's reach.
    client = Client()
    client.post(
        "/api/auth/login",
        {"email": user.email, "password": "a long and sturdy passphrase"},
        content_type="application/json",
    )
    assert client.cookies["sessionid"]["httponly"]
