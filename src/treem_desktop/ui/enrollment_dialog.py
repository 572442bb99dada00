"""Making the enrollment file for the province (tệp đăng ký gửi tỉnh) from the key card.

The officer checks the telephone and e-mail the office will see beside the commune in its
follow-up, chooses who signs when a token library is on this computer (the commune's key, or a
USB token: the packet dialog's :class:`~treem_desktop.ui.packets.token_panel.SignerChoice`),
types the key's passphrase or the token's PIN, and chooses where to save the file (a USB stick,
or a folder to attach it to an e-mail). Signing runs off the window's thread (``ui/ops.run_op``):
a Cancel pressed before the token is asked stops it and the PIN is never sent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.commune.commune_key import KeyFiles, key_is_protected
from treem_desktop.commune.enrollment import (
    EnrollmentFile,
    enrollment_key_signer,
    remembered_contact,
    write_enrollment_file,
)
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job, JobCancelled
from treem_desktop.errors import TreemError
from treem_desktop.handoff.enrollment import SUFFIX, enrollment_file_name
from treem_desktop.i18n import _
from treem_desktop.ui.key_dialogs import secret_field
from treem_desktop.ui.ops import in_own_connection, run_op
from treem_desktop.ui.packets.token_panel import SignerChoice
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

if TYPE_CHECKING:
    from treem_desktop.signing.signers import PacketSigner

    SignerMaker = Callable[[Workspace], PacketSigner]


def token_offered() -> bool:
    """Whether a USB token's library is on this computer (found in the usual places or named
    by ``TREEM_PKCS11_LIBRARY``): only then is signing with a token offered."""
    from treem_desktop.signing.token_libraries import installed_libraries

    return bool(installed_libraries())


class EnrollmentDialog(QDialog):
    """The contact to put in the enrollment file, who signs, then where to save it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrollment_dialog")
        self.setWindowTitle(_("Enrollment file for the province"))
        self.setMinimumWidth(500)
        self.workspace = workspace
        self.made: EnrollmentFile | None = None
        self.by_token = False  # the file made was signed with a token
        self.saving = False  # signing runs off the window's thread
        self.protected = key_is_protected(KeyFiles.in_data_dir(workspace.data_dir.path))
        self.ask_path: Callable[[], Path | None] = self._ask_path
        self.problem = ProblemLabel()
        self.problem.setObjectName("enrollment_problem")
        known = remembered_contact(workspace)
        self.officer = QLabel(known.officer_name or "—")
        self.officer.setObjectName("enrollment_officer")
        self.phone = self._field("enrollment_phone", known.phone)
        self.email = self._field("enrollment_email", known.email)
        self.signer_choice = SignerChoice(self.protected) if token_offered() else None
        if self.signer_choice is not None:
            self.setMinimumWidth(640)  # the token's library row, as in the packet dialog
        if self.signer_choice is not None:
            self.passphrase = self.signer_choice.passphrase
        else:
            self.passphrase = secret_field("enrollment_passphrase")
        self.passphrase.textEdited.connect(lambda _text: self.problem.show_problem(None))
        self._lay_out()

    def _field(self, name: str, text: str) -> QLineEdit:
        field = QLineEdit(text)
        field.setObjectName(name)
        field.textEdited.connect(lambda _text: self.problem.show_problem(None))
        return field

    def _intro(self) -> QLabel:
        if self.signer_choice is None:
            text = _(
                "The enrollment file gives the receiving office the commune's certificate and who "
                "to contact, signed with the commune's key. The office trusts it only after you "
                "read it the fingerprint on the key card (by telephone)."
            )
        else:
            text = _(
                "The enrollment file gives the receiving office the certificate the commune "
                "signs its packets with (the key on this computer, or the USB token's) and who "
                "to contact. The office trusts it only after you read it the fingerprint shown "
                "when the file is made (by telephone)."
            )
        intro = QLabel(text)
        intro.setWordWrap(True)
        return intro

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(_("Officer in charge:"), self.officer)
        form.addRow(_("&Telephone:"), self.phone)
        form.addRow(_("&E-mail:"), self.email)
        if self.signer_choice is None and self.protected:
            form.addRow(_("&Passphrase of the key:"), self.passphrase)
        elif self.signer_choice is None:
            self.passphrase.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Save the file…"))
        ok.setObjectName("dialog_ok")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro())
        layout.addLayout(form)
        if self.signer_choice is not None:
            layout.addWidget(self.signer_choice)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
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
        if self.saving:
            return
        target = self.ask_path()
        if target is not None:
            self.save_to(target)

    def save_to(self, target: Path) -> None:
        """Sign and write the file at ``target`` off the window's thread."""
        self.problem.show_problem(None)
        try:
            make_signer = self._signer_maker()  # the token chosen and its PIN read here
        except TreemError as error:
            self._refused(error)
            return
        phone, email = self.phone.text(), self.email.text()

        def work(job: Job) -> EnrollmentFile | TreemError:
            def in_own(own: Workspace) -> EnrollmentFile:
                return write_enrollment_file(own, target, make_signer(own), phone, email, job)

            try:
                return in_own_connection(self.workspace, in_own)
            except JobCancelled:
                raise
            except TreemError as error:
                return error

        self.saving = True
        self.by_token = self._token_chosen()
        self.buttons.setEnabled(False)
        run_op(
            self, _("Signing the enrollment file…"), work, self._saved, on_cancelled=self._stopped
        )

    def _token_chosen(self) -> bool:
        return self.signer_choice is not None and self.signer_choice.use_token.isChecked()

    def _signer_maker(self) -> SignerMaker:
        """Who signs, made in the worker: the commune's key (unlocked there), or the token."""
        if self.signer_choice is not None and self._token_chosen():
            signer = self.signer_choice.signer(self.workspace)
            return lambda _own: signer
        secret = self.passphrase.text().encode("utf-8") if self.protected else None
        return lambda own: enrollment_key_signer(own, secret)

    def _saved(self, outcome: EnrollmentFile | TreemError) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        if isinstance(outcome, TreemError):
            self._refused(outcome)
            return
        self.made = outcome
        if self.signer_choice is not None:
            self.signer_choice.clear_secrets()
        self.passphrase.clear()
        self.accept()

    def _stopped(self) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        self.problem.show_problem(_("Stopped: no enrollment file was written."))

    def _refused(self, error: TreemError) -> None:
        self.problem.show_problem(error.message())
        field = {"phone": self.phone, "email": self.email}.get(error.field or "")
        if field is None and error.code == "KEY_PASSPHRASE_WRONG":
            field = self.passphrase
        if field is not None:
            field.selectAll()
            field.setFocus()
        elif self.signer_choice is not None:
            self.signer_choice.focus_secret(error.code)

    def outcome_text(self) -> str:
        """What the key card says once the file is saved: where, and what to read out."""
        assert self.made is not None
        if self.by_token:
            return _(
                "The enrollment file was saved to {path}, signed with the token's certificate. "
                "Send it to the receiving office, then read it this certificate's fingerprint by "
                "telephone: {fingerprint}"
            ).format(path=self.made.path, fingerprint=self.made.fingerprint)
        return _(
            "The enrollment file was saved to {path}. Send it to the receiving office, then "
            "read it the fingerprint on this card by telephone."
        ).format(path=self.made.path)
