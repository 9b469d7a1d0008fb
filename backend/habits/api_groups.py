"""Groups of habits: thin views over habits.services_groups and habits.selectors_groups."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from habits import selectors_groups, services_groups
from habits.models import Group
from habits.schemas import ReorderIn
from habits.schemas_groups import GroupIn, GroupOut, GroupPatchIn, GroupStatsOut
from users.auth import request_user
from users.schemas import Message

router = Router()
ERRORS = {400: Message, 401: Message, 403: Message, 404: Message, 422: dict}


@router.get("", response={200: list[GroupOut], **ERRORS}, summary="List groups in their order")
def group_list(request: HttpRequest) -> list[Group]:
    return list(selectors_groups.group_list(user=request_user(request)))


@router.post("", response={201: GroupOut, **ERRORS}, summary="Create a group")
def group_create(request: HttpRequest, payload: GroupIn) -> Status[Group]:
    group = services_groups.group_create(user=request_user(request), fields=payload.to_fields())
    return Status(201, group)


@router.post(
    "/reorder", response={200: list[GroupOut], **ERRORS}, summary="Set the order of groups"
)
def group_reorder(request: HttpRequest, payload: ReorderIn) -> list[Group]:
    return services_groups.groups_reorder(user=request_user(request), ids=payload.ids)


@router.get("/{int:group_id}", response={200: GroupOut, **ERRORS}, summary="Read a group")
def group_read(request: HttpRequest, group_id: int) -> Group:
    return selectors_groups.group_get(user=request_user(request), group_id=group_id)


@router.patch("/{int:group_id}", response={200: GroupOut, **ERRORS}, summary="Change a group")
def group_update(request: HttpRequest, group_id: int, payload: GroupPatchIn) -> Group:
    return services_groups.group_update(
        user=request_user(request), group_id=group_id, changes=payload.to_changes()
    )


@router.delete(
    "/{int:group_id}",
    response={204: None, **ERRORS},
    summary="Delete a group, keeping its habits ungrouped",
)
def group_delete(request: HttpRequest, group_id: int) -> Status[None]:
    services_groups.group_delete(user=request_user(request), group_id=group_id)
    return Status(204, None)


@router.get(
    "/{int:group_id}/stats",
    response={200: GroupStatsOut, **ERRORS},
    summary="A group's combined score, streaks and today's progress",
)
def group_stats(request: HttpRequest, group_id: int) -> dict[str, object]:
    stats = selectors_groups.group_stats_get(user=request_user(request), group_id=group_id)
    return {
        "score": stats.score,
        "score_history": [{"date": day, "score": score} for day, score in stats.score_history],
        "current_streak": stats.current_streak,
        "best_streak": stats.best_streak,
        "today": {"done": stats.today_done, "due": stats.today_due},
    }
