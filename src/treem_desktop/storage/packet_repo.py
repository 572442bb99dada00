"""The packets the commune has built (``packet_log``): the sequence only grows, and each packet
names the hash of the one before it, so that a receiving office sees one missing or swapped.

A number is reserved (``packet_reservation``, state "building") before the packet's file is
written, and the reservation is replaced by the log's record in the same transaction once the
file is whole. A reservation left "building" by a kill is settled by the packet service: the
file adopted, or the number made "void" — a void number is never used again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from treem_desktop.storage.database import transaction

BUILDING = "building"
VOID = "void"


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


@dataclass(frozen=True)
class Reservation:
    """A number taken for a packet whose file is (or was) being written at ``path``."""

    sequence: int
    state: str
    packet_id: str
    kind: str
    period: str
    path: str
    reserved_at: str


def next_sequence(conn: sqlite3.Connection) -> tuple[int, str | None]:
    """The next packet's sequence number (after every packet and reservation, void ones too)
    and the last built packet's hash (None before the first)."""
    row = conn.execute(
        "SELECT max(coalesce((SELECT max(sequence) FROM packet_log), 0),"
        " coalesce((SELECT max(sequence) FROM packet_reservation), 0))"
    ).fetchone()
    last = last_packet(conn)
    return int(row[0]) + 1, (last.sha256 if last else None)


def last_packet(conn: sqlite3.Connection) -> PacketRecord | None:
    row = conn.execute(_SELECT + " ORDER BY sequence DESC LIMIT 1").fetchone()
    return PacketRecord(*tuple(row)) if row else None


def reserve(conn: sqlite3.Connection, reservation: Reservation) -> None:
    """Take ``reservation.sequence``; IntegrityError when it is taken already."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO packet_reservation (sequence, state, packet_id, kind, period, path,"
            " reserved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                reservation.sequence,
                BUILDING,
                reservation.packet_id,
                reservation.kind,
                reservation.period,
                reservation.path,
                reservation.reserved_at,
            ),
        )


def building(conn: sqlite3.Connection) -> list[Reservation]:
    """Reservations whose packet was never recorded as built nor void, oldest first."""
    rows = conn.execute(
        "SELECT sequence, state, packet_id, kind, period, path, reserved_at"
        " FROM packet_reservation WHERE state = ? ORDER BY sequence",
        (BUILDING,),
    ).fetchall()
    return [Reservation(*tuple(row)) for row in rows]


def void(conn: sqlite3.Connection, sequence: int, at: str) -> None:
    """The reserved number was never finished: it stays taken, and is never used again."""
    with transaction(conn):
        conn.execute(
            "UPDATE packet_reservation SET state = ?, voided_at = ? WHERE sequence = ?",
            (VOID, at, sequence),
        )


def release(conn: sqlite3.Connection, sequence: int) -> None:
    """Free a reserved number whose file was certainly never made (its writing failed)."""
    with transaction(conn):
        conn.execute(
            "DELETE FROM packet_reservation WHERE sequence = ? AND state = ?", (sequence, BUILDING)
        )


def void_after(conn: sqlite3.Connection, sequence: int) -> list[int]:
    """The void numbers after ``sequence`` (the last built packet's; 0 before the first)."""
    rows = conn.execute(
        "SELECT sequence FROM packet_reservation WHERE state = ? AND sequence > ?"
        " ORDER BY sequence",
        (VOID, sequence),
    ).fetchall()
    return [int(row[0]) for row in rows]


def record_packet(conn: sqlite3.Connection, record: PacketRecord) -> None:
    """Log the built packet; its reservation, if any, goes in the same transaction."""
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
        conn.execute(
            "DELETE FROM packet_reservation WHERE sequence = ? AND state = ?",
            (record.sequence, BUILDING),
        )


_SELECT = (
    "SELECT sequence, packet_id, kind, period, file_name, sha256, previous_sha256, created,"
    " signer_fingerprint FROM packet_log"
)


def packets(conn: sqlite3.Connection) -> list[PacketRecord]:
    rows = conn.execute(_SELECT + " ORDER BY sequence").fetchall()
    return [PacketRecord(*tuple(row)) for row in rows]
