"""Writes to groups, and the group rules of habit writes. Each runs in one transaction.

Lock order, extending habits.services: habits (by id) → groups (by id) → entries → the
owner's row. Creating a group locks the owner first, as creating a habit does, and holds no
other lock. Deleting a group locks its habits before the group, so that a habit being changed
at the same moment is waited for, never deadlocked with.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TypedDict

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.exceptions import FieldError
from habits.models import Group, Habit
from habits.selectors_groups import group_get
from habits.values import DEFAULT_COLOR
from users.models import User
from users.services import user_touch


@dataclass(frozen=True)
class GroupFields:
    """Every field a person sets on a new group, already validated."""

    name: str
    color: str = DEFAULT_COLOR
    icon: str = ""
    collapsed: bool = False


class GroupChanges(TypedDict, total=False):
    name: str
    color: str
    icon: str
    collapsed: bool


@transaction.atomic
def group_create(*, user: User, fields: GroupFields) -> Group:
    # The owner's row first, so that concurrent creates take positions one after another.
    user_touch(user=user)
    last = Group.objects.filter(owner=user).aggregate(last=Max("position"))["last"]
    return Group.objects.create(
        owner=user, position=0 if last is None else last + 1, **asdict(fields)
    )


@transaction.atomic
def group_update(*, user: User, group_id: int, changes: GroupChanges) -> Group:
    group = group_get(user=user, group_id=group_id, for_update=True)
    for column, value in changes.items():
        setattr(group, column, value)
    group.save()
    user_touch(user=user)
    return group


@transaction.atomic
def group_delete(*, user: User, group_id: int) -> None:
    """Delete the group; its habits stay, ungrouped, in the order they had."""
    group = group_get(user=user, group_id=group_id)
    list(Habit.objects.select_for_update().filter(owner=user, group=group).order_by("pk"))
    group = group_get(user=user, group_id=group_id, for_update=True)
    Habit.objects.filter(owner=user, group=group).update(group=None)
    group.delete()
    user_touch(user=user)


@transaction.atomic
def groups_reorder(*, user: User, ids: list[int]) -> list[Group]:
    locked = Group.objects.select_for_update().filter(owner=user).order_by("pk")
    groups = {group.pk: group for group in locked}
    if len(ids) != len(set(ids)) or set(ids) != set(groups):
        raise FieldError("ids", _("must list each of your groups exactly once"))
    for position, group_id in enumerate(ids):
        groups[group_id].position = position
    Group.objects.bulk_update(groups.values(), ["position"])
    user_touch(user=user)
    return [groups[group_id] for group_id in ids]


def group_check_for_habit(*, user: User, group_id: int) -> None:
    """Refuse a group that is not the user's (missing and foreign alike), naming group_id.

    Called inside the habit write's transaction. The group stays locked until commit, so a
    delete running at the same time cannot leave the habit pointing at a removed row (on
    PostgreSQL that would fail the foreign key at commit, a 500).
    """
    found = Group.objects.select_for_update(no_key=True).filter(owner=user, pk=group_id)
    if not found.exists():
        raise FieldError("group_id", _("must be one of your groups"))


def habit_position_last(*, user: User) -> int:
    """The position after every habit of the user: a habit moved to a group lands last in it."""
    last = Habit.objects.filter(owner=user).aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def habits_reorder_in_group(*, user: User, group_id: int | None, ids: list[int]) -> list[Habit]:
    """Order the habits of one group (None: the ungrouped ones) and leave every other in place.

    The listed habits take the places in the whole order that the group's habits held, so the
    order of the other groups' habits does not move; positions are renumbered 0..n-1.
    """
    locked = list(Habit.objects.select_for_update().filter(owner=user).order_by("pk"))
    if group_id is not None:
        group_get(user=user, group_id=group_id)
    group = [habit for habit in locked if habit.group_id == group_id]
    # As for the whole list, the group's active habits alone may be ordered (what the screens
    # show): its archived ones then keep their places.
    active = {habit.pk for habit in group if not habit.archived}
    if len(ids) != len(set(ids)) or set(ids) not in ({habit.pk for habit in group}, active):
        raise FieldError("ids", _("must list each habit of the group, or each active one, once"))
    members = set(ids)
    by_id = {habit.pk: habit for habit in locked}
    order = sorted(locked, key=lambda habit: (habit.position, habit.pk))
    queue = iter(ids)
    arranged = [by_id[next(queue)] if habit.pk in members else habit for habit in order]
    changed = []
    for position, habit in enumerate(arranged):
        if habit.position != position:
            habit.position = position
            changed.append(habit)
    Habit.objects.bulk_update(changed, ["position"])
    user_touch(user=user)
    return [by_id[habit_id] for habit_id in ids]
