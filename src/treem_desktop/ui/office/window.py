"""The receiving office's main window: the follow-up dashboard, with import, resubmissions,
refused packets and the outputs as buttons above it."""

from __future__ import annotations

from pathlib import Path

from treem_desktop.i18n import _
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.followup import ImportTally, waiting_resubmissions
from treem_desktop.ui.office import outputs
from treem_desktop.ui.office.dashboard import Dashboard
from treem_desktop.ui.office.import_run import run_import, summary_text
from treem_desktop.ui.office.quarantine import QuarantineDialog
from treem_desktop.ui.office.resubmission import ResubmissionDialog
from treem_desktop.ui.office.trust_dialog import TrustDialog
from treem_desktop.ui.office.widgets import named
from treem_desktop.ui.qt import (
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PACKET_FILES = "*.zip *.eml *.mbox"


class OfficeWindow(QMainWindow):
    def __init__(self, office: OfficeFolder) -> None:
        super().__init__()
        self.setObjectName("office_window")
        self.office = office
        profile = office.require_profile()
        self.setWindowTitle(_("Treem — {office}").format(office=profile.name))
        self.dashboard = Dashboard(office)
        self.dashboard.resubmissions_asked.connect(self.review_resubmissions)
        self.dashboard.details_asked.connect(self.edit_details)
        self.last_summary = ""
        self.import_progress: QProgressDialog | None = None
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(6, 6, 6, 0)
        box.addLayout(self._buttons())
        box.addWidget(self.dashboard, 1)
        self.setCentralWidget(central)
        office_menu = self.menuBar().addMenu(_("&Office"))
        details = office_menu.addAction(_("Office &details…"), self.edit_details)
        details.setObjectName("office_details")
        self.resize(1024, 560)

    def edit_details(self) -> None:
        """The office's name and signer ("Thông tin cơ quan"), in the setup dialog."""
        from treem_desktop.ui.office.setup_dialog import edit_office_details

        if edit_office_details(self.office, self):
            profile = self.office.require_profile()
            self.setWindowTitle(_("Treem — {office}").format(office=profile.name))
            self.dashboard.refresh()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        import_button = named(QPushButton(_("&Import packets…")), "office_import")
        menu = QMenu(import_button)
        menu.addAction(_("Packet files or saved e-mails…"), self.choose_files)
        menu.addAction(_("A whole folder or USB stick…"), self.choose_folder)
        import_button.setMenu(menu)
        row.addWidget(import_button)
        actions = (
            (_("&Trust a commune…"), "office_trust", self.trust_commune),
            (_("&Refused packets…"), "office_quarantine", self.show_quarantine),
            (_("Consolidated &workbook…"), "office_xlsx", self.save_workbook),
            (_("Report &documents…"), "office_reports", self.save_reports),
            (_("Re&ceipts…"), "office_receipts", self.save_receipts),
            (_("Official scoring tab&le…"), "office_scoring_table", self.edit_scoring_table),
        )
        for text, name, slot in actions:
            button = named(QPushButton(text), name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Import packets"),
            str(Path.home()),
            _("Packets ({patterns})").format(patterns=PACKET_FILES),
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Import packets"), str(Path.home()))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        self.import_progress = run_import(self, self.office, paths, self._imported)

    def _imported(self, result: ImportTally, stopped: bool) -> None:
        self.import_progress = None
        self.last_summary = summary_text(result, stopped)
        self.dashboard.fill_periods()
        box = QMessageBox(self)
        box.setObjectName("import_summary")
        box.setWindowTitle(_("Import finished") if not stopped else _("Import stopped"))
        box.setText(self.last_summary)
        box.open()

    def review_resubmissions(self) -> None:
        for packet in waiting_resubmissions(self.office.conn, self.dashboard.current_period()):
            dialog = ResubmissionDialog(self.office, packet, self)
            if dialog.exec() != ResubmissionDialog.DialogCode.Accepted and not dialog.isVisible():
                break
        self.dashboard.refresh()

    def trust_commune(self) -> None:
        """The trust dialog (enrollment file, certificate or packet); the follow-up then shows
        the contact it brought."""
        if TrustDialog(self.office, self).exec() == TrustDialog.DialogCode.Accepted:
            self.dashboard.refresh()

    def show_quarantine(self) -> None:
        QuarantineDialog(self.office, self).exec()
        self.dashboard.fill_periods()

    def save_workbook(self) -> None:
        outputs.save_workbook(self, self.office, self.dashboard.current_period())

    def save_reports(self) -> None:
        outputs.save_reports(self, self.office, self.dashboard.current_period())

    def save_receipts(self) -> None:
        outputs.save_receipts(self, self.office)

    def edit_scoring_table(self) -> None:
        from treem_desktop.ui.office.scoring_editor import ScoringEditor

        ScoringEditor(self.office, self).exec()
