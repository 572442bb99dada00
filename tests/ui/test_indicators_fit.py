"""The indicators page on a 1024×600 laptop: the grid keeps most of the height (the notes sit
beside the chart, not under it) and the notes never overlap, they scroll."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui.indicators.indicators_page import IndicatorsPage
from treem_desktop.ui.qt import QLabel

PAGE_AT_1024 = (810, 470)  # the page's part of a 1024×560 window (sidebar, menu, status off)


def test_the_grid_keeps_most_of_a_small_screen_and_the_notes_do_not_overlap(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ind.import_values(workspace, "2024", {"ct05a": 95.5})
    page = IndicatorsPage(workspace, year=2025)
    qtbot.addWidget(page)
    page.resize(*PAGE_AT_1024)
    page.show()
    qtbot.waitExposed(page)
    assert page.grid is not None and page.chart.isVisible()
    table = page.grid.table
    rate = next(
        r
        for r in range(table.rowCount())
        if "5a." in (table.verticalHeaderItem(r) or table.item(r, 0) or QLabel()).text()
    )
    table.setCurrentCell(rate, 3)  # a rate: its numerator and denominator are named below
    table.scrollToTop()
    visible_rows = sum(
        1
        for row in range(table.rowCount())
        if table.rowViewportPosition(row) >= 0
        and table.rowViewportPosition(row) + table.rowHeight(row) <= table.viewport().height()
    )
    assert visible_rows >= 4, visible_rows  # 2 when four lines of notes sat under the chart
    notes = [
        label
        for label in page.findChildren(QLabel)
        if label.objectName().startswith("indicator_") and label.isVisible() and label.text()
    ]
    assert len(notes) >= 3
    boxes = sorted((label.mapTo(page, label.rect().topLeft()).y(), label) for label in notes)
    for (top, upper), (next_top, _lower) in zip(boxes, boxes[1:], strict=False):
        assert top + upper.height() <= next_top, upper.text()  # one under the other, whole
