"""The backend's catalogs are complete, consistent with the code, and compiled (core/catalogs.py)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings

from core.catalogs import CATALOGS, catalog_path, compiled, placeholders, source_messages


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
