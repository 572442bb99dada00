"""Fonts and colours set through QFont and QPalette.

Style sheets are avoided on the start-up path: the first one makes Qt build a style-sheet
style and re-polish, which cost about 9 ms before the main window could show.
"""

from __future__ import annotations

from treem_desktop.ui.qt import QColor, QPalette, QWidget


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
