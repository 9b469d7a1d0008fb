"""Groups of habits: the contract of /api/groups and of group_id on habits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from conftest import Api
from habits.models import Entry, Group, Habit
from habits.selectors import user_today
from habits.tests.factories import habit_for
from users.models import User

pytestmark = pytest.mark.django_db

# Session, user, then the route's own reads (and for writes the locks and the owner's row).
LIST_QUERIES = 3
STATS_QUERIES = 5


def refused_field(response: Any) -> str:
    assert response.status_code == 422, response.content
    return str(response.json()["detail"][0]["loc"][-1])


def make_group(api: Api, name: str = "Morning", **fields: Any) -> dict[str, Any]:
    response = api.post("/api/groups", {"name": name, **fields})
    assert response.status_code == 201, response.content
    return dict(response.json())


def make_habit(api: Api, name: str = "Read", **fields: Any) -> dict[str, Any]:
    response = api.post("/api/habits", {"name": name, "start_date": "2024-01-01", **fields})
    assert response.status_code == 201, response.content
    return dict(response.json())


def test_a_new_group_has_every_field(api: Api) -> None:
    body = {"name": "  Morning  ", "color": "#10b981", "icon": "☀️", "collapsed": True}
    group = api.post("/api/groups", body).json()
    assert group == {
        "id": group["id"],
        "name": "Morning",
        "color": "#10b981",
        "icon": "☀️",
        "position": 0,
        "collapsed": True,
    }
    assert api.get(f"/api/groups/{group['id']}").json() == group


def test_a_group_takes_defaults_for_everything_but_its_name(api: Api) -> None:
    group = make_group(api)
    assert (group["color"], group["icon"], group["collapsed"]) == ("#4f46e5", "", False)


def test_new_groups_go_last_and_the_list_follows_positions(api: Api) -> None:
    names = ["Morning", "Health", "Evening"]
    for name in names:
        make_group(api, name)
    listed = api.get("/api/groups").json()
    assert [g["name"] for g in listed] == names
    assert [g["position"] for g in listed] == [0, 1, 2]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "a\x00b"}, "name"),
        ({"name": "a\x07b"}, "name"),
        ({"name": "Ok", "color": "red"}, "color"),
        ({"name": "Ok", "color": "#12345g"}, "color"),
        ({"name": "Ok", "icon": "x" * 33}, "icon"),
        ({"name": "Ok", "icon": "a\x00"}, "icon"),
        ({"name": "Ok", "collapsed": "maybe"}, "collapsed"),
        ({"name": 5}, "name"),
    ],
)
def test_a_bad_group_is_refused_naming_the_field(
    api: Api, body: dict[str, Any], field: str
) -> None:
    assert refused_field(api.post("/api/groups", body)) == field
    assert not Group.objects.exists()


def test_a_group_name_is_limited_in_characters_as_postgresql_counts_them(api: Api) -> None:
    assert refused_field(api.post("/api/groups", {"name": "\U0001f4d6" * 201})) == "name"
    assert api.post("/api/groups", {"name": "\U0001f4d6" * 200}).status_code == 201
    assert Group.objects.get().name == "\U0001f4d6" * 200


def test_renaming_recolouring_and_collapsing_a_group(api: Api) -> None:
    group = make_group(api)
    changed = api.patch(
        f"/api/groups/{group['id']}", {"name": "Dawn", "color": "#000000", "collapsed": True}
    ).json()
    assert changed == group | {"name": "Dawn", "color": "#000000", "collapsed": True}
    assert api.patch(f"/api/groups/{group['id']}", {}).json() == changed


@pytest.mark.parametrize("field", ["name", "color", "icon", "collapsed"])
def test_a_patch_cannot_set_a_field_to_null(api: Api, field: str) -> None:
    group = make_group(api)
    assert refused_field(api.patch(f"/api/groups/{group['id']}", {field: None})) == field


def test_a_patch_cannot_set_a_bad_colour(api: Api) -> None:
    group = make_group(api)
    assert refused_field(api.patch(f"/api/groups/{group['id']}", {"color": "#fff"})) == "color"
    assert Group.objects.get().color == "#4f46e5"


def test_deleting_a_group_keeps_its_habits_ungrouped_in_their_order(api: Api) -> None:
    group = make_group(api)
    first = make_habit(api, "A", group_id=group["id"])
    second = make_habit(api, "B", group_id=group["id"])
    assert api.delete(f"/api/groups/{group['id']}").status_code == 204
    assert api.get(f"/api/groups/{group['id']}").status_code == 404
    listed = api.get("/api/habits").json()
    assert [(h["id"], h["group_id"]) for h in listed] == [(first["id"], None), (second["id"], None)]


def test_a_missing_group_is_404_for_every_method(api: Api) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        assert api.send(method, "/api/groups/999999", {"name": "x"}).status_code == 404
    assert api.get("/api/groups/999999/stats").status_code == 404
    for method in ("GET", "PATCH", "DELETE"):
        assert api.send(method, f"/api/groups/{2**70}", {"name": "x"}).status_code == 404
    assert api.get(f"/api/groups/{2**70}/stats").status_code == 404


def test_groups_reorder_sets_every_position(api: Api) -> None:
    ids = [make_group(api, name)["id"] for name in ("A", "B", "C")]
    response = api.post("/api/groups/reorder", {"ids": ids[::-1]})
    assert response.status_code == 200
    assert [g["id"] for g in response.json()] == ids[::-1]
    assert [g["id"] for g in api.get("/api/groups").json()] == ids[::-1]


@pytest.mark.parametrize("pick", [lambda ids: ids[:2], lambda ids: [*ids, ids[0]],
                                  lambda ids: [*ids, 999999], lambda ids: [*ids[:2], 2**70]])  # fmt: skip
def test_groups_reorder_must_list_each_group_once(
    api: Api, pick: Callable[[list[int]], list[int]]
) -> None:
    ids = [make_group(api, name)["id"] for name in ("A", "B", "C")]
    assert refused_field(api.post("/api/groups/reorder", {"ids": pick(ids)})) == "ids"
    assert [g["id"] for g in api.get("/api/groups").json()] == ids


def test_groups_reorder_refuses_a_body_that_is_not_a_list_of_ids(api: Api) -> None:
    make_group(api)
    assert refused_field(api.post("/api/groups/reorder", {"ids": "1,2"})) == "ids"
    assert refused_field(api.post("/api/groups/reorder", {})) == "ids"


def test_a_habit_is_created_patched_and_listed_with_its_group(api: Api) -> None:
    morning, health = make_group(api, "Morning"), make_group(api, "Health")
    habit = make_habit(api, group_id=morning["id"])
    assert habit["group_id"] == morning["id"]
    moved = api.patch(f"/api/habits/{habit['id']}", {"group_id": health["id"]}).json()
    assert moved["group_id"] == health["id"]
    assert api.get(f"/api/habits/{habit['id']}").json()["group_id"] == health["id"]
    out = api.patch(f"/api/habits/{habit['id']}", {"group_id": None}).json()
    assert out["group_id"] is None
    # A patch that does not mention the group leaves it alone.
    api.patch(f"/api/habits/{habit['id']}", {"group_id": morning["id"]})
    assert (
        api.patch(f"/api/habits/{habit['id']}", {"name": "Books"}).json()["group_id"]
        == (morning["id"])
    )


def test_a_habit_moved_to_a_group_lands_last_in_it(api: Api) -> None:
    group = make_group(api)
    mover = make_habit(api, "Mover")
    first = make_habit(api, "First", group_id=group["id"])
    make_habit(api, "Later")
    api.patch(f"/api/habits/{mover['id']}", {"group_id": group["id"]})
    in_group = api.get("/api/habits", group=group["id"]).json()
    assert [h["id"] for h in in_group] == [first["id"], mover["id"]]


def test_the_habit_list_filters_by_group_and_by_no_group(api: Api) -> None:
    morning, health = make_group(api, "Morning"), make_group(api, "Health")
    a = make_habit(api, "A", group_id=morning["id"])
    b = make_habit(api, "B")
    c = make_habit(api, "C", group_id=health["id"])
    d = make_habit(api, "D", group_id=morning["id"], archived=True)

    def ids(**params: Any) -> list[int]:
        response = api.get("/api/habits", **params)
        assert response.status_code == 200, response.content
        return [h["id"] for h in response.json()]

    assert ids(group=morning["id"]) == [a["id"], d["id"]]
    assert ids(group=morning["id"], archived="false") == [a["id"]]
    assert ids(group="none") == [b["id"]]
    assert ids(group=health["id"]) == [c["id"]]
    assert ids(group=999999) == []
    assert ids(group=str(2**70)) == []
    assert ids() == [a["id"], b["id"], c["id"], d["id"]]


@pytest.mark.parametrize("value", ["abc", "None", "-1", "1.5", "", "\u0661"])
def test_a_bad_group_filter_is_refused_naming_it(api: Api, value: str) -> None:
    assert refused_field(api.get("/api/habits", group=value)) == "group"


@pytest.mark.parametrize("group_id", [999999, 2**70, -1, 0])
def test_a_habit_cannot_join_a_group_that_does_not_exist(api: Api, group_id: int) -> None:
    assert refused_field(api.post("/api/habits", {"name": "Read", "group_id": group_id})) == (
        "group_id"
    )
    habit = make_habit(api)
    response = api.patch(f"/api/habits/{habit['id']}", {"group_id": group_id})
    assert refused_field(response) == "group_id"
    assert Habit.objects.get().group_id is None


@pytest.mark.parametrize("value", ["one", 1.5, [1], {"id": 1}])
def test_a_group_id_that_is_not_an_integer_is_refused_naming_it(api: Api, value: Any) -> None:
    assert refused_field(api.post("/api/habits", {"name": "Read", "group_id": value})) == (
        "group_id"
    )


def test_habits_reorder_within_a_group_leaves_every_other_habit_in_place(api: Api) -> None:
    group = make_group(api)
    a = make_habit(api, "A")
    g1 = make_habit(api, "G1", group_id=group["id"])
    b = make_habit(api, "B")
    g2 = make_habit(api, "G2", group_id=group["id"])
    g3 = make_habit(api, "G3", group_id=group["id"], archived=True)
    response = api.post(
        "/api/habits/reorder", {"group_id": group["id"], "ids": [g3["id"], g1["id"], g2["id"]]}
    )
    assert response.status_code == 200, response.content
    assert [h["id"] for h in response.json()] == [g3["id"], g1["id"], g2["id"]]
    listed = [h["id"] for h in api.get("/api/habits").json()]
    assert listed == [a["id"], g3["id"], b["id"], g1["id"], g2["id"]]


def test_habits_reorder_of_the_ungrouped_habits(api: Api) -> None:
    group = make_group(api)
    a = make_habit(api, "A")
    g = make_habit(api, "G", group_id=group["id"])
    b = make_habit(api, "B")
    response = api.post("/api/habits/reorder", {"group_id": None, "ids": [b["id"], a["id"]]})
    assert response.status_code == 200, response.content
    assert [h["id"] for h in api.get("/api/habits").json()] == [b["id"], g["id"], a["id"]]


def test_habits_reorder_without_a_group_still_orders_every_habit(api: Api) -> None:
    group = make_group(api)
    a = make_habit(api, "A", group_id=group["id"])
    b = make_habit(api, "B")
    assert api.post("/api/habits/reorder", {"ids": [b["id"], a["id"]]}).status_code == 200
    assert [h["id"] for h in api.get("/api/habits").json()] == [b["id"], a["id"]]
    assert refused_field(api.post("/api/habits/reorder", {"ids": [b["id"]]})) == "ids"


def test_habits_reorder_within_a_group_must_list_exactly_its_habits(api: Api) -> None:
    group = make_group(api)
    a = make_habit(api, "A", group_id=group["id"])
    b = make_habit(api, "B", group_id=group["id"])
    outside = make_habit(api, "C")
    for ids in ([a["id"]], [a["id"], b["id"], outside["id"]], [a["id"], a["id"], b["id"]]):
        response = api.post("/api/habits/reorder", {"group_id": group["id"], "ids": ids})
        assert refused_field(response) == "ids"
    positions = list(Habit.objects.order_by("pk").values_list("position", flat=True))
    assert positions == [0, 1, 2]


def test_habits_reorder_in_a_missing_group_is_404(api: Api) -> None:
    make_habit(api)
    response = api.post("/api/habits/reorder", {"group_id": 999999, "ids": []})
    assert response.status_code == 404


def test_group_stats_combine_the_groups_active_habits(api: Api, user: User) -> None:
    group = Group.objects.create(owner=user, name="Morning")
    today = user_today(user)
    start = today - dt.timedelta(days=9)
    a = habit_for(user, name="A", group=group, start_date=start)
    b = habit_for(user, name="B", group=group, start_date=start)
    habit_for(user, name="Archived", group=group, start_date=start, archived=True)
    habit_for(user, name="Elsewhere", start_date=start)
    for day in range(10):
        Entry.objects.create(habit=a, date=today - dt.timedelta(days=day), status="done")
        if day != 4:
            Entry.objects.create(habit=b, date=today - dt.timedelta(days=day), status="done")
    stats = api.get(f"/api/groups/{group.pk}/stats").json()
    card = {h["habit"]["id"]: h["score"] for h in api.get("/api/today").json()["items"]}
    assert stats["score"] == pytest.approx((card[a.pk] + card[b.pk]) / 2)
    assert (stats["current_streak"], stats["best_streak"]) == (4, 5)
    assert stats["today"] == {"done": 2, "due": 2}
    assert stats["score_history"][0]["date"] == start.isoformat()
    assert stats["score_history"][-1] == {"date": today.isoformat(), "score": stats["score"]}


def test_stats_of_an_empty_group(api: Api) -> None:
    group = make_group(api)
    assert api.get(f"/api/groups/{group['id']}/stats").json() == {
        "score": 0.0,
        "score_history": [],
        "current_streak": 0,
        "best_streak": 0,
        "today": {"done": 0, "due": 0},
    }


def test_every_group_route_is_documented_with_its_own_operation_id(api: Api) -> None:
    document = api.get("/api/openapi.json").json()
    routes = {
        ("get", "/api/groups"),
        ("post", "/api/groups"),
        ("post", "/api/groups/reorder"),
        ("get", "/api/groups/{group_id}"),
        ("patch", "/api/groups/{group_id}"),
        ("delete", "/api/groups/{group_id}"),
        ("get", "/api/groups/{group_id}/stats"),
    }
    operations = {
        (method, path): op for path, ops in document["paths"].items() for method, op in ops.items()
    }
    assert set(operations) >= routes
    ids = [op["operationId"] for op in operations.values()]
    assert len(ids) == len(set(ids))
    for route in routes:
        operation = operations[route]
        assert operation["operationId"].startswith("group_"), route
        assert operation["tags"] == ["groups"]
        assert operation["summary"]
        assert set(operation["responses"]) & {"401", "404", "422"}
    stats = operations["get", "/api/groups/{group_id}/stats"]["responses"]["200"]
    assert stats["content"]["application/json"]["schema"]["$ref"].endswith("GroupStatsOut")
    habit_out = document["components"]["schemas"]["HabitOut"]["properties"]
    assert "group_id" in habit_out
    habit_filter = operations["get", "/api/habits"]["parameters"]
    assert "group" in {param["name"] for param in habit_filter}


def make_many(user: User, count: int) -> Group:
    today = user_today(user)
    groups = Group.objects.bulk_create(
        Group(owner=user, name=f"G{n}", position=n) for n in range(count)
    )
    habits = Habit.objects.bulk_create(
        Habit(owner=user, name=f"H{n}", group=groups[0], position=n, start_date=today
              - dt.timedelta(days=30))
        for n in range(count)
    )  # fmt: skip
    Entry.objects.bulk_create(
        Entry(habit=habit, date=today - dt.timedelta(days=d), status="done")
        for habit in habits
        for d in range(0, 30, 2)
    )
    return groups[0]


@pytest.mark.parametrize("count", [1, 50])
def test_group_routes_take_a_fixed_number_of_queries(
    api: Api, user: User, count: int, django_assert_max_num_queries: Callable[..., object]
) -> None:
    group = make_many(user, count)
    with django_assert_max_num_queries(LIST_QUERIES):  # type: ignore[operator]
        assert len(api.get("/api/groups").json()) == count
    with django_assert_max_num_queries(STATS_QUERIES):  # type: ignore[operator]
        assert api.get(f"/api/groups/{group.pk}/stats").status_code == 200
    with django_assert_max_num_queries(LIST_QUERIES + 1):  # type: ignore[operator]
        assert len(api.get("/api/habits", group=group.pk).json()) == count
    ids = list(Group.objects.order_by("-pk").values_list("pk", flat=True))
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        assert api.post("/api/groups/reorder", {"ids": ids}).status_code == 200
    habit_ids = list(Habit.objects.order_by("-pk").values_list("pk", flat=True))
    with django_assert_max_num_queries(8):  # type: ignore[operator]  # +1: the reminder times
        body = {"group_id": group.pk, "ids": habit_ids}
        assert api.post("/api/habits/reorder", body).status_code == 200
    # Read, lock the habits, lock the group, ungroup them, Django's delete (2), owner's row.
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        assert api.delete(f"/api/groups/{group.pk}").status_code == 204
    assert not Habit.objects.filter(group__isnull=False).exists()


def test_staff_can_search_groups_and_a_habits_group_is_an_id_field_in_the_admin(
    api: Api, user: User
) -> None:
    from django.test import Client

    Group.objects.create(owner=user, name="Morning routine")
    habit = habit_for(user, name="Read")
    staff = User.objects.create_superuser(email="admin@example.com", password="x")
    client = Client()
    client.force_login(staff)
    response = client.get("/admin/habits/group/", {"q": "routine"})
    assert response.status_code == 200
    assert b"Morning routine" in response.content
    form = client.get(f"/admin/habits/habit/{habit.pk}/change/")
    assert form.status_code == 200
    assert b'name="group"' in form.content
    assert b"Morning routine" not in form.content  # no menu listing every person's groups


def test_group_stats_are_cached_until_the_next_write(
    api: Api, user: User, django_assert_max_num_queries: Callable[..., object]
) -> None:
    group = make_many(user, 50)
    first = api.get(f"/api/groups/{group.pk}/stats").json()
    # Session and user only: the cached numbers need no habit or entry.
    with django_assert_max_num_queries(2):  # type: ignore[operator]
        assert api.get(f"/api/groups/{group.pk}/stats").json() == first
    habit = Habit.objects.filter(group=group).first()
    assert habit is not None
    day = user_today(user) - dt.timedelta(days=1)
    assert api.put(f"/api/habits/{habit.pk}/entries/{day}", {"status": "done"}).status_code == 200
    after = api.get(f"/api/groups/{group.pk}/stats").json()
    assert after["score"] > first["score"]
    assert api.delete(f"/api/groups/{group.pk}").status_code == 204
    assert api.get(f"/api/groups/{group.pk}/stats").status_code == 404


def test_habits_reorder_within_a_group_may_list_only_its_active_habits(api: Api) -> None:
    group = make_group(api)
    g1 = make_habit(api, "G1", group_id=group["id"])
    g2 = make_habit(api, "G2", group_id=group["id"], archived=True)
    g3 = make_habit(api, "G3", group_id=group["id"])
    response = api.post(
        "/api/habits/reorder", {"group_id": group["id"], "ids": [g3["id"], g1["id"]]}
    )
    assert response.status_code == 200, response.content
    # The archived habit keeps its place between them.
    assert [h["id"] for h in api.get("/api/habits").json()] == [g3["id"], g2["id"], g1["id"]]
