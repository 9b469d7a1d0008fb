"""manage.py export_habits --user EMAIL --format json|loop-csv [--output FILE]."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from habits.exporters import export_json, export_loop_csv
from users.models import User


class Command(BaseCommand):
    help = "Export one account as habit-tracker JSON or as a Loop Habit Tracker CSV zip."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the account's email")
        parser.add_argument("--format", choices=["json", "loop-csv"], default="json")
        parser.add_argument("--output", type=Path, help="file to write (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get_by_natural_key(options["user"])
        except User.DoesNotExist:
            raise CommandError(f"no user with email {options['user']!r}") from None
        chunks = (
            export_loop_csv(user=user)
            if options["format"] == "loop-csv"
            else export_json(user=user)
        )
        output: Path | None = options["output"]
        if output is None:
            stream = getattr(self.stdout, "_out", sys.stdout)
            binary = getattr(stream, "buffer", None)
            for chunk in chunks:
                if binary is not None:
                    binary.write(chunk)
                else:
                    stream.write(chunk.decode())
            stream.flush()
            return
        with output.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        self.stderr.write(f"wrote {output}")
