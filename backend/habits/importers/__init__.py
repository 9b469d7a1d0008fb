"""Importers for Loop Habit Tracker's CSV export and backup, and for our own JSON export."""

from __future__ import annotations

from habits.importers.common import ImportFileError
from habits.importers.services import ImportResult, habits_import, upload_parse

__all__ = ["ImportFileError", "ImportResult", "habits_import", "upload_parse"]
