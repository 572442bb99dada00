"""``treem standard pack`` (the office signs filled values) and ``treem standard import`` of a
pack (the commune verifies it and its rounds are re-scored); docs/standard-pack.md."""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.cli.output import Reporter
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice
from treem_desktop.standards.model import tr

if TYPE_CHECKING:
    from treem_desktop.office.standard_pack import Carried


def add_standard_pack_parser(actions: argparse._SubParsersAction, common: Any) -> None:
    """``standard pack --from FILE --out PACK`` (receiving mode)."""
    pack = actions.add_parser(
        "pack", parents=[common], help="receiving office: sign a standard's filled values"
    )
    pack.add_argument("--from", dest="values", required=True, help="FILE.json of filled values")
    pack.add_argument("--out", required=True, help="PACK.zip or a folder")
    pack.add_argument("--passphrase-file", help="the office key's passphrase, first line")
    pack.add_argument(
        "--targets", help="the province's targets file (the one `treem targets import` reads)"
    )
    pack.add_argument(
        "--template",
        action="append",
        default=[],
        help="a document template to send to the communes (may be repeated)",
    )


def run_standard_pack(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.cli.secrets import read_passphrase
    from treem_desktop.office.folder import KEYS_DIR, open_office
    from treem_desktop.office.keys import OfficeKeyFiles
    from treem_desktop.office.standard_pack import pack_from_file
    from treem_desktop.signing.keys import is_encrypted_pem

    carried = _carried(args)
    with open_office(data_dir) as office:
        files = OfficeKeyFiles.in_folder(office.path / KEYS_DIR)
        needed = files.key.is_file() and is_encrypted_pem(files.key.read_bytes())
        passphrase = read_passphrase(args.passphrase_file, new=False) if needed else None
        signed = pack_from_file(office, Path(args.values), Path(args.out), passphrase, carried)
    standard = signed.standard
    targets = signed.carried.targets
    out.report(
        {
            "path": str(signed.path),
            "standard": {"id": standard.id, "version": standard.version},
            "values": signed.values,
            "targets": targets and {"id": targets.override.id, "sha256": targets.override.sha256},
            "templates": [t.template.id for t in signed.carried.templates],
        },
        _("Signed {count} values of the standard {id} into {path}.").format(
            count=signed.values, id=standard.id, path=signed.path
        ),
    )
    return 0


def _carried(args: argparse.Namespace) -> Carried:
    """The targets and templates given on the command line, checked before anything else."""
    from treem_desktop.office.standard_pack import (
        Carried,
        read_file,
        targets_from_bytes,
        template_from_file,
    )

    targets = None
    if args.targets:
        targets = targets_from_bytes(read_file(Path(args.targets)), args.targets)
    templates = tuple(template_from_file(Path(p)) for p in args.template)
    return Carried(targets, templates)


def is_pack_file(path: Path) -> bool:
    """A ZIP (a standard pack) rather than a standard's JSON file."""
    return path.is_file() and zipfile.is_zipfile(path)


def run_standard_import_any(
    args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter
) -> int:
    """A standard pack when FILE is a ZIP, else a standard file (as before)."""
    if is_pack_file(Path(args.file)):
        return run_pack_import(args, data_dir, out)
    from treem_desktop.cli.eval_commands import run_standard_import

    return run_standard_import(args, data_dir, out)


def run_pack_import(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.standard_pack import import_pack
    from treem_desktop.commune.workspace import open_workspace

    workspace = open_workspace(data_dir, create=False)
    try:
        before = _round_scores(workspace, with_pack=False)
        imported = import_pack(workspace, Path(args.file))
        after = _round_scores(workspace, with_pack=True)
    finally:
        workspace.close()
    rounds = [{"year": y, "before": before[y], "after": after[y]} for y in sorted(after)]
    document = imported.document
    lines = [
        _("Imported the province's scoring table: {count} values signed on {date}.").format(
            count=len(imported.filled), date=document["signed_at"][:10]
        )
    ]
    lines += [_round_line(r) for r in rounds]
    targets = imported.targets
    if targets is not None:
        lines.append(_("The province's targets are in force: {title}.").format(
            title=tr(targets.title)))  # fmt: skip
    for template in imported.templates:
        lines.append(_("Document template received: {label}.").format(label=tr(template.label)))
    out.report(
        {
            "standard": document["standard"],
            "office": document.get("office"),
            "signed_at": document["signed_at"],
            "values": len(imported.filled),
            "rounds": rounds,
            "targets": targets and {"id": targets.id, "sha256": targets.sha256},
            "templates": [{"id": t.id, "version": t.version} for t in imported.templates],
        },
        "\n".join(lines),
    )
    return 0


def _round_scores(workspace: Any, *, with_pack: bool) -> dict[int, dict[str, Any]]:
    from treem_desktop.commune import evaluation as ev
    from treem_desktop.standards.scoring import score_round

    found = {}
    for year in ev.round_years(workspace):
        evaluation = ev.open_round(workspace, year)
        standard = evaluation.standard
        if not with_pack:
            standard = ev.round_standard(workspace, evaluation)
        score = score_round(standard, evaluation.values, evaluation.row.category)
        found[year] = {
            "total": score.total,
            "provisional": score.provisional,
            "verdict": str(score.verdict),
            "unconfirmed_criteria": [c.number for c in score.criteria if c.unconfirmed],
            "criteria": {c.id: c.known_points for c in score.criteria},
        }
    return found


def _round_line(row: dict[str, Any]) -> str:
    before, after = row["before"], row["after"]
    return _("Round {year}: {before} → {after} points.").format(
        year=row["year"],
        before=format_number(before["total"], 0),
        after=format_number(after["total"], 0),
    )
