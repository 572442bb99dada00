"""Trusting a commune's certificate from a file: its enrollment file (with its contact), a
certificate or a packet it signed, with the fingerprint the commune reads out from its key card.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.handoff.enrollment import SUFFIX
from treem_desktop.i18n import _
from treem_desktop.office.enrollment import preview_enrollment
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.trust import TrustedCommune, trust_from_file
from treem_desktop.ui.office.fingerprint_field import FingerprintField
from treem_desktop.ui.office.widgets import named, wrapped
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class TrustDialog(QDialog):
    """Choose the commune's file, see what it says, type the fingerprint, trust."""

    def __init__(self, office: OfficeFolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trust_dialog")
        self.setWindowTitle(_("Trust a commune's certificate"))
        self.setMinimumWidth(560)
        self.office = office
        self.path: Path | None = None
        self.trusted: TrustedCommune | None = None
        self.ask_path: Callable[[], Path | None] = self._ask_path
        self.problem = named(ProblemLabel(), "trust_problem")
        self.file_label = named(QLabel(_("No file chosen.")), "trust_file")
        self.file_label.setWordWrap(True)
        self.preview = named(wrapped(), "trust_preview")
        self.preview.hide()
        self.fingerprint_field = FingerprintField()
        self.fingerprint = self.fingerprint_field.edit
        self.fingerprint_field.edited.connect(lambda: self.problem.show_problem(None))
        self.choose = named(QPushButton(_("&Choose the file…")), "trust_choose")
        self.choose.clicked.connect(self.choose_file)
        self._lay_out()

    def _lay_out(self) -> None:
        intro = wrapped(
            _(
                "Choose the commune's enrollment file (or its certificate, or a packet it "
                "signed). Then ask the commune to read the fingerprint on its key card by "
                "telephone and type it below, or read the card's QR code from a photo of it."
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.file_label, 1)
        row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow(_("&Fingerprint (SHA-256):"), self.fingerprint_field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Trust"))
        ok.setObjectName("dialog_ok")
        buttons.accepted.connect(self.trust)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.preview)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.choose.setFocus()

    def _ask_path(self) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("The commune's file"),
            str(Path.home()),
            _("Enrollment file, certificate or packet (*{suffix} *.pem *.cer *.crt *.der *.zip)")
            .format(suffix=SUFFIX),
        )  # fmt: skip
        return Path(path) if path else None

    def choose_file(self) -> None:
        path = self.ask_path()
        if path is not None:
            self.show_file(path)

    def show_file(self, path: Path) -> None:
        """Take ``path`` and show what its enrollment file says (or why it is refused)."""
        self.path = path
        self.file_label.setText(str(path))
        self.problem.show_problem(None)
        try:
            enrollment = preview_enrollment(path)
        except TreemError as error:
            self.preview.hide()
            self.problem.show_problem(error.message())
            return
        if enrollment is None:
            self.preview.hide()
        else:
            self.preview.setText(
                _("{commune} ({code}), {province}. Contact: {contact}").format(
                    commune=enrollment.commune_name,
                    code=enrollment.commune_code,
                    province=enrollment.province_name,
                    contact=enrollment.contact.text() or "—",
                )
            )
            self.preview.show()
        self.fingerprint.setFocus()

    def trust(self) -> None:
        """Trust the file's certificate if the fingerprint typed is its own; else say why."""
        if self.path is None:
            self.problem.show_problem(_("Choose the commune's file first."))
            self.choose.setFocus()
            return
        typed = self.fingerprint.text().strip()
        if not typed:
            self.problem.show_problem(_("Type the fingerprint the commune reads to you."))
            self.fingerprint.setFocus()
            return
        try:
            self.trusted = trust_from_file(self.office, self.path, typed)
        except TreemError as error:
            self.problem.show_problem(error.message())
            self.fingerprint.selectAll()
            self.fingerprint.setFocus()
            return
        self.accept()
