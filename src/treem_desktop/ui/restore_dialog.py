"""Restoring a backup from the window: a preview of what it holds, then a confirmation.

The preview is read from the backup's table of contents after the checks that need no
unpacking; a file that fails them is refused before the dialog opens. Nothing changes until
the officer presses "Khôi phục", and then only after the whole backup has been checked and
the current data backed up (:mod:`treem_desktop.commune.backup_restore`).

The restore runs in two parts. Unpacking, checking and backing up the current data take
long: they run off the window's thread (a progress bar, a Cancel) while the window keeps its
database connection open, and the worker opens its own. Only then, back on the window's
thread, the connection is closed, the files are swapped (quick, no Cancel) and it is opened
again: a SQLite connection never crosses threads, and the window's timers never meet a
closed connection while the long part runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treem_desktop.commune.backup_restore import (
    Manifest,
    PreparedRestore,
    change_mark,
    discard_restore,
    finish_restore,
    keep_again,
    prepare_restore,
    preview_backup,
)
from treem_desktop.commune.backup_summary import describe, size_words
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job, Step
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.qt import (
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
        # as tall as the wrapped words need at that width (adjustSize measures them narrower
        # and the extra height then shows as gaps between the lines)
        self.resize(520, max(self.heightForWidth(520), self.minimumSizeHint().height()))


def _wrapped(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def ask_and_restore(
    parent: QWidget,
    workspace: Workspace,
    path: Path,
    on_restored: Callable[[], None],
    on_stopped: Callable[[], None],
) -> bool:
    """Preview ``path``, ask, and start restoring it into the open workspace (True when
    started); ``on_restored`` once the data are replaced, ``on_stopped`` when cancelled."""
    try:
        manifest = preview_backup(path)
    except TreemError as error:
        show_error(parent, error)
        return False
    if RestoreDialog(manifest, path, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    run_restore(parent, workspace, path, on_restored, on_stopped)
    return True


def run_restore(
    parent: QWidget,
    workspace: Workspace,
    path: Path,
    on_restored: Callable[[], None],
    on_stopped: Callable[[], None],
) -> None:
    """Prepare the restore off the window's thread, then swap on it (see the module's text)."""
    from treem_desktop.ui.ops import run_op

    before = change_mark(workspace.conn)

    def work(job: Job) -> PreparedRestore:
        return prepare_restore(workspace.data_dir, path, job)

    def prepared(ready: PreparedRestore) -> None:
        # A Cancel pressed after the long part ended comes too late: the swap goes on
        # (run_op's dialog also says "cancel" as it closes, so job.cancelled is no sign).
        if _swap(parent, workspace, ready, before):
            on_restored()

    run_op(
        parent,
        _("Restoring the backup…"),
        work,
        prepared,
        describe=lambda step: step_words(_("Restoring the backup…"), step),
        on_cancelled=on_stopped,
    )


def _swap(
    parent: QWidget, workspace: Workspace, ready: PreparedRestore, before: tuple[int, int]
) -> bool:
    """Close the window's connection, move the unpacked data in, open it again."""
    try:
        if change_mark(workspace.conn) != before:  # written meanwhile: keep the newest state
            ready = keep_again(workspace.data_dir, ready, workspace.conn)
    except TreemError as error:
        discard_restore(ready)
        show_error(parent, error)
        return False
    try:
        workspace.with_database_closed(lambda: finish_restore(workspace.data_dir, ready))
    except TreemError as error:
        show_error(parent, error)
        return False
    return True


def step_words(label: str, step: Step) -> str:
    """What a backup or restore is doing, with how much of it is done (steps count KiB)."""
    lines = [label, step.label] if step.label else [label]
    if step.total > 1:
        done = size_words(step.done * 1024)
        lines.append(_("{done} of {total}").format(done=done, total=size_words(step.total * 1024)))
    return "\n".join(lines)
