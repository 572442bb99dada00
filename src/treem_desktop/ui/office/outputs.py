"""The office's outputs from its window: the consolidated workbook, the report documents and
signed receipts (the office's functions, run off the window's thread)."""

from __future__ import annotations

from pathlib import Path

from treem_desktop.core.jobs import Job
from treem_desktop.i18n import _
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.ui.ops import run_op
from treem_desktop.ui.qt import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


def save_workbook(parent: QWidget, office: OfficeFolder, period: str) -> None:
    proposed = str(Path.home() / f"tong-hop-{period}.xlsx")
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the consolidated workbook"), proposed, _("Excel workbook (*.xlsx)")
    )
    if not chosen:
        return
    target = Path(chosen).with_suffix(".xlsx")

    def work(job: Job) -> list[Path]:
        from treem_desktop.office.consolidate_period import STAGES, consolidate_office_period
        from treem_desktop.office.consolidate_xlsx import write_consolidation_xlsx

        with office.own_connection() as own:
            consolidation = consolidate_office_period(own, period, job)
        job.check()
        job.step(STAGES, STAGES + 1, _("Writing the workbook…"))
        return [write_consolidation_xlsx(consolidation, target)]

    run_op(parent, _("Adding up the communes…"), work, lambda paths: _written(parent, paths))


def save_reports(parent: QWidget, office: OfficeFolder, period: str) -> None:
    folder = QFileDialog.getExistingDirectory(
        parent, _("Folder for the consolidated report and the list"), str(Path.home())
    )
    if not folder:
        return

    def work(job: Job) -> list[Path]:
        from treem_desktop.documents.docx_render import render_docx
        from treem_desktop.office.consolidate_period import STAGES, consolidate_office_period
        from treem_desktop.office.report_documents import consolidated_report, recognition_list
        from treem_desktop.office.status import target_share

        with office.own_connection() as own:
            profile = own.require_profile()
            consolidation = consolidate_office_period(own, period, job)
            target, _source = target_share(own.conn, period)
        out = Path(folder)
        written = []
        job.check()
        job.step(STAGES, STAGES + 1, _("Writing the documents…"))
        if consolidation.evaluations:
            written.append(
                render_docx(
                    recognition_list(consolidation, profile, target),
                    out / f"danh-sach-de-nghi-cong-nhan-{period}.docx",
                )
            )
        written.append(
            render_docx(
                consolidated_report(consolidation, profile, target),
                out / f"bao-cao-tong-hop-{period}.docx",
            )
        )
        return written

    def done(paths: list[Path]) -> None:
        from treem_desktop.office.signer import signer_notes

        _written(parent, paths, signer_notes(office.require_profile().signer))

    run_op(parent, _("Writing the documents…"), work, done)


def save_receipts(parent: QWidget, office: OfficeFolder) -> None:
    from treem_desktop.office.setup import office_key_files
    from treem_desktop.signing.keys import is_encrypted_pem

    folder = QFileDialog.getExistingDirectory(
        parent, _("Folder or USB stick for the receipts"), str(Path.home())
    )
    if not folder:
        return
    passphrase: bytes | None = None
    key = office_key_files(office.data_dir).key
    if key.exists() and is_encrypted_pem(key.read_bytes()):
        text, ok = QInputDialog.getText(
            parent,
            _("Sign the receipts"),
            _("The office key's passphrase:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        passphrase = text.encode("utf-8")

    def work(job: Job) -> list[Path]:
        from treem_desktop.office.receipts import write_receipts

        with office.own_connection() as own:
            return write_receipts(own, Path(folder), passphrase)

    run_op(parent, _("Signing the receipts…"), work, lambda paths: _written(parent, paths))


def _written(parent: QWidget, paths: list[Path], notes: list[str] | None = None) -> None:
    if not paths:
        text = _("Nothing new to write: every accepted packet already has its receipt.")
    else:
        text = _("Written:") + "\n" + "\n".join(str(p) for p in paths)
    QMessageBox.information(parent, _("Done"), "\n\n".join([text, *(notes or [])]))
