"""System checks for configuration that is legal Python but wrong for this deployment."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register


@register(deploy=True)
def check_production_services(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    if settings.PRODUCTION and str(settings.DATABASES["default"]["ENGINE"]).endswith("sqlite3"):
        problems.append(
            Warning(
                "Production is running on SQLite.",
                hint="Set DATABASE_URL to a PostgreSQL database.",
                id="habits.W001",
            )
        )
    if settings.PRODUCTION and not settings.REDIS_URL:
        problems.append(
            Warning(
                "Production has no Redis: sessions and login failures are cached in files on "
                "this machine, and each worker process caches Today and summaries on its own.",
                hint="Set REDIS_URL to share them between machines and workers.",
                id="habits.W002",
            )
        )
    return problems


# Backends that never deliver: a person who asks for a password-reset link would wait for it.
UNDELIVERING_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


@register(deploy=True)
def check_production_email(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    if not settings.PRODUCTION:
        return problems
    if settings.EMAIL_BACKEND in UNDELIVERING_EMAIL_BACKENDS:
        problems.append(
            Warning(
                "Production does not send e-mail: password-reset and e-mail-change links "
                "and reminder e-mails only reach the log.",
                hint="Set EMAIL_BACKEND=smtp and EMAIL_HOST (docs/deploy.md: SMTP, Amazon SES).",
                id="habits.W003",
            )
        )
    elif (
        settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
        and not (settings.EMAIL_USE_TLS or settings.EMAIL_USE_SSL)
        and settings.EMAIL_HOST not in LOOPBACK_HOSTS
    ):
        problems.append(
            Warning(
                f"E-mail goes to {settings.EMAIL_HOST} without TLS: the SMTP password and "
                "every password-reset link cross the network in clear text.",
                hint="Set EMAIL_USE_TLS=true (STARTTLS, port 587) or EMAIL_USE_SSL=true (465).",
                id="habits.W004",
            )
        )
    return problems
