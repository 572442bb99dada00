"""The backups page (Sao lưu): the backups kept, backing up now or to a USB stick, restoring.

Backing up and restoring run off the window's thread with a progress bar and a Cancel
(``ui/ops.run_op``); a backup reads the database through a connection of its own.

Signals:
    backed_up: a backup made here was written and checked (its :class:`BackupInfo`).
    restored: a backup replaced the data; the window is rebuilt over them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treem_desktop.commune.backup import (
    BackupInfo,
    Reason,
    create_backup,
    list_backups,
    prune_backups,
)
from treem_desktop.commune.backup_summary import REASON_WORDS, change_words, size_words
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job
from treem_desktop.formatting import format_datetime_short
from treem_desktop.i18n import _
from treem_desktop.ui.qt import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from treem_desktop.ui.restore_dialog import ask_and_restore, step_words


class BackupPage(QWidget):
    backed_up = Signal(object)
    restored = Signal()

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setObjectName("backup_page")
        self.backups: list[BackupInfo] = []
        layout = QVBoxLayout(self)
        title = QLabel(_("Backups"))
        title.setObjectName("page_title")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        intro = QLabel(
            _(
                "Treem backs up the data by itself when it starts and every 30 minutes while "
                "you work: the database, the signing key, evidence files and packets with "
                "their documents, in one file each. Keep a copy on a USB stick too: on a new "
                "computer, restoring that one file is all it takes."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = self._make_table()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._make_buttons())
        self.status = QLabel()
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.reload()

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, 4)
        table.setObjectName("backup_table")
        table.setHorizontalHeaderLabels(
            [_("Backed up at"), _("Size"), _("Commune / ward"), _("What changed")]
        )
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        return table

    def _make_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_up_button = self._button(_("Back up &now"), "back_up_now", self.back_up_now)
        self.usb_button = self._button(_("Back up to &USB…"), "back_up_usb", self.back_up_to_usb)
        self.restore_button = self._button(_("&Restore…"), "restore", self.restore_selected)
        self.file_button = self._button(
            _("&Open a backup file…"), "restore_file", self.restore_from_file
        )
        for button in (self.back_up_button, self.usb_button, self.restore_button):
            row.addWidget(button)
        row.addWidget(self.file_button)
        row.addStretch(1)
        return row

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def reload(self) -> None:
        self.backups = list_backups(self.workspace.data_dir)
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            for column, text in enumerate(self._row(row, backup)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.backups:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.backups))
        if not self.backups:
            self.status.setText(_("There is no backup yet."))

    def _row(self, row: int, backup: BackupInfo) -> list[str]:
        summary = backup.manifest.summary
        older = self.backups[row + 1].manifest.summary if row + 1 < len(self.backups) else None
        added = max(int(summary.get("files", 0)) - int((older or {}).get("files", 0)), 0)
        commune = summary.get("commune") or {}
        reason = _(REASON_WORDS.get(backup.manifest.reason, backup.manifest.reason))
        return [
            format_datetime_short(backup.created),
            size_words(backup.size),
            str(commune.get("name", _("not set up"))),
            f"{change_words(summary, older, added)} ({reason})",
        ]

    def back_up_now(self) -> None:
        """Start a backup into the folder's backups (``backed_up`` when it is done)."""

        def made_here(made: BackupInfo) -> None:
            prune_backups(self.workspace.data_dir)
            self.reload()
            self.status.setText(_("Backed up and checked: {name}.").format(name=made.path.name))

        self._back_up(Reason.MANUAL, None, made_here)

    def back_up_to_usb(self, folder: Path | None = None) -> bool:
        """Start a backup onto a USB stick (or ``folder``); False when none was chosen."""
        target = folder or self._choose_drive()
        if target is None:
            return False

        def made_there(made: BackupInfo) -> None:
            self.status.setText(
                _(
                    "Backed up and checked on {folder}: {name}. Keep the stick in a safe place."
                ).format(folder=target, name=made.path.name)
            )

        self._back_up(Reason.USB, target, made_there)
        return True

    def _choose_drive(self) -> Path | None:
        from treem_desktop.handoff.usb import removable_drives

        drives = removable_drives()
        if len(drives) == 1:
            return drives[0].path
        if drives:
            labels = [f"{d.label} ({d.path})" for d in drives]
            label, ok = QInputDialog.getItem(
                self, _("Back up to USB"), _("Which drive?"), labels, 0, False
            )
            return drives[labels.index(label)].path if ok else None
        chosen = QFileDialog.getExistingDirectory(
            self, _("No USB stick found: choose a folder for the backup")
        )
        return Path(chosen) if chosen else None

    def _back_up(
        self, reason: str, target: Path | None, then: Callable[[BackupInfo], None]
    ) -> None:
        """Back up off the window's thread through a connection of the worker's own (the
        window's connection stays on the window's thread); ``then`` with the backup."""
        from treem_desktop.ui.ops import in_own_connection, run_op

        def work(job: Job) -> BackupInfo:
            return in_own_connection(
                self.workspace,
                lambda own: create_backup(
                    own.data_dir, own.conn, reason=reason, to=target, job=job
                ),
            )

        def done(made: BackupInfo) -> None:
            then(made)
            self.backed_up.emit(made)

        label = _("Backing up…")
        run_op(
            self,
            label,
            work,
            done,
            describe=lambda step: step_words(label, step),
            on_cancelled=lambda: self.status.setText(_("Backup stopped; nothing was changed.")),
        )

    def restore_selected(self) -> bool:
        row = self.table.currentRow()
        if not 0 <= row < len(self.backups):
            return False
        return self._restore(self.backups[row].path)

    def restore_from_file(self) -> bool:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a backup file"), "", _("Treem backups (*.zip)")
        )
        return self._restore(Path(chosen)) if chosen else False

    def _restore(self, path: Path) -> bool:
        """Ask, then start restoring ``path`` (True when started; ``restored`` when done)."""
        return ask_and_restore(
            self,
            self.workspace,
            path,
            self.restored.emit,
            lambda: self.status.setText(_("Restore stopped; nothing was changed.")),
        )
