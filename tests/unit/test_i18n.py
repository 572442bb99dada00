"""Translations: every message has Vietnamese, the catalogue is compiled, placeholders agree."""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path

import pytest

from treem_desktop.errors import MESSAGES, TreemError
from treem_desktop.i18n import LANGUAGES, UnknownLanguage, _, current_language, set_language

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "translations.py"
_SPEC = importlib.util.spec_from_file_location("translations", _SCRIPT)
assert _SPEC is not None and _SPEC.loader is not None
translations = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(translations)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_in_the_code_has_a_vietnamese_translation() -> None:
    assert translations.untranslated("vi") == []


def test_the_compiled_catalogue_matches_the_po_file() -> None:
    catalog = translations.read_catalog("vi")
    mo = translations.po_path("vi").with_suffix(".mo")
    assert mo.read_bytes() == translations.compiled(catalog), (
        "run: python scripts/translations.py compile"
    )


def test_translations_keep_the_placeholders_and_accelerators() -> None:
    catalog = translations.read_catalog("vi")
    for message in catalog:
        if not message.id or not message.string:
            continue
        assert fields(str(message.id)) == fields(str(message.string)), message.id
        assert ("&" in str(message.id)) == ("&" in str(message.string)), message.id


def test_default_is_vietnamese_and_english_is_available() -> None:
    assert current_language() == "vi"
    assert _("Settings") == "Cài đặt"
    set_language("en")
    assert _("Settings") == "Settings"
    assert set(LANGUAGES) == {"vi", "en"}


def test_unknown_language_is_refused() -> None:
    with pytest.raises(UnknownLanguage):
        set_language("fr")


@pytest.mark.parametrize("code", sorted(MESSAGES))
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_error_code_formats_in_both_languages(code: str, language: str) -> None:
    set_language(language)
    params = {name: f"<{name}>" for name in fields(MESSAGES[code])}
    text = TreemError(code, **params).message()
    assert all(f"<{name}>" in text for name in params)
    assert not re.search(r"\{\w+\}", text)


def test_an_unknown_error_code_is_a_bug() -> None:
    with pytest.raises(KeyError):
        TreemError("NO_SUCH_CODE")
