"""Choosing who signs a packet: the commune's key on this computer, or an officer's USB token.

The token side lists the token libraries found on the computer (the usual CA middleware, see
``resources/reference/pkcs11-libraries.json``) and lets the officer choose another file; “Read
the token” lists its certificates (no PIN needed); the PIN is asked for once, when signing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.busy import busy_cursor
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from treem_desktop.commune.workspace import Workspace
    from treem_desktop.signing.signers import PacketSigner
    from treem_desktop.signing.token import TokenCertificate


class SignerChoice(QWidget):
    """The signing method, with the passphrase or the token's library, certificate and PIN."""

    def __init__(self, key_protected: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signer_choice")
        self.use_key = QRadioButton(_("Sign with the commune's &key on this computer"))
        self.use_key.setObjectName("sign_with_key")
        self.use_token = QRadioButton(_("Sign with a USB &token (a CA's digital certificate)"))
        self.use_token.setObjectName("sign_with_token")
        group = QButtonGroup(self)
        group.addButton(self.use_key)
        group.addButton(self.use_token)
        self.use_key.setChecked(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("packet_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_protected = key_protected
        self.library = QComboBox()
        self.library.setObjectName("token_library")
        self.library.setEditable(True)
        self.library.setMinimumContentsLength(40)
        browse = QPushButton(_("C&hoose file…"))
        browse.clicked.connect(self._browse)
        self.read_button = QPushButton(_("&Read the token"))
        self.read_button.setObjectName("token_read")
        self.read_button.clicked.connect(self.read_token)
        self.certificate = QComboBox()
        self.certificate.setObjectName("token_certificate")
        self.pin = QLineEdit()
        self.pin.setObjectName("token_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_problem = ProblemLabel()
        self.found: list[TokenCertificate] = []
        self._lay_out(browse)
        self._fill_libraries()
        self.use_token.toggled.connect(self._show_method)
        self._show_method()

    def _lay_out(self, browse: QPushButton) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.use_key)
        self.key_box = QWidget()
        key_form = QFormLayout(self.key_box)
        key_form.addRow(_("&Passphrase of the signing key:"), self.passphrase)
        layout.addWidget(self.key_box)
        layout.addWidget(self.use_token)
        self.token_box = QWidget()
        token_form = QFormLayout(self.token_box)
        library_row = QHBoxLayout()
        library_row.addWidget(self.library, 1)
        library_row.addWidget(browse)
        library_row.addWidget(self.read_button)
        library_label = QLabel(_("Token &library:"))
        library_label.setBuddy(self.library)
        token_form.addRow(library_label, library_row)
        token_form.addRow(_("&Certificate:"), self.certificate)
        token_form.addRow(_("P&IN:"), self.pin)
        token_form.addRow(self.token_problem)
        layout.addWidget(self.token_box)

    def _fill_libraries(self) -> None:
        from treem_desktop.signing.token_libraries import installed_libraries

        for library in installed_libraries():
            self.library.addItem(f"{library.path}", str(library.path))
            self.library.setItemData(self.library.count() - 1, library.label)

    def _show_method(self) -> None:
        token = self.use_token.isChecked()
        self.key_box.setVisible(not token and self.key_protected)
        self.token_box.setVisible(token)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("The token's library"), "", _("Token library (*.dll *.so *.dylib)")
        )
        if chosen:
            self.library.setEditText(chosen)

    def read_token(self) -> None:
        """List the certificates on the tokens the chosen library sees."""
        from treem_desktop.signing.token import token_certificates

        self.token_problem.show_problem(None)
        self.certificate.clear()
        self.found = []
        try:
            with busy_cursor():
                self.found = token_certificates(Path(self.library.currentText().strip()))
        except TreemError as error:
            self.token_problem.show_problem(error.message())
            return
        if not self.found:
            self.token_problem.show_problem(
                _("No certificate was found on a token. Is the token plugged in?")
            )
        for found in self.found:
            valid = found.certificate.not_valid_after_utc.date().isoformat()
            self.certificate.addItem(
                _("{subject} — issued by {issuer}, valid until {date}").format(
                    subject=found.subject, issuer=found.issuer, date=valid
                )
            )
        if self.found:
            self.pin.setFocus()

    def signer(self, workspace: Workspace) -> PacketSigner:
        """The signer chosen, ready to sign (the key unlocked, or the token with its PIN)."""
        from treem_desktop.commune.packet_service import key_signer, token_signer

        if not self.use_token.isChecked():
            secret = self.passphrase.text().encode("utf-8") if self.key_protected else b""
            return key_signer(workspace, secret or None)
        if not self.found:
            self.read_token()
        index = self.certificate.currentIndex()
        if index < 0 or index >= len(self.found):
            raise TreemError("TOKEN_NO_CERTIFICATE", library=self.library.currentText())
        return token_signer(workspace, self.found[index], self.pin.text())

    def focus_secret(self, code: str) -> None:
        if code == "KEY_PASSPHRASE_WRONG":
            self.passphrase.selectAll()
            self.passphrase.setFocus()
        elif code in ("TOKEN_PIN_WRONG", "TOKEN_PIN_LOCKED"):
            self.pin.selectAll()
            self.pin.setFocus()

    def clear_secrets(self) -> None:
        self.passphrase.clear()
        self.pin.clear()
