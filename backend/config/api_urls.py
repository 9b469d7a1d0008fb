"""The API's URL patterns, in a module of their own so that importing django-ninja and every
feature router waits for the first /api/ request (a cold Lambda answering /health/ skips it)."""

from __future__ import annotations

from django.urls import path

from config.api import api

urlpatterns = [path("", api.urls)]
