"""Small text helpers for Vietnamese: folding diacritics for search, cleaning names."""

from __future__ import annotations

import unicodedata

_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics: ``"Tân Lập"`` → ``"tan lap"``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def clean(text: str) -> str:
    """``text`` in NFC with its whitespace collapsed (what is stored for names)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def has_unprintable(text: str) -> bool:
    """True when ``text`` holds control or other non-printing characters."""
    return any(unicodedata.category(ch).startswith("C") for ch in text)
