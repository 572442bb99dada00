"""Damage at start: a lost, emptied or damaged database leads to the offer of the newest backup.

A folder that holds the commune's key, packets or evidence but no sound database is never
opened as a new one (that would start the packet numbers again at 1); the officer sees what
is wrong and the newest backup that passes its checks, and restores it with one button.
Nothing is open yet, so the whole restore runs off the window's thread (progress, Cancel)
while a local event loop waits for it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.errors import TreemError
from treem_desktop.paths import DataDirChoice
from treem_desktop.ui.errors import show_error

if TYPE_CHECKING:
    from treem_desktop.commune.backup import BackupInfo

# The backups and the restore dialog are imported only after a damage (~10 ms of start-up).

log = logging.getLogger(__name__)

DAMAGE_CODES = ("DB_LOST", "DB_CORRUPT")


def open_or_offer_restore(data_dir: DataDirChoice) -> Workspace | None:
    """The opened workspace; after a damage, the restored one; None when it cannot open."""
    try:
        return open_workspace(data_dir, create=True, start_log=False)
    except TreemError as error:
        if error.code not in DAMAGE_CODES:
            show_error(None, error)
            return None
        log.error("damage at start: %s", error)
        return offer_restore(data_dir, error)


def newest_good_backup(data_dir: DataDirChoice) -> BackupInfo | None:
    """The newest backup whose table of contents passes its checks."""
    from treem_desktop.commune.backup import list_backups
    from treem_desktop.commune.backup_restore import preview_backup

    for backup in list_backups(data_dir):
        try:
            preview_backup(backup.path)
        except TreemError:
            continue
        return backup
    return None


def offer_restore(data_dir: DataDirChoice, damage: TreemError) -> Workspace | None:
    from treem_desktop.ui.qt import QDialog
    from treem_desktop.ui.restore_dialog import RestoreDialog

    backup = newest_good_backup(data_dir)
    if backup is None:
        show_error(None, damage)
        return None
    dialog = RestoreDialog(backup.manifest, backup.path, None, problem=damage.message())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        if not restore_and_wait(data_dir, backup.path):
            return None
        return open_workspace(data_dir, create=True, start_log=False)
    except TreemError as error:
        show_error(None, error)
        return None


def restore_and_wait(data_dir: DataDirChoice, source: Path) -> bool:
    """Restore ``source`` off the window's thread with a progress dialog, waiting in a local
    event loop; False when the officer cancelled (nothing changed). Raises what it raised."""
    from treem_desktop.commune.backup_restore import restore_with_lock
    from treem_desktop.core.jobs import Job, JobCancelled
    from treem_desktop.i18n import _
    from treem_desktop.ui.ops import run_op
    from treem_desktop.ui.qt import QEventLoop
    from treem_desktop.ui.restore_dialog import step_words

    loop = QEventLoop()
    ended: list[object] = []

    def work(job: Job) -> object:
        try:
            return restore_with_lock(data_dir, source, job)
        except BaseException as error:  # noqa: BLE001 - raised again on the window's thread
            return error

    def done(result: object) -> None:
        ended.append(result)
        loop.quit()

    label = _("Restoring the backup…")
    run_op(None, label, work, done, describe=lambda step: step_words(label, step))  # type: ignore[arg-type]
    if not ended:
        loop.exec()
    result = ended[0]
    if isinstance(result, JobCancelled):
        log.info("restore at start cancelled; nothing changed")
        return False
    if isinstance(result, BaseException):
        raise result
    return True
