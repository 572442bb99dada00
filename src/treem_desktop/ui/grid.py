"""A keyboard-first entry grid, as good as DHIS2's data entry.

- Typing on a cell starts editing it; the value is checked and saved when the edit ends
  (Enter, Tab, an arrow key up or down, or leaving the cell), never keystroke by keystroke.
- Enter saves and moves down, Tab saves and moves right (Shift+Tab left), the arrows move
  (Up and Down also while editing), Escape leaves the saved value as it was.
- A cell shows its state: saved (plain), refused (red: what was typed stays in the cell, the
  line under the grid says in words which row, why, and which value is still saved), computed
  (grey, read-only), with a comment (a corner mark).
- Ctrl+Z undoes the last saved change, Ctrl+Y (or Ctrl+Shift+Z) makes it again.
- Ctrl+Alt+M (or the right-click menu) attaches a comment to the current cell.
- The row labels wrap, so the column typed into stays on a 1024×600 screen.

The grid knows nothing of what it shows: a :class:`GridSource` gives the rows, the columns,
the values and what to do with an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.grid_fit import fit_row_heights, label_width
from treem_desktop.ui.grid_history import CellEdit, EditHistory
from treem_desktop.ui.grid_words import refusal
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
    QResizeEvent,
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
INVALID_TEXT = QColor("#a50e0e")
COMPUTED = QColor("#eeeeee")
COMMENT_MARK = QColor("#d08700")
MAX_HEADER_LINES = 7
MAX_MESSAGE_LINES = 3
UNDO_KEYS = ("Ctrl+Z",)
REDO_KEYS = ("Ctrl+Y", "Ctrl+Shift+Z")


@dataclass(frozen=True)
class GridColumn:
    id: str
    header: str
    number: str = ""  # the official column number, e.g. "(1a)"
    computed: bool = False
    numeric: bool = True
    tooltip: str = ""  # the full header, groups included
    width: int = 0  # 0: the default for its kind


@dataclass(frozen=True)
class GridRow:
    id: str
    label: str
    section: bool = False  # a heading row (e.g. "Giai đoạn 2012 - 2015"): no cells
    computed: bool = False  # a totals row: shown, never typed into
    name: str = ""  # the row in messages when the label alone is ambiguous ("2012 - 2015, Xã")


@dataclass(frozen=True)
class Refused:
    """What was typed in a cell and refused, and why (in words)."""

    typed: str
    message: str


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


def add_undo_keys(widget: QWidget, undo: Callable[[], None], redo: Callable[[], None]) -> None:
    """Ctrl+Z and Ctrl+Y / Ctrl+Shift+Z wherever the keyboard is inside ``widget``."""
    for keys, action in ((UNDO_KEYS, undo), (REDO_KEYS, redo)):
        shortcut = QShortcut(widget)
        shortcut.setKeys([QKeySequence(k) for k in keys])
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(action)


class EntryGrid(QWidget):
    """The grid and, under it, a line that says in words what was not saved.

    Signals:
        changed: a cell was saved (row id, column id), also by undo and redo.
    """

    changed = Signal(str, str)

    def __init__(
        self,
        source: GridSource,
        parent: QWidget | None = None,
        *,
        label_cap: int = 420,
        undo_keys: bool = True,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.label_cap = label_cap
        self.history = EditHistory()
        self._rows = source.rows()
        self._columns = source.columns()
        self._row_at = {row.id: r for r, row in enumerate(self._rows)}
        self._column_at = {column.id: c for c, column in enumerate(self._columns)}
        self._refused: dict[tuple[int, int], Refused] = {}
        self._label_width = 0
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
        self.message.hide()
        self._set_up_table()
        self._fill()
        QShortcut(QKeySequence("Ctrl+Alt+M"), self.table, self.edit_comment)
        if undo_keys:
            add_undo_keys(self, self.undo, self.redo)

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
            width = column.width or (130 if column.numeric else 220)
            table.setColumnWidth(c, width)
            wraps = -(-metrics.horizontalAdvance(column.header) // (width - 16))
            lines = max(lines, wraps + (1 if column.number else 0))
        header.setFixedHeight(min(lines, MAX_HEADER_LINES) * metrics.height() + 10)
        self._set_up_labels()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
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
        table.currentCellChanged.connect(lambda *_args: self._show_refusals())

    def _set_up_labels(self) -> None:
        """Row labels on the left, wrapped on several lines, the whole text in the tooltip."""
        table = self.table
        table.setVerticalHeaderLabels([r.label for r in self._rows])
        vertical = table.verticalHeader()
        vertical.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for r, row in enumerate(self._rows):
            item = table.verticalHeaderItem(r)
            if item is not None:
                item.setToolTip(row.label)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_labels()

    def fit_labels(self) -> None:
        """Give the labels what the columns leave (the entry column must show), wrap them."""
        table = self.table
        available = (
            self.width() - 2 * table.frameWidth() - table.verticalScrollBar().sizeHint().width()
        )
        first_entry = next(
            (c for c in range(len(self._columns)) if not self._columns[c].computed), 0
        )
        width = label_width(table, available, self.label_cap, first_entry)
        if width != self._label_width:
            self._label_width = width
            table.verticalHeader().setFixedWidth(width)
            fit_row_heights(table, width)

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
        row, column = self.cell_id(r, c)
        refused = self._refused.get((r, c))
        item.setText(refused.typed if refused else self.source.text(row, column))
        comment = self.source.comment(row, column)
        item.setData(CELL_ROLE, comment)
        item.setToolTip(refused.message if refused else comment)
        tone = self.source.tone(row, column)
        if refused:
            item.setForeground(INVALID_TEXT)
            item.setBackground(INVALID)
        elif self.editable(r, c):
            # QBrush(), not setData(role, None): PySide 6.12 under-counts None's references
            # there, and after a few thousand cells the interpreter aborts (seen here).
            item.setForeground(QColor(tone) if tone else QBrush())
            item.setBackground(QBrush())
        elif tone is not None:
            item.setForeground(QColor(tone))

    def refresh(self) -> None:
        """Show every cell's saved value again (after an import, for instance)."""
        for r, row in enumerate(self._rows):
            if not row.section:
                for c in range(len(self._columns)):
                    self._refresh_cell(r, c)

    def cell_id(self, r: int, c: int) -> tuple[str, str]:
        return self._rows[r].id, self._columns[c].id

    def editable(self, r: int, c: int) -> bool:
        row, column = self._rows[r], self._columns[c]
        locked = getattr(self.source, "cell_locked", None)  # optional: a cell not to type in
        if locked is not None and locked(row.id, column.id):
            return False
        return not (row.section or row.computed or column.computed)

    def type_into(self, r: int, c: int, raw: str) -> bool:
        """Check and save what was typed in a cell (the edit is over); whether it was saved.

        A refused value stays shown in the cell, marked, and the saved one is kept."""
        row, column = self.cell_id(r, c)
        before = self.source.text(row, column)
        if raw.strip() == before.strip():  # nothing changed (or the saved value typed again)
            self._refused.pop((r, c), None)
            self._after_change(r, c)
            return True
        if not self._store(r, c, raw):
            return False
        self.history.record(CellEdit(row, column, before, raw))
        return True

    def _store(self, r: int, c: int, raw: str) -> bool:
        row, column = self.cell_id(r, c)
        try:
            self.source.store(row, column, raw)
        except TreemError as error:
            self._refused[(r, c)] = Refused(raw, self._refusal(r, c, raw, error))
            self._refresh_cell(r, c)
            self._show_refusals()
            return False
        self._refused.pop((r, c), None)
        self._after_change(r, c)
        self.changed.emit(row, column)
        return True

    def _after_change(self, r: int, c: int) -> None:
        self._refresh_cell(r, c)
        for other in range(len(self._columns)):  # totals in this row
            if self._columns[other].computed:
                self._refresh_cell(r, other)
        for total, row in enumerate(self._rows):
            if row.computed:
                for other in range(len(self._columns)):
                    self._refresh_cell(total, other)
        self._show_refusals()

    def _refusal(self, r: int, c: int, typed: str, error: TreemError) -> str:
        row, column = self._rows[r], self._columns[c]
        where = row.name or row.label
        if sum(1 for x in self._columns if not x.computed) > 1:
            where = f"{where}, {column.header} {column.number}".strip()
        return refusal(where, typed, error, self.source.text(row.id, column.id))

    def drop_refusal(self, r: int, c: int) -> None:
        """Put the saved value back in a refused cell (Escape)."""
        if self._refused.pop((r, c), None) is not None:
            self._refresh_cell(r, c)
            self._show_refusals()

    def _show_refusals(self) -> None:
        """Every refused cell, the current one first, up to three lines."""
        current = (self.table.currentRow(), self.table.currentColumn())
        keys = sorted(self._refused, key=lambda key: (key != current, key))
        lines = [self._refused[key].message for key in keys[:MAX_MESSAGE_LINES]]
        if len(keys) > MAX_MESSAGE_LINES:
            more = len(keys) - MAX_MESSAGE_LINES
            lines.append(_("…and {count} more cells not saved.").format(count=more))
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))

    def problem(self, r: int, c: int) -> str:
        refused = self._refused.get((r, c))
        return refused.message if refused else ""

    def undo(self) -> None:
        """Put back the value saved before the officer's last change."""
        self._replay(self.history.take_undo())

    def redo(self) -> None:
        """Make the last undone change again."""
        self._replay(self.history.take_redo())

    def _replay(self, edit: CellEdit | None) -> None:
        if edit is None:
            return
        r, c = self._row_at.get(edit.row), self._column_at.get(edit.column)
        if r is None or c is None:
            return
        self.table.setCurrentCell(r, c)
        self._store(r, c, edit.after)

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
    """Edits with a line that is saved when the edit ends; draws the comment mark."""

    MOVES = {
        Qt.Key.Key_Return: 1,
        Qt.Key.Key_Enter: 1,
        Qt.Key.Key_Down: 1,
        Qt.Key.Key_Up: -1,
    }

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
        editor.setProperty("cell", (index.row(), index.column()))
        editor.installEventFilter(self)
        return editor

    def setEditorData(  # noqa: N802 - Qt API
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Fill the editor once, when it opens: a cell refreshed while it is edited (its
        total updated) must not wipe what the officer is typing."""
        if editor.property("filled"):
            return
        editor.setProperty("filled", True)
        super().setEditorData(editor, index)

    def setModelData(  # noqa: N802 - Qt API
        self, editor: QWidget, model: object, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """The edit is over: check and save what was typed (the grid shows the outcome)."""
        if isinstance(editor, QLineEdit):
            self.grid.type_into(index.row(), index.column(), editor.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._handled(watched, event):
                return True
        return super().eventFilter(watched, event)

    def _handled(self, editor: QLineEdit, event: QKeyEvent) -> bool:
        """Moves that save, Escape that puts the saved value back, and Ctrl+Z with nothing
        typed to undo, which undoes the last saved change."""
        step = self.MOVES.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._leave(editor, step)
            return True
        r, c = editor.property("cell")
        if event.key() == Qt.Key.Key_Escape:
            self.grid.drop_refusal(r, c)
            return False  # Qt closes the editor, nothing saved
        if event.matches(QKeySequence.StandardKey.Undo) and not editor.isUndoAvailable():
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.RevertModelCache)
            self.grid.undo()
            return True
        return False

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
