"""Damage at start: a lost, emptied or damaged database leads to the offer of the newest backup.

A folder that holds the commune's key, packets or evidence but no sound database is never
opened as a new one (that would start the packet numbers again at 1); the officer sees what
is wrong and the newest backup that passes its checks, and restores it with one button.
"""

from __future__ import annotations

import logging
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
    from treem_desktop.commune.backup_restore import restore_with_lock
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
        restore_with_lock(data_dir, backup.path)
        return open_workspace(data_dir, create=True, start_log=False)
    except TreemError as error:
        show_error(None, error)
        return None
