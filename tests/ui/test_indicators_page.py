"""Indicators: type a value, see met or not met, the trend, and the province's own targets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui.indicators.indicators_page import IndicatorsPage

PAGE_AT_1024 = (1024 - 190, 560 - 50)  # a 1024×600 screen less the taskbar, sidebar and menus
NUMERATOR, DENOMINATOR, RESULT, ASSESSMENT = 2, 3, 4, 5  # the grid's columns after unit, target
TARGETS = Path(__file__).resolve().parents[1] / "data" / "targets" / "ha-noi-138-2021-example.json"


def row_of(page: IndicatorsPage, indicator: str) -> int:
    assert page.grid is not None
    return next(
        r for r in range(page.grid.table.rowCount()) if page.grid.cell_id(r, 0)[0] == indicator
    )


def cell(page: IndicatorsPage, row: int, column: int) -> str:
    assert page.grid is not None
    item = page.grid.table.item(row, column)
    assert item is not None
    return item.text()


def test_typing_a_value_gives_its_assessment_and_trend(qtbot: QtBot, workspace: Workspace) -> None:
    ind.import_values(workspace, "2024", {"ct05a": 95.5})
    page = IndicatorsPage(workspace, year=2025)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    assert page.period() == "2025"
    assert page.grid is not None
    row = row_of(page, "ct05a")
    assert cell(page, row, 1) == "≥ 97%"  # the 2025 target of Decision 23
    assert page.grid.type_into(row, RESULT, "96,4")
    assert cell(page, row, ASSESSMENT) == "Không đạt"
    assert page.grid.type_into(row, RESULT, "97,2")
    assert cell(page, row, ASSESSMENT) == "Đạt"
    assert ind.values(workspace, "2025")["ct05a"] == 97.2
    page.grid.table.setCurrentCell(row, RESULT)
    chart = page.chart.chart
    assert chart is not None
    assert [(p.period, p.value) for p in chart.points] == [("2024", 95.5), ("2025", 97.2)]
    assert chart.target == 97


def test_a_lower_is_better_indicator(qtbot: QtBot, workspace: Workspace) -> None:
    page = IndicatorsPage(workspace, year=2025)
    qtbot.addWidget(page)
    assert page.grid is not None
    row = row_of(page, "ct03a")  # neonatal mortality, < 9.5 per 1,000 in 2025
    assert page.grid.type_into(row, RESULT, "9,4")
    assert cell(page, row, ASSESSMENT) == "Đạt"
    assert page.grid.type_into(row, RESULT, "9,5")
    assert cell(page, row, ASSESSMENT) == "Không đạt"
    assert not page.grid.type_into(row, RESULT, "-1")


def test_the_provinces_targets_replace_the_national_ones(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = IndicatorsPage(workspace, year=2025)
    qtbot.addWidget(page)
    national = cell(page, row_of(page, "ct04a"), 1)
    page.import_targets(TARGETS)
    province = cell(page, row_of(page, "ct04a"), 1)
    assert national == "< 9%" and province != national
    assert "Hà Nội, 138/KH-UBND" in page.targets_label.text()
    assert "ha-noi" not in page.targets_label.text()  # the file's id only in the tooltip


def open_page(
    qtbot: QtBot, workspace: Workspace, size: tuple[int, int] = (1100, 700)
) -> IndicatorsPage:
    page = IndicatorsPage(workspace, year=2025)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def type_in_result(qtbot: QtBot, page: IndicatorsPage, indicator: str, text: str) -> None:
    """Put the cursor on the result of ``indicator`` and type ``text`` key by key."""
    assert page.grid is not None
    page.grid.table.setFocus()
    page.grid.table.setCurrentCell(row_of(page, indicator), RESULT)
    saved = ind.values(page.workspace, "2025").get(indicator)
    for char in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        type_into(widget, char)
        assert ind.values(page.workspace, "2025").get(indicator) == saved  # not mid-typing


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def test_typing_150_saves_150_never_15(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace)
    type_in_result(qtbot, page, "ct11a", "150")  # injuries per 100,000 children
    press(qtbot, Qt.Key.Key_Return)
    assert ind.values(workspace, "2025")["ct11a"] == 150
    assert cell(page, row_of(page, "ct11a"), RESULT) == "150"


def test_a_refused_value_keeps_the_saved_one_and_says_why_in_words(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ind.import_values(workspace, "2025", {"ct11a": 120.5})
    page = open_page(qtbot, workspace)
    assert page.grid is not None
    row = row_of(page, "ct11a")
    for typed, reason in (("abc", "phải là một số"), ("-3", "không được là số âm")):
        page.grid.table.setFocus()
        page.grid.table.setCurrentCell(row, RESULT)
        for char in typed:
            widget = QApplication.focusWidget()
            assert widget is not None
            type_into(widget, char)
        press(qtbot, Qt.Key.Key_Tab)
        assert ind.values(workspace, "2025")["ct11a"] == 120.5  # the last good value
        assert cell(page, row, RESULT) == typed  # what was typed stays in the cell, marked
        message = page.grid.message.text()
        assert message.startswith("11a. Tỷ suất trẻ em bị tai nạn thương tích"), message
        assert f"“{typed}” chưa được lưu: {reason}" in message
        assert "Giá trị đang lưu vẫn là 120,5" in message
        assert "ct11a" not in message and page.grid.message.isVisible()


def test_ctrl_z_on_the_page_undoes_the_last_saved_value(qtbot: QtBot, workspace: Workspace) -> None:
    ind.import_values(workspace, "2025", {"ct05a": 95.5})
    page = open_page(qtbot, workspace)
    assert page.grid is not None
    type_in_result(qtbot, page, "ct05a", "97,2")
    press(qtbot, Qt.Key.Key_Return)
    assert ind.values(workspace, "2025")["ct05a"] == 97.2
    page.half_box.setFocus()  # elsewhere on the page
    qtbot.waitUntil(page.half_box.hasFocus)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ind.values(workspace, "2025")["ct05a"] == 95.5
    assert cell(page, row_of(page, "ct05a"), RESULT) == "95,5"
    press(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert ind.values(workspace, "2025")["ct05a"] == 97.2


def test_at_1024_by_600_the_result_column_shows_and_the_chart_is_a_quarter(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace, PAGE_AT_1024)
    assert page.grid is not None
    table = page.grid.table
    viewport = table.viewport().rect()

    def shows(r: int, c: int) -> bool:
        rect = table.visualRect(table.model().index(r, c))
        return rect.left() >= viewport.left() and rect.right() <= viewport.right()

    columns = (NUMERATOR, DENOMINATOR, RESULT)  # every column typed into
    qtbot.waitUntil(lambda: all(shows(r, c) for r in range(table.rowCount()) for c in columns))
    assert page.chart.height() <= page.height() // 3
    texts = [b for b in (page.targets_button, page.packet_button, page.chart_button)]
    for button in texts:  # no button text is cut
        assert button.width() >= button.sizeHint().width(), button.text()


def test_the_chart_can_be_hidden_and_stays_hidden(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace)
    assert page.chart.isVisible()
    qtbot.mouseClick(page.chart_button, Qt.MouseButton.LeftButton)
    assert not page.chart.isVisible() and page.chart_button.text() == "Hiện &biểu đồ xu hướng"
    again = open_page(qtbot, workspace)
    assert not again.chart.isVisible()
    qtbot.mouseClick(again.chart_button, Qt.MouseButton.LeftButton)
    assert again.chart.isVisible() and ind.chart_shown(workspace)


def test_the_page_shows_only_the_communes_own_indicators_and_says_which_are_not(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """The demo commune is a xã: not indicators 1 and 21 (a share of communes), and of 4c the
    rural row only; a line under the grid names those left out."""
    page = IndicatorsPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.resize(*PAGE_AT_1024)
    page.show()
    assert page.grid is not None
    shown = {page.grid.cell_id(r, 0)[0] for r in range(page.grid.table.rowCount())}
    assert {"ct02", "ct04c-rural", "ct24"} <= shown
    assert shown.isdisjoint({"ct01", "ct21", "ct04c-urban"})
    assert page.scope_label.isVisible()
    assert page.scope_label.text() == (
        "Không hiện các chỉ tiêu do tỉnh, trung ương tính hoặc thuộc khu vực khác: "
        "1, 4c (khu vực thành thị), 21."
    )
    page.grab().save("/tmp/h10/indicators-page.png")
