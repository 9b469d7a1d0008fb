"""Hostile and absurd input: every case is refused with a 4xx or stored exactly, never a 5xx."""

from __future__ import annotations

import time
from typing import Any

import pytest

from conftest import Api
from habits.models import Entry, Habit

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
