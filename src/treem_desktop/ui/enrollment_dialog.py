"""Making the enrollment file for the province (tệp đăng ký gửi tỉnh) from the key card.

The officer checks the telephone and e-mail the office will see beside the commune in its
follow-up, types the key's passphrase when it has one, and chooses where to save the file
(a USB stick, or a folder to attach it to an e-mail). The work is one signature: it runs on
the window's thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treem_desktop.commune.commune_key import KeyFiles, key_is_protected
from treem_desktop.commune.enrollment import (
    EnrollmentFile,
    remembered_contact,
    write_enrollment_file,
)
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.handoff.enrollment import SUFFIX, enrollment_file_name
from treem_desktop.i18n import _
from treem_desktop.ui.key_dialogs import secret_field
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class EnrollmentDialog(QDialog):
    """The contact to put in the enrollment file, the passphrase, then where to save it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrollment_dialog")
        self.setWindowTitle(_("Enrollment file for the province"))
        self.setMinimumWidth(500)
        self.workspace = workspace
        self.made: EnrollmentFile | None = None
        self.protected = key_is_protected(KeyFiles.in_data_dir(workspace.data_dir.path))
        self.ask_path: Callable[[], Path | None] = self._ask_path
        self.problem = ProblemLabel()
        self.problem.setObjectName("enrollment_problem")
        known = remembered_contact(workspace)
        self.officer = QLabel(known.officer_name or "—")
        self.officer.setObjectName("enrollment_officer")
        self.phone = self._field("enrollment_phone", known.phone)
        self.email = self._field("enrollment_email", known.email)
        self.passphrase = secret_field("enrollment_passphrase")
        self.passphrase.textEdited.connect(lambda _text: self.problem.show_problem(None))
        self._lay_out()

    def _field(self, name: str, text: str) -> QLineEdit:
        field = QLineEdit(text)
        field.setObjectName(name)
        field.textEdited.connect(lambda _text: self.problem.show_problem(None))
        return field

    def _lay_out(self) -> None:
        intro = QLabel(
            _(
                "The enrollment file gives the receiving office the commune's certificate and who "
                "to contact, signed with the commune's key. The office trusts it only after you "
                "read it the fingerprint on the key card (by telephone)."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Officer in charge:"), self.officer)
        form.addRow(_("&Telephone:"), self.phone)
        form.addRow(_("&E-mail:"), self.email)
        if self.protected:
            form.addRow(_("&Passphrase of the key:"), self.passphrase)
        else:
            self.passphrase.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Save the file…"))
        ok.setObjectName("dialog_ok")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.phone.setFocus()

    def _ask_path(self) -> Path | None:
        code = self.workspace.require_profile().commune.code
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the enrollment file"),
            enrollment_file_name(code),
            _("Enrollment file (*{suffix})").format(suffix=SUFFIX),
        )
        return Path(path) if path else None

    def save(self) -> None:
        """Ask where, then sign and write the file; a refusal is shown under the fields."""
        target = self.ask_path()
        if target is not None:
            self.save_to(target)

    def save_to(self, target: Path) -> None:
        secret = self.passphrase.text().encode("utf-8") if self.protected else None
        try:
            self.made = write_enrollment_file(
                self.workspace, target, secret, self.phone.text(), self.email.text()
            )
        except TreemError as error:
            self.problem.show_problem(error.message())
            field = {"phone": self.phone, "email": self.email}.get(error.field or "")
            if field is None and error.code == "KEY_PASSPHRASE_WRONG":
                field = self.passphrase
            if field is not None:
                field.selectAll()
                field.setFocus()
            return
        self.accept()
