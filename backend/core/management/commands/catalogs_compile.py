"""`manage.py catalogs_compile`: rebuild locale/*/LC_MESSAGES/django.mo with polib.

Used instead of Django's compilemessages (which needs GNU gettext's msgfmt) so that the
committed .mo files are the bytes core/tests/test_catalogs.py expects.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from core.catalogs import catalogs_compile


class Command(BaseCommand):
    help = "Compile the backend's .po catalogs into the committed .mo files (with polib)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path in catalogs_compile():
            self.stdout.write(str(path))
