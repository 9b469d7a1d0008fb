"""Which local date "now" is for a user, given their timezone and when their day ends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo


def local_date(now_utc: datetime, tz_name: str, day_start_hour: int) -> date:
    """Return the user's current day: local wall-clock time, with days starting at the hour."""
    if not 0 <= day_start_hour <= 23:
        raise ValueError("day_start_hour: must be 0 to 23")
    if now_utc.tzinfo is None:
        # A naive timestamp is taken to be UTC, which is what the server clock gives us.
        now_utc = now_utc.replace(tzinfo=UTC)
    local = now_utc.astimezone(ZoneInfo(tz_name))
    # Subtracting from an aware datetime is wall-clock arithmetic, so the day still turns at
    # day_start_hour on the local clock on the days DST starts or ends.
    return (local.replace(tzinfo=None) - timedelta(hours=day_start_hour)).date()
