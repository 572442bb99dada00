"""The documents page: the outgoing register, a document's summary and tasks, and its output.

A new document starts as a draft from a template, about the year chosen (this year, or next
year from October on, so next year's plan can be drafted in November); its tasks and
deadlines come with it. The officer edits the summary, words and tasks, previews and prints
it; "Issue" asks first (number, date, deadlines), then numbers it the way chosen and locks
it: later prints say what was issued. An issued document changes only through an explicit
amendment (the issued text is kept in its history) or as a new version (a new draft).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.commune import documents as docs
from treem_desktop.commune.documents import RegisterEntry
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.model import Document
from treem_desktop.documents.templates import find_template
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.documents.issue_dialog import IssueDialog
from treem_desktop.ui.documents.numbering_box import NumberingBox
from treem_desktop.ui.documents.task_source import TaskSource
from treem_desktop.ui.documents.template_list import TemplateBox
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
    QMessageBox,
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

if TYPE_CHECKING:
    from treem_desktop.core.jobs import Job
    from treem_desktop.ui.documents.citations_editor import CitationsEditor

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
        self.template_box = TemplateBox(workspace)
        self.period_box = QComboBox()
        self.period_box.setObjectName("new_document_period")
        self.period_box.setToolTip(_("The year the document is about (not the issue date)"))
        for year in docs.periods_offered(self.today):
            self.period_box.addItem(str(year), year)
        self.new_button = QPushButton(_("&New document"))
        self.new_button.setObjectName("new_document")
        self.new_button.clicked.connect(self._new)
        self.packet_button = QPushButton(_("Make the packet to &send…"))
        self.packet_button.setObjectName("plan_packet")
        self.packet_button.setToolTip(_("Every issued document of the year, signed, in one packet"))
        self.packet_button.clicked.connect(self.open_packet_dialog)
        self.packet_dialog: QDialog | None = None
        self.issue_dialog: IssueDialog | None = None
        self.numbering = NumberingBox(workspace)
        self.empty_hint = QLabel(
            _(
                "No document yet. Choose a template and the year it is about above, then "
                "click “New document”: a draft with the template's words and tasks appears "
                "here to edit, print and issue."
            )
        )
        self.empty_hint.setObjectName("documents_empty_hint")
        self.empty_hint.setWordWrap(True)
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
        self.lock_note = QLabel()
        self.lock_note.setObjectName("document_lock_note")
        self.lock_note.setWordWrap(True)
        self.buttons = self._buttons()
        self.tasks_holder = QVBoxLayout()
        self.editor = self._editor()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        template_label = QLabel(_("&Template:"))
        template_label.setBuddy(self.template_box)
        left_layout.addWidget(template_label)
        left_layout.addWidget(self.template_box)
        left_layout.addWidget(self.template_box.origin)
        new_row = QHBoxLayout()
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.period_box)
        new_row.addWidget(year_label)
        new_row.addWidget(self.period_box)
        new_row.addStretch(1)
        new_row.addWidget(self.new_button)
        left_layout.addLayout(new_row)
        left_layout.addWidget(self.numbering)
        left_layout.addWidget(self.empty_hint)
        left_layout.addWidget(self.register, 1)
        left_layout.addWidget(self.packet_button, 0, Qt.AlignmentFlag.AlignLeft)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setSizes([440, 700])  # at 1024 px the numbering's words still show whole
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.reload()

    def _buttons(self) -> dict[str, QPushButton]:
        found = {
            "issue": QPushButton(_("&Issue…")),
            "amend": QPushButton(_("&Amend the issued document…")),
            "new_version": QPushButton(_("Make a new ve&rsion")),
            "preview": QPushButton(_("Pre&view and print…")),
            "pdf": QPushButton(_("Save as &PDF…")),
            "docx": QPushButton(_("Save as &Word…")),
        }
        found["issue"].setToolTip(_("Give the document its number and date, after a check"))
        found["issue"].clicked.connect(self._issue)
        found["amend"].clicked.connect(self._amend)
        found["new_version"].clicked.connect(self._new_version)
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
        layout.addWidget(self.lock_note)
        summary_label = QLabel(_("&Document summary:"))
        summary_label.setBuddy(self.summary)
        layout.addWidget(summary_label)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("document_tabs")
        tasks = QWidget()
        tasks_layout = QVBoxLayout(tasks)
        self.tasks_label = QLabel(_("Tasks and deadlines (type in the empty rows to add):"))
        self.tasks_label.setObjectName("tasks_label")
        tasks_layout.addWidget(self.tasks_label)
        tasks_layout.addLayout(self.tasks_holder, 1)
        tasks_layout.addStretch(0)  # with no document, the label stays at the top
        self.tabs.addTab(tasks, _("Tasks"))
        layout.addWidget(self.tabs, 1)
        change_row = QHBoxLayout()
        output_row = QHBoxLayout()
        for name, button in self.buttons.items():
            row = change_row if name in ("issue", "amend", "new_version") else output_row
            row.addWidget(button)
        change_row.addStretch(1)
        output_row.addStretch(1)
        layout.addLayout(change_row)
        layout.addLayout(output_row)
        editor.setEnabled(False)
        return editor

    # The register ---------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """The register read again, with ``select`` chosen (else the document chosen before,
        else the newest): the editor never stands empty beside a register that is not."""
        if select is None and self.entry is not None:
            select = self.entry.id
        self.register.blockSignals(True)
        self.register.clear()
        found = docs.register(self.workspace)
        self.empty_hint.setVisible(not found)
        for entry in reversed(found):
            item = QTreeWidgetItem([entry.reference, entry.summary, status_text(entry)])
            item.setData(0, ENTRY_ROLE, entry.id)
            self.register.addTopLevelItem(item)
            if entry.id == select:
                self.register.setCurrentItem(item)
        newest = self.register.topLevelItem(0)
        if self.register.currentItem() is None and newest is not None:
            self.register.setCurrentItem(newest)
        self.register.blockSignals(False)
        self._picked()

    def reload_templates(self) -> None:
        """The templates offered read again (a standard pack brought new ones)."""
        self.template_box.reload(self.workspace)

    def _new(self) -> None:
        try:
            entry = docs.new_document(
                self.workspace, str(self.template_box.currentData()), self.period()
            )
        except TreemError as error:
            show_error(self, error)
            return
        self.reload(select=entry.id)
        self.tasks_changed.emit()

    def period(self) -> int:
        """The year chosen for a new document."""
        return int(self.period_box.currentData() or self.today.year)

    def new_document(self, template_id: str, period: int | None = None) -> RegisterEntry:
        self.template_box.setCurrentIndex(self.template_box.findData(template_id))
        if period is not None:
            self.period_box.setCurrentIndex(self.period_box.findData(period))
        self._new()
        assert self.entry is not None
        return self.entry

    def _picked(self) -> None:
        item = self.register.currentItem()
        self.tasks_label.setVisible(item is not None)
        if item is None:
            self.entry = None
            self.editor.setEnabled(False)
            return
        self.entry = docs.find_entry(self.workspace, int(item.data(0, ENTRY_ROLE)))
        self.editor.setEnabled(True)
        self.reference.setText(
            _("Document {reference}, about {period}").format(
                reference=self.entry.reference, period=self.entry.period
            )
        )
        self.summary.setText(self.entry.summary)
        self._show_lock()
        self._show_tasks()
        self._show_words()

    def _show_words(self) -> None:
        assert self.entry is not None
        from treem_desktop.ui.documents.citations_editor import CitationsEditor
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
        self.citations: CitationsEditor | None = None
        if find_template(self.entry.template_id, self.workspace.data_dir.path).citations:
            self.citations = CitationsEditor(self.workspace, self.entry)
            self.tabs.addTab(self.citations, _("Cited documents"))

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

    def _show_lock(self) -> None:
        assert self.entry is not None
        entry = self.entry
        issued = entry.status == "issued"
        self.summary.setReadOnly(entry.locked)
        self.buttons["issue"].setVisible(not issued or entry.amending)
        self.buttons["issue"].setText(
            _("&Lock the amended document") if entry.amending else _("&Issue…")
        )
        self.buttons["amend"].setVisible(entry.locked)
        self.buttons["new_version"].setVisible(issued)
        if entry.locked:
            day = entry.issued_on.strftime("%d/%m/%Y") if entry.issued_on else ""
            self.lock_note.setText(
                _(
                    "Issued on {date}: locked. Prints show it as issued. To change it, amend "
                    "it (the issued text is kept) or make a new version."
                ).format(date=day)
            )
        elif entry.amending:
            self.lock_note.setText(
                _("Being amended: the issued text is kept in its history. Lock it when done.")
            )
        else:
            self.lock_note.setText("")
        self.lock_note.setVisible(bool(self.lock_note.text()))

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
        if number.isascii() and number.isdigit():
            self.reload(select=int(number))

    def _issue(self) -> None:
        assert self.entry is not None
        if self.entry.amending:
            done = docs.finish_amendment(self.workspace, self.entry)
            self.status.setText(_("{reference} is locked again.").format(reference=done.reference))
            self.reload(select=done.id)
            return
        dialog = IssueDialog(self.workspace, self.entry, self.today, self)
        dialog.accepted.connect(lambda: self._issued(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.issue_dialog = dialog
        dialog.open()

    def _issued(self, dialog: IssueDialog) -> None:
        issued = dialog.issued
        if issued is None:
            return
        if issued.number is None:
            text = _("Issued; the number and date are left blank for the clerk to write in.")
        else:
            text = _("Issued as {reference}.").format(reference=issued.reference)
        self.status.setText(text)
        self.reload(select=issued.id)
        self.tasks_changed.emit()

    def _amend(self) -> None:
        assert self.entry is not None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Amend the issued document"),
            _(
                "{reference} has been issued. Change it anyway? The text as issued is kept in "
                "its history and the change is recorded."
            ).format(reference=self.entry.reference),
            parent=self,
        )
        box.setObjectName("amend_question")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(_("&Amend it"))
        box.button(QMessageBox.StandardButton.No).setText(_("&Leave it as issued"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.finished.connect(lambda _answer: self._amend_answered(box.clickedButton() is yes))
        self.amend_question = box
        box.open()

    def _amend_answered(self, yes: bool) -> None:
        if not yes or self.entry is None:
            return
        amended = docs.amend(self.workspace, self.entry)
        self.reload(select=amended.id)

    def _new_version(self) -> None:
        assert self.entry is not None
        draft = docs.new_version(self.workspace, self.entry)
        self.status.setText(
            _("A new draft was made from {reference}.").format(reference=self.entry.reference)
        )
        self.reload(select=draft.id)
        self.tasks_changed.emit()

    def current_document(self) -> Document:
        """The selected document as printed: with its packet's line when it was sent in one."""
        from dataclasses import replace

        from treem_desktop.commune.packet_stamps import stamp_for

        assert self.entry is not None
        entry = docs.find_entry(self.workspace, self.entry.id)
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
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), "van-ban.pdf", "PDF (*.pdf)"
        )
        if name:
            written = self.print_to_pdf(Path(name))
            self.status.setText(_("Written: {path}").format(path=written))

    def _save_docx(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save as Word"), "van-ban.docx", "Word (*.docx)"
        )
        if name:
            self.save_docx(Path(name))

    def save_docx(self, path: Path) -> None:
        document = self.current_document()  # composed here: it switches the language a moment

        def work(job: Job) -> Path:
            return docs.write_docx(document, path, job)

        run_op(self, _("Writing the document…"), work, self._written)

    def _written(self, path: Path) -> None:
        self.status.setText(_("Written: {path}").format(path=path))


def status_text(entry: RegisterEntry) -> str:
    if entry.amending:
        return _("being amended")
    return _("issued") if entry.status == "issued" else _("draft")
