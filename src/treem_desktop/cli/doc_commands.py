"""``treem doc list`` and ``treem doc render``: official documents from the templates."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from treem_desktop.cli.output import Reporter
from treem_desktop.documents.templates import load_templates
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice
from treem_desktop.services import documents as docs
from treem_desktop.services.workspace import open_workspace
from treem_desktop.storage import register_repo


def run_doc_list(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    workspace = open_workspace(data_dir, create=False)
    try:
        entries = register_repo.entries(workspace.conn)
    finally:
        workspace.close()
    templates = load_templates()
    document = {
        "templates": [
            {"id": t.id, "version": t.version, "type": t.type_code, "label": t.label.get("vi")}
            for t in templates
        ],
        "register": [
            {
                "id": e.id,
                "year": e.year,
                "reference": e.reference,
                "number": e.number,
                "issued_on": e.issued_on.isoformat() if e.issued_on else None,
                "status": e.status,
                "summary": e.summary,
                "template": e.template_id,
            }
            for e in entries
        ],
    }
    lines = [f"{t.id:40} {t.type_code:4} {t.label.get('vi', '')}" for t in templates]
    lines += [""] + [f"{e.reference:14} {e.status:7} {e.summary}" for e in entries]
    out.report(document, "\n".join(lines))
    return 0


def run_doc_render(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    year = int(args.period[:4]) if args.period else dt.date.today().year
    workspace = open_workspace(data_dir, create=False)
    try:
        entry = docs.new_document(workspace, args.template, year)
        entry = docs.issue(workspace, entry, dt.date.today())
        written = docs.render_docx(workspace, entry, Path(args.out))
    finally:
        workspace.close()
    result = {"reference": entry.reference, "docx": str(written), "pdf": None}
    if args.pdf:
        result["pdf"] = str(pdf_through_libreoffice(written, Path(args.pdf)))
    out.report(
        result,
        _("Wrote {reference} to {path}.").format(reference=entry.reference, path=written),
    )
    return 0


def pdf_through_libreoffice(docx: Path, pdf: Path) -> Path:
    """The PDF of ``docx`` by LibreOffice headless (its own profile, as stack-notes §4 says)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise TreemError("PDF_CONVERTER_MISSING")
    with tempfile.TemporaryDirectory() as home:
        done = subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", home, str(docx)],
            capture_output=True,
            env={"HOME": home, "PATH": "/usr/bin:/bin"},
            timeout=180,
        )
        made = Path(home) / (docx.stem + ".pdf")
        if done.returncode != 0 or not made.exists():
            raise TreemError("PDF_CONVERTER_MISSING")
        shutil.move(str(made), pdf)
    return pdf
