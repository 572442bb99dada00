"""What each kind of packet holds, and what to look at before sending it (pre-flight).

- ``evaluation`` (a year): the inputs, scores, verdict and the evidence files' hashes in
  ``data.json``, the score sheet, and the year's *issued* evaluation plan and self-assessment
  report as .docx (the pre-flight says when the report is not issued yet).
- ``indicators`` (a year or a half-year): every programme indicator with its value (a rate with
  its numerator and denominator when they were typed), the target in force and met / not met,
  in ``data.json``; and the report tables (Bảng 1.1, 2.1…) as xlsx.
- ``plan`` (a year): every *issued* official document of the year as .docx, with the register's
  numbers, summaries and tasks in ``data.json``. Drafts are left out and named in the pre-flight.

The builder (``packet_service``) signs what these functions return; none of them writes
anything outside a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.score_data import score_json
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.text import fold
from treem_desktop.errors import TreemError
from treem_desktop.standards.model import tr
from treem_desktop.standards.scoring import Score, SubState

if TYPE_CHECKING:
    from treem_desktop.commune.indicators import IndicatorRow


@dataclass(frozen=True)
class PreflightItem:
    """One thing to look at before sending.

    Attributes:
        code: stable identifier (``INPUTS_MISSING``, ``VALUES_UNCONFIRMED``,
            ``INDICATORS_MISSING``, ``RATES_WITHOUT_PARTS``, ``DOCUMENTS_NOT_ISSUED``,
            ``NO_DOCUMENTS``, ``REPORT_NOT_ISSUED``).
        target: where to fix it: a criterion id such as ``c6``, ``indicator:<id>`` (the first
            indicator concerned), ``document:<id>`` (a document
            of the register; ``document:`` for the documents page), or "" for nothing to open.
        detail: the input ids, criterion ids, indicator ids or document summaries concerned.
        blocking: True when the packet cannot be built until it is fixed.
    """

    code: str
    target: str
    detail: tuple[str, ...]
    blocking: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "target": self.target,
            "detail": list(self.detail),
            "blocking": self.blocking,
        }


@dataclass(frozen=True)
class PacketParts:
    """A packet's files, standards and pre-flight notes, before it is signed."""

    kind: str
    period: str
    files: dict[str, bytes]
    preflight: list[PreflightItem]
    standards: tuple[dict[str, str], ...]


def evaluation_preflight(score: Score) -> list[PreflightItem]:
    """What is missing or uncertain in a round: missing inputs by criterion, unconfirmed values."""
    items: list[PreflightItem] = []
    for criterion in score.criteria:
        missing = tuple(
            input_id
            for sub in criterion.subs
            if sub.state == SubState.MISSING_INPUTS
            for input_id in sub.missing
        )
        if missing:
            items.append(PreflightItem("INPUTS_MISSING", criterion.id, missing))
    unconfirmed = tuple(c.id for c in score.criteria if c.unconfirmed)
    if unconfirmed:
        items.append(PreflightItem("VALUES_UNCONFIRMED", "", unconfirmed))
    return items


EVALUATION_TEMPLATES = ("ke-hoach-danh-gia-xa-phu-hop-tre-em", "bao-cao-tu-danh-gia")
"""The documents of the evaluation: its plan and the commune's self-assessment report."""
SELF_ASSESSMENT_REPORT = "bao-cao-tu-danh-gia"


def evaluation_document_entries(workspace: Workspace, year: int) -> list[Any]:
    """The register's entries of the year's evaluation plan and self-assessment report."""
    from treem_desktop.storage import register_repo

    return [
        e
        for e in register_repo.entries(workspace.conn)
        if e.year == year and e.template_id in EVALUATION_TEMPLATES
    ]


def evaluation_document_preflight(entries: list[Any]) -> list[PreflightItem]:
    """The report not issued yet (the packet goes without it), and drafts left out."""
    items: list[PreflightItem] = []
    issued = [e for e in entries if e.status == "issued"]
    drafts = [e for e in entries if e.status != "issued"]
    if not any(e.template_id == SELF_ASSESSMENT_REPORT for e in issued):
        report = [e for e in drafts if e.template_id == SELF_ASSESSMENT_REPORT]
        items.append(PreflightItem("REPORT_NOT_ISSUED", document_target(report), ()))
    return items + drafts_left_out(drafts)


def drafts_left_out(drafts: list[Any]) -> list[PreflightItem]:
    """The drafts a packet leaves out (only issued documents travel), as one line."""
    if not drafts:
        return []
    summaries = tuple(e.summary for e in drafts)
    return [PreflightItem("DOCUMENTS_NOT_ISSUED", document_target(drafts), summaries)]


def document_target(entries: list[Any]) -> str:
    """Where to fix a line about documents: ``document:<id>`` of the first one concerned, or
    ``document:`` (the documents page) when there is none yet."""
    return f"document:{entries[0].id}" if entries else "document:"


def evaluation_parts(workspace: Workspace, period: str) -> PacketParts:

    year = _year(period)
    evaluation = ev.open_round(workspace, year)
    score = evaluation.score()
    entries = evaluation_document_entries(workspace, year)
    preflight = evaluation_preflight(score) + evaluation_document_preflight(entries)
    standard = evaluation.standard
    data: dict[str, Any] = {
        "kind": "evaluation",
        "year": year,
        "inputs": dict(sorted(evaluation.values.items())),
        "score": score_json(standard, score, year),
        "evidence": _evidence_json(workspace, evaluation.row.id),
        "preflight": [item.as_json() for item in preflight],
    }
    issued = [e for e in entries if e.status == "issued"]
    with tempfile.TemporaryDirectory(prefix="treem-packet-") as folder:
        files, data["documents"] = _issued_documents(workspace, issued, year, Path(folder))
        sheet = Path(folder) / "sheet.xlsx"
        ev.export_score_sheet(workspace, evaluation, sheet, dt.date.today(), stamped=False)
        files = {
            "data.json": _json(data),
            f"bang-diem-{year}.xlsx": sheet.read_bytes(),
            **files,
        }
    standards = ({"id": standard.id, "version": str(standard.version), "sha256": standard.sha256},)
    return PacketParts("evaluation", str(year), files, preflight, standards)


def indicator_preflight(workspace: Workspace, period: str) -> list[PreflightItem]:
    """The commune's own indicators without a value for ``period`` (not those the province
    or the country computes, such as a share of communes), then its rates typed without their
    numerator and denominator (a note: the province cannot add them into its totals)."""
    from treem_desktop.commune import indicators as ind

    ind.check_period(period)
    own = ind.own_rows(workspace, period)
    items: list[PreflightItem] = []
    missing = tuple(row.indicator.id for row in own if row.actual is None)
    if missing:
        items.append(PreflightItem("INDICATORS_MISSING", f"indicator:{missing[0]}", missing))
    alone = tuple(row.indicator.id for row in own if row.rate_only)
    if alone:
        items.append(PreflightItem("RATES_WITHOUT_PARTS", f"indicator:{alone[0]}", alone))
    return items


def plan_preflight(workspace: Workspace, period: str) -> list[PreflightItem]:
    """Drafts not issued (left out), or nothing issued at all (blocking)."""
    from treem_desktop.storage import register_repo

    year = _year(period)
    entries = [e for e in register_repo.entries(workspace.conn) if e.year == year]
    items: list[PreflightItem] = []
    drafts = [e for e in entries if e.status != "issued"]
    if not any(e.status == "issued" for e in entries):
        items.append(PreflightItem("NO_DOCUMENTS", document_target(drafts), (), blocking=True))
    return items + drafts_left_out(drafts)


def indicator_parts(workspace: Workspace, period: str) -> PacketParts:
    from treem_desktop.commune import indicators as ind

    preflight = indicator_preflight(workspace, period)
    indicator_set = ind.active_set(workspace)
    rows = ind.rows(workspace, period)
    data = {
        "kind": "indicators",
        "period": period,
        "indicator_set": {
            "id": indicator_set.id,
            "version": indicator_set.version,
            "sha256": indicator_set.sha256,
            "province_targets": [o.sha256 for o in indicator_set.overrides],
        },
        "indicators": [_indicator_json(row) for row in rows],
        "comments": ind.comments(workspace, period),
        "preflight": [item.as_json() for item in preflight],
    }
    files = {"data.json": _json(data), **_table_sheets(workspace, period)}
    standards = [
        {
            "id": indicator_set.id,
            "version": str(indicator_set.version),
            "sha256": indicator_set.sha256,
        }
    ]
    standards += [
        {"id": form.id, "version": str(form.version), "sha256": form.sha256}
        for form in _table_forms()
    ]
    return PacketParts("indicators", period, files, preflight, tuple(standards))


def _indicator_json(row: IndicatorRow) -> dict[str, Any]:
    """One indicator's entry; a rate computed from its parts carries ``numerator`` and
    ``denominator`` too, so that the province can add them up (docs/packet-format.md)."""
    entry: dict[str, Any] = {
        "id": row.indicator.id,
        "label": tr(row.indicator.label),
        "unit": row.indicator.unit,
        "value": row.actual,
        "target_year": row.target_year,
        "target": row.target_text,
        "status": str(row.status),
    }
    if row.from_parts:
        entry["numerator"] = row.numerator
        entry["denominator"] = row.denominator
    return entry


def plan_parts(workspace: Workspace, period: str) -> PacketParts:
    from treem_desktop.storage import register_repo

    year = _year(period)
    preflight = plan_preflight(workspace, period)
    if any(item.blocking for item in preflight):
        raise TreemError("PACKET_NO_DOCUMENTS", year=year)
    entries = [e for e in register_repo.entries(workspace.conn) if e.year == year]
    issued = [e for e in entries if e.status == "issued"]
    with tempfile.TemporaryDirectory(prefix="treem-packet-") as folder:
        files, listed = _issued_documents(workspace, issued, year, Path(folder))
    data = {"kind": "plan", "year": year, "documents": listed}
    data["preflight"] = [item.as_json() for item in preflight]
    return PacketParts("plan", str(year), {"data.json": _json(data), **files}, preflight, ())


def _issued_documents(
    workspace: Workspace, issued: list[Any], year: int, folder: Path
) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """Each issued document as .docx (written in ``folder``) and its entry for ``data.json``."""
    from treem_desktop.commune import documents as docs

    files: dict[str, bytes] = {}
    listed: list[dict[str, Any]] = []
    for entry in issued:
        name = document_member_name(
            entry.type_code, entry.issuer_code, entry.number, year, entry_id=entry.id
        )
        path = docs.write_docx(docs.document_for(workspace, entry), folder / name)
        files[name] = path.read_bytes()
        listed.append(_document_json(workspace, entry, name))
    return files, listed


def evaluation_preflight_of(workspace: Workspace, period: str) -> list[PreflightItem]:
    year = _year(period)
    documents = evaluation_document_preflight(evaluation_document_entries(workspace, year))
    return evaluation_preflight(ev.open_round(workspace, year).score()) + documents


def criteria_total(workspace: Workspace, period: str) -> int:
    """How many criteria the year's round is scored on (13 for Decision 06)."""
    return len(ev.open_round(workspace, _year(period)).standard.criteria)


def _evidence_json(workspace: Workspace, round_id: int) -> list[dict[str, Any]]:
    """The evidence files behind the round's values, by hash (the files stay at the commune)."""
    from treem_desktop.storage import eval_repo

    return [
        {
            "criterion": row.criterion_id,
            "file": row.file_name,
            "sha256": row.sha256,
            "size": row.size,
        }
        for row in eval_repo.round_evidence(workspace.conn, round_id)
    ]


PREFLIGHT: dict[str, Callable[[Workspace, str], list[PreflightItem]]] = {
    "evaluation": evaluation_preflight_of,
    "indicators": indicator_preflight,
    "plan": plan_preflight,
}
PARTS: dict[str, Callable[[Workspace, str], PacketParts]] = {
    "evaluation": evaluation_parts,
    "indicators": indicator_parts,
    "plan": plan_parts,
}


def document_member_name(
    type_code: str, issuer_code: str, number: int | None, year: int, *, entry_id: int
) -> str:
    """``KH-UBND-012-2026-ID7.docx`` for “12/KH-UBND” of 2026, register entry 7: ASCII, flat,
    safe everywhere. The entry id keeps apart two documents left unnumbered for the clerk
    (``KH-UBND-000-2026-ID7``, ``…-ID9``) or given the same number by hand."""
    raw = f"{type_code}-{issuer_code}-{number or 0:03d}-{year}-ID{entry_id}"
    ascii_name = re.sub(r"[^A-Za-z0-9-]+", "-", fold(raw).upper()).strip("-")
    return f"{ascii_name[:90]}.docx"


def _document_json(workspace: Workspace, entry: Any, name: str) -> dict[str, Any]:
    from treem_desktop.commune import documents as docs

    return {
        "reference": entry.reference,
        "type": entry.type_code,
        "issued_on": entry.issued_on.isoformat() if entry.issued_on else None,
        "summary": entry.summary,
        "template": entry.template_id,
        "file": name,
        "tasks": [
            {
                "content": task.content,
                "lead": task.lead,
                "partners": task.partners,
                "due": task.due.isoformat() if task.due else None,
            }
            for task in docs.tasks_of(workspace, entry)
        ],
    }


def _table_forms() -> tuple[Any, ...]:
    from treem_desktop.commune.tables import table_forms

    return table_forms()


def _table_sheets(workspace: Workspace, period: str) -> dict[str, bytes]:
    """Each report table that has values, as the xlsx the app exports (seed 004's layout)."""
    from treem_desktop.commune.table_export import export_table
    from treem_desktop.commune.tables import open_table
    from treem_desktop.indicators.model import RowsKind

    sheets: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="treem-packet-") as folder:
        for form in _table_forms():
            for table in form.tables:
                session = open_table(workspace, form.id, table.id, period)
                if not session.values and table.rows.kind is not RowsKind.INDICATORS:
                    continue
                name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"bang-{table.id}.xlsx")
                path = export_table(workspace, session, Path(folder) / name)
                sheets[name] = path.read_bytes()
    return sheets


def _year(period: str) -> int:
    if not re.fullmatch(r"(19|20)\d\d", period):
        raise TreemError("PERIOD_INVALID", period=period)
    return int(period)


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")
