"""Request and response shapes of the group API; validation names the failing field, as for habits."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import field_validator

from habits.fields import Color, Icon, Name
from habits.services_groups import GroupChanges, GroupFields
from habits.values import DEFAULT_COLOR


class GroupIn(Schema):
    name: Name
    color: Color = DEFAULT_COLOR
    icon: Icon = ""
    collapsed: bool = False

    def to_fields(self) -> GroupFields:
        return GroupFields(**self.model_dump())


class GroupPatchIn(Schema):
    name: Name | None = None
    color: Color | None = None
    icon: Icon | None = None
    collapsed: bool | None = None

    # Only a field sent as null reaches this (defaults are not validated).
    @field_validator("name", "color", "icon", "collapsed")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError(_("must not be null"))
        return value

    def to_changes(self) -> GroupChanges:
        return cast(GroupChanges, self.model_dump(exclude_unset=True))


class GroupOut(Schema):
    id: int
    name: str
    color: str
    icon: str
    position: int
    collapsed: bool


class GroupScorePointOut(Schema):
    date: dt.date
    score: float


class GroupTodayOut(Schema):
    # Active habits of the group due today, and how many of those are done.
    done: int
    due: int


class GroupStatsOut(Schema):
    score: float
    score_history: list[GroupScorePointOut]
    current_streak: int
    best_streak: int
    today: GroupTodayOut
