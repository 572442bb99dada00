"""The outgoing-document register (sổ văn bản đi) and plan tasks, in the database.

A document is *about* a period (``year``, ``period``) and is *issued* on a date; the two are
kept apart. At issue it is numbered one of three ways (``numbering``): left blank for the
clerk (văn thư) to fill by hand, the number the clerk gave, or the next number of the app's
own register in the year of issue (Decree 30/2020, Art. 15), from a first number the officer
sets, inside one write transaction (a unique index forbids two documents one number). An
issued document is locked: its words and tasks change only after an explicit amendment,
which keeps what was issued in its history.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from treem_desktop.errors import TreemError
from treem_desktop.storage import plan_tasks
from treem_desktop.storage.audit import now_iso, record_changes
from treem_desktop.storage.database import transaction

# The plans' tasks live in plan_tasks (the home page's deadlines read them without this module).
Task = plan_tasks.Task
tasks_by_due_date = plan_tasks.tasks_by_due_date
document_tasks = plan_tasks.document_tasks

NUMBERING_WAYS = ("blank", "typed", "register")
TaskRow = tuple[str, str, str, dt.date | None, int | None]


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
    period: str = ""
    numbering: str = ""
    amending: bool = False

    @property
    def reference(self) -> str:
        """``05/KH-UBND`` once numbered, ``…/KH-UBND`` while a draft or left blank."""
        number = f"{self.number:02d}" if self.number is not None else "…"
        return f"{number}/{self.type_code}-{self.issuer_code}"

    @property
    def locked(self) -> bool:
        """Issued and not opened for amendment: its words and tasks cannot change."""
        return self.status == "issued" and not self.amending


_ENTRY = (
    "SELECT id, year, type_code, issuer_code, number, issued_on, summary, template_id, status, "
    "period, numbering, amending FROM outgoing_document"
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
        str(values[9]),
        str(values[10]),
        bool(values[11]),
    )


def create_draft(
    conn: sqlite3.Connection,
    year: int,
    type_code: str,
    issuer_code: str,
    summary: str,
    template_id: str,
    actor: str,
    period: str = "",
    edits: dict[str, object] | None = None,
) -> RegisterEntry:
    """A draft about ``period`` (the year by default), without a number or an issue date."""
    stamp = now_iso()
    own = json.dumps(edits or {}, ensure_ascii=False)
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO outgoing_document (year, period, type_code, issuer_code, summary, "
            "template_id, edits, status, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)",
            (
                year,
                period or str(year),
                type_code,
                issuer_code,
                summary,
                template_id,
                own,
                stamp,
                stamp,
            ),
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


def issue(
    conn: sqlite3.Connection,
    entry_id: int,
    on: dt.date,
    actor: str,
    numbering: str = "register",
    number: int | None = None,
    first_number: int = 1,
) -> RegisterEntry:
    """Issue a draft on ``on``: numbered the ``numbering`` way, tasks "n days after" dated.

    ``typed`` takes ``number`` (the clerk's); ``register`` takes the next number of its type
    in the year of ``on``, never below ``first_number``; ``blank`` leaves it for the clerk.
    The period the document is about is not touched. An issued document keeps its number.
    """
    if numbering not in NUMBERING_WAYS:
        raise KeyError(numbering)
    with transaction(conn):
        current = entry(conn, entry_id)
        if current.status == "issued":
            return current
        given = _number(conn, current, on, numbering, number, first_number)
        conn.execute(
            "UPDATE outgoing_document SET numbering = ?, number = ?, number_year = ?, "
            "issued_on = ?, status = 'issued', updated_at = ? WHERE id = ?",
            (
                numbering,
                given,
                on.year if given is not None else None,
                on.isoformat(),
                now_iso(),
                entry_id,
            ),
        )
        conn.execute(
            "UPDATE plan_task SET due_on = date(?, '+' || after_days || ' days') "
            "WHERE document_id = ? AND after_days IS NOT NULL",
            (on.isoformat(), entry_id),
        )
        record_changes(
            conn,
            actor,
            "outgoing_document",
            str(entry_id),
            {
                "status": ("draft", "issued"),
                "issued_on": (None, on.isoformat()),
                "number": (None, str(given) if given is not None else None),
            },
        )
    return entry(conn, entry_id)


def _number(
    conn: sqlite3.Connection,
    current: RegisterEntry,
    on: dt.date,
    numbering: str,
    number: int | None,
    first_number: int,
) -> int | None:
    if numbering == "blank":
        return None
    if numbering == "register":
        found = conn.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM outgoing_document WHERE number_year = ? "
            "AND type_code = ? AND issuer_code = ? AND number IS NOT NULL",
            (on.year, current.type_code, current.issuer_code),
        ).fetchone()[0]
        return max(int(found), first_number)
    if number is None or number < 1:
        raise TreemError("DOCUMENT_NUMBER_REQUIRED")
    taken = conn.execute(
        "SELECT 1 FROM outgoing_document WHERE number_year = ? AND type_code = ? "
        "AND issuer_code = ? AND number = ?",
        (on.year, current.type_code, current.issuer_code, number),
    ).fetchone()
    if taken:
        reference = f"{number:02d}/{current.type_code}-{current.issuer_code}"
        raise TreemError("DOCUMENT_NUMBER_TAKEN", reference=reference, year=on.year)
    return number


def next_number(conn: sqlite3.Connection, entry_id: int, on: dt.date, first_number: int = 1) -> int:
    """The number the register would give ``entry_id`` if it were issued on ``on``."""
    number = _number(conn, entry(conn, entry_id), on, "register", None, first_number)
    assert number is not None
    return number


def require_editable(conn: sqlite3.Connection, entry_id: int) -> RegisterEntry:
    """The entry, or an error when it is issued and locked."""
    current = entry(conn, entry_id)
    if current.locked:
        raise TreemError("DOCUMENT_ISSUED_LOCKED", reference=current.reference)
    return current


def issued_copy(conn: sqlite3.Connection, entry_id: int) -> str:
    """What was issued (the composed document, as JSON), or "" when not kept."""
    row = conn.execute(
        "SELECT issued_copy FROM outgoing_document WHERE id = ?", (entry_id,)
    ).fetchone()
    return str(row[0]) if row else ""


def keep_issued_copy(conn: sqlite3.Connection, entry_id: int, copy: str, actor: str) -> None:
    """Keep what was issued, and lock the document again if it was being amended."""
    with transaction(conn):
        was = entry(conn, entry_id)
        conn.execute(
            "UPDATE outgoing_document SET issued_copy = ?, amending = 0, updated_at = ? "
            "WHERE id = ?",
            (copy, now_iso(), entry_id),
        )
        if was.amending:
            record_changes(
                conn, actor, "outgoing_document", str(entry_id), {"amending": ("1", "0")}
            )


def start_amending(conn: sqlite3.Connection, entry_id: int, actor: str) -> RegisterEntry:
    """Open an issued document for changes; what was issued goes to its history first."""
    with transaction(conn):
        current = entry(conn, entry_id)
        if current.status != "issued" or current.amending:
            return current
        row = conn.execute(
            "SELECT issued_copy, history FROM outgoing_document WHERE id = ?", (entry_id,)
        ).fetchone()
        history = json.loads(row[1] or "[]")
        history.append({"kept_at": now_iso(), "issued": row[0]})
        conn.execute(
            "UPDATE outgoing_document SET amending = 1, history = ?, updated_at = ? WHERE id = ?",
            (json.dumps(history, ensure_ascii=False), now_iso(), entry_id),
        )
        record_changes(conn, actor, "outgoing_document", str(entry_id), {"amending": ("0", "1")})
    return entry(conn, entry_id)


def history(conn: sqlite3.Connection, entry_id: int) -> list[dict[str, str]]:
    """Every issued text an amendment replaced, oldest first: {"kept_at", "issued"}."""
    row = conn.execute("SELECT history FROM outgoing_document WHERE id = ?", (entry_id,)).fetchone()
    loaded = json.loads(row[0]) if row else []
    return [dict(item) for item in loaded if isinstance(item, dict)]


def set_summary(conn: sqlite3.Connection, entry_id: int, summary: str, actor: str) -> None:
    old = require_editable(conn, entry_id).summary
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
    require_editable(conn, entry_id)
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
    conn: sqlite3.Connection,
    document_id: int,
    tasks: Sequence[tuple[str, str, str, dt.date | None] | TaskRow],
) -> None:
    """The plan's tasks (content, lead office, partners, due date[, days after issue])."""
    require_editable(conn, document_id)
    with transaction(conn):
        conn.execute("DELETE FROM plan_task WHERE document_id = ?", (document_id,))
        conn.executemany(
            "INSERT INTO plan_task (document_id, position, content, lead_office, partners, "
            "due_on, after_days) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(document_id, i, *_task_values(task)) for i, task in enumerate(tasks, start=1)],
        )


def _task_values(
    task: tuple[str, str, str, dt.date | None] | TaskRow,
) -> tuple[str, str, str, str | None, int | None]:
    content, lead, partners, due = task[0], task[1], task[2], task[3]
    after = task[4] if len(task) > 4 else None
    return content, lead, partners, due.isoformat() if due else None, after
