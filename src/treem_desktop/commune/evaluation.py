"""Evaluation rounds: start one, enter or import values, score it (Decision 06/QĐ-TTg).

A round keeps the exact standard it started with (its bytes are stored in the database and
its sha256 recorded), so a newer standard never changes an earlier round's score.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.standards.loader import (
    load_shipped,
    shipped_standard_files,
    standard_from_bytes,
    standard_from_stored,
)
from treem_desktop.standards.model import Standard
from treem_desktop.standards.round import EvaluationRound, RoundRow, StoredValue
from treem_desktop.standards.validation import check_round_values, parse_value
from treem_desktop.storage import eval_repo

DEFAULT_STANDARD = "qd-06-2019"
FAR_FROM_LAST_YEAR = 0.5  # a change of more than half of last year's value asks why
FAR_MIN_DIFFERENCE = 5


def latest_standard(
    workspace: Workspace, standard_id: str = DEFAULT_STANDARD
) -> tuple[Standard, bytes]:
    """The newest version of a standard among the shipped files and those imported."""
    candidates: list[tuple[Standard, bytes]] = []
    for path in shipped_standard_files():
        standard = load_shipped(path)
        if standard.id == standard_id:
            candidates.append((standard, path.read_bytes()))
    for stored_id, _version, sha in eval_repo.stored_standards(workspace.conn):
        if stored_id == standard_id:
            content = eval_repo.standard_content(workspace.conn, sha) or b""
            candidates.append((standard_from_bytes(content, f"database:{sha[:12]}"), content))
    if not candidates:
        raise TreemError("STANDARD_NOT_AVAILABLE", standard=standard_id)
    return max(candidates, key=lambda pair: pair[0].version)


def import_standard(workspace: Workspace, path: Path) -> Standard:
    """Check a standard file and keep it in the database; refused files change nothing."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise TreemError("FILE_UNREADABLE", path=path, detail=error.strerror) from error
    standard = standard_from_bytes(content, str(path))
    known = {(i, v): sha for i, v, sha in eval_repo.stored_standards(workspace.conn)}
    for shipped in shipped_standard_files():
        s = load_shipped(shipped)
        known.setdefault((s.id, s.version), s.sha256)
    existing = known.get((standard.id, standard.version))
    if existing is not None and existing != standard.sha256:
        raise TreemError(
            "STANDARD_VERSION_CONFLICT", path=path, standard=standard.id, version=standard.version
        )
    eval_repo.store_standard(
        workspace.conn, standard.sha256, standard.id, standard.version, content, str(path)
    )
    return standard


def has_round(workspace: Workspace, year: int) -> bool:
    return eval_repo.find_round(workspace.conn, year) is not None


def round_standard(workspace: Workspace, evaluation: EvaluationRound) -> Standard:
    """The standard exactly as the round started with it (without a province's pack)."""
    content = eval_repo.standard_content(workspace.conn, evaluation.row.standard_sha256)
    return standard_from_bytes(content or b"", "database")


def open_round(workspace: Workspace, year: int) -> EvaluationRound:
    row = eval_repo.find_round(workspace.conn, year)
    if row is None:
        raise TreemError("ROUND_NOT_FOUND", year=year)
    return _load_round(workspace, row)


def open_or_start_round(workspace: Workspace, year: int) -> EvaluationRound:
    row = eval_repo.find_round(workspace.conn, year)
    return _load_round(workspace, row) if row else start_round(workspace, year)


def start_round(workspace: Workspace, year: int) -> EvaluationRound:
    """A new round on the newest standard, in the commune's category, after last year's."""
    if eval_repo.find_round(workspace.conn, year) is not None:
        raise TreemError("ROUND_EXISTS", year=year)
    if not 2000 <= year <= 2100:
        raise TreemError("YEAR_INVALID", year=year)
    profile = workspace.require_profile()
    standard, content = latest_standard(workspace)
    eval_repo.store_standard(
        workspace.conn, standard.sha256, standard.id, standard.version, content, "forms/"
    )
    previous = eval_repo.previous_round(workspace.conn, year)
    row = eval_repo.create_round(
        workspace.conn,
        year,
        standard.sha256,
        profile.category,
        previous.id if previous else None,
        workspace.actor,
    )
    return _load_round(workspace, row)


def _load_round(workspace: Workspace, row: RoundRow) -> EvaluationRound:
    content = eval_repo.standard_content(workspace.conn, row.standard_sha256)
    if content is None:
        raise TreemError("STANDARD_NOT_AVAILABLE", standard=row.standard_sha256[:12])
    standard = standard_from_stored(
        content, row.standard_sha256, f"database:{row.standard_sha256[:12]}"
    )
    from treem_desktop.commune.standard_pack import with_stored_pack  # not at start-up

    standard = with_stored_pack(workspace.conn, standard)  # the province's filled values
    previous = eval_repo.previous_round(workspace.conn, row.year)
    return EvaluationRound(
        row=row,
        standard=standard,
        values=eval_repo.load_values(workspace.conn, row.id),
        previous=eval_repo.load_values(workspace.conn, previous.id) if previous else {},
        previous_year=previous.year if previous else None,
        explanations=eval_repo.load_explanations(workspace.conn, row.id),
    )


def far_from_last_year(
    evaluation: EvaluationRound, input_id: str, value: StoredValue | None
) -> bool:
    """True when ``value`` differs from last year's by more than half (and by more than 5)."""
    before = evaluation.previous.get(input_id)
    if value is None or before is None or isinstance(value, bool) or isinstance(before, bool):
        return False
    difference = abs(float(value) - float(before))
    return difference > FAR_MIN_DIFFERENCE and difference > FAR_FROM_LAST_YEAR * abs(float(before))


def parse_changes(standard: Standard, raw: Mapping[str, object]) -> dict[str, StoredValue | None]:
    """Every raw value parsed for its input, or the first problem (an unknown id included)."""
    inputs = standard.inputs()
    changes: dict[str, StoredValue | None] = {}
    for input_id, raw_value in raw.items():
        item = inputs.get(input_id)
        if item is None:
            raise TreemError("INPUT_UNKNOWN", field=input_id, input=input_id)
        changes[input_id] = parse_value(item, raw_value)
    return changes


def apply_changes(
    workspace: Workspace,
    evaluation: EvaluationRound,
    changes: Mapping[str, StoredValue | None],
    explanations: Mapping[str, str] | None = None,
) -> EvaluationRound:
    """Check the round with ``changes`` applied; store all of them, or nothing."""
    combined = {**evaluation.values, **changes}
    merged = {k: v for k, v in combined.items() if v is not None}
    check_merged(evaluation.standard, merged, changes)
    eval_repo.save_values(
        workspace.conn, evaluation.row, dict(changes), dict(explanations or {}), workspace.actor
    )
    evaluation.values = merged
    evaluation.explanations.update({k: v for k, v in (explanations or {}).items() if v})
    return evaluation


def check_merged(
    standard: Standard,
    merged: Mapping[str, StoredValue],
    changed: Mapping[str, object] | None = None,
) -> None:
    """Raise the first problem, one about a changed value first (the field being typed)."""
    problems = check_round_values(standard, merged)
    own = [p for p in problems if p.field in (changed or {})]
    if own or problems:
        raise (own or problems)[0]


def flatten_import(document: object) -> dict[str, object]:
    """Import files may nest values by sub-indicator: {"c6.a": {"numerator": 19}}."""
    if not isinstance(document, dict):
        raise TreemError("IMPORT_NOT_OBJECT")
    flat: dict[str, object] = {}
    for key, value in document.items():
        if isinstance(value, dict):
            for name, inner in value.items():
                flat[f"{key}.{name}"] = inner
        else:
            flat[str(key)] = value
    return flat


def import_values(workspace: Workspace, year: int, document: object) -> EvaluationRound:
    """Load a year's inputs from a parsed JSON document: all of them, or none."""
    raw = flatten_import(document)
    row = eval_repo.find_round(workspace.conn, year)
    if row is not None:
        evaluation = _load_round(workspace, row)
        return apply_changes(workspace, evaluation, parse_changes(evaluation.standard, raw))
    standard, _content = latest_standard(workspace)
    changes = parse_changes(standard, raw)  # checked before the round is started
    check_merged(standard, {k: v for k, v in changes.items() if v is not None}, changes)
    return apply_changes(workspace, start_round(workspace, year), changes)


def add_evidence_file(
    workspace: Workspace, evaluation: EvaluationRound, criterion_id: str, source: Path
) -> eval_repo.EvidenceRow:
    """Copy a file into the data folder's ``evidence/<year>/`` and record its hash."""
    try:
        content = source.read_bytes()
    except OSError as error:
        raise TreemError("FILE_UNREADABLE", path=source, detail=error.strerror) from error
    digest = hashlib.sha256(content).hexdigest()
    folder = workspace.data_dir.path / "evidence" / str(evaluation.year)
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = f"{digest[:16]}-{source.name}"
    target = folder / stored_name
    if not target.exists():
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(source, partial)
        partial.replace(target)
    eval_repo.add_evidence(
        workspace.conn,
        evaluation.row,
        criterion_id,
        source.name,
        stored_name,
        digest,
        len(content),
        workspace.actor,
    )
    return eval_repo.list_evidence(workspace.conn, evaluation.row.id, criterion_id)[-1]


def set_value(
    workspace: Workspace, evaluation: EvaluationRound, input_id: str, raw: object
) -> StoredValue | None:
    """Parse, check and store one field as typed; raises with ``field`` set when refused."""
    value = parse_changes(evaluation.standard, {input_id: raw})[input_id]
    apply_changes(workspace, evaluation, {input_id: value})
    return value


def set_explanation(
    workspace: Workspace, evaluation: EvaluationRound, input_id: str, text: str
) -> None:
    """Why a value is far from last year's (kept with the value, audited)."""
    value = evaluation.values.get(input_id)
    if value is None:
        return
    eval_repo.save_values(
        workspace.conn, evaluation.row, {input_id: value}, {input_id: text.strip()}, workspace.actor
    )
    if text.strip():
        evaluation.explanations[input_id] = text.strip()
    else:
        evaluation.explanations.pop(input_id, None)


def unexplained(evaluation: EvaluationRound) -> list[str]:
    """Inputs far from last year's value with no explanation yet."""
    return [
        input_id
        for input_id, value in evaluation.values.items()
        if far_from_last_year(evaluation, input_id, value)
        and not evaluation.explanations.get(input_id)
    ]


def criterion_note(
    workspace: Workspace, evaluation: EvaluationRound, criterion_id: str
) -> tuple[str, str]:
    """The evidence note and the date of the data for a criterion."""
    return eval_repo.load_note(workspace.conn, evaluation.row.id, criterion_id)


def save_criterion_note(
    workspace: Workspace, evaluation: EvaluationRound, criterion_id: str, note: str, data_date: str
) -> None:
    eval_repo.save_note(
        workspace.conn, evaluation.row, criterion_id, note, data_date, workspace.actor
    )


def evidence(
    workspace: Workspace, evaluation: EvaluationRound, criterion_id: str
) -> list[eval_repo.EvidenceRow]:
    return eval_repo.list_evidence(workspace.conn, evaluation.row.id, criterion_id)


def round_years(workspace: Workspace) -> list[int]:
    return eval_repo.round_years(workspace.conn)


def export_score_sheet(
    workspace: Workspace,
    evaluation: EvaluationRound,
    path: Path,
    today: date,
    stamped: bool = True,
) -> Path:
    """Write the round's score sheet (xlsx); an unwritable place gets a clear message.

    ``stamped``: the foot of the printed pages names the packet that sent these very values
    (``packet_stamps.evaluation_stamp``), if any; False inside a packet (a file cannot carry
    its own packet's hash).
    """
    from treem_desktop.commune.packet_stamps import evaluation_stamp
    from treem_desktop.exports.score_sheet import write_score_sheet

    stamp = evaluation_stamp(workspace, evaluation.year, evaluation.values) if stamped else None
    try:
        return write_score_sheet(path, evaluation, workspace.require_profile(), today, stamp)
    except OSError as error:
        raise TreemError(
            "FILE_UNWRITABLE", path=path, detail=error.strerror or str(error)
        ) from error
