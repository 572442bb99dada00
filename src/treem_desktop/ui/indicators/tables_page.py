"""The report tables page: pick a table of the outline (Bảng 2.1…), fill it, export it.

Fits a 1024×600 laptop (the table list does not widen the page; the row labels wrap so the
first column typed into shows); Ctrl+Z anywhere on the page undoes the last saved cell.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from treem_desktop.commune import tables as tb
from treem_desktop.commune.workspace import Workspace
from treem_desktop.i18n import _
from treem_desktop.indicators.model import RowsKind
from treem_desktop.standards.model import tr
from treem_desktop.ui.grid import EntryGrid, add_undo_keys
from treem_desktop.ui.indicators.sources import TableSource
from treem_desktop.ui.ops import run_op
from treem_desktop.ui.qt import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class TablesPage(QWidget):
    """The tables a report outline asks for, one at a time, in the entry grid."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.setObjectName("tables_page")
        self.workspace = workspace
        self.table_box = QComboBox()
        self.table_box.setObjectName("table_choice")
        self.table_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.table_box.setMinimumContentsLength(24)
        for form in tb.table_forms():
            for table in form.tables:
                self.table_box.addItem(f"{table.number} — {tr(table.title)}", (form.id, table.id))
        self.year_box = QComboBox()
        self.year_box.setObjectName("table_year")
        for year in range(2021, dt.date.today().year + 2):
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(self.year_box.findData(dt.date.today().year))
        self.export_button = QPushButton(_("E&xport the table (xlsx)…"))
        self.export_button.setObjectName("export_table")
        self.export_button.clicked.connect(self._export)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("tables_status")
        self.status.hide()  # shown with its words: an empty line would steal the grid's room
        self.holder = QVBoxLayout()
        self.grid: EntryGrid | None = None
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Table:")))
        top.addWidget(self.table_box, 1)
        top.addWidget(self.year_box)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addLayout(self.holder, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.status)
        self.table_box.currentIndexChanged.connect(self.rebuild)
        self.year_box.currentIndexChanged.connect(self.rebuild)
        add_undo_keys(self, self.undo, self.redo)
        self.rebuild()

    def undo(self) -> None:
        if self.grid is not None:
            self.grid.undo()

    def redo(self) -> None:
        if self.grid is not None:
            self.grid.redo()

    def select(self, table_id: str, form_id: str | None = None) -> None:
        """Show a table: the first with this id, or the one of ``form_id``."""
        for index in range(self.table_box.count()):
            form, table = self.table_box.itemData(index)
            if table == table_id and form_id in (None, form):
                self.table_box.setCurrentIndex(index)
                return

    def rebuild(self) -> None:
        form_id, table_id = self.table_box.currentData()
        self.session = tb.open_table(
            self.workspace, form_id, table_id, str(self.year_box.currentData())
        )
        table = self.session.table
        self.year_box.setVisible(table.rows.kind is RowsKind.INDICATORS)
        if self.grid is not None:
            self.holder.removeWidget(self.grid)
            self.grid.hide()
            self.grid.deleteLater()
        self.grid = EntryGrid(TableSource(self.session), label_cap=420, undo_keys=False)
        self.holder.addWidget(self.grid)
        self.title.setText(f"<b>{table.number}.</b> {tr(table.title)}")
        self.table_box.setToolTip(self.table_box.currentText())
        show_text(self.notes, "\n".join(tr(n) for n in table.notes))

    def _export(self) -> None:
        suggested = Path.home() / f"{self.session.table.id}.xlsx"
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export the table"), str(suggested), "Excel (*.xlsx)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        from treem_desktop.commune.table_export import export_table

        session = self.session

        def work(job: object) -> Path:
            return export_table(self.workspace, session, path)

        def done(written: Path) -> None:
            show_text(self.status, _("Table written: {path}").format(path=written))

        run_op(self, _("Writing the table…"), work, done)


def show_text(label: QLabel, text: str) -> None:
    """``text`` in ``label``, hidden when empty (an empty label still takes a line)."""
    label.setText(text)
    label.setVisible(bool(text))
