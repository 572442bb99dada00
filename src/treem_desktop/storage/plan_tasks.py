"""The tasks of the plans (their deadlines), in the database.

Apart from the register's documents (:mod:`.register_repo`, which names these too) so that the
home page's deadlines at start-up read the tasks without the register's records.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import NamedTuple


class Task(NamedTuple):
    """A task of a plan. A named tuple, not a dataclass: made at every start-up (the home
    page's deadlines), where Python 3.11 takes ~0.1 ms to make this type and ~0.9 ms to make
    a frozen dataclass."""

    id: int
    document_id: int
    position: int
    content: str
    lead_office: str
    partners: str
    due_on: dt.date | None
    done: bool
    after_days: int | None = None


_TASK = (
    "SELECT id, document_id, position, content, lead_office, partners, due_on, done, after_days "
    "FROM plan_task"
)
_BY_DUE_DATE = "ORDER BY due_on, document_id, position"


def task_of_row(row: sqlite3.Row | tuple[object, ...]) -> Task:
    r = tuple(row)
    return Task(
        int(str(r[0])),
        int(str(r[1])),
        int(str(r[2])),
        str(r[3]),
        str(r[4]),
        str(r[5]),
        dt.date.fromisoformat(str(r[6])) if r[6] else None,
        bool(r[7]),
        int(str(r[8])) if r[8] is not None else None,
    )


def tasks_by_due_date(conn: sqlite3.Connection) -> list[Task]:
    """Every task with a deadline, soonest first (undone and done alike)."""
    rows = conn.execute(f"{_TASK} WHERE due_on IS NOT NULL {_BY_DUE_DATE}")
    return [task_of_row(r) for r in rows]


def issued_tasks_by_due_date(conn: sqlite3.Connection) -> list[Task]:
    """The tasks with a deadline of issued documents only, soonest first (undone and done)."""
    rows = conn.execute(
        f"{_TASK} WHERE due_on IS NOT NULL AND document_id IN"
        f" (SELECT id FROM outgoing_document WHERE status = 'issued') {_BY_DUE_DATE}"
    )
    return [task_of_row(r) for r in rows]


def document_tasks(conn: sqlite3.Connection, document_id: int) -> list[Task]:
    rows = conn.execute(f"{_TASK} WHERE document_id = ? ORDER BY position", (document_id,))
    return [task_of_row(r) for r in rows]
