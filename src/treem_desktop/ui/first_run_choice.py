"""The first question on an empty data folder: a commune's People's Committee (the default) or
the receiving office (cơ quan tiếp nhận) that collects the communes' packets."""

from __future__ import annotations

from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice
from treem_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

COMMUNE = "commune"
OFFICE = "office"


class FirstRunChoice(QDialog):
    """Two choices; Enter keeps the first (the commune), Esc closes without a choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_choice")
        self.setWindowTitle(_("Welcome to Treem"))
        self.commune = QRadioButton(_("People's Committee of a &commune, ward or special zone"))
        self.commune.setObjectName("role_commune")
        self.office = QRadioButton(
            _("&Receiving office (Department of Health / provincial office)")
        )
        self.office.setObjectName("role_office")
        self.commune.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Continue"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        question = QLabel(_("Your unit is:"))
        question.setObjectName("role_question")
        layout.addWidget(question)
        layout.addWidget(self.commune)
        layout.addWidget(self.office)
        hint = QLabel(
            _(
                "A commune records its work and sends its reports. A receiving office collects "
                "the communes' reports, checks them and consolidates them."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.commune.setFocus()

    def role(self) -> str:
        return OFFICE if self.office.isChecked() else COMMUNE


def choose_role(parent: QWidget | None = None) -> str | None:
    """The unit the officer works for, or None when the question was closed."""
    dialog = FirstRunChoice(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.role()


def discard_unused_commune_folder(workspace: Workspace) -> DataDirChoice | None:
    """Close a commune folder that was opened but never set up, and remove its empty database
    so the folder can become an office's; None (nothing changed) when it holds anything."""
    data_dir = workspace.data_dir
    if workspace.profile() is not None or data_dir.holds_commune_data():
        return None
    workspace.close()
    for suffix in ("", "-wal", "-shm"):
        data_dir.database.with_name(data_dir.database.name + suffix).unlink(missing_ok=True)
    return data_dir


def first_choice(workspace: Workspace) -> str | None:
    """Ask which unit this is; for an office, run its setup (back to the question when that is
    cancelled). :data:`COMMUNE` goes on to the commune's wizard, :data:`OFFICE` means the
    office is set up (``workspace`` is then closed), None that the officer closed the question."""
    from treem_desktop.ui.office.setup_dialog import run_office_setup

    closed: list[bool] = []

    def make_room() -> None:
        if discard_unused_commune_folder(workspace) is None:
            raise TreemError("OFFICE_FOLDER_IS_COMMUNE", path=workspace.data_dir.path)
        closed.append(True)

    while True:
        role = choose_role()
        if role != OFFICE or run_office_setup(workspace.data_dir, make_room):
            return role
        if closed:  # the commune's folder is gone and the office's was not made: stop here
            return None
