"""Deadlines of the plans' tasks: what is late and what is due in the next days.

Only an issued document's tasks are commitments: a draft's deadlines are proposals, to be
reviewed (and its "n days after issue" ones dated) when it is issued, so they are not late
nor due on the home page or the deadlines page. :func:`draft_task_count` says how many wait.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from treem_desktop.commune.workspace import Workspace
from treem_desktop.storage import plan_tasks
from treem_desktop.storage.plan_tasks import Task

SOON_DAYS = 7


@dataclass(frozen=True)
class Deadlines:
    overdue: tuple[Task, ...]
    due_soon: tuple[Task, ...]
    later: tuple[Task, ...]


def issued_tasks(workspace: Workspace) -> list[Task]:
    """Tasks of issued documents with a deadline, soonest first (undone and done alike)."""
    return plan_tasks.issued_tasks_by_due_date(workspace.conn)


def draft_task_count(workspace: Workspace) -> int:
    """How many tasks wait in drafts (not counted until their document is issued)."""
    from treem_desktop.storage import register_repo  # not on the home page's path

    drafts = [e for e in register_repo.entries(workspace.conn) if e.status != "issued"]
    return sum(len(register_repo.document_tasks(workspace.conn, e.id)) for e in drafts)


def deadlines(workspace: Workspace, today: dt.date, days: int = SOON_DAYS) -> Deadlines:
    """Undone tasks of issued documents: overdue (before today), due within ``days``, later."""
    pending = [t for t in issued_tasks(workspace) if not t.done]
    horizon = today + dt.timedelta(days=days)
    return Deadlines(
        overdue=tuple(t for t in pending if t.due_on and t.due_on < today),
        due_soon=tuple(t for t in pending if t.due_on and today <= t.due_on <= horizon),
        later=tuple(t for t in pending if t.due_on and t.due_on > horizon),
    )
