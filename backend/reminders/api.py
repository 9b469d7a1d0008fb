"""Reminders of a habit, and the actions of a reminder notification: thin views."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from reminders import actions, selectors, services
from reminders.models import Reminder
from reminders.schemas import ActIn, ActOut, ReminderIn, ReminderOut, ReminderPatchIn
from users.auth import request_user
from users.schemas import Message

router = Router()
ERRORS = {400: Message, 401: Message, 403: Message, 404: Message, 422: dict}


@router.get(
    "/habits/{int:habit_id}/reminders",
    response={200: list[ReminderOut], **ERRORS},
    summary="List a habit's reminders",
)
def reminder_list(request: HttpRequest, habit_id: int) -> list[Reminder]:
    return list(selectors.reminder_list(user=request_user(request), habit_id=habit_id))


@router.post(
    "/habits/{int:habit_id}/reminders",
    response={201: ReminderOut, **ERRORS},
    summary="Add a reminder to a habit",
    description=(
        "time is a local wall-clock time HH:MM in the person's time zone (no seconds, no "
        "offset). weekdays left out means the days the habit is due (every day, until the "
        "target is met, for N-per-period habits). channels: push and/or email."
    ),
)
def reminder_create(request: HttpRequest, habit_id: int, payload: ReminderIn) -> Status[Reminder]:
    reminder = services.reminder_create(
        user=request_user(request), habit_id=habit_id, fields=payload.to_fields()
    )
    return Status(201, reminder)


@router.patch(
    "/reminders/{int:reminder_id}",
    response={200: ReminderOut, **ERRORS},
    summary="Change a reminder",
)
def reminder_update(request: HttpRequest, reminder_id: int, payload: ReminderPatchIn) -> Reminder:
    return services.reminder_update(
        user=request_user(request), reminder_id=reminder_id, changes=payload.to_changes()
    )


@router.delete(
    "/reminders/{int:reminder_id}", response={204: None, **ERRORS}, summary="Delete a reminder"
)
def reminder_delete(request: HttpRequest, reminder_id: int) -> Status[None]:
    services.reminder_delete(user=request_user(request), reminder_id=reminder_id)
    return Status(204, None)


@router.post(
    "/reminders/act",
    response={200: ActOut, 400: Message, 422: dict},
    auth=None,
    summary="Do a reminder notification's action",
    description=(
        "Done or Later from a notification. The token from the push message is the only "
        "credential: no session and no CSRF token. It is signed, single-use and expires "
        "after 24 hours; used, invalid or expired tokens get a 400."
    ),
)
def reminder_act(request: HttpRequest, payload: ActIn) -> Status[ActOut] | Status[Message]:
    try:
        result = actions.action_use(token=payload.token)
    except actions.ActionRefused as exc:
        return Status(400, Message(detail=str(exc)))
    return Status(200, ActOut(action=result.action, habit_id=result.habit_id, date=result.date))
