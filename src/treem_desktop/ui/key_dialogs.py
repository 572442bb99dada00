"""The key card's dialogs: restore a backed-up key, replace the key, protect an unprotected one.

Each dialog does its work when OK is pressed, shows a refusal under its fields (nothing is
changed then), and is accepted only when the work is done; the caller then rebuilds the card.
The work is quick (a P-256 key, one signature), so it runs on the window's thread.
"""

from __future__ import annotations

from pathlib import Path

from treem_desktop.commune.commune_key import KeyFiles, key_is_protected, protect_key
from treem_desktop.commune.key_backup import KeyBundle, RestoredKey, restore_key
from treem_desktop.commune.key_replace import KeyReplacement, replace_key
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.passphrase import PassphrasePair
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


def secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _wrapped(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName("dialog_ok")
    buttons.rejected.connect(dialog.reject)
    return buttons


class RestoreKeyDialog(QDialog):
    """Restore the key from a backup folder: who it belongs to, then its passphrase."""

    def __init__(
        self,
        files: KeyFiles,
        profile: CommuneProfile,
        source: Path,
        bundle: KeyBundle,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restore_key_dialog")
        self.setWindowTitle(_("Restore the signing key"))
        self.setMinimumWidth(480)
        self.files, self.profile, self.source, self.bundle = files, profile, source, bundle
        self.restored: RestoredKey | None = None
        self.passphrase = secret_field("restore_passphrase")
        self.problem = ProblemLabel()
        self.problem.setObjectName("restore_problem")
        self.passphrase.textEdited.connect(lambda _text: self.problem.show_problem(None))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(_("Backup: {path}").format(path=source)))
        layout.addWidget(
            _wrapped(
                _(
                    "Treem checks that the backup is this commune's key and that the passphrase "
                    "opens it before using it. The key in use now, if different, is kept in "
                    "keys/history."
                )
            )
        )
        form = QFormLayout()
        if bundle.protected:
            form.addRow(_("Passphrase of the backed-up &key:"), self.passphrase)
        else:
            self.passphrase.hide()
        layout.addLayout(form)
        layout.addWidget(self.problem)
        buttons = _buttons(self, _("&Restore"))
        buttons.accepted.connect(self.restore)
        layout.addWidget(buttons)
        self.passphrase.setFocus()

    def restore(self) -> None:
        secret = self.passphrase.text().encode("utf-8") or None
        try:
            self.restored = restore_key(self.files, self.source, self.profile, secret)
        except TreemError as error:
            self.problem.show_problem(error.message())
            self.passphrase.selectAll()
            return
        self.accept()


class ReplaceKeyDialog(QDialog):
    """Replace the key: what it means, the old passphrase, the new one twice, the reason."""

    def __init__(
        self, files: KeyFiles, profile: CommuneProfile, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replace_key_dialog")
        self.setWindowTitle(_("Replace the signing key"))
        self.setMinimumWidth(520)
        self.files, self.profile = files, profile
        self.replacement: KeyReplacement | None = None
        self.old = secret_field("old_passphrase")
        self.old_protected = key_is_protected(files)
        self.pair = PassphrasePair()
        self.reason = QLineEdit()
        self.reason.setObjectName("replace_reason")
        self.reason.setPlaceholderText(_("e.g. the old computer broke down"))
        self.problem = ProblemLabel()
        self.problem.setObjectName("replace_problem")
        self.old.textEdited.connect(lambda _text: self.problem.show_problem(None))
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(self.consequences(), "replace_consequences"))
        form = QFormLayout()
        if self.old_protected:
            form.addRow(_("&Current passphrase:"), self.old)
        else:
            self.old.hide()
        form.addRow(_("Rea&son:"), self.reason)
        layout.addLayout(form)
        layout.addWidget(_wrapped(_("The new key's passphrase, typed twice:")))
        layout.addWidget(self.pair)
        layout.addWidget(self.problem)
        buttons = _buttons(self, _("Re&place the key"))
        buttons.accepted.connect(self.replace)
        layout.addWidget(buttons)
        (self.old if self.old_protected else self.pair.first).setFocus()

    @staticmethod
    def consequences() -> str:
        return _(
            "A new key and certificate are made for the commune, and the current key signs a "
            "statement that passes its place to the new one. From then on packets are signed "
            "with the new key: the receiving office must be given the NEW key card (read it the "
            "new fingerprint) and the statement, or it will refuse the commune's packets. The "
            "current key is kept in keys/history, not deleted. Back the new key up afterwards."
        )

    def replace(self) -> None:
        if not self.pair.accepted():
            return
        old = self.old.text().encode("utf-8") if self.old_protected else None
        try:
            self.replacement = replace_key(
                self.files, self.profile, old, self.pair.passphrase(), self.reason.text()
            )
        except TreemError as error:
            self.problem.show_problem(error.message())
            if error.code == "KEY_PASSPHRASE_WRONG":
                self.old.selectAll()
                self.old.setFocus()
            return
        self.accept()


class ProtectKeyDialog(QDialog):
    """Protect an unprotected key with a passphrase typed twice (``treem key protect``)."""

    def __init__(self, files: KeyFiles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("protect_key_dialog")
        self.setWindowTitle(_("Protect the signing key"))
        self.setMinimumWidth(480)
        self.files = files
        self.pair = PassphrasePair()
        layout = QVBoxLayout(self)
        layout.addWidget(
            _wrapped(
                _(
                    "Anyone who copies this computer's data folder can sign as the commune while "
                    "the key is not protected. Choose a passphrase and keep it safe: nobody, not "
                    "even Treem, can recover it."
                )
            )
        )
        layout.addWidget(self.pair)
        buttons = _buttons(self, _("&Protect"))
        buttons.accepted.connect(self.protect)
        layout.addWidget(buttons)
        self.pair.first.setFocus()

    def protect(self) -> None:
        if not self.pair.accepted():
            return
        try:
            protect_key(self.files, self.pair.passphrase())
        except TreemError as error:
            self.pair.problem.show_problem(error.message())
            return
        self.accept()
