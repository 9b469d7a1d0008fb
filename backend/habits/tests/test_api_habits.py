from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from conftest import Api
from core.exceptions import FieldError
from habits import services
from habits.models import Habit
from habits.tests.factories import habit_for
from habits.values import HabitFields
from users.models import User

pytestmark = pytest.mark.django_db

SCHEDULES = [
    {"type": "daily"},
    {"type": "weekdays", "days": ["mon", "wed", "fri"]},
    {"type": "times_per_week", "times": 3},
    {"type": "times_per_month", "times": 10},
    {"type": "every_n_days", "n": 2},
    {"type": "times_in_days", "times": 2, "days": 3},
]


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_it_creates_a_habit_with_every_schedule_type(api: Api, schedule: dict[str, Any]) -> None:
    response = api.post("/api/habits", {"name": "Stretch", "schedule": schedule})
    assert response.status_code == 201
    assert response.json()["schedule"] == schedule
    assert api.get(f"/api/habits/{response.json()['id']}").json()["schedule"] == schedule


def test_a_new_habit_has_every_field(api: Api) -> None:
    body = {
        "name": "  Water  ",
        "description": "Glasses of water",
        "color": "#10b981",
        "icon": "💧",
        "kind": "measurable",
        "unit": "glasses",
        "target": 8,
        "target_type": "at_least",
        "step": 0.5,
        "schedule": {"type": "daily"},
        "start_date": "2026-01-01",
        "reminder_time": "08:30",
    }
    habit = api.post("/api/habits", body).json()
    assert habit | {"id": 0} == body | {
        "id": 0,
        "name": "Water",
        "target": 8.0,
        "position": 0,
        "archived": False,
        "group_id": None,
    }


@pytest.mark.parametrize(
    ("schedule", "field"),
    [
        ({"type": "times_per_week", "times": 0}, "times"),
        ({"type": "times_per_week", "times": 8}, "times"),
        ({"type": "weekdays", "days": ["mon", "funday"]}, "days"),
        ({"type": "weekdays", "days": []}, "days"),
        ({"type": "times_in_days", "times": 4, "days": 3}, "schedule"),
        ({"type": "every_n_days", "n": 0}, "n"),
        ({"type": "fortnightly"}, "schedule"),
    ],
)
def test_invalid_schedules_answer_422_naming_the_field(
    api: Api, schedule: dict[str, Any], field: str
) -> None:
    response = api.post("/api/habits", {"name": "X", "schedule": schedule})
    assert response.status_code == 422
    assert field in str(response.json()["detail"][0]["loc"])
    assert not Habit.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 10_000}, "name"),
        ({"name": "bad\x00name"}, "name"),
        ({"name": "X", "color": "red"}, "color"),
        ({"name": "X", "kind": "fuzzy"}, "kind"),
        ({"name": "X", "target": -1}, "target"),
        ({"name": "X", "target": "NaN"}, "target"),
        ({"name": "X", "start_date": "2026-02-30"}, "start_date"),
        ({"name": "X", "reminder_time": "25:00"}, "reminder_time"),
        ({"name": 7}, "name"),
    ],
)
def test_bad_habit_fields_answer_422_naming_the_field(
    api: Api, body: dict[str, Any], field: str
) -> None:
    response = api.post("/api/habits", body)
    assert response.status_code == 422
    assert field in str(response.json()["detail"][0]["loc"])


def test_it_lists_habits_in_their_order_and_filters_archived(api: Api, user: User) -> None:
    second = habit_for(user, name="B", position=1)
    first = habit_for(user, name="A", position=0)
    habit_for(user, name="C", position=2, archived=True)
    active = api.get("/api/habits", archived="false").json()
    assert [h["id"] for h in active] == [first.pk, second.pk]
    assert [h["name"] for h in api.get("/api/habits", archived="true").json()] == ["C"]
    assert len(api.get("/api/habits").json()) == 3


def test_it_patches_any_field_including_archived(api: Api, user: User) -> None:
    habit = habit_for(user)
    response = api.patch(
        f"/api/habits/{habit.pk}",
        {"archived": True, "name": "Read more", "schedule": {"type": "times_per_week", "times": 2}},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["archived"], body["name"], body["schedule"]) == (
        True,
        "Read more",
        {"type": "times_per_week", "times": 2},
    )


def test_a_patch_with_a_bad_value_changes_nothing(api: Api, user: User) -> None:
    habit = habit_for(user)
    assert api.patch(f"/api/habits/{habit.pk}", {"name": "New", "color": "blue"}).status_code == 422
    habit.refresh_from_db()
    assert habit.name == "Read"


def test_it_deletes_a_habit_with_its_entries(api: Api, user: User) -> None:
    habit = habit_for(user)
    api.put(f"/api/habits/{habit.pk}/entries/2026-01-05", {"status": "done"})
    assert api.delete(f"/api/habits/{habit.pk}").status_code == 204
    assert api.get(f"/api/habits/{habit.pk}").status_code == 404
    assert not habit.entries.exists()


def test_it_reorders_habits(api: Api, user: User) -> None:
    a, b, c = (habit_for(user, name=n) for n in "ABC")
    response = api.post("/api/habits/reorder", {"ids": [c.pk, a.pk, b.pk]})
    assert response.status_code == 200
    assert [h["name"] for h in api.get("/api/habits").json()] == ["C", "A", "B"]


@pytest.mark.parametrize("ids", ["missing_one", "duplicate", "foreign"])
def test_reorder_needs_exactly_the_users_habits(
    api: Api, user: User, other_api: Api, ids: str
) -> None:
    a, b = habit_for(user, name="A"), habit_for(user, name="B")
    foreign = other_api.post("/api/habits", {"name": "Theirs"}).json()["id"]
    body = {
        "missing_one": [a.pk],
        "duplicate": [a.pk, a.pk, b.pk],
        "foreign": [a.pk, b.pk, foreign],
    }[ids]
    response = api.post("/api/habits/reorder", {"ids": body})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "ids"


def test_new_habits_go_to_the_end_of_the_list(api: Api) -> None:
    for name in ["A", "B", "C"]:
        api.post("/api/habits", {"name": name})
    assert [h["position"] for h in api.get("/api/habits").json()] == [0, 1, 2]


def test_it_needs_a_login(anon: Api) -> None:
    assert anon.get("/api/habits").status_code == 401


def test_a_habit_created_without_a_step_steps_by_one(api: Api) -> None:
    created = api.post("/api/habits", {"name": "Water", "kind": "measurable", "unit": "ml"})
    assert created.status_code == 201
    assert created.json()["step"] == 1.0
    assert Habit.objects.get().step == Decimal(1)


def test_a_step_is_created_patched_and_read_back_everywhere(api: Api) -> None:
    body = {"name": "Water", "kind": "measurable", "unit": "ml", "target": 2000, "step": 250}
    habit = api.post("/api/habits", body).json()
    assert habit["step"] == 250.0

    patched = api.patch(f"/api/habits/{habit['id']}", {"step": "0.125"})
    assert patched.status_code == 200, patched.content
    assert patched.json()["step"] == 0.125
    # A patch that leaves the step out keeps it.
    assert api.patch(f"/api/habits/{habit['id']}", {"name": "Drink"}).json()["step"] == 0.125
    assert Habit.objects.get().step == Decimal("0.125")
    assert api.get(f"/api/habits/{habit['id']}").json()["step"] == 0.125
    assert api.get("/api/habits").json()[0]["step"] == 0.125
    assert api.get("/api/today").json()["items"][0]["habit"]["step"] == 0.125


@pytest.mark.parametrize(
    "step", [999999999, "123456789.125", 0.001, "1E+2"], ids=["max", "decimals", "tiny", "exp"]
)
def test_a_step_the_column_holds_is_stored_exactly(api: Api, step: Any) -> None:
    created = api.post("/api/habits", {"name": "Run", "kind": "measurable", "step": step})
    assert created.status_code == 201, created.content
    assert Habit.objects.get().step == Decimal(str(step))
    assert created.json()["step"] == float(Decimal(str(step)))


BAD_STEPS = [0, -1, -0.001, "0.0001", "12.3456", 1000000000, "NaN", "Infinity", "-Infinity",
             "sNaN", "lots", "", True, [250]]  # fmt: skip


@pytest.mark.parametrize("step", BAD_STEPS)
def test_a_bad_step_answers_422_naming_it_and_stores_nothing(api: Api, step: Any) -> None:
    response = api.post("/api/habits", {"name": "Water", "kind": "measurable", "step": step})
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"][-1] == "step"
    assert not Habit.objects.exists()


@pytest.mark.parametrize("step", [*BAD_STEPS, None])
def test_a_patch_with_a_bad_step_answers_422_naming_it_and_changes_nothing(
    api: Api, user: User, step: Any
) -> None:
    habit = habit_for(user, kind="measurable", step=Decimal(250))
    response = api.patch(f"/api/habits/{habit.pk}", {"step": step, "name": "Changed"})
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"][-1] == "step"
    habit.refresh_from_db()
    assert (habit.step, habit.name) == (Decimal(250), "Read")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400", "-0"])
def test_a_step_written_as_a_bare_json_literal_is_refused(api: Api, literal: str) -> None:
    body = '{"name": "Water", "kind": "measurable", "step": ' + literal + "}"
    response = api.client.generic(
        "POST", "/api/habits", body, content_type="application/json", **api._headers()
    )
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"][-1] == "step"
    assert not Habit.objects.exists()


def test_the_service_refuses_a_step_of_zero_from_a_caller_that_skips_the_schemas(
    user: User,
) -> None:
    # The column's check constraint would refuse it too, but as a 500.
    with pytest.raises(FieldError) as refused:
        services.habit_create(user=user, fields=HabitFields(name="Water", step=Decimal(0)))
    assert refused.value.field == "step"
    assert not Habit.objects.exists()


def test_reorder_of_the_active_habits_alone_works_beside_archived_ones(
    api: Api, user: User
) -> None:
    # What the Habits screen sends: the list it shows, without the archived habits.
    a, b, c, d = (habit_for(user, name=n) for n in "ABCD")
    for habit in (b, d):
        assert api.patch(f"/api/habits/{habit.pk}", {"archived": True}).status_code == 200
    response = api.post("/api/habits/reorder", {"ids": [c.pk, a.pk]})
    assert response.status_code == 200, response.content
    assert [h["name"] for h in response.json()] == ["C", "A"]
    assert [h["name"] for h in api.get("/api/habits?archived=false").json()] == ["C", "A"]
    # The archived habits follow the active ones, in their own order.
    assert [h["name"] for h in api.get("/api/habits").json()] == ["C", "A", "B", "D"]
    assert api.patch(f"/api/habits/{d.pk}", {"archived": False}).status_code == 200
    assert [h["name"] for h in api.get("/api/habits?archived=false").json()] == ["C", "A", "D"]


def test_reorder_of_every_habit_still_places_the_archived_ones_as_listed(
    api: Api, user: User
) -> None:
    a, b = habit_for(user, name="A"), habit_for(user, name="B")
    api.patch(f"/api/habits/{a.pk}", {"archived": True})
    assert api.post("/api/habits/reorder", {"ids": [a.pk, b.pk]}).status_code == 200
    assert [h["name"] for h in api.get("/api/habits").json()] == ["A", "B"]


def test_reorder_refuses_a_list_of_some_active_and_some_archived_habits(
    api: Api, user: User
) -> None:
    a, b, c = (habit_for(user, name=n) for n in "ABC")
    api.patch(f"/api/habits/{c.pk}", {"archived": True})
    for ids in ([a.pk], [a.pk, c.pk], [b.pk, c.pk]):
        response = api.post("/api/habits/reorder", {"ids": ids})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][-1] == "ids"
