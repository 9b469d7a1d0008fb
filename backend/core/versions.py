"""Version tokens that cache keys are made of (docs/decisions/0005)."""

from __future__ import annotations

import secrets


def new_version(bits: int) -> int:
    """A fresh random version for a row that has just changed.

    A counter would do while the database only moves forward, but a restore from backup
    brings counters back, and the next write would then reuse a number whose cached value
    was computed from data that no longer exists. A random draw does not repeat (one chance
    in 2**bits per write), so a key that holds it can never name stale data.
    """
    return secrets.randbits(bits)
