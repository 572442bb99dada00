"""``treem eval ...`` and ``treem standard ...``: the evaluation from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from treem_desktop.cli.output import Reporter
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.score_data import score_json, value_json
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice
from treem_desktop.standards.model import Input, Standard, SubIndicator, tr
from treem_desktop.standards.score_text import reason_text, status_text, verdict_text
from treem_desktop.standards.scoring import Score


def _with_workspace(data_dir: DataDirChoice) -> Workspace:
    return open_workspace(data_dir, create=False)


def run_eval_template(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    workspace = _with_workspace(data_dir)
    try:
        found = ev.open_round(workspace, args.year) if _has_round(workspace, args.year) else None
        standard = found.standard if found else ev.latest_standard(workspace)[0]
    finally:
        workspace.close()
    document = template_json(standard, args.year)
    lines = [f"{c['id']} {c['name']}" for c in document["criteria"]]
    out.report(document, "\n".join(lines))
    return 0


def _has_round(workspace: Workspace, year: int) -> bool:
    return ev.has_round(workspace, year)


def run_eval_import(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    path = Path(args.file)
    document = _read_inputs(path)
    workspace = _with_workspace(data_dir)
    try:
        evaluation = ev.import_values(workspace, args.year, document)
    finally:
        workspace.close()
    count = len(ev.flatten_import(document))
    out.report(
        {"year": args.year, "imported": count, "stored": len(evaluation.values)},
        _("Imported {count} values into the {year} round.").format(count=count, year=args.year),
    )
    return 0


def _read_inputs(path: Path) -> object:
    """A JSON document keyed by input id, or the inputs sheet of the app's own workbook."""
    if path.suffix.lower() == ".xlsx":
        from treem_desktop.exports.input_sheet import read_input_sheet

        return read_input_sheet(path)
    from treem_desktop.core.outside_json import read_json_file

    return read_json_file(path)


def run_eval_score(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    workspace = _with_workspace(data_dir)
    try:
        evaluation = ev.open_round(workspace, args.year)
    finally:
        workspace.close()
    score = evaluation.score()
    out.report(
        score_json(evaluation.standard, score, args.year), score_lines(evaluation.standard, score)
    )
    return 0


def run_eval_export(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    import datetime as dt

    workspace = _with_workspace(data_dir)
    try:
        evaluation = ev.open_round(workspace, args.year)
        written = ev.export_score_sheet(workspace, evaluation, Path(args.out), dt.date.today())
    finally:
        workspace.close()
    out.report(
        {"year": args.year, "path": str(written)},
        _("Wrote the {year} score sheet to {path}.").format(year=args.year, path=written),
    )
    return 0


def run_standard_import(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    workspace = _with_workspace(data_dir)
    try:
        standard = ev.import_standard(workspace, Path(args.file))
    finally:
        workspace.close()
    out.report(
        {"id": standard.id, "version": standard.version, "sha256": standard.sha256},
        _("Imported the standard {id} version {version}.").format(
            id=standard.id, version=standard.version
        ),
    )
    return 0


def _input_json(item: Input, sub: SubIndicator) -> dict[str, Any]:
    return {
        "id": item.id,
        "label": tr(item.label),
        "unit": tr(item.unit),
        "kind": str(item.kind),
        "better": str(sub.rule.direction) if item.kind.value in ("numerator", "count") else None,
        "status": str(item.status),
    }


def template_json(standard: Standard, year: int) -> dict[str, Any]:
    """Every criterion, sub-indicator and input with its label, unit, kind and direction."""
    inputs = standard.inputs()
    return {
        "year": year,
        "standard": {"id": standard.id, "version": standard.version, "sha256": standard.sha256},
        "criteria": [
            {
                "id": c.id,
                "number": c.number,
                "name": tr(c.name),
                "max_points": value_json(c.max_points),
                "sub_indicators": [
                    {
                        "id": s.id,
                        "label": tr(s.label),
                        "status": str(s.status),
                        "rule": s.rule.type,
                        "better": str(s.rule.direction),
                        "max_points": value_json(s.max_points),
                        "inputs": [
                            _input_json(i, s) for i in (*s.inputs, inputs[s.manual_input_id])
                        ],
                    }
                    for s in c.sub_indicators
                ],
            }
            for c in standard.criteria
        ],
    }


def score_lines(standard: Standard, score: Score) -> str:
    lines = []
    for criterion, result in zip(standard.criteria, score.criteria, strict=True):
        points = "—" if result.points is None else format_number(result.points, 0)
        maximum = (
            format_number(criterion.max_points.number, 0) if criterion.max_points.known else "?"
        )
        flag = (
            ""
            if criterion.max_points.confirmed
            else f" ({status_text(criterion.max_points.status)})"
        )
        lines.append(f"{criterion.number:>2}. {tr(criterion.name)}: {points} / {maximum}{flag}")
    threshold = format_number(score.threshold.number, 0)
    lines.append(
        _("Total: {total} / threshold {threshold} → {verdict}").format(
            total=format_number(score.total, 0),
            threshold=threshold,
            verdict=verdict_text(score.verdict),
        )
    )
    lines += [f"- {reason_text(r)}" for r in score.reasons]
    return "\n".join(lines)
