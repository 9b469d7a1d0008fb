"""The e-mail settings: backend, SMTP connection, sender and the public SITE_URL for links."""

from __future__ import annotations

import json
import re

import pytest

from core.tests.helpers import BACKEND, run_django
from core.tests.test_settings import PRODUCTION

SHOW = (
    "import json\n"
    "from django.conf import settings as s\n"
    "print(json.dumps({name: getattr(s, name) for name in ("
    "'EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD',"
    " 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'EMAIL_TIMEOUT', 'DEFAULT_FROM_EMAIL', 'SITE_URL',"
    " 'PASSWORD_RESET_TIMEOUT')}))\n"
)
EMAIL_VARIABLES = {
    name: ""
    for name in (
        "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_TIMEOUT", "DEFAULT_FROM_EMAIL", "SITE_URL",
        "HOST", "PORT",
    )
}  # fmt: skip


def _settings(**env: str) -> dict[str, object]:
    result = run_django(SHOW, **(EMAIL_VARIABLES | env))
    assert result.returncode == 0, result.stderr
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def test_by_default_mail_is_printed_to_the_console_and_links_point_at_the_local_server() -> None:
    loaded = _settings()

    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert loaded["SITE_URL"] == "http://127.0.0.1:8000"
    assert loaded["DEFAULT_FROM_EMAIL"] == "Habit Tracker <no-reply@localhost>"
    assert loaded["EMAIL_TIMEOUT"] == 10  # never Django's wait-forever default
    assert loaded["PASSWORD_RESET_TIMEOUT"] == 3600


def test_the_local_site_url_follows_the_port_make_run_listens_on() -> None:
    listening = _settings(HOST="0.0.0.0", PORT="8123")  # noqa: S104 - what make run is given
    assert listening["SITE_URL"] == "http://127.0.0.1:8123"


def test_smtp_with_starttls_reads_every_connection_setting_and_defaults_to_port_587() -> None:
    loaded = _settings(
        EMAIL_BACKEND="smtp",
        EMAIL_HOST="email-smtp.eu-west-1.amazonaws.com",
        EMAIL_HOST_USER="AKIAEXAMPLE",
        EMAIL_HOST_PASSWORD="smtp-password",
        EMAIL_USE_TLS="true",
        EMAIL_TIMEOUT="5",
        DEFAULT_FROM_EMAIL="Habits <habits@example.com>",
        SITE_URL="https://habits.example.com/",
    )

    assert loaded == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "email-smtp.eu-west-1.amazonaws.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "AKIAEXAMPLE",
        "EMAIL_HOST_PASSWORD": "smtp-password",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 5,
        "DEFAULT_FROM_EMAIL": "Habits <habits@example.com>",
        "SITE_URL": "https://habits.example.com",
        "PASSWORD_RESET_TIMEOUT": 3600,
    }


def test_implicit_tls_defaults_to_port_465_and_an_explicit_port_wins() -> None:
    assert _settings(EMAIL_BACKEND="smtp", EMAIL_USE_SSL="true")["EMAIL_PORT"] == 465
    assert (
        _settings(EMAIL_BACKEND="smtp", EMAIL_USE_SSL="1", EMAIL_PORT="2465")["EMAIL_PORT"] == 2465
    )
    assert _settings(EMAIL_BACKEND="smtp")["EMAIL_PORT"] == 25


def test_a_dotted_path_names_any_other_backend_and_the_sender_takes_the_sites_domain() -> None:
    loaded = _settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SITE_URL="https://habits.example.com/tracker",
    )
    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"
    assert loaded["SITE_URL"] == "https://habits.example.com/tracker"
    assert loaded["DEFAULT_FROM_EMAIL"] == "Habit Tracker <no-reply@habits.example.com>"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("EMAIL_BACKEND", "carrier-pigeon"),
        ("EMAIL_PORT", "smtp"),
        ("EMAIL_PORT", "70000"),
        ("EMAIL_USE_TLS", "perhaps"),
        ("EMAIL_TIMEOUT", "0"),
        ("DEFAULT_FROM_EMAIL", "Habit Tracker"),
        ("SITE_URL", "habits.example.com"),
        ("SITE_URL", "ftp://habits.example.com"),
        ("SITE_URL", "https://habits.example.com/?next=/evil"),
        ("SITE_URL", "https://user:pass@habits.example.com"),
    ],
)
def test_a_bad_email_setting_stops_start_up_naming_the_variable(variable: str, value: str) -> None:
    result = run_django("", **(EMAIL_VARIABLES | {variable: value}))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_starttls_and_implicit_tls_together_stop_start_up_naming_both() -> None:
    result = run_django(
        "", **(EMAIL_VARIABLES | {"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"})
    )

    assert result.returncode != 0
    assert "EMAIL_USE_TLS" in result.stderr
    assert "EMAIL_USE_SSL" in result.stderr


def test_production_without_site_url_links_to_the_first_allowed_host_over_https() -> None:
    env = PRODUCTION | EMAIL_VARIABLES | {"ALLOWED_HOSTS": "habits.example.com,abc.execute-api"}
    result = run_django(SHOW, **env)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["SITE_URL"] == "https://habits.example.com"


def test_production_refuses_to_guess_site_url_from_a_wildcard_host() -> None:
    env = PRODUCTION | EMAIL_VARIABLES | {"ALLOWED_HOSTS": ".example.com"}
    result = run_django("", **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SITE_URL" in result.stderr


# This module's check only: other apps' production checks are theirs to test.
DEPLOY_CHECK = (
    "from core.checks import check_production_email\n"
    "print(' '.join(str(m.id) for m in check_production_email(None)))\n"
)


@pytest.mark.parametrize(
    ("email", "warning"),
    [
        ({"EMAIL_BACKEND": ""}, "habits.W003"),
        ({"EMAIL_BACKEND": "locmem"}, "habits.W003"),
        ({"EMAIL_BACKEND": "smtp", "EMAIL_HOST": "smtp.example.com"}, "habits.W004"),
        ({"EMAIL_BACKEND": "smtp", "EMAIL_HOST": "smtp.example.com", "EMAIL_USE_TLS": "1"}, None),
        ({"EMAIL_BACKEND": "smtp", "EMAIL_HOST": "smtp.example.com", "EMAIL_USE_SSL": "1"}, None),
        ({"EMAIL_BACKEND": "smtp", "EMAIL_HOST": "localhost"}, None),
    ],
)
def test_the_deploy_check_warns_when_production_mail_is_not_delivered_or_not_encrypted(
    email: dict[str, str], warning: str | None
) -> None:
    result = run_django(DEPLOY_CHECK, **(PRODUCTION | EMAIL_VARIABLES | email))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ([warning] if warning else []), result.stderr


def test_every_email_setting_terraform_stores_in_ssm_is_read_at_cold_start() -> None:
    import hcl2

    from config.aws_config import PARAMETER_NAMES
    from core.tests.test_settings import _params_module

    params = BACKEND.parent / "infra" / "terraform" / "modules" / "params"
    variables = {
        name.strip('"'): arguments
        for block in hcl2.loads((params / "variables.tf").read_text())["variable"]
        for name, arguments in block.items()
    }
    condition = variables["parameters"]["validation"][0]["condition"]
    accepted = set(re.findall(r'"([A-Z_]+)"', condition))
    assert {"SITE_URL", "EMAIL_BACKEND", "EMAIL_HOST", "DEFAULT_FROM_EMAIL"} <= accepted
    assert accepted <= set(PARAMETER_NAMES)
    # The SMTP password is never a plain setting: a SecureString of its own, read as well.
    assert "EMAIL_HOST_PASSWORD" not in accepted
    assert "EMAIL_HOST_PASSWORD" in PARAMETER_NAMES
    password = _params_module()["resource"]["aws_ssm_parameter"]["email_host_password"]
    assert password["type"].strip('"') == "SecureString"
    assert password["value"] == "${var.email_host_password}"
