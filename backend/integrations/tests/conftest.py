"""Fixtures of the integrations tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from integrations import outbox
from integrations.tests.receiver import receiver  # noqa: F401 - the local webhook receiver


@pytest.fixture(autouse=True)
def _forget_queued_deliveries() -> Iterator[None]:
    # The outbox remembers for a second which endpoints it queued; ids repeat between tests.
    outbox._seen_queued.clear()
    yield
    outbox._seen_queued.clear()
