"""The commune imports the province's standard pack; its rounds are scored with the values.

The pack is verified against the receiving office's registered certificate (the one receipts
are checked against), its values checked again, then its signed bytes are kept in the database
(``form_value``, form ``standard-pack``, period = the standard's sha256, audited). Every round
on that standard is scored with them from then on (:func:`with_stored_pack`), and the values
it fills count as confirmed (``Status.PACK``).
"""

from __future__ import annotations

import base64
import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treem_desktop.core.outside_json import load_json
from treem_desktop.errors import TreemError
from treem_desktop.handoff.standard_pack import (
    MAX_PACK_BYTES,
    StandardPackRejected,
    verify_pack,
)
from treem_desktop.services.receipts import recipient_certificate
from treem_desktop.services.workspace import Workspace
from treem_desktop.standards.loader import load_shipped, shipped_standard_files, standard_from_bytes
from treem_desktop.standards.model import Standard
from treem_desktop.standards.pack import FilledValue, apply_filled, parse_filled
from treem_desktop.standards.pack_checks import pack_problems
from treem_desktop.storage import eval_repo, form_repo

FORM_ID = "standard-pack"
CONTENT_CELL = "standard-pack.json"
SIGNATURE_CELL = "standard-pack.json.p7s"


@dataclass(frozen=True)
class ImportedPack:
    standard: Standard
    document: dict[str, Any]
    filled: list[FilledValue]


def import_pack(workspace: Workspace, path: Path) -> ImportedPack:
    """Verify the pack in ``path`` and keep it; a refused pack changes nothing."""
    office = recipient_certificate(workspace)
    if office is None:
        raise TreemError("RECIPIENT_NOT_TRUSTED")
    try:
        data = path.read_bytes()[: MAX_PACK_BYTES + 1]
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc
    document, signed = verify_pack(data, str(path), office)
    standard = _standard_named(workspace.conn, document["standard"], str(path))
    filled = _checked_values(standard, document, str(path))
    _refuse_older(workspace.conn, standard, document, str(path))
    signature = _signature_of(data)
    changes: dict[str, form_repo.CellValue | None] = {
        CONTENT_CELL: signed.decode("utf-8"),
        SIGNATURE_CELL: base64.b64encode(signature).decode("ascii"),
    }
    form_repo.save_values(workspace.conn, FORM_ID, standard.sha256, changes, workspace.actor)
    return ImportedPack(standard, document, filled)


def _signature_of(data: bytes) -> bytes:
    import io
    import zipfile

    from treem_desktop.handoff.standard_pack import SIGNATURE

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(SIGNATURE)


def _standard_named(conn: sqlite3.Connection, named: dict[str, Any], origin: str) -> Standard:
    sha = named["sha256"]
    for path in shipped_standard_files():
        standard = load_shipped(path)
        if standard.sha256 == sha:
            return standard
    content = eval_repo.standard_content(conn, sha)
    if content is not None:
        return standard_from_bytes(content, f"database:{sha[:12]}")
    raise StandardPackRejected(
        "STANDARD_PACK_NOT_FOR_STANDARD",
        path=origin,
        standard=named.get("id", "?"),
        version=named.get("version", "?"),
    )


def _checked_values(standard: Standard, document: dict[str, Any], origin: str) -> list[FilledValue]:
    try:
        filled = parse_filled(document, origin)
    except TreemError as exc:
        detail = str(exc.params.get("detail", exc.code))
        raise StandardPackRejected("STANDARD_PACK_INVALID", path=origin, detail=detail) from exc
    problems = pack_problems(standard, filled)
    if problems:
        detail = " ".join(p.message() for p in problems)
        raise StandardPackRejected("STANDARD_PACK_INVALID", path=origin, detail=detail)
    return filled


def _refuse_older(
    conn: sqlite3.Connection, standard: Standard, document: dict[str, Any], origin: str
) -> None:
    current = stored_pack(conn, standard.sha256)
    if current is None:
        return
    if _moment(document["signed_at"]) < _moment(current["signed_at"]):
        raise TreemError(
            "STANDARD_PACK_OLDER",
            path=origin,
            signed=document["signed_at"][:10],
            current=current["signed_at"][:10],
        )


def _moment(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)


def stored_pack(conn: sqlite3.Connection, standard_sha256: str) -> dict[str, Any] | None:
    """The document of the pack kept for that standard, or None."""
    text = form_repo.load_values(conn, FORM_ID, standard_sha256).get(CONTENT_CELL)
    if not isinstance(text, str):
        return None
    return _parsed(text)


_parsed_texts: dict[str, dict[str, Any]] = {}


def _parsed(text: str) -> dict[str, Any]:
    known = _parsed_texts.get(text)
    if known is None:
        known = load_json(text)
        _parsed_texts[text] = known
    return known


def with_stored_pack(conn: sqlite3.Connection, standard: Standard) -> Standard:
    """``standard`` with the values of the pack kept for it, if any (else unchanged)."""
    document = stored_pack(conn, standard.sha256)
    if document is None:
        return standard
    return apply_filled(standard, parse_filled(document, "database:standard-pack"))
