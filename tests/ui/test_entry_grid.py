"""The entry grid by keyboard: typing saves, Enter goes down, Tab goes right, states show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.errors import TreemError
from treem_desktop.ui.grid import EntryGrid, GridColumn, GridRow


class MemorySource:
    """Two whole-number columns and their sum; rows 2024–2026 and a totals row."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], int] = {}
        self.comments: dict[tuple[str, str], str] = {}

    def rows(self) -> list[GridRow]:
        return [GridRow(str(y), str(y)) for y in (2024, 2025, 2026)] + [
            GridRow("total", "Tổng", computed=True)
        ]

    def columns(self) -> list[GridColumn]:
        return [
            GridColumn("a", "Số chiến dịch", "(1)"),
            GridColumn("b", "Số người", "(2)"),
            GridColumn("sum", "Cộng", "(3)", computed=True),
        ]

    def text(self, row: str, column: str) -> str:
        if row == "total":
            rows = ("2024", "2025", "2026")
            cols = ("a", "b") if column == "sum" else (column,)
            return str(sum(self.values.get((r, c), 0) for r in rows for c in cols))
        if column == "sum":
            return str(self.values.get((row, "a"), 0) + self.values.get((row, "b"), 0))
        value = self.values.get((row, column))
        return "" if value is None else str(value)

    def tone(self, row: str, column: str) -> str | None:
        return "#0d652d" if column == "sum" else None

    def store(self, row: str, column: str, raw: str) -> None:
        if row == "total":
            raise TreemError("INPUT_NOT_NUMBER", input=column, label="")
        if raw.strip() == "":
            self.values.pop((row, column), None)
            return
        if not raw.strip().isdigit():
            raise TreemError("INPUT_NOT_WHOLE", input=f"{row}.{column}", label="số nguyên")
        self.values[(row, column)] = int(raw)

    def comment(self, row: str, column: str) -> str:
        return self.comments.get((row, column), "")

    def store_comment(self, row: str, column: str, text: str) -> None:
        self.comments[(row, column)] = text


def make(qtbot: QtBot) -> tuple[EntryGrid, MemorySource]:
    source = MemorySource()
    grid = EntryGrid(source)
    qtbot.addWidget(grid)
    grid.resize(600, 300)
    grid.show()
    grid.activateWindow()
    qtbot.waitUntil(grid.isActiveWindow)
    grid.table.setFocus()
    grid.table.setCurrentCell(0, 0)
    return grid, source


def keys(qtbot: QtBot, text: str) -> None:
    """Type each character into whatever has the focus (the first one opens the editor)."""
    for char in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        type_into(widget, char)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def test_enter_moves_down_tab_moves_right_and_each_keystroke_saves(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    keys(qtbot, "12")
    assert source.values[("2024", "a")] == 12  # saved while typing, before Enter
    press(qtbot, Qt.Key.Key_Return)
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (1, 0)
    keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Tab)
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (1, 1)
    keys(qtbot, "300")
    press(qtbot, Qt.Key.Key_Return)
    assert source.values == {("2024", "a"): 12, ("2025", "a"): 7, ("2025", "b"): 300}
    item = grid.table.item(1, 2)
    assert item is not None and item.text() == "307"  # the row's computed sum
    total = grid.table.item(3, 0)
    assert total is not None and total.text() == "19"  # the totals row


def test_arrows_move_and_computed_cells_cannot_be_edited(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    assert grid.table.currentColumn() == 2
    keys(qtbot, "5")
    assert source.values == {}
    assert not grid.editable(0, 2) and not grid.editable(3, 0)


def test_an_invalid_cell_is_marked_and_nothing_is_saved(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    keys(qtbot, "4")
    keys(qtbot, "x")
    assert source.values[("2024", "a")] == 4  # the last valid value stays saved
    assert "số nguyên" in grid.message.text()
    assert "số nguyên" in grid.problem(0, 0)
    press(qtbot, Qt.Key.Key_Backspace)
    assert grid.problem(0, 0) == "" and grid.message.text() == ""


def test_a_comment_can_be_attached_to_a_cell(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    grid.set_comment(0, 1, "Số liệu ước tính từ báo cáo thôn")
    assert source.comments[("2024", "b")] == "Số liệu ước tính từ báo cáo thôn"
    item = grid.table.item(0, 1)
    assert item is not None and item.toolTip() == "Số liệu ước tính từ báo cáo thôn"


def test_an_invalid_keystroke_does_not_wipe_what_is_being_typed(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    keys(qtbot, "1x")  # "1x" is refused while typing...
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "1x"
    press(qtbot, Qt.Key.Key_Backspace)
    keys(qtbot, "5")
    assert editor.text() == "15" and source.values[("2024", "a")] == 15
