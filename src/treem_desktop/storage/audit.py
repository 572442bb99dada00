"""The audit trail: who changed which field of what, when, from which value to which."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditEntry:
    at: str
    actor: str
    entity: str
    entity_id: str
    field: str
    old_value: str | None
    new_value: str | None


def now_iso() -> str:
    """The local time with its offset, to the second (``2026-11-23T16:05:00+07:00``)."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def record_changes(
    conn: sqlite3.Connection,
    actor: str,
    entity: str,
    entity_id: str,
    changes: dict[str, tuple[str | None, str | None]],
) -> None:
    """Write one audit row per changed field; call inside the change's transaction."""
    at = now_iso()
    conn.executemany(
        "INSERT INTO audit_log (at, actor, entity, entity_id, field, old_value, new_value) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(at, actor, entity, entity_id, f, old, new) for f, (old, new) in changes.items()],
    )


def entries_for(conn: sqlite3.Connection, entity: str, entity_id: str) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT at, actor, entity, entity_id, field, old_value, new_value FROM audit_log "
        "WHERE entity = ? AND entity_id = ? ORDER BY id",
        (entity, entity_id),
    )
    return [AuditEntry(*row) for row in rows]
