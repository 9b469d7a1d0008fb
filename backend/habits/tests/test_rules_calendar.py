"""local_date: which day "now" is for a user, across DST and timezone moves."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from habits.rules import local_date


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def test_it_counts_2am_as_yesterday_when_the_day_starts_at_4() -> None:
    # 02:00 in Paris (summer, UTC+2) is 00:00 UTC.
    assert local_date(utc(2024, 6, 15, 0, 0), "Europe/Paris", 4) == date(2024, 6, 14)
    assert local_date(utc(2024, 6, 15, 2, 0), "Europe/Paris", 4) == date(2024, 6, 15)


def test_it_uses_midnight_when_the_day_starts_at_0() -> None:
    assert local_date(utc(2024, 6, 14, 22, 0), "Europe/Paris", 0) == date(2024, 6, 15)


def test_the_day_turns_at_the_local_hour_when_dst_starts() -> None:
    # New York, 10 March 2024: 02:00 EST jumps to 03:00 EDT.
    assert local_date(utc(2024, 3, 10, 6, 59), "America/New_York", 4) == date(2024, 3, 9)
    assert local_date(utc(2024, 3, 10, 7, 59), "America/New_York", 4) == date(2024, 3, 9)
    assert local_date(utc(2024, 3, 10, 8, 0), "America/New_York", 4) == date(2024, 3, 10)


def test_the_day_turns_at_the_local_hour_when_dst_ends() -> None:
    # New York, 3 November 2024: 01:30 happens twice; both belong to the previous day.
    assert local_date(utc(2024, 11, 3, 5, 30), "America/New_York", 4) == date(2024, 11, 2)
    assert local_date(utc(2024, 11, 3, 6, 30), "America/New_York", 4) == date(2024, 11, 2)
    assert local_date(utc(2024, 11, 3, 9, 0), "America/New_York", 4) == date(2024, 11, 3)


def test_it_handles_29_february() -> None:
    assert local_date(utc(2024, 2, 29, 12, 0), "UTC", 4) == date(2024, 2, 29)
    assert local_date(utc(2024, 3, 1, 2, 0), "UTC", 4) == date(2024, 2, 29)


def test_a_user_who_moves_timezone_gets_the_date_of_where_they_are() -> None:
    now = utc(2024, 6, 15, 23, 0)
    assert local_date(now, "America/Los_Angeles", 0) == date(2024, 6, 15)
    assert local_date(now, "Asia/Tokyo", 0) == date(2024, 6, 16)


def test_it_treats_a_naive_time_as_utc() -> None:
    assert local_date(datetime(2024, 6, 15, 23, 0), "Asia/Tokyo", 0) == date(2024, 6, 16)


def test_it_rejects_an_impossible_day_start_hour() -> None:
    with pytest.raises(ValueError, match="day_start_hour:"):
        local_date(utc(2024, 6, 15), "UTC", 24)
