"""Hostile and absurd input: every case is refused with a 4xx or stored exactly, never a 5xx."""

from __future__ import annotations

import datetime as dt
import json
import time
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import CharField

from conftest import PASSWORD, Api
from habits.models import Entry, Group, Habit
from reminders.models import Reminder
from users.models import User

pytestmark = pytest.mark.django_db

RTL = (
    "\u0639\u0627\u062f\u0629 \u200f\u05e7\u05e8\u05d9\u05d0\u05d4 \u202bembedded\u202c \U0001f4d6"
)


def raw(api: Api, method: str, path: str, body: str | bytes, **extra: Any) -> Any:
    return api.client.generic(
        method, path, body, content_type="application/json", **api._headers(), **extra
    )


@pytest.fixture
def habit(api: Api) -> dict[str, Any]:
    response = api.post("/api/habits", {"name": "Read", "start_date": "2000-01-01"})
    assert response.status_code == 201
    return response.json()


@pytest.fixture
def measurable(api: Api) -> dict[str, Any]:
    body = {"name": "Run", "kind": "measurable", "target": 5, "start_date": "2000-01-01"}
    response = api.post("/api/habits", body)
    assert response.status_code == 201
    return response.json()


def test_it_refuses_a_body_over_one_megabyte_with_413_and_stores_nothing(api: Api) -> None:
    body = '{"name": "' + "x" * (1024 * 1024 + 1) + '"}'
    response = raw(api, "POST", "/api/habits", body)
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]
    assert not Habit.objects.exists()


def test_it_refuses_a_lying_content_length_with_400(api: Api) -> None:
    response = raw(api, "POST", "/api/habits", "{}", CONTENT_LENGTH="many")
    assert response.status_code == 400


@pytest.mark.parametrize("depth", [100, 1000, 100_000])
def test_it_refuses_deeply_nested_json_without_a_server_error(api: Api, depth: int) -> None:
    body = '{"name": ' + "[" * depth + "]" * depth + "}"
    response = raw(api, "POST", "/api/habits", body)
    assert response.status_code in (400, 422)
    assert not Habit.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"name": 42},
        {"name": ["Read"]},
        {"name": {"en": "Read"}},
        {"name": None},
        {"name": True},
        {"name": "Read", "target": "lots"},
        {"name": "Read", "kind": "sometimes"},
        {"name": "Read", "schedule": "daily"},
        {"name": "Read", "schedule": {"type": "weekdays", "days": ["mon", "mon"]}},
        {"name": "Read", "schedule": {"type": "every_n_days", "n": 0}},
        {"name": "Read", "schedule": {"type": "times_in_days", "times": 9, "days": 3}},
        {"name": "Read", "start_date": "yesterday"},
        {"name": "Read", "start_date": "0000-01-01"},
        {"name": "Read", "start_date": "1899-12-31"},
        {"name": "Read", "reminder_time": "25:61"},
        {"name": "Read", "color": "red"},
        {"name": "Read", "archived": "maybe"},
        [],
        "Read",
        None,
    ],
)
def test_it_refuses_wrong_types_and_shapes_for_a_habit(api: Api, body: Any) -> None:
    response = api.post("/api/habits", body)
    assert response.status_code in (400, 422), response.content
    assert not Habit.objects.exists()


@pytest.mark.parametrize(
    "literal", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e10", "-1e10"]
)
def test_it_refuses_non_finite_and_absurd_values(
    api: Api, measurable: dict[str, Any], literal: str
) -> None:
    path = f"/api/habits/{measurable['id']}/entries/2020-01-01"
    response = raw(api, "PUT", path, '{"value": ' + literal + "}")
    assert response.status_code == 422, response.content
    assert not Entry.objects.exists()


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-1", "1e12", "1e400"])
def test_it_refuses_non_finite_negative_and_absurd_targets(api: Api, literal: str) -> None:
    body = '{"name": "Run", "kind": "measurable", "target": ' + literal + "}"
    response = raw(api, "POST", "/api/habits", body)
    assert response.status_code == 422, response.content
    assert not Habit.objects.exists()


def test_it_stores_a_negative_measurement_exactly(api: Api, measurable: dict[str, Any]) -> None:
    path = f"/api/habits/{measurable['id']}/entries/2020-01-01"
    response = api.put(path, {"value": -12.345})
    assert response.status_code == 200
    assert api.get(path.rsplit("/", 1)[0], **{"from": "2020-01-01", "to": "2020-01-01"}).json()[0][
        "value"
    ] == pytest.approx(-12.345)


def test_it_refuses_a_ten_thousand_character_name(api: Api) -> None:
    response = api.post("/api/habits", {"name": "n" * 10_000})
    assert response.status_code == 422
    assert not Habit.objects.exists()


def test_it_refuses_a_ten_thousand_character_note(api: Api, habit: dict[str, Any]) -> None:
    path = f"/api/habits/{habit['id']}/entries/2020-01-01"
    response = api.put(path, {"status": "done", "note": "n" * 10_000})
    assert response.status_code == 422
    assert not Entry.objects.exists()


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\r"])
def test_it_refuses_control_characters_in_names(api: Api, char: str) -> None:
    response = api.post("/api/habits", {"name": f"Re{char}ad"})
    assert response.status_code == 422
    assert not Habit.objects.exists()


@pytest.mark.parametrize("field", ["description", "unit", "icon"])
def test_it_refuses_nul_in_other_habit_text(api: Api, field: str) -> None:
    # PostgreSQL cannot store NUL in text: this was a 500 before the schemas refused it.
    response = api.post("/api/habits", {"name": "Read", field: "a\x00b"})
    assert response.status_code == 422
    assert not Habit.objects.exists()


def test_it_refuses_nul_in_a_note_and_in_a_login_email(
    api: Api, anon: Api, habit: dict[str, Any]
) -> None:
    path = f"/api/habits/{habit['id']}/entries/2020-01-01"
    assert api.put(path, {"status": "done", "note": "a\x00b"}).status_code == 422
    assert not Entry.objects.exists()
    login = anon.post("/api/auth/login", {"email": "ada\x00@example.com", "password": "x"})
    assert login.status_code == 422


def test_notes_keep_tabs_newlines_and_other_control_text_exactly(
    api: Api, habit: dict[str, Any]
) -> None:
    note = "line one\n\tline two\u2028\u00a0end"
    path = f"/api/habits/{habit['id']}/entries/2020-01-01"
    assert api.put(path, {"status": "done", "note": note}).status_code == 200
    assert Entry.objects.get().note == note


def test_right_to_left_text_is_accepted_and_round_trips_in_names_and_notes(
    api: Api,
) -> None:
    created = api.post("/api/habits", {"name": RTL, "description": RTL, "unit": "\u05e7\u05de"})
    assert created.status_code == 201, created.content
    habit_id = created.json()["id"]
    assert api.get(f"/api/habits/{habit_id}").json()["name"] == RTL
    assert Habit.objects.get().name == RTL
    created_day = Habit.objects.get().start_date
    path = f"/api/habits/{habit_id}/entries/{created_day}"
    assert api.put(path, {"status": "done", "note": RTL}).status_code == 200
    entries = api.get(f"/api/habits/{habit_id}/entries").json()
    assert [entry["note"] for entry in entries] == [RTL]
    today = api.get("/api/today", date=str(created_day)).json()
    assert today["items"][0]["habit"]["name"] == RTL
    assert today["items"][0]["entry"]["note"] == RTL


@pytest.mark.parametrize(
    ("day", "codes"),
    [
        ("0000-01-01", {422}),
        ("0001-01-01", {422}),  # before 1900 (a later day before the start back-fills)
        ("9999-12-31", {422}),  # after the user's today
        ("10000-01-01", {404, 422}),
        ("2020-02-30", {422}),
        ("2020-13-01", {422}),
        ("-2020-01-01", {404, 422}),
    ],
)
def test_it_refuses_impossible_and_extreme_entry_dates(
    api: Api, habit: dict[str, Any], day: str, codes: set[int]
) -> None:
    response = api.put(f"/api/habits/{habit['id']}/entries/{day}", {"status": "done"})
    assert response.status_code in codes, response.content
    assert not Entry.objects.exists()


@pytest.mark.parametrize(("day", "code"), [("0001-01-01", 200), ("1900-01-01", 200)])
def test_today_and_stats_answer_for_extreme_past_dates(
    api: Api, habit: dict[str, Any], day: str, code: int
) -> None:
    assert api.get("/api/today", date=day).status_code == code
    assert api.get(f"/api/habits/{habit['id']}/stats").status_code == 200


@pytest.mark.parametrize("week_start", [0, 6])
def test_today_answers_for_the_first_day_of_the_calendar_with_every_period_kind(
    api: Api, week_start: int
) -> None:
    # 0001-01-01 is a Monday: a week starting on Sunday, or a window of days ending on it,
    # began before the first date Python has (an OverflowError, so a 500).
    api.patch("/api/auth/me", {"week_start": week_start})
    for schedule in (
        {"type": "times_per_week", "times": 3},
        {"type": "times_in_days", "times": 2, "days": 30},
        {"type": "every_n_days", "n": 365},
    ):
        assert api.post("/api/habits", {"name": "P", "schedule": schedule}).status_code == 201
    response = api.get("/api/today", date="0001-01-01")
    assert response.status_code == 200
    assert all(item["before_start"] for item in response.json()["items"])


@pytest.mark.parametrize("day", ["3000-01-01", "9999-12-31"])
def test_today_refuses_far_future_dates_quickly_instead_of_computing_for_seconds(
    api: Api, habit: dict[str, Any], day: str
) -> None:
    # Before the bound, 9999-12-31 kept a worker busy for 5-8 s computing 8,000 years of days.
    started = time.perf_counter()
    response = api.get("/api/today", date=day)
    assert response.status_code == 422
    assert time.perf_counter() - started < 1.0


def test_a_habit_may_start_on_9999_12_31_and_everything_still_answers(api: Api) -> None:
    created = api.post("/api/habits", {"name": "Later", "start_date": "9999-12-31"})
    assert created.status_code == 201
    habit_id = created.json()["id"]
    assert api.get("/api/today").status_code == 200
    assert api.get(f"/api/habits/{habit_id}/stats").status_code == 200
    entries = api.get(f"/api/habits/{habit_id}/entries", **{"from": "9999-12-01"})
    assert entries.status_code in (200, 422)


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({"from": "0001-01-01", "to": "9999-12-31"}, {422}),
        ({"from": "9999-12-31", "to": "0001-01-01"}, {422}),
        ({"from": "0001-01-01", "to": "0001-01-02"}, {200}),
        ({"from": "9999-12-30", "to": "9999-12-31"}, {200}),
        ({"from": "not-a-date"}, {422}),
    ],
)
def test_entry_ranges_at_the_ends_of_the_calendar(
    api: Api, habit: dict[str, Any], query: dict[str, str], codes: set[int]
) -> None:
    response = api.get(f"/api/habits/{habit['id']}/entries", **query)
    assert response.status_code in codes, response.content


@pytest.mark.parametrize("habit_id", ["99999999999999999999999", "9223372036854775808", "0"])
def test_absurd_ids_are_simply_not_found(api: Api, habit_id: str) -> None:
    assert api.get(f"/api/habits/{habit_id}").status_code == 404
    assert api.delete(f"/api/habits/{habit_id}").status_code == 404
    assert api.get(f"/api/habits/{habit_id}/stats").status_code == 404
    # The check-in is plain SQL, which SQLite cannot bind an id past 64 bits into.
    assert (
        api.put(f"/api/habits/{habit_id}/entries/2024-01-01", {"status": "done"}).status_code == 404
    )


def test_reorder_with_absurd_ids_is_refused(api: Api, habit: dict[str, Any]) -> None:
    for ids in ([2**70], [habit["id"], habit["id"]], [-1], list(range(10_001))):
        assert api.post("/api/habits/reorder", {"ids": ids}).status_code == 422


@pytest.mark.parametrize(
    "timezone", ["Mars/Olympus", "", "UTC+25", "../../etc/passwd", "Europe/Berlin\x00", "x" * 65]
)
def test_it_refuses_invalid_timezones(api: Api, anon: Api, timezone: str) -> None:
    assert api.patch("/api/auth/me", {"timezone": timezone}).status_code == 422
    body = {"email": "tz@example.com", "password": "a long and sturdy passphrase"}
    assert anon.post("/api/auth/register", {**body, "timezone": timezone}).status_code == 422


@pytest.mark.parametrize("hour", [-1, 24, 10**20, 1.5, "7"])
def test_it_refuses_out_of_range_day_start_hours(api: Api, hour: Any) -> None:
    response = api.patch("/api/auth/me", {"day_start_hour": hour})
    assert response.status_code == 422 or (hour == "7" and response.status_code == 200)


# --- Field types on both engines ---------------------------------------------------------------
# SQLite and PostgreSQL store times, decimals, long text and NUL differently; each case below
# must give the same status and name the same field on both (run with and without DATABASE_URL).
# docs/RELIABILITY.md, "Field types on both engines", lists the rules.


def refused_field(response: Any) -> str:
    assert response.status_code == 422, response.content
    return str(response.json()["detail"][0]["loc"][-1])


@pytest.mark.parametrize(
    "time", ["08:00:00+02:00", "08:00Z", "07:30-05:00", "08:00:00.5+05:30", 3600, 0]
)
def test_a_reminder_with_a_utc_offset_or_given_as_a_number_is_refused_naming_it(
    api: Api, habit: dict[str, Any], time: Any
) -> None:
    # SQLite answered a 500 here, while PostgreSQL dropped the offset and stored 08:00.
    assert refused_field(api.post("/api/habits", {"name": "Run", "reminder_time": time})) == (
        "reminder_time"
    )
    patch = api.patch(f"/api/habits/{habit['id']}", {"reminder_time": time})
    assert refused_field(patch) == "reminder_time"
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    ("time", "shown"),
    [("07:30", "07:30"), ("07:30:59", "07:30"), ("23:59:59.999999", "23:59"), ("00:00", "00:00")],
)
def test_a_local_reminder_is_kept_to_the_minute_it_is_shown_in(
    api: Api, time: str, shown: str
) -> None:
    created = api.post("/api/habits", {"name": "Run", "reminder_time": time})
    assert created.status_code == 201, created.content
    assert created.json()["reminder_time"] == shown
    assert api.get(f"/api/habits/{created.json()['id']}").json()["reminder_time"] == shown
    assert Reminder.objects.get().time == dt.time.fromisoformat(shown)


@pytest.mark.parametrize(
    "day",
    [
        "2020-01-01T00:00:00",
        "2020-01-01T00:00:00+02:00",
        "2020-01-01 00:00",
        1577836800,
        "20200101",
        "2020-1-1",
        "1899-12-31",
        "0001-01-01",
        "0000-01-01",
        "10000-01-01",
    ],
)
def test_a_start_date_is_a_plain_date_from_1900_on(
    api: Api, habit: dict[str, Any], day: Any
) -> None:
    assert refused_field(api.post("/api/habits", {"name": "Run", "start_date": day})) == (
        "start_date"
    )
    patch = api.patch(f"/api/habits/{habit['id']}", {"start_date": day})
    assert refused_field(patch) == "start_date"
    assert list(Habit.objects.values_list("start_date", flat=True)) == [dt.date(2000, 1, 1)]


@pytest.mark.parametrize("day", ["1900-01-01", "9999-12-31"])
def test_the_first_and_last_start_dates_are_stored_exactly(api: Api, day: str) -> None:
    created = api.post("/api/habits", {"name": "Run", "start_date": day})
    assert created.status_code == 201, created.content
    assert created.json()["start_date"] == day
    assert Habit.objects.get().start_date == dt.date.fromisoformat(day)


def test_dates_in_paths_and_queries_are_plain_dates_too(api: Api, habit: dict[str, Any]) -> None:
    entries = f"/api/habits/{habit['id']}/entries"
    assert refused_field(api.put(f"{entries}/2020-01-01T00:00", {"status": "done"})) == "date"
    assert refused_field(api.delete(f"{entries}/2020-01-01T00:00")) == "date"
    assert refused_field(api.get("/api/today", date="2020-01-01T00:00:00")) == "date"
    assert refused_field(api.get(entries, **{"from": "2020-01-01T00:00:00"})) == "from"
    assert refused_field(api.get(entries, to="1577836800")) == "to"
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("target", "stored"),
    [
        ("123456789.123", "123456789.123"),
        (0.001, "0.001"),
        (999999999, "999999999"),
        ("1E+3", "1000"),
    ],
)
def test_a_target_the_column_holds_is_stored_exactly(api: Api, target: Any, stored: str) -> None:
    created = api.post("/api/habits", {"name": "Run", "kind": "measurable", "target": target})
    assert created.status_code == 201, created.content
    assert created.json()["target"] == float(stored)
    assert Habit.objects.get().target == Decimal(stored)
    assert api.get(f"/api/habits/{created.json()['id']}").json()["target"] == float(stored)


@pytest.mark.parametrize(
    "target", [1000000000, "999999999.9995", 0.0001, "12.3456", "NaN", "-Infinity", "sNaN", -1]
)
def test_a_target_beyond_the_column_is_refused_naming_it(api: Api, target: Any) -> None:
    body = {"name": "Run", "kind": "measurable", "target": target}
    assert refused_field(api.post("/api/habits", body)) == "target"
    assert not Habit.objects.exists()


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (12.3456, "12.346"),
        (0.0005, "0.000"),  # half to even
        (0.0015, "0.002"),
        (-0.0004, "0.000"),  # never -0.0: PostgreSQL's numeric has no negative zero
        (-0.0, "0.000"),
        (0.1 + 0.2, "0.300"),
        (1e-30, "0.000"),
        (999999999.999, "999999999.999"),
        (-999999999.999, "-999999999.999"),
    ],
)
def test_a_value_is_stored_in_thousandths_and_read_back_as_answered(
    api: Api, measurable: dict[str, Any], value: float, stored: str
) -> None:
    path = f"/api/habits/{measurable['id']}/entries/2020-01-01"
    answered = api.put(path, {"value": value})
    assert answered.status_code == 200, answered.content
    assert Entry.objects.get().value == Decimal(stored)
    read = api.get(path.rsplit("/", 1)[0], **{"from": "2020-01-01", "to": "2020-01-01"})
    # The same JSON text, so the sign of a zero counts too.
    assert json.dumps(read.json()) == json.dumps([answered.json()])
    assert answered.json()["value"] == float(stored)


@pytest.mark.parametrize("literal", ["1000000000.001", "-1000000001", "9223372036854775808"])
def test_a_value_beyond_the_api_range_is_refused_naming_it(
    api: Api, measurable: dict[str, Any], literal: str
) -> None:
    path = f"/api/habits/{measurable['id']}/entries/2020-01-01"
    assert refused_field(raw(api, "PUT", path, '{"value": ' + literal + "}")) == "value"
    assert not Entry.objects.exists()


# Four-byte characters: PostgreSQL counts characters, SQLite ignores the declared length, so
# the edge is where both engines get the same limit.
@pytest.mark.parametrize(("field", "limit"), [("name", 200), ("description", 5000), ("icon", 32),
                                              ("unit", 32)])  # fmt: skip
def test_habit_text_is_limited_in_characters_as_postgresql_counts_them(
    api: Api, field: str, limit: int
) -> None:
    too_long = api.post("/api/habits", {"name": "Run", field: "\U0001f4d6" * (limit + 1)})
    assert refused_field(too_long) == field
    created = api.post("/api/habits", {"name": "Run", field: "\U0001f4d6" * limit})
    assert created.status_code == 201, created.content
    assert getattr(Habit.objects.get(), field) == "\U0001f4d6" * limit


def test_a_note_is_limited_in_characters_as_postgresql_counts_them(
    api: Api, habit: dict[str, Any]
) -> None:
    path = f"/api/habits/{habit['id']}/entries/2020-01-01"
    too_long = api.put(path, {"status": "done", "note": "\U0001f4d6" * 5001})
    assert refused_field(too_long) == "note"
    assert api.put(path, {"status": "done", "note": "\U0001f4d6" * 5000}).status_code == 200
    assert Entry.objects.get().note == "\U0001f4d6" * 5000


def test_every_text_column_a_request_writes_is_bounded_at_the_edge(api: Api) -> None:
    schemas = api.get("/api/openapi.json").json()["components"]["schemas"]
    columns = {
        field.name: field.max_length
        for model in (Habit, Entry, User, Group)
        for field in model._meta.get_fields()
        # The password column holds a hash of fixed length, never what was sent.
        if isinstance(field, CharField) and field.name != "password"
    }
    checked = set()
    for name in ("HabitIn", "HabitPatchIn", "EntryIn", "RegisterIn", "LoginIn", "UserPatchIn",
                 "GroupIn", "GroupPatchIn"):  # fmt: skip
        for prop, spec in schemas[name]["properties"].items():
            strings = [s for s in spec.get("anyOf", [spec]) if s.get("type") == "string"]
            if prop not in columns or not strings:
                continue
            string = strings[0]
            # A choice or a pattern bounds the length too (all are shorter than their column).
            bounded = "enum" in string or "const" in string or "pattern" in string
            assert bounded or string.get("maxLength", 10**9) <= columns[prop], (name, prop)
            checked.add(prop)
    assert checked >= {"name", "color", "icon", "unit", "kind", "email", "timezone", "status"}


# A valid request for every operation with a JSON body: each string field in turn gets a NUL.
PUSH_ENDPOINT = "https://fcm.googleapis.com/fcm/send/nul"
# An uncompressed P-256 point (the curve's generator) and 16 bytes, as a browser sends them.
PUSH_KEYS = {
    "p256dh": "BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU",
    "auth": "AAAAAAAAAAAAAAAAAAAAAA",
}
WEBHOOK_URL = "https://hooks.example.com/habits"
NUL_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("post", "/api/habits"): {"name": "Run"},
    ("patch", "/api/habits/{habit_id}"): {},
    ("post", "/api/habits/reorder"): {"ids": []},
    ("post", "/api/groups"): {"name": "Morning"},
    ("patch", "/api/groups/{group_id}"): {},
    ("post", "/api/groups/reorder"): {"ids": []},
    ("put", "/api/habits/{habit_id}/entries/{date}"): {"status": "done"},
    ("post", "/api/auth/register"): {"email": "nul@example.com", "password": PASSWORD},
    ("post", "/api/auth/login"): {"email": "ada@example.com", "password": PASSWORD},
    ("patch", "/api/auth/me"): {},
    ("post", "/api/auth/password"): {"current_password": PASSWORD, "new_password": PASSWORD},
    ("delete", "/api/auth/me"): {"password": PASSWORD},
    ("post", "/api/habits/{habit_id}/reminders"): {"time": "08:00"},
    ("patch", "/api/reminders/{reminder_id}"): {},
    ("post", "/api/reminders/act"): {"token": "x"},
    ("post", "/api/push/subscriptions"): {"endpoint": PUSH_ENDPOINT, "keys": PUSH_KEYS},
    ("post", "/api/auth/password-reset"): {"email": "ada@example.com"},
    ("post", "/api/auth/password-reset/confirm"): {
        "uid": "MQ",
        "token": "x-y",
        "new_password": PASSWORD,
    },
    ("post", "/api/auth/email-change"): {"new_email": "new@example.com", "password": PASSWORD},
    ("post", "/api/auth/email-change/confirm"): {"token": "x"},
    ("post", "/api/tokens"): {"name": "Home", "scope": "read"},
    ("post", "/api/webhooks"): {"url": WEBHOOK_URL, "events": ["entry.updated"]},
    ("patch", "/api/webhooks/{webhook_id}"): {},
}


def string_properties(schema: dict[str, Any], schemas: dict[str, Any]) -> list[str]:
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
    return [
        prop
        for prop, spec in schema.get("properties", {}).items()
        if any(option.get("type") == "string" for option in spec.get("anyOf", [spec]))
    ]


def test_a_nul_in_any_string_of_any_request_is_refused_naming_the_field(
    api: Api, habit: dict[str, Any]
) -> None:
    # PostgreSQL cannot store NUL in text (a DataError, a 500) while SQLite keeps it.
    group = api.post("/api/groups", {"name": "Morning"}).json()
    reminder = api.post(f"/api/habits/{habit['id']}/reminders", {"time": "08:00"}).json()
    webhook = api.post("/api/webhooks", NUL_BODIES["post", "/api/webhooks"]).json()
    token = api.post("/api/tokens", NUL_BODIES["post", "/api/tokens"]).json()
    push = api.post("/api/push/subscriptions", NUL_BODIES["post", "/api/push/subscriptions"])
    document = api.get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    sent = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            url = path.format(
                habit_id=habit["id"], date="2020-01-01", group_id=group["id"],
                reminder_id=reminder["id"], webhook_id=webhook["id"], token_id=token["id"],
                subscription_id=push.json()["id"],
                # Query parameters are checked before the delivery is looked up (there is none).
                delivery_id=1,
            )  # fmt: skip
            for param in operation.get("parameters", []):
                if param["in"] == "query":
                    response = api.client.generic(method.upper(), url, QUERY_STRING=(
                        f"{param['name']}=a%00b"), **api._headers())  # fmt: skip
                    assert refused_field(response) == param["name"], (method, path)
                    sent += 1
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None:
                continue
            assert (method, path) in NUL_BODIES, f"add a valid body for {method} {path}"
            for prop in string_properties(body["schema"], schemas):
                payload = {**NUL_BODIES[method, path], prop: "a\x00b"}
                response = api.send(method.upper(), url, payload)
                assert refused_field(response) == prop, (method, path, prop)
                sent += 1
    assert sent >= 25
    assert list(Habit.objects.values_list("name", flat=True)) == ["Read"]
    assert not Entry.objects.exists()
    assert User.objects.count() == 1
