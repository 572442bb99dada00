"""``treem receive report`` and ``treem receive export``: the office's consolidated outputs.

``report --period P --out DIR`` writes the consolidated workbook, the list of communes proposed
for recognition and the consolidated report (docx); ``export --period P --format
adx|dhis2-json --mapping FILE --out FILE`` writes the consolidation for DHIS2
(docs/receiving-exports.md). The office's modules are imported inside each command.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from treem_desktop.cli.output import Reporter
from treem_desktop.errors import EXIT_OK, TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice

EXPORT_FORMATS = ("adx", "dhis2-json")
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def add_report_commands(
    actions: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """The ``report`` and ``export`` actions of ``treem receive``."""
    report = actions.add_parser("report", parents=[common], help="consolidated xlsx and docx")
    report.add_argument("--period", required=True, help="2026, or 2026-H1 for indicators")
    report.add_argument("--out", required=True, help="the folder to write them in")
    export = actions.add_parser("export", parents=[common], help="DHIS2 data values or ADX")
    export.add_argument("--period", required=True, help="2026, or 2026-H1 for indicators")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--mapping", required=True, help="Treem ids to DHIS2 (JSON)")
    export.add_argument("--out", required=True, help="the file to write")


def run_receive_report(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.documents.docx_render import render_docx
    from treem_desktop.office.consolidate_period import consolidate_office_period
    from treem_desktop.office.consolidate_xlsx import write_consolidation_xlsx
    from treem_desktop.office.folder import open_office
    from treem_desktop.office.report_documents import consolidated_report, recognition_list
    from treem_desktop.office.signer import signer_notes
    from treem_desktop.office.status import target_share

    period = _period(args.period)
    folder = Path(args.out).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    with open_office(data_dir) as office:
        profile = office.require_profile()
        consolidation = consolidate_office_period(office, period)
        target, _source = target_share(office.conn, period)
    written = [write_consolidation_xlsx(consolidation, folder / f"tong-hop-{period}.xlsx")]
    if consolidation.evaluations:
        written.append(
            render_docx(
                recognition_list(consolidation, profile, target),
                folder / f"danh-sach-de-nghi-cong-nhan-{period}.docx",
            )
        )
    written.append(
        render_docx(
            consolidated_report(consolidation, profile, target),
            folder / f"bao-cao-tong-hop-{period}.docx",
        )
    )
    document: dict[str, Any] = {
        "period": period,
        "evaluations": len(consolidation.evaluations),
        "indicator_reports": len(consolidation.indicator_reports),
        "recognised": len(consolidation.recognised),
        "files": [str(p) for p in written],
        "notes": signer_notes(profile.signer),
    }
    lines = [
        _(
            "Evaluations: {evaluations}; indicator reports: {reports}; recognised: {recognised}."
        ).format(
            evaluations=document["evaluations"],
            reports=document["indicator_reports"],
            recognised=document["recognised"],
        ),
        *(_("Written: {path}").format(path=p) for p in written),
        *document["notes"],
    ]
    out.report(document, "\n".join(lines))
    return EXIT_OK


def run_receive_export(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.office.adx import write_adx
    from treem_desktop.office.consolidate_period import consolidate_office_period
    from treem_desktop.office.dhis2 import summary, write_data_value_set
    from treem_desktop.office.folder import open_office
    from treem_desktop.office.mapping import read_mapping

    period = _period(args.period)
    mapping = read_mapping(Path(args.mapping).expanduser())
    target = Path(args.out).expanduser()
    with open_office(data_dir) as office:
        office.require_profile()
        consolidation = consolidate_office_period(office, period)
    if summary(consolidation, mapping).values == 0:
        raise TreemError("EXPORT_NOTHING_MAPPED", period=period, path=args.mapping)
    if args.format == "adx":
        done = write_adx(consolidation, mapping, target, dt.datetime.now(VIETNAM))
    else:
        done = write_data_value_set(consolidation, mapping, target)
    document = {
        "period": period,
        "format": args.format,
        "file": str(target),
        "values": done.values,
        "unmapped_communes": list(done.unmapped_communes),
        "unmapped_ids": list(done.unmapped_ids),
    }
    lines = [_("{count} values written to {path}.").format(count=done.values, path=target)]
    if done.unmapped_communes:
        lines.append(
            _("Not in the mapping, left out: communes {codes}.").format(
                codes=", ".join(done.unmapped_communes)
            )
        )
    if done.unmapped_ids:
        lines.append(
            _("Not in the mapping, left out: values {ids}.").format(
                ids=", ".join(done.unmapped_ids)
            )
        )
    out.report(document, "\n".join(lines))
    return EXIT_OK


def _period(period: str) -> str:
    from treem_desktop.indicators.model import period_type

    try:
        period_type(period)
    except ValueError as error:
        raise TreemError("PERIOD_INVALID", period=period) from error
    return period


REPORT_COMMANDS: dict[tuple[str, str | None], Any] = {
    ("receive", "report"): run_receive_report,
    ("receive", "export"): run_receive_export,
}
