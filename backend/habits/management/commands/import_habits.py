"""manage.py import_habits --user EMAIL FILE: the same import as POST /api/import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser

from habits.importers import ImportFileError, habits_import
from users.models import User


class Command(BaseCommand):
    help = "Import a Loop CSV zip, a Loop backup (.db) or a habit-tracker JSON export."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the account's email")
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get_by_natural_key(options["user"])
        except User.DoesNotExist:
            raise CommandError(f"no user with email {options['user']!r}") from None
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        with path.open("rb") as handle:
            try:
                result = habits_import(user=user, upload=File(handle, name=path.name))
            except ImportFileError as exc:
                where = f"{exc.file or path.name}" + (f", line {exc.line}" if exc.line else "")
                raise CommandError(f"{where}: {exc.reason}") from None
        self.stdout.write(
            f"habits created: {result.habits_created}, updated: {result.habits_updated}; "
            f"entries created: {result.entries_created}, updated: {result.entries_updated}"
        )
