"""Evaluation rounds in the database: the standard's bytes, values, notes and evidence."""

from __future__ import annotations

import json
import sqlite3

from treem_desktop.standards.round import EvidenceRow, RoundRow, StoredValue
from treem_desktop.storage.audit import now_iso, record_changes
from treem_desktop.storage.database import transaction


def store_standard(
    conn: sqlite3.Connection,
    sha256: str,
    standard_id: str,
    version: int,
    content: bytes,
    origin: str,
) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT OR IGNORE INTO standard_file "
            "(sha256, standard_id, version, content, origin, added_at) VALUES (?, ?, ?, ?, ?, ?)",
            (sha256, standard_id, version, content, origin, now_iso()),
        )


def standard_content(conn: sqlite3.Connection, sha256: str) -> bytes | None:
    row = conn.execute("SELECT content FROM standard_file WHERE sha256 = ?", (sha256,)).fetchone()
    return bytes(row[0]) if row else None


def stored_standards(conn: sqlite3.Connection) -> list[tuple[str, int, str]]:
    """(standard id, version, sha256) of every standard kept in the database."""
    rows = conn.execute("SELECT standard_id, version, sha256 FROM standard_file ORDER BY rowid")
    return [(r[0], r[1], r[2]) for r in rows]


def find_round(conn: sqlite3.Connection, year: int) -> RoundRow | None:
    if not -(2**63) <= year < 2**63:  # no such year can be stored (typed on a command line)
        return None
    row = conn.execute(
        "SELECT id, year, standard_sha256, category, started_from FROM eval_round WHERE year = ?",
        (year,),
    ).fetchone()
    return RoundRow(*row) if row else None


def previous_round(conn: sqlite3.Connection, year: int) -> RoundRow | None:
    row = conn.execute(
        "SELECT id, year, standard_sha256, category, started_from FROM eval_round "
        "WHERE year < ? ORDER BY year DESC LIMIT 1",
        (year,),
    ).fetchone()
    return RoundRow(*row) if row else None


def round_years(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT year FROM eval_round ORDER BY year")]


def create_round(
    conn: sqlite3.Connection,
    year: int,
    standard_sha256: str,
    category: str,
    started_from: int | None,
    actor: str,
) -> RoundRow:
    stamp = now_iso()
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO eval_round (year, standard_sha256, category, started_from, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (year, standard_sha256, category, started_from, stamp, stamp),
        )
        round_id = int(cursor.lastrowid or 0)
        record_changes(conn, actor, "eval_round", str(year), {"standard": (None, standard_sha256)})
    return RoundRow(round_id, year, standard_sha256, category, started_from)


def load_values(conn: sqlite3.Connection, round_id: int) -> dict[str, StoredValue]:
    rows = conn.execute("SELECT input_id, value FROM eval_value WHERE round_id = ?", (round_id,))
    return {r[0]: json.loads(r[1]) for r in rows}


def load_explanations(conn: sqlite3.Connection, round_id: int) -> dict[str, str]:
    rows = conn.execute(
        "SELECT input_id, explanation FROM eval_value WHERE round_id = ? AND explanation != ''",
        (round_id,),
    )
    return {r[0]: r[1] for r in rows}


def save_values(
    conn: sqlite3.Connection,
    round_row: RoundRow,
    changes: dict[str, StoredValue | None],
    explanations: dict[str, str],
    actor: str,
) -> None:
    """Write the changed values (None deletes) and their audit rows in one transaction."""
    stamp = now_iso()
    with transaction(conn):
        old = _old_values(conn, round_row.id, list(changes))
        audit: dict[str, tuple[str | None, str | None]] = {}
        for input_id, value in changes.items():
            before = old.get(input_id)
            if before == value and input_id not in explanations:
                continue
            _write_value(conn, round_row.id, input_id, value, explanations.get(input_id), stamp)
            audit[input_id] = (_text(before), _text(value))
        if audit:
            conn.execute("UPDATE eval_round SET updated_at = ? WHERE id = ?", (stamp, round_row.id))
            record_changes(conn, actor, "eval_round", str(round_row.year), audit)


def _old_values(
    conn: sqlite3.Connection, round_id: int, input_ids: list[str]
) -> dict[str, StoredValue]:
    """The stored values of ``input_ids`` only (not the whole round: one field is saved at a
    time, at every commit of the window)."""
    found: dict[str, StoredValue] = {}
    for start in range(0, len(input_ids), 500):  # under SQLite's limit of bound parameters
        chunk = input_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT input_id, value FROM eval_value WHERE round_id = ? AND input_id IN ({marks})",
            (round_id, *chunk),
        )
        found.update({r[0]: json.loads(r[1]) for r in rows})
    return found


def _write_value(
    conn: sqlite3.Connection,
    round_id: int,
    input_id: str,
    value: StoredValue | None,
    explanation: str | None,
    stamp: str,
) -> None:
    if value is None:
        conn.execute(
            "DELETE FROM eval_value WHERE round_id = ? AND input_id = ?", (round_id, input_id)
        )
        return
    conn.execute(
        "INSERT INTO eval_value (round_id, input_id, value, explanation, updated_at) "
        "VALUES (?, ?, ?, COALESCE(?, ''), ?) ON CONFLICT (round_id, input_id) DO UPDATE SET "
        "value = excluded.value, explanation = COALESCE(?, explanation), "
        "updated_at = excluded.updated_at",
        (round_id, input_id, json.dumps(value, allow_nan=False), explanation, stamp, explanation),
    )


def _text(value: StoredValue | None) -> str | None:
    return None if value is None else json.dumps(value, allow_nan=False)


def load_note(conn: sqlite3.Connection, round_id: int, criterion_id: str) -> tuple[str, str]:
    row = conn.execute(
        "SELECT note, data_date FROM eval_criterion_note WHERE round_id = ? AND criterion_id = ?",
        (round_id, criterion_id),
    ).fetchone()
    return (row[0], row[1]) if row else ("", "")


def save_note(
    conn: sqlite3.Connection,
    round_row: RoundRow,
    criterion_id: str,
    note: str,
    data_date: str,
    actor: str,
) -> None:
    old_note, old_date = load_note(conn, round_row.id, criterion_id)
    if (old_note, old_date) == (note, data_date):
        return
    with transaction(conn):
        conn.execute(
            "INSERT INTO eval_criterion_note "
            "(round_id, criterion_id, note, data_date, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (round_id, criterion_id) DO UPDATE SET "
            "note = excluded.note, data_date = excluded.data_date, "
            "updated_at = excluded.updated_at",
            (round_row.id, criterion_id, note, data_date, now_iso()),
        )
        record_changes(
            conn,
            actor,
            "eval_round",
            str(round_row.year),
            {
                f"{criterion_id}.note": (old_note, note),
                f"{criterion_id}.data_date": (old_date, data_date),
            },
        )


def add_evidence(
    conn: sqlite3.Connection,
    round_row: RoundRow,
    criterion_id: str,
    file_name: str,
    stored_name: str,
    sha256: str,
    size: int,
    actor: str,
) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO eval_evidence (round_id, criterion_id, file_name, stored_name, sha256, "
            "size, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (round_row.id, criterion_id, file_name, stored_name, sha256, size, now_iso()),
        )
        record_changes(
            conn,
            actor,
            "eval_round",
            str(round_row.year),
            {f"{criterion_id}.evidence": (None, f"{file_name} sha256:{sha256}")},
        )


def round_evidence(conn: sqlite3.Connection, round_id: int) -> list[EvidenceRow]:
    """Every evidence file of a round, by criterion then in the order added."""
    rows = conn.execute(
        "SELECT id, criterion_id, file_name, stored_name, sha256, size, added_at "
        "FROM eval_evidence WHERE round_id = ? ORDER BY criterion_id, id",
        (round_id,),
    )
    return [EvidenceRow(*r) for r in rows]


def list_evidence(conn: sqlite3.Connection, round_id: int, criterion_id: str) -> list[EvidenceRow]:
    rows = conn.execute(
        "SELECT id, criterion_id, file_name, stored_name, sha256, size, added_at "
        "FROM eval_evidence WHERE round_id = ? AND criterion_id = ? ORDER BY id",
        (round_id, criterion_id),
    )
    return [EvidenceRow(*r) for r in rows]
