"""The commune imports the province's standard pack; its rounds are scored with the values.

The pack is verified against the receiving office's registered certificate (the one receipts
are checked against), its values checked again, then its signed bytes are kept in the database
(``form_value``, form ``standard-pack``, period = the standard's sha256, audited). Every round
on that standard is scored with them from then on (:func:`with_stored_pack`), and the values
it fills count as confirmed (``Status.PACK``).

From format version 2 the pack may carry the province's targets, applied exactly as
``treem targets import`` would, and document templates, kept in ``<data>/mau-van-ban/``. All
of it is checked before anything is written, and written as one transaction: all or nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treem_desktop.commune.indicators import checked_targets, use_targets
from treem_desktop.commune.receipts import recipient_certificate
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.outside_json import load_json
from treem_desktop.documents.templates import (
    Template,
    province_template_file,
    template_from_bytes,
)
from treem_desktop.errors import TreemError
from treem_desktop.files import write_atomically
from treem_desktop.handoff.standard_pack import (
    MAX_PACK_BYTES,
    OpenedPack,
    StandardPackRejected,
    invalid,
    open_pack,
    template_member,
)
from treem_desktop.i18n import _
from treem_desktop.indicators.model import TargetOverride
from treem_desktop.standards.loader import load_shipped, shipped_standard_files, standard_from_bytes
from treem_desktop.standards.model import Standard, tr
from treem_desktop.standards.pack import FilledValue, apply_filled, parse_filled
from treem_desktop.standards.pack_checks import pack_problems
from treem_desktop.standards.values_words import values_problem_words
from treem_desktop.storage import eval_repo, form_repo
from treem_desktop.storage.database import transaction

FORM_ID = "standard-pack"
CONTENT_CELL = "standard-pack.json"
SIGNATURE_CELL = "standard-pack.json.p7s"


@dataclass(frozen=True)
class ImportedPack:
    standard: Standard
    document: dict[str, Any]
    filled: list[FilledValue]
    targets: TargetOverride | None = None
    templates: tuple[Template, ...] = field(default=())


def import_pack(workspace: Workspace, path: Path) -> ImportedPack:
    """Verify the pack in ``path`` and keep it; a refused pack changes nothing."""
    office = recipient_certificate(workspace)
    if office is None:
        raise TreemError("RECIPIENT_NOT_TRUSTED")
    try:
        data = path.read_bytes()[: MAX_PACK_BYTES + 1]
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc
    origin = str(path)
    opened = open_pack(data, origin, office)
    document = opened.document
    standard = _standard_named(workspace.conn, document["standard"], origin)
    filled = _checked_values(standard, document, origin)
    targets = _checked_targets(opened, origin)
    templates = _checked_templates(opened, origin)
    _refuse_older(workspace.conn, standard, document, origin)
    imported = ImportedPack(standard, document, filled, targets, templates)
    _keep(workspace, opened, imported, origin)
    return imported


def _checked_targets(opened: OpenedPack, origin: str) -> TargetOverride | None:
    """The targets the pack carries, with the checks ``treem targets import`` applies."""
    if opened.targets is None:
        return None
    try:
        return checked_targets(opened.targets, f"{origin}:targets.json")
    except TreemError as exc:
        words = _("the province's targets it carries are refused: {reason}").format(
            reason=exc.message()
        )
        raise invalid(origin, f"targets.json: {exc.code}", words) from exc


def _checked_templates(opened: OpenedPack, origin: str) -> tuple[Template, ...]:
    """The templates the pack carries, each read with the template loader's own checks and
    travelling under its own name (``template-<id>.v<N>.json``)."""
    found = []
    for member, content in opened.templates.items():
        try:
            template = template_from_bytes(content, f"{origin}:{member}")
        except TreemError as exc:
            technical = f"{member}: {exc.field or ''} {exc.params.get('technical', exc.code)}"
            words = _("a document template it carries is refused: {reason}").format(
                reason=str(exc.params.get("detail", "")).rstrip(".")
            )
            raise invalid(origin, technical, words) from exc
        if member != template_member(template.id, template.version):
            words = _("the template “{name}” travels under another name than its own").format(
                name=tr(template.label)
            )
            raise invalid(origin, member, words)
        found.append(template)
    return tuple(found)


def _keep(workspace: Workspace, opened: OpenedPack, imported: ImportedPack, origin: str) -> None:
    """One transaction: the pack, its targets, its templates' files (removed again if the
    transaction does not commit)."""
    changes: dict[str, form_repo.CellValue | None] = {
        CONTENT_CELL: opened.signed.decode("utf-8"),
        SIGNATURE_CELL: base64.b64encode(opened.signature).decode("ascii"),
    }
    written: list[tuple[Path, bytes | None]] = []
    try:
        with transaction(workspace.conn):
            sha256 = imported.standard.sha256
            form_repo.save_values(workspace.conn, FORM_ID, sha256, changes, workspace.actor)
            if imported.targets is not None and opened.targets is not None:
                use_targets(workspace, imported.targets, opened.targets, f"{origin}:targets.json")
            pairs = zip(imported.templates, opened.templates.values(), strict=True)
            for template, content in pairs:
                target = province_template_file(workspace.data_dir.path, template)
                written.append((target, _previous(target)))
                _write(target, content)
    except BaseException:
        for target, previous in reversed(written):
            _undo(target, previous)
        raise


def _previous(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(target), detail=exc.strerror) from exc


def _write(target: Path, content: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, content, mode=0o644)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc


def _undo(target: Path, previous: bytes | None) -> None:
    """Put back what was there before a failed import (best effort: the import is refused)."""
    try:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            write_atomically(target, previous, mode=0o644)
    except OSError:
        pass


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
        words = values_problem_words(standard, document, exc)
        raise invalid(origin, exc.field or exc.code, words) from exc
    problems = pack_problems(standard, filled)
    if problems:
        words = " ".join(p.message() for p in problems)
        technical = " ".join(f"{p.code}:{p.target}" for p in problems)
        raise invalid(origin, technical, words)
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
