"""Resubmissions: a newer packet for a commune, kind and period already received.

It waits (state ``pending``) until the user accepts it: :func:`packet_diff` shows the values
that changed against the packet it would replace, by criterion, sub-indicator, input and
indicator (``data.json`` flattened to paths); :func:`accept_packet` makes it the one counted
and keeps the older one as ``superseded``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from treem_desktop.errors import TreemError
from treem_desktop.office import packet_store as store
from treem_desktop.storage.database import transaction

IGNORED_KEYS = frozenset({"preflight", "verdict_text", "text"})
"""Words and pre-flight notes, not values: left out of the diff."""


@dataclass(frozen=True)
class ValueChange:
    """One value that differs: ``path`` such as ``score.criteria[c6].points``."""

    path: str
    before: Any
    after: Any

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "before": self.before, "after": self.after}


def find_packet(conn: sqlite3.Connection, reference: str) -> store.ReceivedPacket:
    """The received packet named by its office number, its packet id or a prefix of it (≥ 8)."""
    reference = reference.strip().lower()
    found: dict[int, store.ReceivedPacket] = {}
    if reference.isascii() and reference.isdigit():
        found.update((p.id, p) for p in store.received_where(conn, "id = ?", int(reference)))
    if len(reference) >= 8 and all(c in "0123456789abcdef-" for c in reference):
        # a hexadecimal prefix may be all digits ("22328314…"): it is looked up as both
        matches = store.received_where(conn, "packet_id LIKE ?", reference + "%")
        found.update((p.id, p) for p in matches)
    if len(found) != 1:
        raise TreemError("OFFICE_PACKET_UNKNOWN", reference=reference)
    return next(iter(found.values()))


def replaced_by(conn: sqlite3.Connection, packet: store.ReceivedPacket) -> store.ReceivedPacket:
    """The packet ``packet`` would replace: the one counted now for its slot."""
    current = store.current_in_slot(conn, packet.commune_code, packet.kind, packet.period)
    if packet.state != store.PENDING or current is None:
        raise TreemError("OFFICE_NOT_RESUBMISSION", reference=packet.packet_id, state=packet.state)
    return current


def packet_diff(
    conn: sqlite3.Connection, packet: store.ReceivedPacket
) -> tuple[store.ReceivedPacket, list[ValueChange]]:
    """(the packet it would replace, the values that changed)."""
    current = replaced_by(conn, packet)
    return current, value_changes(current.data, packet.data)


def value_changes(before: dict[str, Any], after: dict[str, Any]) -> list[ValueChange]:
    old, new = flatten(before), flatten(after)
    return [
        ValueChange(path, old.get(path), new.get(path))
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    ]


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """Scalars by path; a list of objects with an ``id`` is keyed by that id."""
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, item in value.items():
            if key not in IGNORED_KEYS:
                flat.update(flatten(item, f"{path}.{key}" if path else str(key)))
        return flat
    if isinstance(value, list):
        flat = {}
        for index, item in enumerate(value):
            key = item.get("id", index) if isinstance(item, dict) else index
            flat.update(flatten(item, f"{path}[{key}]"))
        return flat
    return {path: value}


def accept_packet(conn: sqlite3.Connection, packet: store.ReceivedPacket) -> store.ReceivedPacket:
    """Make a pending resubmission the packet counted; the one it replaces is superseded."""
    with transaction(conn):
        current = replaced_by(conn, packet)
        store.set_state(conn, current.id, store.SUPERSEDED)
        store.set_state(conn, packet.id, store.CURRENT)
    return current
