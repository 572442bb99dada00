"""The office's records of received and quarantined packets (SQL only, no decisions)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

CURRENT = "current"
PENDING = "pending"
SUPERSEDED = "superseded"
OLDER = "older"


@dataclass(frozen=True)
class ReceivedPacket:
    """A packet that passed every check and is kept in the office's folder.

    ``state``: ``current`` (the one counted for its commune, kind and period), ``pending`` (a
    resubmission waiting for the user to accept it), ``superseded`` (replaced by an accepted
    resubmission), ``older`` (arrived after a newer one of the same commune, kind and period).
    """

    id: int
    packet_id: str
    sha256: str
    commune_code: str
    commune_name: str
    kind: str
    period: str
    sequence: int
    created: str
    file_name: str
    stored_name: str
    source: str
    received_at: str
    state: str
    replaces: int | None
    through_key_change: bool
    manifest: dict[str, Any]
    data: dict[str, Any]
    receipt_written_at: str | None


@dataclass(frozen=True)
class QuarantinedPacket:
    """A refused packet, kept with its reason (never deleted)."""

    id: int
    sha256: str
    file_name: str
    stored_name: str
    source: str
    code: str
    member: str
    params: dict[str, Any]
    commune_code: str
    kind: str
    period: str
    quarantined_at: str
    resolved_by: int | None


_RECEIVED_COLUMNS = (
    "id, packet_id, sha256, commune_code, commune_name, kind, period, sequence, created, "
    "file_name, stored_name, source, received_at, state, replaces, through_key_change, "
    "manifest, data, receipt_written_at"
)


def _received(row: sqlite3.Row) -> ReceivedPacket:
    values = list(row)
    values[15] = bool(values[15])
    values[16] = json.loads(values[16])
    values[17] = json.loads(values[17])
    return ReceivedPacket(*values)


def received_where(conn: sqlite3.Connection, where: str, *params: Any) -> list[ReceivedPacket]:
    sql = f"SELECT {_RECEIVED_COLUMNS} FROM received_packet WHERE {where} ORDER BY id"
    return [_received(r) for r in conn.execute(sql, params)]


def received_by_sha256(conn: sqlite3.Connection, sha256: str) -> ReceivedPacket | None:
    found = received_where(conn, "sha256 = ?", sha256)
    return found[0] if found else None


def current_in_slot(
    conn: sqlite3.Connection, commune_code: str, kind: str, period: str
) -> ReceivedPacket | None:
    found = received_where(
        conn,
        "commune_code = ? AND kind = ? AND period = ? AND state = ?",
        commune_code,
        kind,
        period,
        CURRENT,
    )
    return found[0] if found else None


def insert_received(conn: sqlite3.Connection, packet: ReceivedPacket) -> int:
    values = list(packet.__dict__.values())[1:]
    values[15] = json.dumps(values[15], ensure_ascii=False)
    values[16] = json.dumps(values[16], ensure_ascii=False)
    columns = _RECEIVED_COLUMNS.removeprefix("id, ")
    marks = ", ".join("?" * len(values))
    cursor = conn.execute(f"INSERT INTO received_packet ({columns}) VALUES ({marks})", values)
    return int(cursor.lastrowid or 0)


def set_state(conn: sqlite3.Connection, row_id: int, state: str) -> None:
    conn.execute("UPDATE received_packet SET state = ? WHERE id = ?", (state, row_id))


def set_receipt_written(conn: sqlite3.Connection, row_id: int, at: str) -> None:
    conn.execute("UPDATE received_packet SET receipt_written_at = ? WHERE id = ?", (at, row_id))


_QUARANTINE_COLUMNS = (
    "id, sha256, file_name, stored_name, source, code, member, params, commune_code, kind, "
    "period, quarantined_at, resolved_by"
)


def quarantined(
    conn: sqlite3.Connection, *, unresolved_only: bool = True
) -> list[QuarantinedPacket]:
    where = "WHERE resolved_by IS NULL" if unresolved_only else ""
    rows = conn.execute(f"SELECT {_QUARANTINE_COLUMNS} FROM quarantined_packet {where} ORDER BY id")
    return [_quarantined(r) for r in rows]


def quarantined_by_sha256(conn: sqlite3.Connection, sha256: str) -> QuarantinedPacket | None:
    row = conn.execute(
        f"SELECT {_QUARANTINE_COLUMNS} FROM quarantined_packet WHERE sha256 = ?", (sha256,)
    ).fetchone()
    return _quarantined(row) if row else None


def _quarantined(row: sqlite3.Row) -> QuarantinedPacket:
    values = list(row)
    values[7] = json.loads(values[7])
    return QuarantinedPacket(*values)


def upsert_quarantined(conn: sqlite3.Connection, entry: QuarantinedPacket) -> None:
    """Keep a refused packet; the same bytes refused again keep one record, with the newest
    reason."""
    values = list(entry.__dict__.values())[1:]
    values[6] = json.dumps(values[6], ensure_ascii=False, default=str)
    columns = _QUARANTINE_COLUMNS.removeprefix("id, ")
    marks = ", ".join("?" * len(values))
    conn.execute(
        f"INSERT INTO quarantined_packet ({columns}) VALUES ({marks}) "
        "ON CONFLICT (sha256) DO UPDATE SET code = excluded.code, member = excluded.member, "
        "params = excluded.params, source = excluded.source",
        values,
    )


def resolve_quarantined(conn: sqlite3.Connection, sha256: str, row_id: int) -> None:
    conn.execute("UPDATE quarantined_packet SET resolved_by = ? WHERE sha256 = ?", (row_id, sha256))
