"""The indicators grid takes a rate's numerator and denominator, key by key, and shows the rate
computed from them; a count has nowhere to type them; a rate typed alone is marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui.indicators.indicators_page import IndicatorsPage

NUMERATOR, DENOMINATOR, RESULT, ASSESSMENT = 2, 3, 4, 5
PAGE_AT_1024 = (1024 - 190, 560 - 50)


def open_page(qtbot: QtBot, workspace: Workspace) -> IndicatorsPage:
    page = IndicatorsPage(workspace, year=2025)
    qtbot.addWidget(page)
    page.resize(*PAGE_AT_1024)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def row_of(page: IndicatorsPage, indicator: str) -> int:
    assert page.grid is not None
    rows = [page.grid.cell_id(r, 0)[0] for r in range(page.grid.table.rowCount())]
    return rows.index(indicator)


def cell(page: IndicatorsPage, row: int, column: int) -> str:
    assert page.grid is not None
    item = page.grid.table.item(row, column)
    assert item is not None
    return item.text()


def type_keys(qtbot: QtBot, page: IndicatorsPage, row: int, column: int, text: str) -> None:
    """Put the cursor on a cell, type ``text`` key by key and press Tab."""
    assert page.grid is not None
    page.grid.table.setFocus()
    page.grid.table.setCurrentCell(row, column)
    for char in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        type_into(widget, char)
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def test_typing_numerator_and_denominator_shows_and_saves_the_rate(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace)
    row = row_of(page, "ct05a")  # under-1s fully immunised: target ≥ 97 % in 2025
    page.grid.table.setCurrentCell(row, NUMERATOR)  # type: ignore[union-attr]
    assert page.parts_label.isVisible()
    assert page.parts_label.text() == (
        "Tử số: Số trẻ em dưới 1 tuổi được tiêm chủng đầy đủ 8 loại vắc xin · "
        "Mẫu số: Tổng số trẻ em dưới 1 tuổi"
    )
    assert page.parts_label.toolTip() == "Cách diễn đạt của Treem, không phải văn bản chính thức."
    type_keys(qtbot, page, row, NUMERATOR, "195")
    assert cell(page, row, RESULT) == ""  # one part is not a rate yet
    type_keys(qtbot, page, row, DENOMINATOR, "200")
    assert ind.values(workspace, "2025")["ct05a"] == 97.5
    assert (cell(page, row, NUMERATOR), cell(page, row, DENOMINATOR)) == ("195", "200")
    assert cell(page, row, RESULT) == "97,5" and cell(page, row, ASSESSMENT) == "Đạt"
    page.grid.undo()  # type: ignore[union-attr]
    assert cell(page, row, DENOMINATOR) == "" and cell(page, row, RESULT) == ""
    assert "ct05a" not in ind.values(workspace, "2025")


def test_a_share_above_its_denominator_is_refused_in_words(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace)
    row = row_of(page, "ct14")
    type_keys(qtbot, page, row, DENOMINATOR, "40")
    type_keys(qtbot, page, row, NUMERATOR, "41")
    assert page.grid is not None
    assert cell(page, row, NUMERATOR) == "41"  # what was typed stays, marked
    message = page.grid.message.text()
    assert "“41” chưa được lưu: tử số không được lớn hơn mẫu số." in message, message
    assert ind.stored_parts(workspace, "2025") == {"ct14": {"denominator": 40}}


def test_a_count_has_no_parts_and_a_rate_alone_is_marked(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ind.import_values(workspace, "2025", {"ct14": 92.5})
    page = open_page(qtbot, workspace)
    assert page.grid is not None
    ct13 = row_of(page, "ct13")
    assert not page.grid.editable(ct13, NUMERATOR) and not page.grid.editable(ct13, DENOMINATOR)
    assert page.grid.editable(ct13, RESULT) and page.grid.editable(row_of(page, "ct14"), NUMERATOR)
    assert page.rate_only_label.isVisible()
    assert "(14)" in page.rate_only_label.text()
    item = page.grid.table.item(row_of(page, "ct14"), RESULT)
    assert item is not None and item.foreground().color().name() == "#8a4b00"
    row = row_of(page, "ct14")
    type_keys(qtbot, page, row, NUMERATOR, "37")
    type_keys(qtbot, page, row, DENOMINATOR, "40")
    assert cell(page, row, RESULT) == "92,5" and not page.rate_only_label.isVisible()
