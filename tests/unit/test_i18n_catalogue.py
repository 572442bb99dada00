"""The catalogue read on demand (i18n.Catalogue) answers as gettext's own reader of the whole
file does: for every message of the shipped catalogue, for plural forms and for misses."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from treem_desktop.i18n import DOMAIN, Catalogue
from treem_desktop.paths import locale_dir

SHIPPED = locale_dir() / "vi" / "LC_MESSAGES" / f"{DOMAIN}.mo"


def compiled(tmp_path: Path, catalog: Catalog) -> Path:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    path = tmp_path / "x.mo"
    path.write_bytes(buffer.getvalue())
    return path


def test_every_shipped_message_reads_as_gettext_reads_it() -> None:
    whole = gettext.GNUTranslations(SHIPPED.open("rb"))
    on_demand = Catalogue(SHIPPED)
    messages = [key for key in whole._catalog if isinstance(key, str)]  # type: ignore[attr-defined]
    assert len(messages) > 1000
    for message in messages:
        assert on_demand.gettext(message) == whole.gettext(message), message
        assert on_demand.gettext(message) == whole.gettext(message), message  # remembered


@pytest.mark.parametrize(
    "message", ["", "Settings ", "settings", "Zzz", "Áo", "a\x00b", "Cài đặt", "\U0001f600"]
)
def test_a_message_not_in_the_catalogue_reads_as_gettext_reads_it(message: str) -> None:
    whole = gettext.GNUTranslations(SHIPPED.open("rb"))
    assert Catalogue(SHIPPED).gettext(message) == whole.gettext(message)


def test_plural_forms_follow_the_catalogues_rule(tmp_path: Path) -> None:
    catalog = Catalog(locale="fr")  # two forms: n > 1
    catalog.add(("{n} file", "{n} files"), ("{n} fichier", "{n} fichiers"))
    catalog.add("file", "fichier")
    catalog.add("Áo", "áo dài")
    path = compiled(tmp_path, catalog)
    whole = gettext.GNUTranslations(path.open("rb"))
    on_demand = Catalogue(path)
    for n in (0, 1, 2, 5):
        expected = whole.ngettext("{n} file", "{n} files", n)
        assert on_demand.ngettext("{n} file", "{n} files", n) == expected
        assert on_demand.ngettext("{n} dir", "{n} dirs", n) == whole.ngettext(
            "{n} dir", "{n} dirs", n
        )
    for message in ("file", "Áo", "{n} file", "fil", "filez"):
        assert on_demand.gettext(message) == whole.gettext(message), message


def test_a_file_that_is_no_catalogue_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.mo"
    path.write_bytes(b"not a catalogue at all")
    with pytest.raises(OSError):
        Catalogue(path)
