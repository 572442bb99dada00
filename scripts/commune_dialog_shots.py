"""The commune's dialogs that no page shows on its own, for ``scripts/screenshots.py``: the key
card's dialogs (replace, protect, restore, enrollment file), the backups page with a backup, the
restore question and the backup's progress, each drawn over the window as it opens there."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from treem_desktop.commune.backup import Reason, create_backup
from treem_desktop.commune.backup_restore import preview_backup
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job, Step
from treem_desktop.i18n import _
from treem_desktop.ui.backup_page import BackupPage
from treem_desktop.ui.main_window import MainWindow
from treem_desktop.ui.ops import _progress_dialog
from treem_desktop.ui.restore_dialog import RestoreDialog, step_words


def key_dialog_shots(window: MainWindow, out: Path, save_over: Callable[..., None]) -> None:
    """Every dialog the key card opens, over the settings page scrolled to the card."""
    window.show_page(window.page_index("settings"))
    settings = window.settings_page
    settings.verticalScrollBar().setValue(settings.verticalScrollBar().maximum())
    background = window.grab()
    card = settings.key_card
    with tempfile.TemporaryDirectory() as stick:
        card.backup_to(Path(stick))
        openers: dict[str, Callable[[], QDialog | None]] = {
            "key-replace": card.ask_replace,
            "key-protect": card.ask_protect,
            "key-restore": lambda: card.open_restore(Path(stick) / backup_folder(Path(stick))),
            "enrollment": card.ask_enrollment,
        }
        for name, opener in openers.items():
            dialog = opener()
            if dialog is not None:
                save_over(background, dialog, out / f"dialog-{name}.png")
                dialog.done(0)


def backup_folder(stick: Path) -> str:
    """The folder the key's backup made on ``stick``."""
    return next(p.name for p in stick.iterdir() if p.is_dir())


def backup_shots(
    window: MainWindow,
    workspace: Workspace,
    out: Path,
    save: Callable[[QWidget, Path], None],
    save_over: Callable[..., None],
) -> None:
    """The backups page with one backup, the restore question and a backup's progress."""
    made = create_backup(workspace.data_dir, workspace.conn, reason=Reason.MANUAL)
    window.show_page(window.page_index("backups"))
    page = window.stack.currentWidget()
    assert isinstance(page, BackupPage)
    page.reload()
    save(window, out / "9-backups.png")
    background = window.grab()
    restore = RestoreDialog(preview_backup(made.path), made.path, window)
    save_over(background, restore, out / "dialog-restore.png")
    restore.done(0)
    label = _("Backing up…")
    progress = _progress_dialog(window, label, Job())
    progress.setMaximum(5120)
    progress.setValue(2048)
    progress.setLabelText(step_words(label, Step(2048, 5120, _("Writing the backup…"))))
    progress.show()
    save_over(background, progress, out / "dialog-backup-progress.png")
    progress.reset()
    progress.close()
