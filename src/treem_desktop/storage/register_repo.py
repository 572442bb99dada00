"""The outgoing-document register (sổ văn bản đi) and plan tasks, in the database.

Numbers run per calendar year and per document type from 01 (Decree 30/2020, Art. 15): a
document gets its number when it is issued, inside one write transaction, so two documents of
one type in one year can never share a number (a unique index says so too).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from treem_desktop.storage.audit import now_iso, record_changes
from treem_desktop.storage.database import transaction


@dataclass(frozen=True)
class RegisterEntry:
    id: int
    year: int
    type_code: str
    issuer_code: str
    number: int | None
    issued_on: dt.date | None
    summary: str
    template_id: str
    status: str

    @property
    def reference(self) -> str:
        """``05/KH-UBND`` once issued, ``…/KH-UBND`` while a draft."""
        number = f"{self.number:02d}" if self.number is not None else "…"
        return f"{number}/{self.type_code}-{self.issuer_code}"


@dataclass(frozen=True)
class Task:
    id: int
    document_id: int
    position: int
    content: str
    lead_office: str
    partners: str
    due_on: dt.date | None
    done: bool


_ENTRY = (
    "SELECT id, year, type_code, issuer_code, number, issued_on, summary, template_id, status "
    "FROM outgoing_document"
)


def _entry(row: sqlite3.Row | tuple[object, ...]) -> RegisterEntry:
    values = tuple(row)
    issued = dt.date.fromisoformat(str(values[5])) if values[5] else None
    return RegisterEntry(
        int(str(values[0])),
        int(str(values[1])),
        str(values[2]),
        str(values[3]),
        int(str(values[4])) if values[4] is not None else None,
        issued,
        str(values[6]),
        str(values[7]),
        str(values[8]),
    )


def create_draft(
    conn: sqlite3.Connection,
    year: int,
    type_code: str,
    issuer_code: str,
    summary: str,
    template_id: str,
    actor: str,
) -> RegisterEntry:
    stamp = now_iso()
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO outgoing_document (year, type_code, issuer_code, summary, template_id, "
            "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)",
            (year, type_code, issuer_code, summary, template_id, stamp, stamp),
        )
        entry_id = int(cursor.lastrowid or 0)
        record_changes(conn, actor, "outgoing_document", str(entry_id), {"status": (None, "draft")})
    return entry(conn, entry_id)


def entry(conn: sqlite3.Connection, entry_id: int) -> RegisterEntry:
    row = conn.execute(f"{_ENTRY} WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise KeyError(entry_id)
    return _entry(row)


def entries(conn: sqlite3.Connection, year: int | None = None) -> list[RegisterEntry]:
    if year is None:
        rows = conn.execute(f"{_ENTRY} ORDER BY year, type_code, number, id")
    else:
        rows = conn.execute(f"{_ENTRY} WHERE year = ? ORDER BY type_code, number, id", (year,))
    return [_entry(r) for r in rows]


def issue(conn: sqlite3.Connection, entry_id: int, on: dt.date, actor: str) -> RegisterEntry:
    """Give a draft the next number of its type in the year of ``on``; an issued one keeps its."""
    with transaction(conn):
        current = entry(conn, entry_id)
        if current.status == "issued":
            return current
        number = conn.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM outgoing_document "
            "WHERE year = ? AND type_code = ? AND issuer_code = ? AND number IS NOT NULL",
            (on.year, current.type_code, current.issuer_code),
        ).fetchone()[0]
        conn.execute(
            "UPDATE outgoing_document SET year = ?, number = ?, issued_on = ?, status = 'issued', "
            "updated_at = ? WHERE id = ?",
            (on.year, number, on.isoformat(), now_iso(), entry_id),
        )
        record_changes(
            conn,
            actor,
            "outgoing_document",
            str(entry_id),
            {"status": ("draft", "issued"), "number": (None, str(number))},
        )
    return entry(conn, entry_id)


def set_summary(conn: sqlite3.Connection, entry_id: int, summary: str, actor: str) -> None:
    old = entry(conn, entry_id).summary
    if old == summary:
        return
    with transaction(conn):
        conn.execute(
            "UPDATE outgoing_document SET summary = ?, updated_at = ? WHERE id = ?",
            (summary, now_iso(), entry_id),
        )
        record_changes(conn, actor, "outgoing_document", str(entry_id), {"summary": (old, summary)})


def load_edits(conn: sqlite3.Connection, entry_id: int) -> dict[str, object]:
    """The officer's changes to the template's words: {"paragraphs": {key: text}, ...}."""
    row = conn.execute("SELECT edits FROM outgoing_document WHERE id = ?", (entry_id,)).fetchone()
    loaded = json.loads(row[0]) if row else {}
    return loaded if isinstance(loaded, dict) else {}


def save_edits(
    conn: sqlite3.Connection, entry_id: int, edits: dict[str, object], actor: str
) -> None:
    old = load_edits(conn, entry_id)
    if old == edits:
        return
    with transaction(conn):
        conn.execute(
            "UPDATE outgoing_document SET edits = ?, updated_at = ? WHERE id = ?",
            (json.dumps(edits, ensure_ascii=False), now_iso(), entry_id),
        )
        record_changes(
            conn,
            actor,
            "outgoing_document",
            str(entry_id),
            {"edits": (json.dumps(old, ensure_ascii=False), json.dumps(edits, ensure_ascii=False))},
        )


def replace_tasks(
    conn: sqlite3.Connection, document_id: int, tasks: list[tuple[str, str, str, dt.date | None]]
) -> None:
    """The plan's tasks (content, lead office, partners, due date), in order."""
    with transaction(conn):
        conn.execute("DELETE FROM plan_task WHERE document_id = ?", (document_id,))
        conn.executemany(
            "INSERT INTO plan_task (document_id, position, content, lead_office, partners, due_on) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (document_id, i, c, lead, partners, due.isoformat() if due else None)
                for i, (c, lead, partners, due) in enumerate(tasks, start=1)
            ],
        )


def tasks_by_due_date(conn: sqlite3.Connection) -> list[Task]:
    """Every task with a deadline, soonest first (undone and done alike)."""
    rows = conn.execute(
        "SELECT id, document_id, position, content, lead_office, partners, due_on, done "
        "FROM plan_task WHERE due_on IS NOT NULL ORDER BY due_on, document_id, position"
    )
    return [
        Task(r[0], r[1], r[2], r[3], r[4], r[5], dt.date.fromisoformat(r[6]), bool(r[7]))
        for r in rows
    ]


def document_tasks(conn: sqlite3.Connection, document_id: int) -> list[Task]:
    rows = conn.execute(
        "SELECT id, document_id, position, content, lead_office, partners, due_on, done "
        "FROM plan_task WHERE document_id = ? ORDER BY position",
        (document_id,),
    )
    return [
        Task(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            dt.date.fromisoformat(r[6]) if r[6] else None,
            bool(r[7]),
        )
        for r in rows
    ]
