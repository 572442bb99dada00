"""``treem doc``: list, render (a draft or an issued document), edit a draft, numbering."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from treem_desktop.cli.output import Reporter
from treem_desktop.commune import documents as docs
from treem_desktop.commune.document_numbering import numbering, set_numbering, way_label
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.documents import pdf_writers
from treem_desktop.documents.model import Document
from treem_desktop.documents.templates import load_templates
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice


def run_doc_list(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    workspace = open_workspace(data_dir, create=False)
    try:
        entries = docs.register(workspace)
    finally:
        workspace.close()
    templates = load_templates(data_dir.path)
    document = {
        "templates": [
            {
                "id": t.id,
                "version": t.version,
                "type": t.type_code,
                "label": t.label.get("vi"),
                "origin": t.origin,
            }
            for t in templates
        ],
        "register": [
            {
                "id": e.id,
                "year": e.year,
                "reference": e.reference,
                "number": e.number,
                "period": e.period,
                "numbering": e.numbering,
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
    """A new document about ``--period``: a draft (``--draft``) or issued on ``--issued``
    (``--issue-date`` is the older name of the same option)."""
    period = args.period or str(dt.date.today().year)
    on = docs.parse_due(args.issued) if args.issued else dt.date.today()
    assert on is not None
    workspace = open_workspace(data_dir, create=False)
    try:
        docs.period_year(period)
        entry = docs.new_document(workspace, args.template, period)
        if not args.draft:
            entry = docs.issue(
                workspace, entry, on, args.number, accept_past=args.accept_past_deadlines
            )
        document = docs.document_for(workspace, entry)
        written = docs.write_docx(document, Path(args.out))
    finally:
        workspace.close()
    result = {
        "id": entry.id,
        "reference": entry.reference,
        "status": entry.status,
        "period": entry.period,
        "issued_on": entry.issued_on.isoformat() if entry.issued_on else None,
        "docx": str(written),
        "pdf": None,
    }
    if args.pdf:
        result["pdf"] = str(write_pdf(document, written, args))
    out.report(
        result,
        _("Wrote {reference} to {path}.").format(reference=entry.reference, path=written),
    )
    return 0


def run_doc_edit(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    """Change a draft's summary or recipients; an issued document is refused."""
    workspace = open_workspace(data_dir, create=False)
    try:
        entry = docs.find_entry(workspace, args.id)
        docs.require_editable(workspace, entry.id)
        if args.summary is not None:
            docs.set_summary(workspace, entry, args.summary)
        if args.recipient:
            docs.set_recipients(workspace, entry, list(args.recipient))
        entry = docs.find_entry(workspace, args.id)
    finally:
        workspace.close()
    out.report(
        {"id": entry.id, "reference": entry.reference, "summary": entry.summary},
        _("Saved {reference}.").format(reference=entry.reference),
    )
    return 0


def run_doc_numbering(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    """Show or set how issued documents are numbered."""
    workspace = open_workspace(data_dir, create=False)
    try:
        if args.way:
            set_numbering(workspace, args.way, args.first)
        chosen = numbering(workspace)
    finally:
        workspace.close()
    out.report(
        {"numbering": chosen.way, "first_number": chosen.first_number},
        f"{chosen.way}: {way_label(chosen.way)}",
    )
    return 0


def write_pdf(document: Document, docx: Path, args: argparse.Namespace) -> Path:
    """The PDF by the window's Qt renderer (the default), or from the .docx by LibreOffice."""
    pdf = Path(args.pdf)
    if getattr(args, "pdf_engine", pdf_writers.QT) == pdf_writers.LIBREOFFICE:
        return pdf_through_libreoffice(docx, pdf)
    try:
        return pdf_writers.qt_writer()(document, pdf)
    except OSError as error:
        raise TreemError(
            "FILE_UNWRITABLE", path=pdf, detail=error.strerror or str(error)
        ) from error


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
