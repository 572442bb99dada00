"""Automatic backups while the window is open: soon after start, then every 30 minutes.

Each tick asks the Qt-free service for a backup only when the data changed since the newest
one (:func:`treem_desktop.commune.backup.backup_if_changed`), so an idle window writes
nothing. A failure (a full disk) is logged and shown in the status bar, never as a dialog.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from treem_desktop.errors import TreemError
from treem_desktop.ui.qt import QObject, QTimer, Signal

if TYPE_CHECKING:  # the service is imported on the first tick, not at start-up (~10 ms)
    from treem_desktop.commune.backup import BackupInfo
    from treem_desktop.commune.workspace import Workspace

log = logging.getLogger(__name__)

START_DELAY_MS = 20_000  # after the window has shown and settled
EVERY_MS = 30 * 60 * 1000  # commune.backup.AUTOMATIC_EVERY


class BackupSchedule(QObject):
    """Signals:
    made: a backup was written (its :class:`BackupInfo`).
    failed: an automatic backup could not be written (the message).
    """

    made = Signal(object)
    failed = Signal(str)

    def __init__(
        self, workspace: Workspace, parent: QObject, start_delay_ms: int = START_DELAY_MS
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.back_up_if_changed)
        self._first.start(start_delay_ms)
        self._every = QTimer(self)
        self._every.timeout.connect(self.back_up_if_changed)
        self._every.start(EVERY_MS)

    def back_up_if_changed(self) -> BackupInfo | None:
        from treem_desktop.commune.backup import backup_if_changed

        try:
            made = backup_if_changed(self.workspace.data_dir, self.workspace.conn)
        except TreemError as error:
            log.warning("automatic backup failed: %s", error)
            self.failed.emit(error.message())
            return None
        if made is not None:
            self.made.emit(made)
        return made

    def stop(self) -> None:
        self._first.stop()
        self._every.stop()
