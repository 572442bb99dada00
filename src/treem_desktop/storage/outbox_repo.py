"""The outbox (hộp thư đi): one entry per packet in the log, and every attempt to send it.

A packet's entry moves through the states of :data:`STATES`; each change and each attempt is
written with its history row in one transaction, so the ledger never says "sent" without the
attempt that sent it. Packets built before the outbox existed have an entry in state ``built``
(migration 7); a packet with no entry at all is shown as ``built`` too.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from treem_desktop.storage import outbox_states
from treem_desktop.storage.database import transaction

# The states live in outbox_states (the home page's line reads them without this module).
BUILT = outbox_states.BUILT
QUEUED = outbox_states.QUEUED
SENT = outbox_states.SENT
ACKNOWLEDGED = outbox_states.ACKNOWLEDGED
FAILED = outbox_states.FAILED
STATES = outbox_states.STATES
WAITING = outbox_states.WAITING
state_counts = outbox_states.state_counts


@dataclass(frozen=True)
class OutboxEntry:
    """A packet and where it stands on its way to the receiving office."""

    sequence: int
    packet_id: str
    kind: str
    period: str
    file_name: str
    sha256: str
    created: str
    state: str
    route: str
    destination: str
    updated: str
    sent_at: str | None
    failure_code: str
    failure_detail: str
    acknowledged_at: str | None
    receipt_office: str


@dataclass(frozen=True)
class Attempt:
    """One line of a packet's history: kept, queued, sent, failed, acknowledged, saved."""

    at: str
    action: str
    route: str
    destination: str
    code: str
    detail: str


_SELECT = (
    "SELECT p.sequence, p.packet_id, p.kind, p.period, p.file_name, p.sha256, p.created,"
    " coalesce(o.state, 'built'), coalesce(o.route, ''), coalesce(o.destination, ''),"
    " coalesce(o.updated, p.created), o.sent_at, coalesce(o.failure_code, ''),"
    " coalesce(o.failure_detail, ''), o.acknowledged_at, coalesce(o.receipt_office, '')"
    " FROM packet_log p LEFT JOIN outbox_entry o ON o.sequence = p.sequence"
)


def entries(conn: sqlite3.Connection) -> list[OutboxEntry]:
    """Every packet, newest first."""
    rows = conn.execute(_SELECT + " ORDER BY p.sequence DESC").fetchall()
    return [OutboxEntry(*tuple(row)) for row in rows]


def entry(conn: sqlite3.Connection, sequence: int) -> OutboxEntry | None:
    row = conn.execute(_SELECT + " WHERE p.sequence = ?", (sequence,)).fetchone()
    return OutboxEntry(*tuple(row)) if row else None


def entry_by_packet_id(conn: sqlite3.Connection, packet_id: str) -> OutboxEntry | None:
    row = conn.execute(_SELECT + " WHERE p.packet_id = ?", (packet_id,)).fetchone()
    return OutboxEntry(*tuple(row)) if row else None


def without_history(conn: sqlite3.Connection) -> set[int]:
    """The packets with no attempt on record: those built before the outbox existed."""
    rows = conn.execute(
        "SELECT sequence FROM packet_log WHERE sequence NOT IN"
        " (SELECT DISTINCT sequence FROM outbox_attempt)"
    ).fetchall()
    return {int(row[0]) for row in rows}


def history(conn: sqlite3.Connection, sequence: int) -> list[Attempt]:
    """The packet's attempts, oldest first."""
    rows = conn.execute(
        "SELECT at, action, route, destination, code, detail FROM outbox_attempt"
        " WHERE sequence = ? ORDER BY id",
        (sequence,),
    ).fetchall()
    return [Attempt(*tuple(row)) for row in rows]


@dataclass(frozen=True)
class Change:
    """A new state for a packet and the attempt that led to it.

    ``state`` None keeps the state (an attempt that changes nothing, such as a retry that
    found the server still unreachable, or a saved .eml).
    """

    action: str
    at: str
    state: str | None = None
    route: str = ""
    destination: str = ""
    code: str = ""
    detail: str = ""
    receipt_office: str = ""


def record(conn: sqlite3.Connection, sequence: int, change: Change) -> None:
    """Write ``change`` to the packet's entry and its history, in one transaction.

    An acknowledged packet stays acknowledged: a send that ends after the office's receipt was
    imported (another thread) only adds its line to the history.
    """
    with transaction(conn):
        conn.execute(
            "INSERT INTO outbox_entry (sequence, state, updated) VALUES (?, 'built', ?)"
            " ON CONFLICT (sequence) DO NOTHING",
            (sequence, change.at),
        )
        if change.state is not None:
            _set_state(conn, sequence, change)
        conn.execute(
            "INSERT INTO outbox_attempt (sequence, at, action, route, destination, code, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sequence,
                change.at,
                change.action,
                change.route,
                change.destination,
                change.code,
                change.detail,
            ),
        )


def _set_state(conn: sqlite3.Connection, sequence: int, change: Change) -> None:
    failed = change.state in (FAILED, QUEUED)
    conn.execute(
        "UPDATE outbox_entry SET state = ?, updated = ?,"
        " route = CASE WHEN ? = '' THEN route ELSE ? END,"
        " destination = CASE WHEN ? = '' THEN destination ELSE ? END,"
        " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,"
        " acknowledged_at = CASE WHEN ? = 'acknowledged' THEN ? ELSE acknowledged_at END,"
        " receipt_office = CASE WHEN ? = '' THEN receipt_office ELSE ? END,"
        " failure_code = ?, failure_detail = ?"
        " WHERE sequence = ? AND (state <> 'acknowledged' OR ? = 'acknowledged')",
        (
            change.state,
            change.at,
            change.route,
            change.route,
            change.destination,
            change.destination,
            change.state,
            change.at,
            change.state,
            change.at,
            change.receipt_office,
            change.receipt_office,
            change.code if failed else "",
            change.detail if failed else "",
            sequence,
            change.state,
        ),
    )
