"""The key card asks for fonts Windows has (Times New Roman, Consolas) and falls back to
their Linux twins here: whatever the system, the card prints in a serif with Vietnamese
letters and the fingerprint in a fixed-pitch font."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics

from treem_desktop.ui.key_card import MONO_FAMILIES, SERIF_FAMILIES, card_font


def test_windows_fonts_come_first_and_a_present_one_is_used(qapp: object) -> None:
    serif, mono = card_font(), card_font(monospace=True)
    assert serif.families()[0] == "Times New Roman" and "Liberation Serif" in serif.families()
    assert mono.families()[:2] == ["Consolas", "Courier New"]
    installed = set(QFontDatabase.families())
    assert QFontInfo(serif).family() in installed
    assert any(family in installed for family in SERIF_FAMILIES)
    assert any(family in installed for family in MONO_FAMILIES)


def test_the_fingerprint_font_has_a_fixed_pitch_and_the_text_font_vietnamese(qapp: object) -> None:
    assert QFontInfo(card_font(monospace=True)).fixedPitch()
    metrics = QFontMetrics(card_font())
    assert all(metrics.inFontUcs4(ord(letter)) for letter in "ỦẬĐƯỜỢẾỄỶ")
