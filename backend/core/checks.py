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
