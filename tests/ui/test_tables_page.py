"""Bảng 2.1 filled for 2012–2020 with the keyboard only; the values are stored."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.commune import tables as tb
from treem_desktop.commune.workspace import Workspace
from treem_desktop.storage import form_repo
from treem_desktop.ui.indicators.tables_page import TablesPage

FORM = "report-1555-2020"
COLUMNS = ("chien-dich", "doi-tuong", "kinh-phi", "ho-tro-tre-em", "san-pham")


def keys(text: str) -> None:
    for char in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        type_into(widget, char)


def press(qtbot: QtBot, key: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key)


def open_page(qtbot: QtBot, workspace: Workspace, table: str) -> TablesPage:
    page = TablesPage(workspace)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.select(table)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def test_fill_table_2_1_for_2012_to_2020_by_keyboard(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "b2-1")
    assert page.grid is not None
    table = page.grid.table
    assert table.rowCount() == 9 and table.columnCount() == 5
    table.setFocus()
    table.setCurrentCell(0, 0)
    expected: dict[str, int] = {}
    for index, year in enumerate(range(2012, 2021)):
        row_values = [index + 1, 100 * (index + 1), 15000 + index, index, 2 * index]
        for column, value in zip(COLUMNS, row_values, strict=True):
            keys(f"{value:,}".replace(",", ".") if column == "kinh-phi" else str(value))
            press(qtbot, Qt.Key.Key_Tab)
            expected[f"b2-1.{year}.{column}"] = value
        assert table.currentRow() == index + 1 or index == 8  # Tab wraps to the next year
    stored = form_repo.load_values(workspace.conn, FORM, "")
    assert {k: v for k, v in stored.items() if k.startswith("b2-1.")} == expected
    item = table.item(3, 2)
    assert (
        item is not None and item.text() == "15.003"
    )  # money in thousand đồng, shown the Vietnamese way


def test_table_2_3_computes_1c_and_refuses_a_negative(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "b2-3")
    assert page.grid is not None
    grid = page.grid
    rows = [grid.cell_id(r, 0)[0] for r in range(grid.table.rowCount())]
    commune = rows.index("2012-2015-xa")
    assert grid.type_into(commune, 0, "1") and grid.type_into(commune, 1, "2")
    total = grid.table.item(commune, 2)
    assert total is not None and total.text() == "3"
    assert not grid.type_into(commune, 4, "-1")
    assert "không được là số âm" in grid.message.text()
    assert not grid.editable(commune, 2)  # (1c) is computed


def test_a_list_table_offers_rows_and_exports(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    page = open_page(qtbot, workspace, "b1-1")
    assert page.grid is not None
    grid = page.grid
    assert grid.table.rowCount() == tb.SPARE_ROWS
    assert grid.type_into(0, 0, "Kế hoạch 05/KH-UBND thực hiện Chương trình 1555")
    assert grid.type_into(0, 2, "05/01/2016")
    assert not grid.type_into(0, 2, "31/02/2016")
    target = tmp_path / "bang-1-1.xlsx"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.status.text().startswith("Đã ghi bảng"), timeout=15000)
    import openpyxl

    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(t.startswith("Bảng 1.1.") for t in texts)
    assert "Kế hoạch 05/KH-UBND thực hiện Chương trình 1555" in texts


def column_shows(table: QTableWidget, column: int) -> bool:
    """Every cell of ``column`` lies within the visible width (no scrolling sideways)."""
    viewport = table.viewport().rect()
    rects = [table.visualRect(table.model().index(r, column)) for r in range(table.rowCount())]
    return all(r.left() >= viewport.left() and r.right() <= viewport.right() for r in rects)


def test_at_1024_by_600_every_table_shows_its_first_entry_column(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace, "b2-1")
    page.resize(1024 - 190, 560 - 50)  # a 1024×600 screen less the taskbar, sidebar and menus
    assert page.minimumSizeHint().width() <= 1024 - 190  # the table list does not widen it
    for index in range(page.table_box.count()):
        page.table_box.setCurrentIndex(index)
        grid = page.grid
        assert grid is not None
        rows, columns = range(grid.table.rowCount()), range(grid.table.columnCount())
        first = next(c for c in columns if any(grid.editable(r, c) for r in rows))
        qtbot.waitUntil(partial(column_shows, grid.table, first))
        assert page.width() <= 1024 - 190, page.table_box.currentText()


def test_ctrl_z_on_the_page_undoes_the_last_saved_cell(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace, "b2-1")
    assert page.grid is not None
    table = page.grid.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    keys("3")
    press(qtbot, Qt.Key.Key_Return)
    keys("4")
    press(qtbot, Qt.Key.Key_Return)
    page.table_box.setFocus()
    qtbot.waitUntil(page.table_box.hasFocus)
    qtbot.keyClick(page.table_box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    stored = form_repo.load_values(workspace.conn, FORM, "")
    assert stored == {"b2-1.2012.chien-dich": 3}
    item = table.item(1, 0)
    assert item is not None and item.text() == ""


def test_a_refused_cell_names_its_row_and_column_in_words(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace, "b2-3")
    assert page.grid is not None
    grid = page.grid
    rows = [grid.cell_id(r, 0)[0] for r in range(grid.table.rowCount())]
    assert not grid.type_into(rows.index("2012-2015-xa"), 0, "ba")
    message = grid.message.text()
    assert message.startswith("Giai đoạn 2012 - 2015, Xã, Chuyên trách (1a): “ba” chưa được lưu")
    assert "b2-3" not in message and "2012-2015-xa" not in message
