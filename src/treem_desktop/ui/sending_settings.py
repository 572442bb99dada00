"""The sending settings (Cài đặt gửi), opened from the outbox page: the mail server, the upload
server and the receiving office's certificate.

Each value goes through the same checks as ``treem settings set``; passwords go to the
system's credential store and their fields stay empty (typing one replaces the kept one).
"""

from __future__ import annotations

from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_, _
from treem_desktop.services import handoff_settings as hs
from treem_desktop.services.workspace import Workspace
from treem_desktop.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

CAPTIONS = {
    "mail.host": N_("Mail server"),
    "mail.port": N_("Port"),
    "mail.security": N_("Security"),
    "mail.user": N_("User name"),
    "mail.password": N_("Password"),
    "mail.from": N_("Sender address"),
    "mail.limit_mb": N_("Size limit (MB)"),
    "upload.url": N_("WebDAV folder address"),
    "upload.user": N_("User name"),
    "upload.password": N_("Password"),
}


class SendingSettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sending_settings")
        self.setWindowTitle(_("Sending settings"))
        self.workspace = workspace
        shown = hs.handoff_settings(workspace)
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        layout = QVBoxLayout(self)
        for prefix, title in (("mail.", _("E-mail")), ("upload.", _("Upload (WebDAV)"))):
            heading = QLabel(title)
            layout.addWidget(heading)
            form = QFormLayout()
            for key in (k for k in hs.SPECS if k.startswith(prefix)):
                self.fields[key] = self._field(key, shown[key])
                form.addRow(_(CAPTIONS[key]) + ":", self.fields[key])
            layout.addLayout(form)
        layout.addLayout(self._recipient_row())
        self.problem = QLabel()
        self.problem.setObjectName("sending_settings_problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for kind, text in (
            (QDialogButtonBox.StandardButton.Save, _("Save")),
            (QDialogButtonBox.StandardButton.Cancel, _("Cancel")),
        ):
            button = buttons.button(kind)
            if button is not None:
                button.setText(text)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _field(self, key: str, value: str) -> QLineEdit | QComboBox:
        if key == "mail.security":
            combo = QComboBox()
            combo.addItems(list(hs.MAIL_SECURITY))
            combo.setCurrentText(value or "starttls")
            return combo
        edit = QLineEdit()
        edit.setObjectName(key.replace(".", "_"))
        if hs.SPECS[key].secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(_("kept in the system's credential store") if value else "")
        else:
            edit.setText(value)
        return edit

    def _recipient_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.recipient = QLabel()
        self.recipient.setObjectName("recipient_certificate")
        self.recipient.setWordWrap(True)
        self._show_recipient()
        button = QPushButton(_("Register the office's certificate…"))
        button.clicked.connect(self.trust_recipient)
        row.addWidget(self.recipient, 1)
        row.addWidget(button)
        return row

    def _show_recipient(self) -> None:
        from treem_desktop.services.receipts import recipient_certificate
        from treem_desktop.signing.keys import fingerprint

        certificate = recipient_certificate(self.workspace)
        self.recipient.setText(
            _("Receiving office's certificate: not registered.")
            if certificate is None
            else _("Receiving office's certificate: {subject}, fingerprint {fingerprint}.").format(
                subject=certificate.subject.rfc4514_string(), fingerprint=fingerprint(certificate)
            )
        )

    def trust_recipient(self) -> None:
        from treem_desktop.services.receipts import trust_recipient

        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("The office's certificate"),
            str(Path.home()),
            _("Certificates (*.pem *.crt *.cer *.der)"),
        )
        if not path:
            return
        expected, ok = QInputDialog.getText(
            self, _("Fingerprint"), _("The SHA-256 fingerprint the office gave you:")
        )
        if not ok:
            return
        try:
            trust_recipient(self.workspace, Path(path), expected)
        except TreemError as error:
            self.problem.setText(error.message())
            return
        self._show_recipient()

    def values(self) -> dict[str, str]:
        return {
            key: field.currentText() if isinstance(field, QComboBox) else field.text()
            for key, field in self.fields.items()
        }

    def save(self) -> None:
        """Keep every value (a password only when one was typed); stay open on a wrong one."""
        for key, value in self.values().items():
            if hs.SPECS[key].secret and not value:
                continue
            try:
                hs.set_handoff_setting(self.workspace, key, value)
            except TreemError as error:
                self.problem.setText(error.message())
                self.fields[key].setFocus()
                return
        self.accept()
