"""The backend's catalogs are complete, consistent with the code, and compiled (core/catalogs.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

from core.catalogs import CATALOGS, catalog_path, compiled, placeholders

# Django's gettext functions, as `manage.py makemessages` passes them to xgettext.
XGETTEXT_KEYWORDS = (
    "gettext_noop", "gettext_lazy", "ngettext_lazy:1,2", "pgettext:1c,2", "npgettext:1c,2,3",
    "pgettext_lazy:1c,2", "npgettext_lazy:1c,2,3",
)  # fmt: skip
SKIPPED_FOLDERS = {".venv", "tests", "migrations", "staticfiles", "locale"}


def source_messages(root: Path) -> set[tuple[str, str]] | None:
    """(context, msgid) of every gettext call in the backend's code, found by xgettext as
    makemessages finds them; None when xgettext is not installed."""
    xgettext = shutil.which("xgettext")
    if xgettext is None:
        return None
    files = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if not SKIPPED_FOLDERS & set(path.relative_to(root).parts)
    )
    command = [xgettext, "--language=Python", "--from-code=UTF-8", "--output=-"]
    command += [f"--keyword={keyword}" for keyword in XGETTEXT_KEYWORDS]
    result = subprocess.run(
        [*command, *files], cwd=root, capture_output=True, check=True, text=True
    )
    return {(entry.msgctxt or "", entry.msgid) for entry in polib.pofile(result.stdout)}


@pytest.mark.parametrize("language", CATALOGS)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    po = polib.pofile(str(catalog_path(language)))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert not po.obsolete_entries()
    forms = int(po.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    for entry in po:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == forms, entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_arabic_has_six_plural_forms() -> None:
    po = polib.pofile(str(catalog_path("ar")))
    assert po.metadata["Plural-Forms"].startswith("nplurals=6;")


@pytest.mark.parametrize("language", CATALOGS)
def test_translations_keep_the_placeholders_of_their_english(language: str) -> None:
    for entry in polib.pofile(str(catalog_path(language))):
        if entry.msgid_plural:
            # A form may leave the number out ("one day"), never add or rename a placeholder.
            allowed = placeholders(entry.msgid_plural) | placeholders(entry.msgid)
            for text in entry.msgstr_plural.values():
                assert placeholders(text) <= allowed, (entry.msgid, text)
        else:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid


@pytest.mark.parametrize("language", CATALOGS)
def test_the_committed_mo_file_is_compiled_from_the_po_file(language: str) -> None:
    po_path = catalog_path(language)
    assert po_path.with_suffix(".mo").read_bytes() == compiled(po_path), (
        f"{po_path.with_suffix('.mo')} is stale: run `manage.py catalogs_compile`"
    )


def test_every_message_of_the_code_is_in_every_catalog_and_no_other() -> None:
    found = source_messages(Path(settings.BASE_DIR))
    if found is None:
        pytest.skip("xgettext (GNU gettext) is not installed: the code cannot be scanned here")
    found.discard(("", ""))
    for language in CATALOGS:
        catalog = {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(catalog_path(language)))}
        assert found - catalog == set(), f"missing from {language}: run makemessages"
        assert catalog - found == set(), f"unused in {language}: run makemessages"
