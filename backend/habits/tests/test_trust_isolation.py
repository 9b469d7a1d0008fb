"""Another user's ids: every route that takes one answers 404 for every method, and nothing moves.

The routes come from the OpenAPI document, so a route added later is covered without edits.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from config.api import api as ninja_api
from conftest import Api
from habits.models import Entry, Group, Habit

pytestmark = pytest.mark.django_db

UNSAFE = {"post", "put", "patch", "delete"}
# A valid body per operation, so that B's request is refused for the id, not the payload.
BODIES: dict[tuple[str, str], Any] = {
    ("patch", "/api/habits/{habit_id}"): {"name": "taken over", "archived": True},
    ("put", "/api/habits/{habit_id}/entries/{date}"): {"status": "skipped", "note": "B was here"},
}


def _id_operations() -> list[tuple[str, str]]:
    paths = ninja_api.get_openapi_schema()["paths"]
    found = [
        (method, path)
        for path, item in paths.items()
        if "{habit_id}" in path
        for method in item
        if method in {"get", *UNSAFE}
    ]
    assert len(found) >= 7, found  # read/patch/delete, entries list/put/delete, stats
    return sorted(found)


def _snapshot(owner_id: int) -> str:
    habits = list(Habit.objects.filter(owner_id=owner_id).order_by("pk").values())
    entries = list(Entry.objects.filter(habit__owner_id=owner_id).order_by("pk").values())
    return json.dumps({"habits": habits, "entries": entries}, default=str, sort_keys=True)


@pytest.fixture
def victim(api: Api) -> dict[str, Any]:
    """A's habit with a few days of history."""
    habit = api.post("/api/habits", {"name": "A's secret", "start_date": "2020-01-01"}).json()
    day = dt.date.today() - dt.timedelta(days=2)
    for offset in range(3):
        path = f"/api/habits/{habit['id']}/entries/{day - dt.timedelta(days=offset)}"
        assert api.put(path, {"status": "done", "note": "mine"}).status_code == 200
    return {"id": habit["id"], "day": day.isoformat()}


@pytest.mark.parametrize(("method", "path"), _id_operations())
def test_another_user_gets_404_and_changes_nothing(
    api: Api, other_api: Api, user: Any, victim: dict[str, Any], method: str, path: str
) -> None:
    url = path.replace("{habit_id}", str(victim["id"])).replace("{date}", victim["day"])
    before = _snapshot(user.pk)
    if method == "get":
        response = other_api.get(url)
    else:
        response = other_api.send(method.upper(), url, BODIES.get((method, path)))
    # A route with a body we do not know may be refused for the body first (422): still no
    # leak and no change. Every route known today is listed in BODIES and must say 404.
    allowed = (
        {404} if method == "get" or (method, path) in BODIES or method == "delete" else {404, 422}
    )
    assert response.status_code in allowed, (method, url, response.status_code, response.content)
    assert "secret" not in response.content.decode()
    assert _snapshot(user.pk) == before
    assert api.get(f"/api/habits/{victim['id']}").status_code == 200


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE", "POST"])
def test_an_undefined_method_on_another_users_habit_is_never_a_success(
    api: Api, other_api: Api, user: Any, victim: dict[str, Any], method: str
) -> None:
    before = _snapshot(user.pk)
    for url in (f"/api/habits/{victim['id']}", f"/api/habits/{victim['id']}/stats"):
        response = other_api.send(method, url, {"name": "x"})
        assert response.status_code >= 400, (method, url)
    assert _snapshot(user.pk) == before


def test_reorder_with_another_users_ids_is_refused_and_changes_nothing(
    api: Api, other_api: Api, user: Any, victim: dict[str, Any]
) -> None:
    mine = other_api.post("/api/habits", {"name": "B's"}).json()["id"]
    before = _snapshot(user.pk)
    response = other_api.post("/api/habits/reorder", {"ids": [victim["id"], mine]})
    assert response.status_code == 422
    assert _snapshot(user.pk) == before


def test_lists_today_and_export_show_only_ones_own_data(
    api: Api, other_api: Api, victim: dict[str, Any]
) -> None:
    assert other_api.get("/api/habits").json() == []
    assert other_api.get("/api/today").json()["items"] == []
    export = other_api.get("/api/export", format="json")
    if export.status_code == 200:  # the export route exists
        body = b"".join(export.streaming_content) if export.streaming else export.content
        assert b"secret" not in body
        assert b"mine" not in body


# Groups: the same promise for every route that names a group.
GROUP_BODIES: dict[tuple[str, str], Any] = {
    ("patch", "/api/groups/{group_id}"): {"name": "taken over", "collapsed": True},
}


def _group_operations() -> list[tuple[str, str]]:
    paths = ninja_api.get_openapi_schema()["paths"]
    found = [
        (method, path)
        for path, item in paths.items()
        if "{group_id}" in path
        for method in item
        if method in {"get", *UNSAFE}
    ]
    assert len(found) >= 4, found  # read/patch/delete, stats
    return sorted(found)


def _group_snapshot(owner_id: int) -> str:
    groups = list(Group.objects.filter(owner_id=owner_id).order_by("pk").values())
    return _snapshot(owner_id) + json.dumps(groups, default=str, sort_keys=True)


@pytest.fixture
def victim_group(api: Api, victim: dict[str, Any]) -> dict[str, Any]:
    """A's group "A's secret plan" holding A's habit."""
    group = api.post("/api/groups", {"name": "A's secret plan"}).json()
    assert api.patch(f"/api/habits/{victim['id']}", {"group_id": group["id"]}).status_code == 200
    return dict(group)


@pytest.mark.parametrize(("method", "path"), _group_operations())
def test_another_users_group_is_404_and_nothing_changes(
    api: Api, other_api: Api, user: Any, victim_group: dict[str, Any], method: str, path: str
) -> None:
    url = path.replace("{group_id}", str(victim_group["id"]))
    before = _group_snapshot(user.pk)
    if method == "get":
        response = other_api.get(url)
    else:
        response = other_api.send(method.upper(), url, GROUP_BODIES.get((method, path)))
    allowed = {404} if method in {"get", "delete"} or (method, path) in GROUP_BODIES else {404, 422}
    assert response.status_code in allowed, (method, url, response.status_code, response.content)
    assert "secret" not in response.content.decode()
    assert _group_snapshot(user.pk) == before
    assert api.get(f"/api/groups/{victim_group['id']}").status_code == 200


def test_a_habit_cannot_be_put_into_another_users_group(
    api: Api, other_api: Api, user: Any, victim_group: dict[str, Any]
) -> None:
    before = _group_snapshot(user.pk)
    created = other_api.post("/api/habits", {"name": "B's", "group_id": victim_group["id"]})
    assert created.status_code == 422
    assert created.json()["detail"][0]["loc"][-1] == "group_id"
    mine = other_api.post("/api/habits", {"name": "B's"}).json()
    patched = other_api.patch(f"/api/habits/{mine['id']}", {"group_id": victim_group["id"]})
    assert patched.status_code == 422
    # The same answer as for a group that does not exist: nothing tells them it is A's.
    missing = other_api.patch(f"/api/habits/{mine['id']}", {"group_id": 999_999})
    assert patched.json() == missing.json()
    assert _group_snapshot(user.pk) == before


def test_another_users_group_cannot_order_filter_or_reorder(
    api: Api, other_api: Api, user: Any, victim: dict[str, Any], victim_group: dict[str, Any]
) -> None:
    before = _group_snapshot(user.pk)
    own = other_api.post("/api/groups", {"name": "B's"}).json()
    body = {"group_id": victim_group["id"], "ids": [victim["id"]]}
    assert other_api.post("/api/habits/reorder", body).status_code == 404
    reorder = other_api.post("/api/groups/reorder", {"ids": [victim_group["id"], own["id"]]})
    assert reorder.status_code == 422
    assert other_api.get("/api/habits", group=victim_group["id"]).json() == []
    assert [g["id"] for g in other_api.get("/api/groups").json()] == [own["id"]]
    assert _group_snapshot(user.pk) == before
