"""Everything a year's score is computed from, as the database holds it (raw rows, unparsed).

A fingerprint of these rows tells whether a score kept earlier still holds (see
``commune.score_cache``) without loading the standard or the scorer: the round's row (its
standard's sha256 and its category), whether that standard's bytes are kept, the province's
pack kept for that standard, and every value of the round.
"""

from __future__ import annotations

import sqlite3

PACK_FORM = "standard-pack"  # commune.standard_pack.FORM_ID
PACK_CELL = "standard-pack.json"  # commune.standard_pack.CONTENT_CELL


def score_inputs(conn: sqlite3.Connection, year: int) -> list[tuple[object, ...]] | None:
    """The rows the year's score depends on, in a fixed order; None when no round exists."""
    row = conn.execute(
        "SELECT id, year, standard_sha256, category FROM eval_round WHERE year = ?", (year,)
    ).fetchone()
    if row is None:
        return None
    round_id, _year, sha256, _category = row
    rows: list[tuple[object, ...]] = [("round", *row)]
    kept = conn.execute(
        "SELECT length(content) FROM standard_file WHERE sha256 = ?", (sha256,)
    ).fetchone()
    rows.append(("standard", kept[0] if kept else None))
    pack = conn.execute(
        "SELECT value FROM form_value WHERE form_id = ? AND period = ? AND cell_id = ?",
        (PACK_FORM, sha256, PACK_CELL),
    ).fetchone()
    rows.append(("pack", pack[0] if pack else None))
    values = conn.execute(
        "SELECT input_id, value FROM eval_value WHERE round_id = ? ORDER BY input_id", (round_id,)
    )
    rows.extend(("value", input_id, value) for input_id, value in values)
    return rows
