"""Every deadline of every issued plan in one list, soonest first, late ones marked.

A draft's tasks are not commitments yet (commune.deadlines): a line says how many wait in
drafts, to be dated and counted when their document is issued.
"""

from __future__ import annotations

import datetime as dt

from treem_desktop.commune import documents as docs
from treem_desktop.commune.deadlines import draft_task_count, issued_tasks
from treem_desktop.commune.workspace import Workspace
from treem_desktop.i18n import _
from treem_desktop.ui.qt import QColor, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

LATE = QColor("#a50e0e")


class DeadlinesPage(QWidget):
    def __init__(self, workspace: Workspace, today: dt.date | None = None) -> None:
        super().__init__()
        self.setObjectName("deadlines_page")
        self.workspace = workspace
        self.today = today or dt.date.today()
        self.list = QTreeWidget()
        self.list.setObjectName("deadlines")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([_("Deadline"), _("Task"), _("Lead office"), _("Document")])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(QLabel(_("Tasks of every issued plan, soonest first; late ones in red.")))
        layout.addWidget(self.list, 1)
        self.drafts_note = QLabel()
        self.drafts_note.setObjectName("drafts_note")
        self.drafts_note.setWordWrap(True)
        layout.addWidget(self.drafts_note)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        references = {e.id: e.reference for e in docs.register(self.workspace)}
        for task in issued_tasks(self.workspace):
            if task.done or task.due_on is None:
                continue
            item = QTreeWidgetItem(
                [
                    task.due_on.strftime("%d/%m/%Y"),
                    task.content,
                    task.lead_office,
                    references.get(task.document_id, ""),
                ]
            )
            if task.due_on < self.today:
                for column in range(4):
                    item.setForeground(column, LATE)
            self.list.addTopLevelItem(item)
        waiting = draft_task_count(self.workspace)
        self.drafts_note.setVisible(waiting > 0)
        self.drafts_note.setText(
            _(
                "{count} task(s) of draft documents are not listed: their deadlines count "
                "once the document is issued."
            ).format(count=waiting)
        )

    def rows(self) -> list[tuple[str, str, str]]:
        """(deadline, task, lead office) as shown."""
        found = []
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if item is not None:
                found.append((item.text(0), item.text(1), item.text(2)))
        return found
