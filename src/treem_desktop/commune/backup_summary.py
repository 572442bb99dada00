"""What a backup holds, read from its database copy, and what changed between two backups."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from treem_desktop.formatting import format_date_short, format_datetime_short, format_number
from treem_desktop.i18n import N_, _

_QUERIES = {
    "commune": "SELECT commune_code, commune_name, province_name FROM commune WHERE id = 1",
    "years": "SELECT DISTINCT year FROM eval_round ORDER BY year",
    "last_packet": "SELECT sequence, kind, period, created FROM packet_log "
    "ORDER BY sequence DESC LIMIT 1",
    "packets": "SELECT count(*) FROM packet_log",
    "changes": "SELECT coalesce(max(id), 0) FROM audit_log",
}


def read_summary(database: Path) -> dict[str, Any]:
    """Commune, years, last packet and counters of a database copy (any released schema)."""
    summary: dict[str, Any] = {
        "commune": None,
        "years": [],
        "last_packet": None,
        "packets": 0,
        "changes": 0,
    }
    with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as conn:
        for key, query in _QUERIES.items():
            try:
                rows = conn.execute(query).fetchall()
            except sqlite3.Error:  # an older schema without that table
                continue
            summary[key] = _shape(key, rows)
    return summary


def _shape(key: str, rows: list[tuple[Any, ...]]) -> Any:
    if key == "commune":
        return {"code": rows[0][0], "name": rows[0][1], "province": rows[0][2]} if rows else None
    if key == "years":
        return [r[0] for r in rows]
    if key == "last_packet":
        if not rows:
            return None
        sequence, kind, period, created = rows[0]
        return {"sequence": sequence, "kind": kind, "period": period, "created": created}
    return int(rows[0][0])


def change_words(newer: dict[str, Any], older: dict[str, Any] | None, files: int) -> str:
    """What changed since the backup before, in a few words ("12 changes, 1 new packet")."""
    if older is None:
        return _("first backup")
    parts = []
    changes = max(int(newer.get("changes", 0)) - int(older.get("changes", 0)), 0)
    packets = max(int(newer.get("packets", 0)) - int(older.get("packets", 0)), 0)
    if changes:
        parts.append(_("{n} change(s)").format(n=format_number(changes)))
    if packets:
        parts.append(_("{n} new packet(s)").format(n=format_number(packets)))
    if files:
        parts.append(_("{n} file(s) added").format(n=format_number(files)))
    return ", ".join(parts) if parts else _("other changes")


REASON_WORDS = {
    "manual": N_("made by hand"),
    "usb": N_("copied to a USB stick"),
    "automatic": N_("automatic"),
    "before-migration": N_("before an upgrade"),
    "before-restore": N_("before a restore"),
}


def size_words(size: int) -> str:
    """``1,2 MB`` or ``36 KB`` in the language's style."""
    if size < 1024**2:
        return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))
    return _("{size} MB").format(size=format_number(size / 1024**2, 1))


def describe(summary: dict[str, Any], created: str, reason: str) -> list[tuple[str, str]]:
    """What a backup holds, as label-value rows (the restore preview, the command line)."""
    commune = summary.get("commune") or {}
    packet = summary.get("last_packet")
    years = ", ".join(str(y) for y in summary.get("years") or []) or _("none yet")
    return [
        (_("Commune / ward"), _commune_words(commune)),
        (_("Backed up at"), format_datetime_short(dt.datetime.fromisoformat(created))),
        (_("Why"), _(REASON_WORDS.get(reason, reason))),
        (_("Evaluation years"), years),
        (_("Last packet"), _packet_words(packet) if packet else _("none yet")),
        (_("Files backed up"), format_number(int(summary.get("files", 0)))),
    ]


def _commune_words(commune: dict[str, Any]) -> str:
    if not commune:
        return _("not set up")
    return f"{commune.get('name')}, {commune.get('province')} ({commune.get('code')})"


def _packet_words(packet: dict[str, Any]) -> str:
    return _("number {sequence}, {period}, made {created}").format(
        sequence=packet.get("sequence"),
        period=packet.get("period"),
        created=_date_words(str(packet.get("created", ""))),
    )


def _date_words(text: str) -> str:
    try:
        return format_date_short(dt.date.fromisoformat(text[:10]))
    except ValueError:
        return text[:10]
