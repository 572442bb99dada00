"""Deadlines of the plans' tasks: what is late and what is due in the next days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from treem_desktop.services.workspace import Workspace
from treem_desktop.storage import register_repo
from treem_desktop.storage.register_repo import Task

SOON_DAYS = 7


@dataclass(frozen=True)
class Deadlines:
    overdue: tuple[Task, ...]
    due_soon: tuple[Task, ...]
    later: tuple[Task, ...]


def deadlines(workspace: Workspace, today: dt.date, days: int = SOON_DAYS) -> Deadlines:
    """Undone tasks with a date: overdue (before today), due within ``days``, and the rest."""
    pending = [t for t in register_repo.tasks_by_due_date(workspace.conn) if not t.done]
    horizon = today + dt.timedelta(days=days)
    return Deadlines(
        overdue=tuple(t for t in pending if t.due_on and t.due_on < today),
        due_soon=tuple(t for t in pending if t.due_on and today <= t.due_on <= horizon),
        later=tuple(t for t in pending if t.due_on and t.due_on > horizon),
    )
