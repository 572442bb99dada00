"""Values of indicator sets and report tables: one row per (form, period, cell), audited.

``period`` is ``2026``, ``2026-H1`` or ``""`` for tables that cover no single period (a list of
documents, for instance); ``cell_id`` is an indicator id or ``<table>.<row>.<column>``.
"""

from __future__ import annotations

import json
import sqlite3

from treem_desktop.storage.audit import now_iso, record_changes
from treem_desktop.storage.database import transaction

CellValue = float | int | bool | str


def load_values(conn: sqlite3.Connection, form_id: str, period: str) -> dict[str, CellValue]:
    rows = conn.execute(
        "SELECT cell_id, value FROM form_value WHERE form_id = ? AND period = ?",
        (form_id, period),
    )
    return {r[0]: json.loads(r[1]) for r in rows}


def load_all_periods(conn: sqlite3.Connection, form_id: str) -> dict[str, dict[str, CellValue]]:
    """Every period's values of a form: {period: {cell: value}}."""
    found: dict[str, dict[str, CellValue]] = {}
    rows = conn.execute(
        "SELECT period, cell_id, value FROM form_value WHERE form_id = ?", (form_id,)
    )
    for period, cell, value in rows:
        found.setdefault(period, {})[cell] = json.loads(value)
    return found


def save_values(
    conn: sqlite3.Connection,
    form_id: str,
    period: str,
    changes: dict[str, CellValue | None],
    actor: str,
) -> None:
    """Write the changed cells (None deletes) and their audit rows in one transaction."""
    stamp = now_iso()
    with transaction(conn):
        old = load_values(conn, form_id, period)
        audit: dict[str, tuple[str | None, str | None]] = {}
        for cell, value in changes.items():
            if old.get(cell) == value:
                continue
            if value is None:
                conn.execute(
                    "DELETE FROM form_value WHERE form_id = ? AND period = ? AND cell_id = ?",
                    (form_id, period, cell),
                )
            else:
                conn.execute(
                    "INSERT INTO form_value (form_id, period, cell_id, value, updated_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (form_id, period, cell_id) DO UPDATE SET "
                    "value = excluded.value, updated_at = excluded.updated_at",
                    (form_id, period, cell, _text(value), stamp),
                )
            audit[cell] = (_text(old.get(cell)), _text(value))
        if audit:
            record_changes(conn, actor, f"form:{form_id}", period, audit)


def _text(value: CellValue | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, allow_nan=False)


def load_comments(conn: sqlite3.Connection, form_id: str, period: str) -> dict[str, str]:
    rows = conn.execute(
        "SELECT cell_id, comment FROM form_comment WHERE form_id = ? AND period = ?",
        (form_id, period),
    )
    return {r[0]: r[1] for r in rows}


def save_comment(
    conn: sqlite3.Connection, form_id: str, period: str, cell: str, comment: str, actor: str
) -> None:
    old = load_comments(conn, form_id, period).get(cell, "")
    if old == comment:
        return
    with transaction(conn):
        if comment:
            conn.execute(
                "INSERT INTO form_comment (form_id, period, cell_id, comment, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (form_id, period, cell_id) DO UPDATE SET "
                "comment = excluded.comment, updated_at = excluded.updated_at",
                (form_id, period, cell, comment, now_iso()),
            )
        else:
            conn.execute(
                "DELETE FROM form_comment WHERE form_id = ? AND period = ? AND cell_id = ?",
                (form_id, period, cell),
            )
        record_changes(conn, actor, f"form:{form_id}", period, {f"{cell}.comment": (old, comment)})


def periods(conn: sqlite3.Connection, form_id: str) -> list[str]:
    rows = conn.execute(
        "SELECT DISTINCT period FROM form_value WHERE form_id = ? ORDER BY period", (form_id,)
    )
    return [r[0] for r in rows]
