"""A plan's tasks in the entry grid: content, lead office, co-operating offices, deadline.

An issued document's tasks are shown, not typed into (it is locked)."""

from __future__ import annotations

from treem_desktop.commune import documents as docs
from treem_desktop.commune.documents import RegisterEntry
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.compose import due_text
from treem_desktop.i18n import _
from treem_desktop.ui.grid import GridColumn, GridRow

BLANK_ROWS = 3


class TaskSource:
    """The tasks of one document, with a few empty rows to add new ones by typing."""

    def __init__(self, workspace: Workspace, entry: RegisterEntry) -> None:
        self.workspace = workspace
        self.entry = entry
        self.tasks = docs.tasks_of(workspace, entry)
        self.locked = entry.locked
        self._count = len(self.tasks) + (0 if self.locked else BLANK_ROWS)

    def rows(self) -> list[GridRow]:
        return [GridRow(f"t{i}", str(i + 1), computed=self.locked) for i in range(self._count)]

    def columns(self) -> list[GridColumn]:
        return [
            GridColumn("content", _("Task"), numeric=False),
            GridColumn("lead", _("Lead office"), numeric=False),
            GridColumn("partners", _("Co-operating offices"), numeric=False),
            GridColumn("due", _("Deadline"), numeric=False),
        ]

    def text(self, row: str, column: str) -> str:
        index = int(row[1:])
        if index >= len(self.tasks):
            return ""
        task = self.tasks[index]
        if column == "due":
            return due_text(task)
        return str(getattr(task, column))

    def tone(self, row: str, column: str) -> str | None:
        return None

    def store(self, row: str, column: str, raw: str) -> None:
        self.tasks = docs.set_task_field(self.workspace, self.entry, int(row[1:]), column, raw)

    def comment(self, row: str, column: str) -> str:
        return ""

    def store_comment(self, row: str, column: str, text: str) -> None:
        return None
