"""Fixtures of the integrations tests."""

from __future__ import annotations

from integrations.tests.receiver import receiver  # noqa: F401 - the local webhook receiver
