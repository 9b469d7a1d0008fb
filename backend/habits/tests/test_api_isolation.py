"""Another user's habit id answers 404, exactly as a missing one, on every route that takes one."""

from __future__ import annotations

import datetime as dt

import pytest

from config.api import api as ninja_api
from conftest import Api
from habits.models import Entry, Habit
from habits.tests.factories import habit_for
from users.models import User

pytestmark = pytest.mark.django_db

BODIES = {
    "PUT": {"status": "done"},
    "PATCH": {"name": "stolen"},
    "POST": {},
    "DELETE": None,
}
# Routes whose body is checked before the habit: a valid one, so that the habit check answers.
PATH_BODIES = {"/api/habits/{habit_id}/reminders": {"time": "08:00"}}


def id_routes() -> list[tuple[str, str]]:
    """Every (method, path) in the OpenAPI document whose path names a habit."""
    schema = ninja_api.get_openapi_schema()
    routes = []
    for path, operations in schema["paths"].items():
        if "{habit_id}" not in path:
            continue
        for method in operations:
            routes.append((method.upper(), path))
    return routes


def test_the_matrix_covers_every_id_route() -> None:
    assert {path for _, path in id_routes()} >= {
        "/api/habits/{habit_id}",
        "/api/habits/{habit_id}/entries",
        "/api/habits/{habit_id}/entries/{date}",
        "/api/habits/{habit_id}/stats",
    }


@pytest.mark.parametrize(("method", "path"), id_routes())
def test_another_users_habit_answers_404_like_a_missing_one(
    api: Api, other_api: Api, user: User, method: str, path: str
) -> None:
    day = dt.date(2026, 1, 5)
    mine = habit_for(user, name="Mine")
    Entry.objects.create(habit=mine, date=day, status="done", note="private")
    before = (
        list(Habit.objects.values()),
        list(Entry.objects.values()),
    )

    def call(client: Api, habit_id: int) -> int:
        url = path.replace("{habit_id}", str(habit_id)).replace("{date}", day.isoformat())
        if method == "GET":
            return int(client.get(url).status_code)
        return int(client.send(method, url, PATH_BODIES.get(path, BODIES[method])).status_code)

    assert call(other_api, mine.pk) == 404
    assert call(other_api, 999_999) == 404
    after = (list(Habit.objects.values()), list(Entry.objects.values()))
    assert after == before


def test_reorder_cannot_move_another_users_habits(api: Api, other_api: Api, user: User) -> None:
    mine = habit_for(user)
    response = other_api.post("/api/habits/reorder", {"ids": [mine.pk]})
    assert response.status_code == 422
    mine.refresh_from_db()
    assert mine.position == 0


def test_lists_never_show_another_users_habits(api: Api, other_api: Api, user: User) -> None:
    habit_for(user, name="Mine")
    assert other_api.get("/api/habits").json() == []
    assert other_api.get("/api/today").json()["items"] == []


def test_group_lists_and_group_filters_never_show_another_users_data(
    api: Api, other_api: Api, user: User
) -> None:
    group = api.post("/api/groups", {"name": "Mine"}).json()
    habit_for(user, name="Mine", group_id=group["id"])
    assert other_api.get("/api/groups").json() == []
    assert other_api.get("/api/habits", group=group["id"]).json() == []
    assert other_api.get(f"/api/groups/{group['id']}/stats").status_code == 404
