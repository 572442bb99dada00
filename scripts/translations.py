"""Keeps the translation catalogues in step with the code (babel).

    python scripts/translations.py update    extract messages, merge them into vi.po, compile
    python scripts/translations.py compile   compile vi.po into vi.mo
    python scripts/translations.py missing   list the messages with no Vietnamese yet
    python scripts/translations.py fill F    add translations from F, a JSON {msgid: msgstr}

Message ids are the English strings in the code, marked with ``_()``, ``N_()`` or
``ngettext()``. The tests check that every message has a Vietnamese translation and that the
compiled catalogue matches the .po file.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "treem_desktop"
LOCALE = ROOT / "resources" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LANGUAGES = ("vi",)


def extract() -> Catalog:
    """Every message marked in the source, with where it is used."""
    catalog = Catalog(project="Treem Desktop", charset="utf-8")
    for filename, lineno, message, _comments, _context in extract_from_dir(
        SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message, locations=[(f"treem_desktop/{filename}", lineno)])
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "treem.po"


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = read_catalog(language) if path.exists() else Catalog(locale=language)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, ignore_obsolete=True)
    compile_all()


def compile_all() -> None:
    for language in LANGUAGES:
        catalog = read_catalog(language)
        po_path(language).with_suffix(".mo").write_bytes(compiled(catalog))


def untranslated(language: str) -> list[str]:
    """Message ids used in the code that have no translation (or only a fuzzy one)."""
    catalog = read_catalog(language)
    missing = []
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id)
        if found is None or not found.string or found.fuzzy:
            missing.append(str(message.id))
    return missing


def fill(json_file: str) -> None:
    import json

    wanted = json.loads(Path(json_file).read_text(encoding="utf-8"))
    catalog = read_catalog("vi")
    for message in catalog:
        if message.id in wanted:
            message.string = wanted[message.id]
            message.flags.discard("fuzzy")
    with po_path("vi").open("wb") as handle:
        write_po(handle, catalog, width=100, ignore_obsolete=True)
    compile_all()


def print_missing() -> None:
    for message in untranslated("vi"):
        print(message)


if __name__ == "__main__":
    commands = {"update": update, "compile": compile_all, "missing": print_missing}
    if sys.argv[1] == "fill":
        fill(sys.argv[2])
    else:
        commands[sys.argv[1]]()
