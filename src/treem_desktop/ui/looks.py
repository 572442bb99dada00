"""Fonts and colours set through QFont and QPalette.

Colours and fonts go through them, not style sheets: the application's one sheet (the keyboard
focus mark, :func:`show_keyboard_focus`) is set before the main window's widgets are made, so
that Qt polishes each widget once with it instead of polishing the whole window again.
"""

from __future__ import annotations

from treem_desktop.ui.qt import QApplication, QColor, QPalette, QWidget


def set_font(widget: QWidget, *, point_size: float | None = None, bold: bool = False) -> None:
    font = widget.font()
    if point_size is not None:
        font.setPointSizeF(point_size)
    font.setBold(bold)
    widget.setFont(font)


def set_colours(
    widget: QWidget, *, foreground: str | None = None, background: str | None = None
) -> None:
    palette = widget.palette()
    if foreground is not None:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
    if background is not None:
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        widget.setAutoFillBackground(True)
    widget.setPalette(palette)


FOCUS_COLOUR = "#0b57d0"
"""The keyboard focus mark: 5.5:1 against the window's grey, 6.4:1 against white."""

FOCUS_STYLE = f"""
QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus {{
    border: 2px solid {FOCUS_COLOUR};
}}
QListView, QTreeView, QTableView, QPlainTextEdit, QTextEdit {{
    border: 1px solid palette(mid);
    padding: 1px;
}}
QListView:focus, QTreeView:focus, QTableView:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 2px solid {FOCUS_COLOUR};
    padding: 0px;
}}
QPushButton:focus, QToolButton:focus {{
    border: 2px solid {FOCUS_COLOUR};
    border-radius: 3px;
    background-color: palette(button);
    padding: 3px 10px;
}}
QCheckBox:focus, QRadioButton:focus {{
    border: 2px solid {FOCUS_COLOUR};
}}
"""


def show_keyboard_focus(app: QApplication) -> None:
    """Mark the widget holding the keyboard with a clear border (issue 12, item 10).

    The one style sheet of the application; its rules apply to the focused widget (lists
    and text boxes keep a frame as wide as the mark, so that it is not drawn under their
    contents), and every other widget keeps the platform's look.
    """
    if FOCUS_STYLE not in app.styleSheet():
        app.setStyleSheet(app.styleSheet() + FOCUS_STYLE)
