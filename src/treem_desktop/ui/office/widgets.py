"""Small helpers for the office's widgets."""

from __future__ import annotations

from typing import TypeVar

from treem_desktop.ui.qt import QLabel, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name set (tests and style sheets find it by it)."""
    widget.setObjectName(name)
    return widget


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
