"""Once, right after the wizard made the commune's key: back it up and print its key card.

Offered a single time (remembered in the preferences whether done or put off with "Later");
both can be done at any time from Settings' key card.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treem_desktop.commune.commune_key import KeyFiles, summarize
from treem_desktop.commune.key_backup import backup_key
from treem_desktop.commune.preferences import key_care_offered, mark_key_care_offered
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.key_card import write_key_card
from treem_desktop.ui.qt import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class KeyCarePrompt(QDialog):
    """Two buttons (back up, save the card to print) and "Later"/"Done"."""

    def __init__(self, files: KeyFiles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("key_care_prompt")
        self.setWindowTitle(_("Keep the signing key safe"))
        self.setMinimumWidth(560)
        self.files = files
        self.done_steps: set[str] = set()
        intro = QLabel(
            _(
                "The commune's signing key was created. Back it up now to a USB stick kept in "
                "a safe place, and print the key card for the receiving office. Both can also "
                "be done later in Settings."
            )
        )
        intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("key_care_status")
        self.status.setWordWrap(True)
        self.backup_button = self._button(_("&Back up the key…"), "care_backup", self._ask_backup)
        self.card_button = self._button(
            _("Save the key &card to print (PDF)…"), "care_card", self._ask_card
        )
        self.later_button = self._button(_("&Later"), "care_later", self.reject)
        row = QHBoxLayout()
        for button in (self.backup_button, self.card_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.backup_button.setFocus()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def back_up_to(self, folder: Path) -> None:
        backup = backup_key(self.files, folder)
        self._step_done("backup", _("Backed up to {path}.").format(path=backup.folder))

    def save_card_to(self, target: Path) -> None:
        write_key_card(summarize(self.files), target)
        self._step_done("card", _("Key card saved to {path}: print it.").format(path=target))

    def _step_done(self, step: str, message: str) -> None:
        self.done_steps.add(step)
        self.status.setText(message)
        if self.done_steps >= {"backup", "card"}:
            self.later_button.setText(_("&Done"))

    def _ask_backup(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose the USB stick or folder for the backup")
        )
        if folder:
            self._attempt(lambda: self.back_up_to(Path(folder)))

    def _ask_card(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the key card"), "the-khoa-xa.pdf", _("PDF (*.pdf)")
        )
        if path:
            self._attempt(lambda: self.save_card_to(Path(path)))

    def _attempt(self, action: Callable[[], None]) -> None:
        try:
            action()
        except TreemError as error:
            show_error(self, error)


def offer_key_care(workspace: Workspace, parent: QWidget | None = None) -> bool:
    """Show the prompt unless it was offered before or there is no key; True when shown."""
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    if key_care_offered(workspace) or not files.certificate.exists():
        return False
    KeyCarePrompt(files, parent).exec()
    mark_key_care_offered(workspace)
    return True
