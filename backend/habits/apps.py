from __future__ import annotations

from django.apps import AppConfig


class HabitsConfig(AppConfig):
    name = "habits"
