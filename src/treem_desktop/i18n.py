"""Translations for the whole application, usable without Qt.

Message ids are English; the Vietnamese catalogue (``resources/locale/vi``) is the default
language. Strings defined at import time are marked with :func:`N_` and translated where
they are shown, so that switching the language takes effect everywhere.
"""

from __future__ import annotations

import gettext

from treem_desktop.paths import locale_dir

DOMAIN = "treem"
DEFAULT_LANGUAGE = "vi"
LANGUAGES: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


class UnknownLanguage(ValueError):
    """Raised for a language code the application has no catalogue for."""


def set_language(language: str) -> None:
    """Switch every later :func:`_` call to ``language`` (``vi`` or ``en``)."""
    global _translation, _language
    if language not in LANGUAGES:
        raise UnknownLanguage(language)
    if language == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, locale_dir(), languages=[language])
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
