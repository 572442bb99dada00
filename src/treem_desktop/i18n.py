"""Translations for the whole application, usable without Qt.

Message ids are English; the Vietnamese catalogue (``resources/locale/vi``) is the default
language. Strings defined at import time are marked with :func:`N_` and translated where
they are shown, so that switching the language takes effect everywhere.
"""

from __future__ import annotations

import gettext
import struct
from pathlib import Path

from treem_desktop.paths import locale_dir

DOMAIN = "treem"
DEFAULT_LANGUAGE = "vi"
LANGUAGES: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


_catalogues: dict[str, gettext.NullTranslations] = {}


class UnknownLanguage(ValueError):
    """Raised for a language code the application has no catalogue for."""


class Catalogue(gettext.NullTranslations):
    """A compiled catalogue (``.mo``) read on demand, for the same answers as
    :class:`gettext.GNUTranslations`: a message is found by a binary search of the sorted
    originals (babel's ``write_mo`` sorts them) the first time it is asked for, instead of
    decoding all 1,400 at start-up (2.7 ms; tests/unit/test_i18n_catalogue.py)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._data = data = path.read_bytes()
        order = {0x950412DE: "<", 0xDE120495: ">"}.get(struct.unpack_from("<I", data)[0])
        if order is None or struct.unpack_from(order + "I", data, 4)[0] >> 16 > 1:
            raise OSError(0, "Bad magic number or unknown version", str(path))
        self._pair = struct.Struct(order + "2I")
        self._count, self._originals, self._translations = struct.unpack_from(order + "3I", data, 8)
        self._found: dict[str, str] = {}
        self._charset = "utf-8"
        self.plural = gettext.c2py("n != 1")
        self._read_header()

    def _read_header(self) -> None:
        if not self._count or self._original(0):
            return
        for line in self._translated(0).decode("utf-8", "replace").splitlines():
            name, _colon, value = line.partition(":")
            if name.strip().lower() == "content-type" and "charset=" in value:
                self._charset = value.split("charset=")[1].strip()
            elif name.strip().lower() == "plural-forms" and "plural=" in value:
                self.plural = gettext.c2py(value.split("plural=")[1].strip().rstrip(";"))

    def _entry(self, table: int, index: int) -> bytes:
        length, offset = self._pair.unpack_from(self._data, table + 8 * index)
        return self._data[offset : offset + length]

    def _original(self, index: int) -> bytes:
        return self._entry(self._originals, index)

    def _translated(self, index: int) -> bytes:
        return self._entry(self._translations, index)

    def _first_at_or_after(self, key: bytes) -> int:
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            if self._original(middle) < key:
                low = middle + 1
            else:
                high = middle
        return low

    def gettext(self, message: str) -> str:
        found = self._found.get(message)
        if found is None:
            found = self._look_up(message)
            self._found[message] = found
        return found

    def _look_up(self, message: str) -> str:
        """The translation, else a plural message's form for one, else ``message``."""
        key = message.encode(self._charset)
        index = self._first_at_or_after(key)  # "message" sorts just before "message\0plural"
        if index < self._count:
            original = self._original(index)
            if original == key:
                return self._translated(index).decode(self._charset)
            if original.startswith(key + b"\0"):
                return self._form(index, 1) or message
        return message

    def _form(self, index: int, n: int) -> str | None:
        forms = self._translated(index).decode(self._charset).split("\0")
        form = self.plural(n)
        return forms[form] if form < len(forms) else None

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        key = msgid1.encode(self._charset) + b"\0"
        index = self._first_at_or_after(key)
        if index < self._count and self._original(index).startswith(key):
            found = self._form(index, n)
            if found is not None:
                return found
        return msgid1 if n == 1 else msgid2


def catalogue(language: str) -> gettext.NullTranslations:
    """``language``'s catalogue, read once per process; English is the messages themselves."""
    found = _catalogues.get(language)
    if found is None:
        if language == "en":
            found = gettext.NullTranslations()
        else:
            path = locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
            if not path.is_file():
                raise FileNotFoundError(f"No translation file found for domain: {DOMAIN!r}")
            found = Catalogue(path)
        _catalogues[language] = found
    return found


def set_language(language: str) -> None:
    """Switch every later :func:`_` call to ``language`` (``vi`` or ``en``)."""
    global _translation, _language
    if language not in LANGUAGES:
        raise UnknownLanguage(language)
    _translation = catalogue(language)
    _language = language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction without translating it now."""
    return message


set_language(DEFAULT_LANGUAGE)
