"""The pure timing rules: local wall-clock times, day-start hours and daylight saving."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from reminders.timing import ALL_DAYS, fire_instant, next_fire

UTC = dt.UTC
MON, TUE, WED, THU, FRI, SAT, SUN = (1 << day for day in range(7))


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def local(instant: dt.datetime, tz: str) -> str:
    return instant.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M %Z")


def fires(time: str, tz: str, after: dt.datetime, count: int, **kw: int) -> list[dt.datetime]:
    """The next `count` firings, each computed after the one before, as the dispatcher does."""
    out = []
    last_date = None
    for _ in range(count):
        fire = next_fire(
            time=dt.time.fromisoformat(time),
            weekdays=kw.get("weekdays", ALL_DAYS),
            tz_name=tz,
            day_start_hour=kw.get("day_start_hour", 0),
            after=after,
            last_date=last_date,
        )
        out.append(fire.at)
        after, last_date = fire.at, fire.date
    return out


def test_it_fires_at_the_local_time_on_the_next_day_when_today_s_has_passed() -> None:
    fire = next_fire(time=dt.time(8), weekdays=ALL_DAYS, tz_name="Europe/Paris",
                     day_start_hour=0, after=utc(2026, 1, 5, 9))  # fmt: skip
    assert fire.at == utc(2026, 1, 6, 7)
    assert fire.date == dt.date(2026, 1, 6)


def test_it_fires_today_when_the_time_is_still_ahead() -> None:
    fire = next_fire(time=dt.time(8), weekdays=ALL_DAYS, tz_name="Europe/Paris",
                     day_start_hour=0, after=utc(2026, 1, 5, 6, 59))  # fmt: skip
    assert fire.at == utc(2026, 1, 5, 7)


def test_it_never_fires_at_the_instant_it_is_asked_from() -> None:
    fire = next_fire(time=dt.time(8), weekdays=ALL_DAYS, tz_name="UTC",
                     day_start_hour=0, after=utc(2026, 1, 5, 8))  # fmt: skip
    assert fire.at == utc(2026, 1, 6, 8)


def test_it_only_fires_on_the_chosen_weekdays() -> None:
    # 2026-01-05 is a Monday.
    at = fires("07:30", "UTC", utc(2026, 1, 5, 8), 3, weekdays=WED | SAT)
    assert [d.strftime("%a %d") for d in at] == ["Wed 07", "Sat 10", "Wed 14"]


def test_a_time_before_the_day_start_hour_fires_the_night_after_the_day_it_reminds_of() -> None:
    # Days start at 04:00: a 01:30 reminder for Monday rings in the small hours of Tuesday,
    # and a weekday mask of Monday only means exactly that night.
    fire = next_fire(time=dt.time(1, 30), weekdays=MON, tz_name="UTC",
                     day_start_hour=4, after=utc(2026, 1, 5, 12))  # fmt: skip
    assert fire.date == dt.date(2026, 1, 5)
    assert fire.at == utc(2026, 1, 6, 1, 30)


def test_a_time_at_the_day_start_hour_belongs_to_the_day_it_starts() -> None:
    fire = fire_instant(dt.date(2026, 1, 5), dt.time(4), "UTC", 4)
    assert fire == utc(2026, 1, 5, 4)


def test_new_york_spring_forward_fires_once_at_three_for_a_half_past_two_reminder() -> None:
    # 2026-03-08: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that day.
    at = fires("02:30", "America/New_York", utc(2026, 3, 7, 12), 3)
    assert [local(a, "America/New_York") for a in at] == [
        "2026-03-08 03:00 EDT", "2026-03-09 02:30 EDT", "2026-03-10 02:30 EDT",
    ]  # fmt: skip


def test_new_york_fall_back_fires_once_at_the_first_of_the_two_half_past_ones() -> None:
    # 2026-11-01: 02:00 EDT falls back to 01:00 EST, so 01:30 happens twice.
    at = fires("01:30", "America/New_York", utc(2026, 10, 31, 12), 3)
    assert [local(a, "America/New_York") for a in at] == [
        "2026-11-01 01:30 EDT", "2026-11-02 01:30 EST", "2026-11-03 01:30 EST",
    ]  # fmt: skip
    assert at[1] - at[0] == dt.timedelta(hours=25)


def test_london_spring_forward_moves_a_one_o_clock_reminder_to_two() -> None:
    # 2026-03-29: 01:00 GMT jumps to 02:00 BST.
    at = fires("01:15", "Europe/London", utc(2026, 3, 28, 12), 2)
    assert [local(a, "Europe/London") for a in at] == [
        "2026-03-29 02:00 BST", "2026-03-30 01:15 BST",
    ]  # fmt: skip


def test_london_fall_back_fires_once() -> None:
    # 2026-10-25: 02:00 BST falls back to 01:00 GMT.
    at = fires("01:45", "Europe/London", utc(2026, 10, 24, 12), 2)
    assert [local(a, "Europe/London") for a in at] == [
        "2026-10-25 01:45 BST", "2026-10-26 01:45 GMT",
    ]  # fmt: skip


def test_lord_howe_s_half_hour_spring_forward_fires_at_half_past_two() -> None:
    # 2026-10-04: Lord Howe moves from +10:30 at 02:00 to +11:00 at 02:30.
    at = fires("02:10", "Australia/Lord_Howe", utc(2026, 10, 3, 0), 2)
    assert [a.astimezone(ZoneInfo("Australia/Lord_Howe")).strftime("%d %H:%M") for a in at] == [
        "04 02:30",
        "05 02:10",
    ]
    assert at[0] == utc(2026, 10, 3, 15, 30)


def test_lord_howe_s_half_hour_fall_back_fires_once() -> None:
    # 2026-04-05: 02:00 (+11) falls back to 01:30 (+10:30), so 01:40 happens twice.
    at = fires("01:40", "Australia/Lord_Howe", utc(2026, 4, 3, 12), 3)
    assert at[0] == utc(2026, 4, 3, 14, 40)  # 4 April 01:40 +11
    assert at[1] == utc(2026, 4, 4, 14, 40)  # 5 April 01:40 +11, the first of the two
    assert at[2] == utc(2026, 4, 5, 15, 10)  # 6 April 01:40 +10:30


def test_kathmandu_s_quarter_hour_offset_is_honoured() -> None:
    fire = next_fire(time=dt.time(7), weekdays=ALL_DAYS, tz_name="Asia/Kathmandu",
                     day_start_hour=0, after=utc(2026, 6, 1, 0))  # fmt: skip
    assert fire.at == utc(2026, 6, 1, 1, 15)


def test_a_person_who_flies_east_gets_the_next_day_s_reminder_at_the_new_local_time() -> None:
    first = next_fire(time=dt.time(8), weekdays=ALL_DAYS, tz_name="Europe/London",
                      day_start_hour=0, after=utc(2026, 6, 1, 0))  # fmt: skip
    assert first.at == utc(2026, 6, 1, 7)
    # Landed in Tokyo the same evening and changed the time zone.
    second = next_fire(time=dt.time(8), weekdays=ALL_DAYS, tz_name="Asia/Tokyo",
                       day_start_hour=0, after=utc(2026, 6, 1, 12), last_date=first.date)  # fmt: skip
    assert local(second.at, "Asia/Tokyo") == "2026-06-02 08:00 JST"


def test_a_person_who_flies_west_is_not_reminded_twice_for_the_same_day() -> None:
    first = next_fire(time=dt.time(8), weekdays=ALL_DAYS, tz_name="Europe/London",
                      day_start_hour=0, after=utc(2026, 6, 1, 0))  # fmt: skip
    # In New York by 09:00 UTC (05:00 local): 08:00 New York time on 1 June is still ahead, but
    # 1 June has been reminded of already.
    second = next_fire(time=dt.time(8), weekdays=ALL_DAYS, tz_name="America/New_York",
                       day_start_hour=0, after=utc(2026, 6, 1, 9), last_date=first.date)  # fmt: skip
    assert local(second.at, "America/New_York") == "2026-06-02 08:00 EDT"


ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu",
         "Pacific/Apia", "America/St_Johns", "UTC"]  # fmt: skip


@given(
    tz=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    mask=st.integers(1, ALL_DAYS),
    day_start=st.integers(0, 23),
    start=st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1)),
)
def test_successive_firings_are_later_each_time_and_one_per_day(
    tz: str, hour: int, minute: int, mask: int, day_start: int, start: dt.datetime
) -> None:
    after = start.replace(tzinfo=UTC)
    last_date = None
    for _ in range(10):
        fire = next_fire(time=dt.time(hour, minute), weekdays=mask, tz_name=tz,
                         day_start_hour=day_start, after=after, last_date=last_date)  # fmt: skip
        assert fire.at > after
        assert last_date is None or fire.date > last_date
        assert mask & (1 << fire.date.weekday())
        # Never earlier than the wall-clock time asked for, and late only by a clock jump.
        wall = fire.at.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
        asked = dt.datetime.combine(wall.date(), dt.time(hour, minute))
        if wall < asked:  # fired on the next calendar date: not possible without a gap
            asked -= dt.timedelta(days=1)
        assert dt.timedelta(0) <= wall - asked <= dt.timedelta(hours=25)
        after, last_date = fire.at, fire.date


@given(
    tz=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    day=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 1, 1)),
)
def test_an_existing_wall_clock_time_fires_exactly_then(
    tz: str, hour: int, minute: int, day: dt.date
) -> None:
    at = fire_instant(day, dt.time(hour, minute), tz, 0)
    wall = at.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    asked = dt.datetime.combine(day, dt.time(hour, minute))
    roundtrip = asked.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC).astimezone(ZoneInfo(tz))
    if roundtrip.replace(tzinfo=None) == asked:
        assert wall == asked
    else:
        assert wall > asked


def test_the_timing_rules_import_nothing_from_django() -> None:
    import ast
    from pathlib import Path

    import reminders.timing

    tree = ast.parse(Path(reminders.timing.__file__).read_text())
    modules = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        )
    }
    assert not any(module.split(".")[0] == "django" for module in modules), modules
