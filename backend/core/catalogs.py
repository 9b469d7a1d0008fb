"""The backend's gettext catalogs (locale/<lang>/LC_MESSAGES/django.po) and their .mo files.

The compiled .mo files are committed, so `make run`, the Lambda image and CI need no GNU
gettext. They are compiled with polib (a dev dependency) rather than msgfmt, so that any machine
makes the same bytes and core/tests/test_catalogs.py can check that they are current.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from django.conf import settings

# Catalog folder names (gettext's locale names) of the languages in settings.LANGUAGES.
CATALOGS = ("de", "fr", "es", "pt_BR", "ar")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|%[sd]")


def catalog_path(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def compiled(po_path: Path) -> bytes:
    """The .mo bytes polib makes from a .po file."""
    import polib

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "django.mo"
        polib.pofile(str(po_path)).save_as_mofile(str(target))
        return target.read_bytes()


def catalogs_compile() -> list[Path]:
    """Write every catalog's .mo beside its .po; returns the paths written."""
    written = []
    for language in CATALOGS:
        po_path = catalog_path(language)
        mo_path = po_path.with_suffix(".mo")
        mo_path.write_bytes(compiled(po_path))
        written.append(mo_path)
    return written


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))
