"""The sending settings (Cài đặt gửi), opened from the outbox page: the mail server, the upload
server and the receiving office's certificate.

Each value goes through the same checks as ``treem settings set``; passwords go to the
system's credential store and their fields stay empty (typing one replaces the kept one).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.commune import handoff_settings as hs
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_, _
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from cryptography import x509

# Each group's fields in the order shown (a password right after its user name), with the
# field's label. The mnemonics (&) are unique within the dialog in each language and keep
# clear of the buttons (Save, Cancel); the two "User name"s and "Password"s differ in theirs.
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        N_("&E-mail"),
        (
            ("mail.host", N_("&Mail server")),
            ("mail.security", N_("Securit&y")),  # before the port: it sets the port's default
            ("mail.port", N_("&Port")),
            ("mail.user", N_("&User name")),
            ("mail.password", N_("Pass&word")),
            ("mail.from", N_("Sender a&ddress")),
            ("mail.limit_mb", N_("Size &limit (MB)")),
        ),
    ),
    (
        N_("Uplo&ad to a server"),
        (
            ("upload.url", N_("WebDAV &folder address")),
            ("upload.user", N_("User &name")),
            ("upload.password", N_("Passw&ord")),
        ),
    ),
)

SECURITY_CHOICES = {
    "ssl": N_("SSL/TLS (port {port})"),
    "starttls": N_("STARTTLS (port {port})"),
    "none": N_("No encryption (this computer only, port {port})"),
}


def without_mnemonic(text: str) -> str:
    """``text`` as read aloud: the ``&`` marking a mnemonic removed (``&&`` is one ``&``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def short_fingerprint(full: str) -> str:
    """The first two and last two bytes of a ``AB:CD:…`` fingerprint: ``AB:CD:…:EF:01``."""
    pairs = full.split(":")
    if len(pairs) <= 4:
        return full
    return ":".join(pairs[:2]) + ":…:" + ":".join(pairs[-2:])


def certificate_name(certificate: x509.Certificate) -> str:
    """The certificate holder's common name, else its organisation, else its whole subject."""
    from cryptography.x509.oid import NameOID

    from treem_desktop.signing.keys import holder_name

    return holder_name(certificate.subject, (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME))


class SendingSettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sending_settings")
        self.setWindowTitle(_("Sending settings"))
        self.setMinimumWidth(560)  # room for a WebDAV address and the certificate's line
        self.workspace = workspace
        shown = hs.handoff_settings(workspace)
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        self.groups: list[QGroupBox] = []
        layout = QVBoxLayout(self)
        for title, rows in GROUPS:
            group = QGroupBox(_(title))
            form = QFormLayout(group)
            for key, label_text in rows:
                field = self._field(key, shown[key])
                label = QLabel(_(label_text) + ":")
                label.setBuddy(field)
                self.fields[key] = field
                self.labels[key] = label
                form.addRow(label, field)
            self.groups.append(group)
            layout.addWidget(group)
        # The same label width in both groups, so that their fields line up.
        width = max(label.sizeHint().width() for label in self.labels.values())
        for label in self.labels.values():
            label.setMinimumWidth(width)
        security = self.fields["mail.security"]
        assert isinstance(security, QComboBox)
        security.currentIndexChanged.connect(self._show_default_port)
        self._show_default_port()
        limit = self.fields["mail.limit_mb"]
        assert isinstance(limit, QLineEdit)
        limit.setPlaceholderText(str(hs.DEFAULT_MAIL_LIMIT_MB))
        layout.addLayout(self._recipient_rows())
        self.problem = ProblemLabel()
        self.problem.setObjectName("sending_settings_problem")
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
            combo.setObjectName(key.replace(".", "_"))
            for choice in hs.MAIL_SECURITY:
                text = _(SECURITY_CHOICES[choice]).format(port=hs.DEFAULT_PORTS[choice])
                combo.addItem(text, choice)
            combo.setCurrentIndex(max(0, combo.findData(value or "starttls")))
            return combo
        edit = QLineEdit()
        edit.setObjectName(key.replace(".", "_"))
        if hs.SPECS[key].secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(_("kept in the system's credential store") if value else "")
        else:
            edit.setText(value)
        return edit

    def _show_default_port(self) -> None:
        security, port = self.fields["mail.security"], self.fields["mail.port"]
        assert isinstance(security, QComboBox) and isinstance(port, QLineEdit)
        port.setPlaceholderText(str(hs.DEFAULT_PORTS[security.currentData() or "starttls"]))

    def caption(self, key: str) -> str:
        """The field's label as shown, without its mnemonic and colon."""
        return without_mnemonic(self.labels[key].text()).rstrip(":")

    def _recipient_rows(self) -> QVBoxLayout:
        """The certificate's line across the dialog, its button under it."""
        rows = QVBoxLayout()
        self.recipient = QLabel()
        self.recipient.setObjectName("recipient_certificate")
        self.recipient.setWordWrap(True)
        self._show_recipient()
        self.recipient_button = QPushButton(_("Re&gister the receiving office's certificate…"))
        self.recipient_button.clicked.connect(self.trust_recipient)
        rows.addWidget(self.recipient)
        button_row = QHBoxLayout()
        button_row.addWidget(self.recipient_button)
        button_row.addStretch(1)
        rows.addLayout(button_row)
        return rows

    def _show_recipient(self) -> None:
        from treem_desktop.commune.receipts import recipient_certificate
        from treem_desktop.signing.keys import fingerprint

        certificate = recipient_certificate(self.workspace)
        if certificate is None:
            self.recipient.setText(_("Receiving office's certificate: not registered."))
            self.recipient.setToolTip("")
            return
        full = fingerprint(certificate)
        self.recipient.setText(
            _("Receiving office's certificate: {name} (registered; fingerprint {short})").format(
                name=certificate_name(certificate), short=short_fingerprint(full)
            )
        )
        self.recipient.setToolTip(
            _("{subject}\nSHA-256 fingerprint: {fingerprint}").format(
                subject=certificate.subject.rfc4514_string(), fingerprint=full
            )
        )

    def trust_recipient(self) -> None:
        from treem_desktop.commune.receipts import trust_recipient

        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("The receiving office's certificate"),
            str(Path.home()),
            _("Certificates (*.pem *.crt *.cer *.der)"),
        )
        if not path:
            return
        expected, ok = QInputDialog.getText(
            self, _("Fingerprint"), _("The SHA-256 fingerprint the receiving office gave you:")
        )
        if not ok:
            return
        try:
            trust_recipient(self.workspace, Path(path), expected)
        except TreemError as error:
            self.show_problem(error.message())
            return
        self.problem.show_problem(None)
        self._show_recipient()

    def show_problem(self, message: str) -> None:
        """Show ``message`` in red above the buttons, the dialog growing rather than squeezing."""
        self.problem.show_problem(message)
        hint = self.sizeHint()
        if hint.height() > self.height():
            self.resize(self.width(), hint.height())

    def values(self) -> dict[str, str]:
        return {
            key: str(field.currentData()) if isinstance(field, QComboBox) else field.text()
            for key, field in self.fields.items()
        }

    def problem_text(self, key: str, error: TreemError) -> str:
        """What is wrong with the field of ``key``, named by its caption, not its key."""
        if error.code != "SETTING_INVALID":
            return error.message()
        return _("{field}: “{value}” is not valid — {expected}.").format(
            field=self.caption(key),
            value=error.params.get("value", ""),
            expected=error.params.get("expected", ""),
        )

    def save(self) -> None:
        """Keep every value (a password only when one was typed); stay open on a wrong one."""
        for key, value in self.values().items():
            if hs.SPECS[key].secret and not value:
                continue
            try:
                hs.set_handoff_setting(self.workspace, key, value)
            except TreemError as error:
                self.show_problem(self.problem_text(key, error))
                field = self.fields[key]
                field.setFocus()
                if isinstance(field, QLineEdit):
                    field.selectAll()
                return
        self.accept()
