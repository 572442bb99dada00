"""Issuing a document, asked first: the number it takes, the issue date and its deadlines.

Nothing is issued until the officer has seen the number (or the blank left for the clerk),
the date and every task's deadline as it will be; a deadline already past on that date is
marked, and issuing then needs a tick that says the officer keeps it so.
"""

from __future__ import annotations

import datetime as dt

from treem_desktop.commune import documents as docs
from treem_desktop.commune.document_numbering import numbering, way_label
from treem_desktop.commune.documents import RegisterEntry
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.compose import due_text
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.qt import (
    QCheckBox,
    QColor,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

PAST = QColor("#a50e0e")


class IssueDialog(QDialog):
    """Confirm before issuing; ``issued`` holds the entry once it is issued."""

    def __init__(
        self, workspace: Workspace, entry: RegisterEntry, today: dt.date, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("issue_dialog")
        self.setWindowTitle(_("Issue the document"))
        self.workspace = workspace
        self.entry = entry
        self.issued: RegisterEntry | None = None
        self.past: tuple[object, ...] = ()
        self.way = numbering(workspace).way
        self.date = QLineEdit(today.strftime("%d/%m/%Y"))
        self.date.setObjectName("issue_date")
        self.date.textChanged.connect(lambda _text: self.refresh())
        self.number = QLineEdit()
        self.number.setObjectName("issue_number")
        self.number.setPlaceholderText(_("the number in the clerk's register"))
        self.number.textChanged.connect(lambda _text: self.refresh())
        self.number_text = QLabel()
        self.number_text.setObjectName("issue_number_text")
        self.tasks = QTreeWidget()
        self.tasks.setObjectName("issue_tasks")
        self.tasks.setRootIsDecorated(False)
        self.tasks.setHeaderLabels([_("Deadline"), _("Task")])
        self.tasks.setColumnWidth(0, 270)
        self.keep_past = QCheckBox()
        self.keep_past.setObjectName("issue_keep_past")
        self.keep_past.toggled.connect(lambda _on: self._enable())
        self.problem = QLabel()
        self.problem.setObjectName("issue_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {PAST.name()}")
        self.issue_button = QPushButton(_("&Issue"))
        self.issue_button.setObjectName("issue_confirm")
        self.issue_button.clicked.connect(self._issue)
        self.cancel_button = QPushButton(_("&Cancel, keep the draft"))
        self.cancel_button.setObjectName("issue_cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.cancel_button.setDefault(True)
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(_("Document:"), _wrapped(self.entry.summary))
        form.addRow(_("Numbering:"), _wrapped(way_label(self.way)))
        if self.way == "typed":
            form.addRow(_("&Number:"), self.number)
        form.addRow(_("It will read:"), self.number_text)
        form.addRow(_("Issue &date:"), self.date)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Deadlines of the tasks once issued (check them):")))
        layout.addWidget(self.tasks, 1)
        layout.addWidget(self.keep_past)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.resize(720, 440)

    def issue_date(self) -> dt.date | None:
        try:
            return docs.parse_due(self.date.text())
        except TreemError:
            return None

    def typed_number(self) -> int | None:
        text = self.number.text().strip()
        return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None

    def refresh(self) -> None:
        """The number, deadlines and past ones for the date typed."""
        on = self.issue_date()
        self.tasks.clear()
        if on is None:
            self.number_text.setText("")
            self.problem.setText(_("Type the issue date as day/month/year, such as 07/12/2026."))
            self.keep_past.hide()
            self.past = ()
            self._enable()
            return
        number = self.typed_number() if self.way == "typed" else None
        plan = docs.issue_plan(self.workspace, self.entry, on, number)
        self.number_text.setText(plan.number_text)
        past = set(plan.past)
        for task in plan.tasks:
            shown = due_text(task)
            if task in past:
                shown = _("{date} — before the issue date").format(date=shown)
            item = QTreeWidgetItem([shown, task.content])
            item.setToolTip(1, task.content)
            if task in past:
                for column in range(2):
                    item.setForeground(column, PAST)
            self.tasks.addTopLevelItem(item)
        self.past = plan.past
        self.keep_past.setText(
            _("Keep the {count} deadline(s) before the issue date as they are").format(
                count=len(plan.past)
            )
        )
        self.keep_past.setVisible(bool(plan.past))
        self.problem.setText(
            _(
                "{count} deadline(s) fall before the issue date and would be late at once. "
                "Cancel and change them in the Tasks tab, or tick the box to keep them."
            ).format(count=len(plan.past))
            if plan.past
            else ""
        )
        self._enable()

    def _enable(self) -> None:
        ready = self.issue_date() is not None
        if self.way == "typed":
            ready = ready and self.typed_number() is not None
        if ready and self.past and not self.keep_past.isChecked():
            ready = False
        self.issue_button.setEnabled(ready)

    def _issue(self) -> None:
        on = self.issue_date()
        if on is None:
            return
        number = self.typed_number() if self.way == "typed" else None
        try:
            self.issued = docs.issue(
                self.workspace, self.entry, on, number, accept_past=self.keep_past.isChecked()
            )
        except TreemError as error:
            self.problem.setText(error.message())
            return
        self.accept()


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
