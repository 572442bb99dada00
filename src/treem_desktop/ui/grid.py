"""A keyboard-first entry grid, as good as DHIS2's data entry.

- Typing on a cell starts editing it; every keystroke is checked and, when valid, saved.
- Enter saves and moves down, Tab saves and moves right (Shift+Tab left), the arrows move
  (Up and Down also while editing), Escape puts the last saved value back.
- A cell shows its state: saved (plain), invalid (red, the reason in the line below the grid
  and in its tooltip, nothing saved), computed (grey, read-only), with a comment (a corner mark).
- Ctrl+Alt+M (or the right-click menu) attaches a comment to the current cell.

The grid knows nothing of what it shows: a :class:`GridSource` gives the rows, the columns,
the values and what to do with an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.looks import set_colours
from treem_desktop.ui.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QEvent,
    QHeaderView,
    QInputDialog,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMenu,
    QModelIndex,
    QObject,
    QPainter,
    QPersistentModelIndex,
    QPoint,
    QPolygon,
    QShortcut,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

CELL_ROLE = Qt.ItemDataRole.UserRole
INVALID = QColor("#fde2e1")
COMPUTED = QColor("#eeeeee")
COMMENT_MARK = QColor("#d08700")
MAX_HEADER_LINES = 7


@dataclass(frozen=True)
class GridColumn:
    id: str
    header: str
    number: str = ""  # the official column number, e.g. "(1a)"
    computed: bool = False
    numeric: bool = True
    tooltip: str = ""  # the full header, groups included


@dataclass(frozen=True)
class GridRow:
    id: str
    label: str
    section: bool = False  # a heading row (e.g. "Giai đoạn 2012 - 2015"): no cells
    computed: bool = False  # a totals row: shown, never typed into


class GridSource(Protocol):
    """What a grid shows and where its edits go."""

    def rows(self) -> list[GridRow]: ...

    def columns(self) -> list[GridColumn]: ...

    def text(self, row: str, column: str) -> str:
        """The cell's saved (or computed) value as shown."""
        ...

    def tone(self, row: str, column: str) -> str | None:
        """A colour for the cell's text (e.g. green for "met"), or None."""
        ...

    def store(self, row: str, column: str, raw: str) -> None:
        """Check and save ``raw``; raise TreemError to refuse it (nothing saved)."""
        ...

    def comment(self, row: str, column: str) -> str: ...

    def store_comment(self, row: str, column: str, text: str) -> None: ...


class EntryGrid(QWidget):
    """The grid and, under it, a line that says what is wrong with the current cell.

    Signals:
        changed: a cell was saved (row id, column id).
    """

    changed = Signal(str, str)

    def __init__(self, source: GridSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._rows = source.rows()
        self._columns = source.columns()
        self._problems: dict[tuple[int, int], str] = {}
        self.table = QTableWidget(len(self._rows), len(self._columns))
        self.table.setObjectName("entry_grid")
        self.message = QLabel()
        self.message.setObjectName("grid_message")
        self.message.setWordWrap(True)
        set_colours(self.message, foreground="#b3261e")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self._set_up_table()
        self._fill()
        self.table.currentCellChanged.connect(lambda *_args: self._show_problem())
        QShortcut(QKeySequence("Ctrl+Alt+M"), self.table, self.edit_comment)

    def _set_up_table(self) -> None:
        table = self.table
        table.setHorizontalHeaderLabels([f"{c.header}\n{c.number}".strip() for c in self._columns])
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        lines = 1
        metrics = header.fontMetrics()
        for c, column in enumerate(self._columns):
            head = table.horizontalHeaderItem(c)
            if head is not None:
                head.setToolTip(column.tooltip or column.header)
                head.setTextAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
            width = 130 if column.numeric else 220
            table.setColumnWidth(c, width)
            wraps = -(-metrics.horizontalAdvance(column.header) // (width - 16))
            lines = max(lines, wraps + (1 if column.number else 0))
        header.setFixedHeight(min(lines, MAX_HEADER_LINES) * metrics.height() + 10)
        table.setVerticalHeaderLabels([r.label for r in self._rows])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        table.setTabKeyNavigation(True)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setItemDelegate(CellDelegate(self))
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._menu)

    def _fill(self) -> None:
        self.table.blockSignals(True)
        for r, row in enumerate(self._rows):
            for c, column in enumerate(self._columns):
                item = QTableWidgetItem()
                # Every item holds a string here: reading an unset role returns None, and
                # PySide 6.12 under-counts None's references on that path until Python aborts.
                item.setData(CELL_ROLE, "")
                if not self.editable(r, c):
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    item.setBackground(COMPUTED)
                if column.numeric:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
                if not row.section:
                    self._refresh_cell(r, c)
        self.table.blockSignals(False)

    def _refresh_cell(self, r: int, c: int) -> None:
        item = self.table.item(r, c)
        if item is None:
            return
        row, column = self._rows[r].id, self._columns[c].id
        item.setText(self.source.text(row, column))
        comment = self.source.comment(row, column)
        item.setData(CELL_ROLE, comment)
        problem = self._problems.get((r, c))
        item.setToolTip(problem or comment)
        tone = self.source.tone(row, column)
        if tone is not None:
            item.setForeground(QColor(tone))
        if problem:
            item.setBackground(INVALID)
        elif self.editable(r, c):
            # QBrush(), not setData(role, None): PySide 6.12 under-counts None's references
            # there, and after a few thousand cells the interpreter aborts (seen here).
            item.setBackground(QBrush())

    def refresh(self) -> None:
        """Show every cell's saved value again (after an import, for instance)."""
        for r, row in enumerate(self._rows):
            if not row.section:
                for c in range(len(self._columns)):
                    self._refresh_cell(r, c)

    def cell_id(self, r: int, c: int) -> tuple[str, str]:
        return self._rows[r].id, self._columns[c].id

    def editable(self, r: int, c: int) -> bool:
        row = self._rows[r]
        return not (row.section or row.computed or self._columns[c].computed)

    def type_into(self, r: int, c: int, raw: str) -> bool:
        """Check and save what is typed in a cell; returns whether it was saved."""
        row, column = self.cell_id(r, c)
        try:
            self.source.store(row, column, raw)
        except TreemError as error:
            self._problems[(r, c)] = error.message()
            self._refresh_cell(r, c)
            self.message.setText(error.message())
            return False
        self._problems.pop((r, c), None)
        self._refresh_cell(r, c)
        for other in range(len(self._columns)):  # totals in this row
            if self._columns[other].computed:
                self._refresh_cell(r, other)
        self._refresh_computed_rows()
        self._show_problem()
        self.changed.emit(row, column)
        return True

    def _refresh_computed_rows(self) -> None:
        for r, row in enumerate(self._rows):
            if row.computed:
                for c in range(len(self._columns)):
                    self._refresh_cell(r, c)

    def _show_problem(self) -> None:
        key = (self.table.currentRow(), self.table.currentColumn())
        self.message.setText(self._problems.get(key, ""))

    def problem(self, r: int, c: int) -> str:
        return self._problems.get((r, c), "")

    def edit_comment(self) -> None:
        r, c = self.table.currentRow(), self.table.currentColumn()
        if r < 0 or c < 0 or self._rows[r].section:
            return
        row, column = self.cell_id(r, c)
        text, accepted = QInputDialog.getMultiLineText(
            self, _("Comment on the cell"), _("Comment:"), self.source.comment(row, column)
        )
        if accepted:
            self.set_comment(r, c, text)

    def set_comment(self, r: int, c: int, text: str) -> None:
        row, column = self.cell_id(r, c)
        self.source.store_comment(row, column, text.strip())
        self._refresh_cell(r, c)

    def _menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(_("Comment…"), self.edit_comment)
        menu.exec(self.table.viewport().mapToGlobal(position))


class CellDelegate(QStyledItemDelegate):
    """Edits with a line that saves as it is typed; draws the comment mark."""

    def __init__(self, grid: EntryGrid) -> None:
        super().__init__(grid)
        self.grid = grid

    def createEditor(  # noqa: N802 - Qt API
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("cell_editor")
        r, c = index.row(), index.column()
        editor.textEdited.connect(lambda text: self.grid.type_into(r, c, text))
        editor.installEventFilter(self)
        return editor

    def setEditorData(  # noqa: N802 - Qt API
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Fill the editor once, when it opens: a cell refreshed while it is edited (its
        problem shown, its total updated) must not wipe what the officer is typing."""
        if editor.property("filled"):
            return
        editor.setProperty("filled", True)
        super().setEditorData(editor, index)

    def setModelData(  # noqa: N802 - Qt API
        self, editor: QWidget, model: object, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Nothing to do: the cell was saved as it was typed, and shows the saved value."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {
                Qt.Key.Key_Return: 1,
                Qt.Key.Key_Enter: 1,
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
            }.get(Qt.Key(event.key()))
            if step is not None:
                self._leave(watched, step)
                return True
        return super().eventFilter(watched, event)

    def _leave(self, editor: QLineEdit, step: int) -> None:
        table = self.grid.table
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        row = min(max(table.currentRow() + step, 0), table.rowCount() - 1)
        table.setCurrentCell(row, table.currentColumn())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if index.data(CELL_ROLE):
            rect = option.rect
            corner = QPolygon(
                [
                    QPoint(rect.right() - 7, rect.top()),
                    QPoint(rect.right(), rect.top()),
                    QPoint(rect.right(), rect.top() + 7),
                ]
            )
            painter.save()
            painter.setBrush(COMMENT_MARK)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(corner)
            painter.restore()
