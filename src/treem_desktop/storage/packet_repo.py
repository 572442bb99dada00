"""The packets the commune has built (``packet_log``): the sequence only grows, and each packet
names the hash of the one before it, so that a receiving office sees one missing or swapped."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from treem_desktop.storage.database import transaction


@dataclass(frozen=True)
class PacketRecord:
    sequence: int
    packet_id: str
    kind: str
    period: str
    file_name: str
    sha256: str
    previous_sha256: str | None
    created: str
    signer_fingerprint: str


def next_sequence(conn: sqlite3.Connection) -> tuple[int, str | None]:
    """The next packet's sequence number and the previous packet's hash (None for the first)."""
    row = conn.execute(
        "SELECT sequence, sha256 FROM packet_log ORDER BY sequence DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return 1, None
    return int(row[0]) + 1, str(row[1])


def record_packet(conn: sqlite3.Connection, record: PacketRecord) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO packet_log (sequence, packet_id, kind, period, file_name, sha256,"
            " previous_sha256, created, signer_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.sequence,
                record.packet_id,
                record.kind,
                record.period,
                record.file_name,
                record.sha256,
                record.previous_sha256,
                record.created,
                record.signer_fingerprint,
            ),
        )


def packets(conn: sqlite3.Connection) -> list[PacketRecord]:
    rows = conn.execute(
        "SELECT sequence, packet_id, kind, period, file_name, sha256, previous_sha256, created,"
        " signer_fingerprint FROM packet_log ORDER BY sequence"
    ).fetchall()
    return [PacketRecord(*tuple(row)) for row in rows]
