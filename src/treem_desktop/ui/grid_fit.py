"""Fitting an entry grid into a small screen: the row labels wrap so the entry column shows.

On a 1024×600 laptop the labels of the indicators (up to 150 characters) would push the
column the officer types into off the screen. The label column takes what the columns leave,
between a floor and a cap, and each row grows to show its whole label on several lines.
"""

from __future__ import annotations

from treem_desktop.ui.qt import QRect, Qt, QTableWidget

MIN_LABEL_WIDTH = 160
LABEL_PADDING = 14
ROW_PADDING = 10


def label_width(table: QTableWidget, available: int, cap: int, first_entry: int) -> int:
    """The label column's width: its natural width, narrowed so every column fits, or at least
    the columns up to the first one the officer types into (``first_entry``)."""
    metrics = table.verticalHeader().fontMetrics()
    labels = [_label(table, r) for r in range(table.rowCount())]
    widest = max((metrics.horizontalAdvance(t) for t in labels), default=0)
    natural = widest + LABEL_PADDING + 8  # the header's own margins, and a little air
    natural = max(min(natural, cap), MIN_LABEL_WIDTH // 2)
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    for needed in (sum(widths), sum(widths[: first_entry + 1])):
        if available - needed >= MIN_LABEL_WIDTH or needed == 0:
            return min(natural, max(available - needed, MIN_LABEL_WIDTH))
    return min(natural, MIN_LABEL_WIDTH)


def fit_row_heights(table: QTableWidget, width: int) -> None:
    """Each row as tall as its label wrapped in ``width`` (one line at least)."""
    header = table.verticalHeader()
    metrics = header.fontMetrics()
    base = header.defaultSectionSize()
    flags = int(Qt.TextFlag.TextWordWrap)
    for r in range(table.rowCount()):
        box = metrics.boundingRect(
            QRect(0, 0, width - LABEL_PADDING, 10_000), flags, _label(table, r)
        )
        table.setRowHeight(r, max(base, box.height() + ROW_PADDING))


def _label(table: QTableWidget, r: int) -> str:
    item = table.verticalHeaderItem(r)
    return item.text() if item is not None else ""
