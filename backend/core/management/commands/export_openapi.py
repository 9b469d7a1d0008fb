"""manage.py export_openapi [--output FILE]: the API's OpenAPI document as JSON.

The same document /api/openapi.json serves, with sorted keys and a trailing newline so that a
generated file that depends on it (frontend/src/types/openapi.gen.ts, `npm run gen:api`)
changes only when the API does. Without --output it is written to standard output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Write the API's OpenAPI document (the one /api/openapi.json serves) as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="File to write; standard output when left out.")

    def handle(self, *args: Any, **options: Any) -> None:
        from config.api import api

        # Through JSON once: ninja keys responses by int, which sort_keys cannot mix with str.
        document = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))
        text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
