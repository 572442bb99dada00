"""The outbox's states and how many packets are in each: what the home page's line needs at
start-up, without the outbox's records (:mod:`.outbox_repo`, ~2 ms of dataclasses)."""

from __future__ import annotations

import sqlite3

BUILT = "built"
QUEUED = "queued"
SENT = "sent"
ACKNOWLEDGED = "acknowledged"
FAILED = "failed"
STATES = (BUILT, QUEUED, SENT, ACKNOWLEDGED, FAILED)
WAITING = (BUILT, QUEUED, FAILED)
"""States of packets that have not reached the receiving office as far as Treem knows."""


def state_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many packets are in each state (those without an entry are ``built``), counted by
    the database: the home page's line without reading every packet."""
    rows = conn.execute(
        "SELECT coalesce(o.state, 'built'), count(*)"
        " FROM packet_log p LEFT JOIN outbox_entry o ON o.sequence = p.sequence"
        " GROUP BY 1"
    ).fetchall()
    return {str(state): int(count) for state, count in rows}
