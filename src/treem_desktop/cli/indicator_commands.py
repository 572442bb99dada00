"""``treem indicators ...`` and ``treem targets import``: programme indicators by period."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from treem_desktop.cli.output import Reporter
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.core.outside_json import read_json_file
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.indicators.targets import status_label
from treem_desktop.paths import DataDirChoice
from treem_desktop.standards.model import tr


def run_indicators_import(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    """Import a period's values; a rate may come as ``{"numerator": n, "denominator": d}``.
    The rates imported as a plain number (typed alone: the province cannot add them up) are
    named after the count."""
    document = read_json_file(Path(args.file))
    ind.check_period(args.period)
    workspace = open_workspace(data_dir, create=False)
    try:
        count = ind.import_values(workspace, args.period, document)
        alone = [
            r.indicator
            for r in ind.own_rows(workspace, args.period)
            if r.rate_only and r.indicator.id in document
        ]
    finally:
        workspace.close()
    lines = [
        _("Imported {count} indicator values for {period}.").format(count=count, period=args.period)
    ]
    if alone:
        lines.append(
            _(
                "{count} rate indicator(s) have only a result, without numerator and "
                "denominator: the province cannot add them into its totals ({numbers})."
            ).format(count=len(alone), numbers=", ".join(i.number or i.id for i in alone))
        )
    out.report(
        {
            "period": args.period,
            "imported": count,
            "rates_without_parts": [i.id for i in alone],
        },
        "\n".join(lines),
    )
    return 0


def run_indicators_show(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    ind.check_period(args.period)
    workspace = open_workspace(data_dir, create=False)
    try:
        rows = ind.rows(workspace, args.period)
        indicator_set = ind.active_set(workspace)
    finally:
        workspace.close()
    document: dict[str, Any] = {
        "period": args.period,
        "indicator_set": {"id": indicator_set.id, "version": indicator_set.version},
        "target_files": [o.document_id for o in indicator_set.overrides],
        "indicators": [
            {
                "id": r.indicator.id,
                "number": r.indicator.number,
                "label": tr(r.indicator.label),
                "unit": r.indicator.unit,
                "direction": str(r.indicator.direction),
                "target_year": r.target_year,
                "target": r.target.value.value if r.target else None,
                "target_confirmed": r.target.confirmed if r.target else None,
                "target_from": r.target.origin.kind.value if r.target and r.target.origin else None,
                "target_text": r.target_text,
                "actual": r.actual,
                "numerator": r.numerator,
                "denominator": r.denominator,
                "status": str(r.status),
            }
            for r in rows
        ],
    }
    lines = [
        f"{r.indicator.number or r.indicator.id:>4}  {tr(r.indicator.label)[:60]:60}  "
        f"{r.target_text:>14}  {'—' if r.actual is None else format_number(r.actual):>8}  "
        f"{status_label(r.status)}"
        for r in rows
    ]
    out.report(document, "\n".join(lines))
    return 0


def run_targets_import(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    workspace = open_workspace(data_dir, create=False)
    try:
        override = ind.import_targets(workspace, Path(args.file))
    finally:
        workspace.close()
    out.report(
        {"id": override.id, "version": override.version, "province": override.province_code},
        _("The province's targets from {id} are now in use.").format(id=override.id),
    )
    return 0
