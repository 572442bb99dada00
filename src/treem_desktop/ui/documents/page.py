"""The documents page: the outgoing register, a document's summary and tasks, and its output.

A new document starts as a draft from a template (its tasks and deadlines come with it); the
officer edits the summary and the tasks, previews and prints it; "Issue" gives it the next
number of its type in the year, which it keeps however often it is printed again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from treem_desktop.documents.model import Document
from treem_desktop.documents.templates import load_templates
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.services import documents as docs
from treem_desktop.services.workspace import Workspace
from treem_desktop.storage import register_repo
from treem_desktop.storage.register_repo import RegisterEntry
from treem_desktop.ui.documents.task_source import TaskSource
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.grid import EntryGrid
from treem_desktop.ui.ops import run_op
from treem_desktop.ui.qt import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    Qt,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

ENTRY_ROLE = Qt.ItemDataRole.UserRole


class DocumentsPage(QWidget):
    """The register on the left, the selected document on the right.

    Signals:
        tasks_changed: a plan's tasks changed (the deadlines and the home page follow).
    """

    tasks_changed = Signal()

    def __init__(self, workspace: Workspace, today: dt.date | None = None) -> None:
        super().__init__()
        self.setObjectName("documents_page")
        self.workspace = workspace
        self.today = today or dt.date.today()
        self.entry: RegisterEntry | None = None
        self.grid: EntryGrid | None = None
        self.template_box = QComboBox()
        self.template_box.setObjectName("new_document_template")
        for template in load_templates():
            self.template_box.addItem(
                f"{template.type_code} — {template.label.get('vi', template.id)}", template.id
            )
        self.new_button = QPushButton(_("&New document"))
        self.new_button.setObjectName("new_document")
        self.new_button.clicked.connect(self._new)
        self.packet_button = QPushButton(_("Make the packet to &send…"))
        self.packet_button.setObjectName("plan_packet")
        self.packet_button.setToolTip(_("Every issued document of the year, signed, in one packet"))
        self.packet_button.clicked.connect(self.open_packet_dialog)
        self.packet_dialog: QDialog | None = None
        self.register = QTreeWidget()
        self.register.setObjectName("register")
        self.register.setHeaderLabels([_("Number"), _("Summary"), _("Status")])
        self.register.setRootIsDecorated(False)
        self.register.currentItemChanged.connect(lambda *_args: self._picked())
        self.summary = QLineEdit()
        self.summary.setObjectName("document_summary")
        self.summary.textEdited.connect(self._summary_edited)
        self.reference = QLabel()
        self.reference.setObjectName("document_reference")
        self.status = QLabel()
        self.status.setObjectName("documents_status")
        self.status.setWordWrap(True)
        self.buttons = self._buttons()
        self.tasks_holder = QVBoxLayout()
        self.editor = self._editor()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        new_row = QHBoxLayout()
        new_row.addWidget(self.template_box, 1)
        new_row.addWidget(self.new_button)
        left_layout.addLayout(new_row)
        left_layout.addWidget(self.register, 1)
        left_layout.addWidget(self.packet_button, 0, Qt.AlignmentFlag.AlignLeft)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setSizes([380, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.reload()

    def _buttons(self) -> dict[str, QPushButton]:
        found = {
            "issue": QPushButton(_("&Issue (give the number and date)")),
            "preview": QPushButton(_("Pre&view and print…")),
            "pdf": QPushButton(_("Save as &PDF…")),
            "docx": QPushButton(_("Save as &Word (docx)…")),
        }
        found["issue"].clicked.connect(self._issue)
        found["preview"].clicked.connect(self._preview)
        found["pdf"].clicked.connect(self._save_pdf)
        found["docx"].clicked.connect(self._save_docx)
        for name, button in found.items():
            button.setObjectName(f"document_{name}")
        return found

    def _editor(self) -> QWidget:
        editor = QWidget()
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reference)
        layout.addWidget(QLabel(_("Summary (trích yếu):")))
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("document_tabs")
        tasks = QWidget()
        tasks_layout = QVBoxLayout(tasks)
        tasks_layout.addWidget(QLabel(_("Tasks and deadlines (type in the empty rows to add):")))
        tasks_layout.addLayout(self.tasks_holder, 1)
        self.tabs.addTab(tasks, _("Tasks"))
        layout.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        layout.addLayout(row)
        editor.setEnabled(False)
        return editor

    # The register ---------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        self.register.blockSignals(True)
        self.register.clear()
        for entry in reversed(register_repo.entries(self.workspace.conn)):
            status = _("issued") if entry.status == "issued" else _("draft")
            item = QTreeWidgetItem([entry.reference, entry.summary, status])
            item.setData(0, ENTRY_ROLE, entry.id)
            self.register.addTopLevelItem(item)
            if entry.id == select:
                self.register.setCurrentItem(item)
        self.register.blockSignals(False)
        self._picked()

    def _new(self) -> None:
        try:
            entry = docs.new_document(
                self.workspace, str(self.template_box.currentData()), self.today.year
            )
        except TreemError as error:
            show_error(self, error)
            return
        self.reload(select=entry.id)
        self.tasks_changed.emit()

    def new_document(self, template_id: str) -> RegisterEntry:
        self.template_box.setCurrentIndex(self.template_box.findData(template_id))
        self._new()
        assert self.entry is not None
        return self.entry

    def _picked(self) -> None:
        item = self.register.currentItem()
        if item is None:
            self.entry = None
            self.editor.setEnabled(False)
            return
        self.entry = register_repo.entry(self.workspace.conn, int(item.data(0, ENTRY_ROLE)))
        self.editor.setEnabled(True)
        self.reference.setText(_("Document {reference}").format(reference=self.entry.reference))
        self.summary.setText(self.entry.summary)
        self.buttons["issue"].setEnabled(self.entry.status == "draft")
        self._show_tasks()
        self._show_words()

    def _show_words(self) -> None:
        assert self.entry is not None
        from treem_desktop.ui.documents.words import ParagraphsEditor, RecipientsEditor

        while self.tabs.count() > 1:
            old = self.tabs.widget(1)
            self.tabs.removeTab(1)
            if old is not None:
                old.deleteLater()
        self.paragraphs = ParagraphsEditor(self.workspace, self.entry)
        self.recipients = RecipientsEditor(self.workspace, self.entry)
        self.tabs.addTab(self.paragraphs, _("Wording"))
        self.tabs.addTab(self.recipients, _("Recipients"))

    def _show_tasks(self) -> None:
        assert self.entry is not None
        if self.grid is not None:
            self.tasks_holder.removeWidget(self.grid)
            self.grid.hide()
            self.grid.deleteLater()
        self.task_source = TaskSource(self.workspace, self.entry)
        self.grid = EntryGrid(self.task_source)
        for column, width in enumerate((320, 160, 150, 100)):
            self.grid.table.setColumnWidth(column, width)
        self.grid.changed.connect(lambda *_args: self.tasks_changed.emit())
        self.tasks_holder.addWidget(self.grid)

    def _summary_edited(self, text: str) -> None:
        if self.entry is not None:
            docs.set_summary(self.workspace, self.entry, text)

    # Output ---------------------------------------------------------------------------

    def open_packet_dialog(self) -> QDialog:
        """The plans and reports packet of the selected document's year (or this year)."""
        from treem_desktop.ui.packets.packet_dialog import PacketDialog

        year = self.entry.year if self.entry is not None else self.today.year
        dialog = PacketDialog(self.workspace, "plan", str(year), self)
        dialog.fix_requested.connect(self.show_document)
        dialog.finished.connect(dialog.deleteLater)
        self.packet_dialog = dialog
        dialog.open()
        return dialog

    def show_document(self, target: str) -> None:
        """Select the document of a pre-flight line (``document:<id>``), to issue it."""
        number = target.removeprefix("document:")
        if number.isdigit():
            self.reload(select=int(number))

    def _issue(self) -> None:
        assert self.entry is not None
        issued = docs.issue(self.workspace, self.entry, self.today)
        self.status.setText(_("Issued as {reference}.").format(reference=issued.reference))
        self.reload(select=issued.id)

    def current_document(self) -> Document:
        """The selected document as printed: with its packet's line when it was sent in one."""
        from dataclasses import replace

        from treem_desktop.services.packet_stamps import stamp_for

        assert self.entry is not None
        entry = register_repo.entry(self.workspace.conn, self.entry.id)
        return replace(
            docs.document_for(self.workspace, entry), stamp=stamp_for(self.workspace, entry)
        )

    def _preview(self) -> None:
        from treem_desktop.ui.documents.qt_render import preview_document

        preview_document(self, self.current_document())

    def print_to_pdf(self, path: Path) -> Path:
        """The print path, to a PDF printer instead of paper (no dialog)."""
        from treem_desktop.ui.documents.qt_render import render_pdf

        return render_pdf(self.current_document(), path)

    def _save_pdf(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), "", "PDF (*.pdf)")
        if name:
            written = self.print_to_pdf(Path(name))
            self.status.setText(_("Written: {path}").format(path=written))

    def _save_docx(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Save as Word"), "", "Word (*.docx)")
        if name:
            self.save_docx(Path(name))

    def save_docx(self, path: Path) -> None:
        document = self.current_document()  # composed here: it switches the language a moment

        def work() -> Path:
            return docs.write_docx(document, path)

        run_op(self, _("Writing the document…"), work, self._written)

    def _written(self, path: Path) -> None:
        self.status.setText(_("Written: {path}").format(path=path))
