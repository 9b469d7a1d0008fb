"""Import and export: a Loop CSV zip, a Loop backup or our JSON in; JSON or a Loop zip out."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from core.errors import error_body
from habits.exporters import export_json, export_loop_csv
from habits.importers import ImportFileError, habits_import
from habits.selectors import user_today
from users.models import User
from users.schemas import Message

router = Router()


class ImportOut(Schema):
    habits_created: int
    habits_updated: int
    entries_created: int
    entries_updated: int


class ImportErrorOut(Schema):
    detail: str
    code: str | None = None
    file: str | None
    line: int | None


class ExportQuery(Schema):
    format: Literal["json", "loop-csv"] = "json"


_UPLOAD_BODY = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            }
        }
    }
}


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@router.post(
    "/import",
    response={200: ImportOut, 401: Message, 403: Message, 413: Message, 422: ImportErrorOut},
    summary="Import a Loop CSV zip, a Loop backup (.db) or a habit-tracker JSON export",
    openapi_extra=_UPLOAD_BODY,
)
def transfer_import(request: HttpRequest) -> Status[object]:
    upload = request.FILES.get("file")
    if upload is None:
        detail = _("no file uploaded in the 'file' field")
        return Status(422, error_body("file_missing", detail, file=None, line=None))
    try:
        result = habits_import(user=_user(request), upload=upload)
    except ImportFileError as exc:
        return Status(422, exc.as_dict())
    return Status(200, result)


@router.get(
    "/export",
    response={200: None, 401: Message, 422: dict},
    summary="Download everything as JSON (format=json) or as a Loop CSV zip (format=loop-csv)",
)
def transfer_export(request: HttpRequest, query: Query[ExportQuery]) -> StreamingHttpResponse:
    user = _user(request)
    today = user_today(user).isoformat()
    if query.format == "loop-csv":
        response = StreamingHttpResponse(export_loop_csv(user=user), content_type="application/zip")
        filename = f"Loop Habits CSV {today}.zip"
    else:
        response = StreamingHttpResponse(export_json(user=user), content_type="application/json")
        filename = f"habits-{today}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
