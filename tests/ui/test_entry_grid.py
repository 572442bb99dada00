"""The entry grid by keyboard: a value is saved when its edit ends, refused ones say why in
words, Ctrl+Z undoes, Enter goes down, Tab goes right, long labels wrap."""

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
        self.stored: list[str] = []  # every value the grid asked to save

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
        self.stored.append(raw)
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


def make(qtbot: QtBot, source: MemorySource | None = None) -> tuple[EntryGrid, MemorySource]:
    source = source or MemorySource()
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


def shown(grid: EntryGrid, r: int, c: int) -> str:
    item = grid.table.item(r, c)
    assert item is not None
    return item.text()


def test_enter_moves_down_tab_moves_right_and_the_value_is_saved_when_the_edit_ends(
    qtbot: QtBot,
) -> None:
    grid, source = make(qtbot)
    keys(qtbot, "12")
    assert source.values == {}  # nothing saved while typing
    press(qtbot, Qt.Key.Key_Return)
    assert source.values[("2024", "a")] == 12
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (1, 0)
    keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Tab)
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (1, 1)
    keys(qtbot, "300")
    press(qtbot, Qt.Key.Key_Return)
    assert source.values == {("2024", "a"): 12, ("2025", "a"): 7, ("2025", "b"): 300}
    assert shown(grid, 1, 2) == "307"  # the row's computed sum
    assert shown(grid, 3, 0) == "19"  # the totals row


def test_typing_150_saves_150_and_never_a_prefix(qtbot: QtBot) -> None:
    source = MemorySource()
    source.values[("2024", "a")] = 8
    grid, _ = make(qtbot, source)
    keys(qtbot, "150")
    press(qtbot, Qt.Key.Key_Tab)
    assert source.stored == ["150"]
    assert source.values[("2024", "a")] == 150 and shown(grid, 0, 0) == "150"


def test_leaving_the_cell_saves_it(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    keys(qtbot, "42")
    grid.table.setFocus()  # the keyboard goes elsewhere: the edit ends
    qtbot.waitUntil(lambda: source.values.get(("2024", "a")) == 42)


def test_arrows_move_and_computed_cells_cannot_be_edited(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    assert grid.table.currentColumn() == 2
    keys(qtbot, "5")
    assert source.values == {}
    assert not grid.editable(0, 2) and not grid.editable(3, 0)


def test_a_refused_value_stays_shown_and_says_in_words_what_is_saved(qtbot: QtBot) -> None:
    source = MemorySource()
    source.values[("2024", "a")] = 4
    grid, _ = make(qtbot, source)
    keys(qtbot, "-3")
    press(qtbot, Qt.Key.Key_Return)
    assert source.values[("2024", "a")] == 4  # the last good value stays saved
    assert shown(grid, 0, 0) == "-3"  # what was typed stays in the cell, marked
    item = grid.table.item(0, 0)
    assert item is not None and item.background().color().name() == "#fde2e1"
    message = grid.message.text()
    assert message == grid.problem(0, 0) == item.toolTip()
    assert "2024" in message and "Số chiến dịch" in message and "“-3”" in message
    assert "phải là số nguyên" in message and "Giá trị đang lưu vẫn là 4" in message
    assert "2024.a" not in message and "INPUT_" not in message
    assert grid.message.isVisible()
    grid.table.setCurrentCell(0, 0)
    press(qtbot, Qt.Key.Key_F2)
    press(qtbot, Qt.Key.Key_Escape)  # Escape: the saved value is shown again
    assert shown(grid, 0, 0) == "4" and grid.problem(0, 0) == "" and grid.message.text() == ""


def test_the_line_under_the_grid_lists_every_refused_cell(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    assert not grid.type_into(0, 0, "abc")
    assert not grid.type_into(1, 1, "x")
    grid.table.setCurrentCell(2, 0)
    lines = grid.message.text().splitlines()
    assert len(lines) == 2 and "Ô này chưa có giá trị nào được lưu" in lines[0]
    assert grid.type_into(0, 0, "3")
    assert len(grid.message.text().splitlines()) == 1


def test_ctrl_z_undoes_the_last_saved_change_and_ctrl_y_makes_it_again(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    keys(qtbot, "12")
    press(qtbot, Qt.Key.Key_Return)
    keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)
    assert not grid.type_into(2, 0, "x")  # refused: nothing to undo there
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert source.values == {("2024", "a"): 12}
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (1, 0)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert source.values == {} and shown(grid, 0, 0) == ""
    press(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert source.values == {("2024", "a"): 12} and shown(grid, 0, 0) == "12"
    assert shown(grid, 3, 0) == "12"  # the totals follow


def test_ctrl_z_in_a_cell_being_edited(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    keys(qtbot, "12")
    press(qtbot, Qt.Key.Key_Return)
    keys(qtbot, "9")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "" and source.values == {("2024", "a"): 12}  # the typing first
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert source.values == {}  # then the last saved change


def test_a_comment_can_be_attached_to_a_cell(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    grid.set_comment(0, 1, "Số liệu ước tính từ báo cáo thôn")
    assert source.comments[("2024", "b")] == "Số liệu ước tính từ báo cáo thôn"
    item = grid.table.item(0, 1)
    assert item is not None and item.toolTip() == "Số liệu ước tính từ báo cáo thôn"


def test_a_refused_keystroke_does_not_wipe_what_is_being_typed(qtbot: QtBot) -> None:
    grid, source = make(qtbot)
    keys(qtbot, "1x")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "1x"
    press(qtbot, Qt.Key.Key_Backspace)
    keys(qtbot, "5")
    assert editor.text() == "15" and source.stored == []
    press(qtbot, Qt.Key.Key_Return)
    assert source.values[("2024", "a")] == 15 and source.stored == ["15"]


def test_long_labels_wrap_so_the_entry_column_shows(qtbot: QtBot) -> None:
    class LongLabels(MemorySource):
        def rows(self) -> list[GridRow]:
            long = "Tỷ lệ trẻ em khuyết tật có nhu cầu học tập được tiếp cận giáo dục chuyên biệt"
            return [GridRow("2024", f"20b. {long}"), *super().rows()[1:]]

    grid, _ = make(qtbot, LongLabels())
    grid.resize(480, 300)
    first = grid.table.model().index(0, 0)  # the first column typed into
    qtbot.waitUntil(lambda: grid.table.viewport().rect().contains(grid.table.visualRect(first)))
    assert grid.table.rowHeight(0) > grid.table.rowHeight(1)  # the long label wraps
    header = grid.table.verticalHeaderItem(0)
    assert header is not None and header.toolTip().startswith("20b. Tỷ lệ")
