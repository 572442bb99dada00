"""Restoring a backup from the window: a preview of what it holds, then a confirmation.

The preview is read from the backup's table of contents after the checks that need no
unpacking; a file that fails them is refused before the dialog opens. Nothing changes until
the officer presses "Khôi phục", and then only after the whole backup has been checked and
the current data backed up (:mod:`treem_desktop.commune.backup_restore`).
"""

from __future__ import annotations

from pathlib import Path

from treem_desktop.commune.backup_restore import Manifest, preview_backup, restore_backup
from treem_desktop.commune.backup_summary import describe, size_words
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    Qt,
    QVBoxLayout,
    QWidget,
)


class RestoreDialog(QDialog):
    """What a backup holds, and the question whether to restore it."""

    def __init__(
        self, manifest: Manifest, path: Path, parent: QWidget | None = None, problem: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle(_("Restore a backup"))
        layout = QVBoxLayout(self)
        if problem:
            warning = _wrapped(problem, "restore_problem")
            font = warning.font()
            font.setBold(True)
            warning.setFont(font)
            layout.addWidget(warning)
        layout.addWidget(_wrapped(_("This backup holds:"), "restore_intro"))
        form = QFormLayout()
        for label, value in describe(manifest.summary, manifest.created, manifest.reason):
            form.addRow(label + ":", _wrapped(value))
        form.addRow(_("Size") + ":", QLabel(size_words(path.stat().st_size)))
        form.addRow(_("Backup file") + ":", _wrapped(path.name))
        layout.addLayout(form)
        layout.addWidget(
            _wrapped(
                _(
                    "The data now in Treem are backed up first, then replaced by the data of "
                    "this backup. Work done after it was made will only be in that new backup."
                ),
                "restore_warning",
            )
        )
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(
            _("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restore_button")
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel_button")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        cancel.setFocus()  # Enter alone does not replace the data
        self.setMinimumWidth(520)
        self.adjustSize()


def _wrapped(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def ask_and_restore(parent: QWidget, workspace: Workspace, path: Path) -> bool:
    """Preview ``path``, ask, restore into the open workspace; True when it was restored."""
    try:
        manifest = preview_backup(path)
    except TreemError as error:
        show_error(parent, error)
        return False
    if RestoreDialog(manifest, path, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        workspace.with_database_closed(lambda: restore_backup(workspace.data_dir, path))
    except TreemError as error:
        QApplication.restoreOverrideCursor()
        show_error(parent, error)
        return False
    QApplication.restoreOverrideCursor()
    return True
