"""The keyboard focus is clearly visible: contrast of at least 3:1 (issue 12, item 10).

Each kind of widget an officer tabs through is given the keyboard, drawn, and the colour at
its edge measured against the window's background with the WCAG contrast formula.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from treem_desktop.ui.looks import FOCUS_STYLE, show_keyboard_focus

MINIMUM_CONTRAST = 3.0


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2.x)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


@pytest.fixture
def focus_shown(qapp: QApplication) -> Iterator[None]:
    before = qapp.styleSheet()
    show_keyboard_focus(qapp)
    yield
    qapp.setStyleSheet(before)  # other tests draw without it


def with_items(widget: QWidget) -> QWidget:
    if isinstance(widget, QComboBox | QListWidget):
        widget.addItems(["có", "không"])
    return widget


KINDS: list[Callable[[], QWidget]] = [
    QLineEdit,
    QPlainTextEdit,
    QComboBox,
    QDateEdit,
    lambda: QPushButton("Lưu"),
    QListWidget,
    lambda: QTableWidget(2, 2),
]


@pytest.mark.parametrize("make", KINDS)
def test_the_focused_widget_has_a_mark_of_3_to_1(
    qtbot: QtBot, qapp: QApplication, focus_shown: None, make: Callable[[], QWidget]
) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    widget = with_items(make())
    layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.wait(50)
    image = widget.grab().toImage()
    edge = QColor(image.pixel(1, image.height() // 2))  # the left edge, halfway down
    background = window.palette().color(QPalette.ColorRole.Window)
    assert contrast(edge, background) >= MINIMUM_CONTRAST, (edge.name(), background.name())


def test_the_focus_style_is_set_once(qapp: QApplication, focus_shown: None) -> None:
    show_keyboard_focus(qapp)
    assert qapp.styleSheet().count(FOCUS_STYLE) == 1
