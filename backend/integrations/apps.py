from __future__ import annotations

from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    """Ways for a person's own tools to reach their habits: API tokens and webhooks."""

    name = "integrations"
