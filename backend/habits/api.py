"""Habits and their check-ins: thin views over services and selectors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BeforeValidator

from core.exceptions import FieldError
from habits import selectors, services, services_groups
from habits.fields import Day
from habits.models import Entry, Habit
from habits.schemas import EntryIn, EntryOut, HabitIn, HabitOut, HabitPatchIn, HabitReorderIn
from users.auth import request_user
from users.schemas import Message

router = Router()
ERRORS = {400: Message, 401: Message, 403: Message, 404: Message, 422: dict}
MAX_ENTRY_RANGE_DAYS = 3700


def _group_filter(value: object) -> object:
    # One message naming "group" for anything else (a union would name its members instead).
    if value is None or value == "none" or isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    raise ValueError(_("must be a group's id or 'none'"))


class HabitFilter(Schema):
    archived: bool | None = None
    # A group's id, or "none" for the habits in no group.
    group: Annotated[int | Literal["none"] | None, BeforeValidator(_group_filter)] = None


@router.get("", response={200: list[HabitOut], **ERRORS}, summary="List habits in their order")
def habit_list(request: HttpRequest, filters: Query[HabitFilter]) -> list[Habit]:
    return list(
        selectors.habit_list(
            user=request_user(request), archived=filters.archived, group=filters.group
        )
    )


@router.post("", response={201: HabitOut, **ERRORS}, summary="Create a habit")
def habit_create(request: HttpRequest, payload: HabitIn) -> Status[Habit]:
    habit = services.habit_create(user=request_user(request), fields=payload.to_fields())
    return Status(201, habit)


@router.post("/reorder", response={200: list[HabitOut], **ERRORS}, summary="Set the order")
def habit_reorder(request: HttpRequest, payload: HabitReorderIn) -> list[Habit]:
    in_group, group_id = payload.scope()
    if in_group:
        habits = services_groups.habits_reorder_in_group(
            user=request_user(request), group_id=group_id, ids=payload.ids
        )
    else:
        habits = services.habits_reorder(user=request_user(request), ids=payload.ids)
    return selectors.habits_with_reminder_time(habits)


@router.get("/{int:habit_id}", response={200: HabitOut, **ERRORS}, summary="Read a habit")
def habit_read(request: HttpRequest, habit_id: int) -> Habit:
    return selectors.habit_get(user=request_user(request), habit_id=habit_id)


@router.patch("/{int:habit_id}", response={200: HabitOut, **ERRORS}, summary="Change a habit")
def habit_update(request: HttpRequest, habit_id: int, payload: HabitPatchIn) -> Habit:
    return services.habit_update(
        user=request_user(request), habit_id=habit_id, changes=payload.to_changes()
    )


@router.delete(
    "/{int:habit_id}", response={204: None, **ERRORS}, summary="Delete a habit and its entries"
)
def habit_delete(request: HttpRequest, habit_id: int) -> Status[None]:
    services.habit_delete(user=request_user(request), habit_id=habit_id)
    return Status(204, None)


class EntryRange(Schema):
    start: Day | None = Field(default=None, alias="from")
    end: Day | None = Field(default=None, alias="to")


@router.get(
    "/{int:habit_id}/entries",
    response={200: list[EntryOut], **ERRORS},
    summary="Entries in a date range",
)
def entry_list(request: HttpRequest, habit_id: int, span: Query[EntryRange]) -> list[Entry]:
    user = request_user(request)
    habit = selectors.habit_get(user=user, habit_id=habit_id)
    end = span.end or selectors.user_today(user)
    start = span.start or end - dt.timedelta(days=364)
    if start > end:
        raise FieldError("from", _("must not be after 'to'"))
    if (end - start).days + 1 > MAX_ENTRY_RANGE_DAYS:
        raise FieldError(
            "from",
            _("the range is limited to %(count)d days") % {"count": MAX_ENTRY_RANGE_DAYS},
        )
    return list(selectors.entry_list(habit=habit, start=start, end=end))


@router.put(
    "/{int:habit_id}/entries/{date}",
    response={200: EntryOut, **ERRORS},
    summary="Set one day's entry",
)
def entry_put(request: HttpRequest, habit_id: int, date: Day, payload: EntryIn) -> Entry:
    return services.entry_put(
        user=request_user(request),
        habit_id=habit_id,
        day=date,
        status=payload.status,
        value=payload.value,
        note=payload.note,
    )


@router.delete(
    "/{int:habit_id}/entries/{date}",
    response={204: None, **ERRORS},
    summary="Remove one day's entry",
)
def entry_delete(request: HttpRequest, habit_id: int, date: Day) -> Status[None]:
    services.entry_delete(user=request_user(request), habit_id=habit_id, day=date)
    return Status(204, None)
