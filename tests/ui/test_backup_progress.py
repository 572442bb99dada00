"""Backing up and restoring from the window: off its thread, with real progress and a Cancel."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.helpers import when
from treem_desktop.commune.backup import list_backups
from treem_desktop.commune.workspace import Workspace
from treem_desktop.paths import DataDirChoice
from treem_desktop.ui.backup_page import BackupPage
from treem_desktop.ui.restore_dialog import RestoreDialog

EVIDENCE_FILES = 8
EVIDENCE_BYTES = 4 * 1024 * 1024  # 32 MB of photos that do not compress: a few seconds' work
BACKUP_STOPPED = "Đã dừng sao lưu; không có gì thay đổi."
RESTORE_STOPPED = "Đã dừng khôi phục; không có gì thay đổi."


def _add_evidence(data_dir: DataDirChoice) -> None:
    folder = data_dir.path / "evidence" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(EVIDENCE_FILES):
        (folder / f"anh-{index}.jpg").write_bytes(os.urandom(EVIDENCE_BYTES))


def _data_files(workspace: Workspace) -> dict[str, str]:
    """Every file of the data folder but the log, hashed (the database closed: one file)."""
    workspace.with_database_closed(lambda: None)
    folder = workspace.data_dir.path
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != "logs"
    }


def _progress() -> QProgressDialog | None:
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.objectName() == "op_progress" and w.isVisible()
    ]
    return found[0] if found else None


class _Ticks:
    """A timer on the window's thread: counts its ticks and what the progress dialog showed."""

    def __init__(self) -> None:
        self.count = 0
        self.seen: list[tuple[int, int, str]] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.timer.start(20)

    def tick(self) -> None:
        self.count += 1
        dialog = _progress()
        if dialog is not None:
            self.seen.append((dialog.value(), dialog.maximum(), dialog.labelText()))


def _cancel_midway() -> None:
    """Press the progress dialog's Cancel once it shows real progress."""

    def midway() -> bool:
        dialog = _progress()
        return dialog is not None and 0 < dialog.value() < dialog.maximum() // 2

    def cancel() -> None:
        dialog = _progress()
        assert dialog is not None
        button = dialog.findChild(QPushButton)
        assert button is not None and button.isEnabled()
        button.click()

    when(midway, cancel, every_ms=10)


def test_a_long_backup_keeps_the_window_responsive(
    qtbot: QtBot, workspace: Workspace, data_dir: DataDirChoice
) -> None:
    _add_evidence(data_dir)
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    ticks = _Ticks()
    with qtbot.waitSignal(page.backed_up, timeout=120_000):
        page.back_up_now()
        started = ticks.count
    ticks.timer.stop()
    assert ticks.count - started >= 10  # the event loop ran all along
    assert ticks.seen, "no progress dialog"
    written = [value for value, _maximum, label in ticks.seen if "Đang ghi" in label]
    assert len(set(written)) >= 3 and written == sorted(written)
    assert any(maximum >= EVIDENCE_FILES * EVIDENCE_BYTES // 1024 for _v, maximum, _l in ticks.seen)
    assert any("Đang ghi bản sao lưu…" in label for _v, _m, label in ticks.seen)
    assert page.table.rowCount() == 1
    assert page.status.text().startswith("Đã sao lưu và kiểm tra")


def test_a_backup_cancelled_midway_leaves_no_file(
    qtbot: QtBot, workspace: Workspace, data_dir: DataDirChoice
) -> None:
    _add_evidence(data_dir)
    before = _data_files(workspace)
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    made: list[object] = []
    page.backed_up.connect(made.append)
    _cancel_midway()
    page.back_up_now()
    qtbot.waitUntil(lambda: page.status.text() == BACKUP_STOPPED, timeout=120_000)
    qtbot.waitUntil(lambda: _progress() is None)
    assert made == []
    assert not data_dir.backups_dir.exists() or list(data_dir.backups_dir.iterdir()) == []
    assert _data_files(workspace) == before  # no scratch copy left either
    assert QApplication.activeModalWidget() is None  # a note on the page, not an error box


def test_a_restore_cancelled_midway_changes_nothing(
    qtbot: QtBot, workspace: Workspace, data_dir: DataDirChoice
) -> None:
    _add_evidence(data_dir)
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.backed_up, timeout=120_000):
        page.back_up_now()
    workspace.conn.execute("UPDATE commune SET officer_name = 'Người khác'")
    before = _data_files(workspace)
    restored: list[bool] = []
    page.restored.connect(lambda: restored.append(True))

    when(
        lambda: isinstance(QApplication.activeModalWidget(), RestoreDialog),
        lambda: _accept_restore(),
    )
    _cancel_midway()
    assert page.restore_selected()
    qtbot.waitUntil(lambda: page.status.text() == RESTORE_STOPPED, timeout=120_000)
    qtbot.waitUntil(lambda: _progress() is None)
    assert restored == []
    assert _data_files(workspace) == before
    assert len(list_backups(data_dir)) == 1
    officer = workspace.conn.execute("SELECT officer_name FROM commune").fetchone()[0]
    assert officer == "Người khác"


def _accept_restore() -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RestoreDialog)
    dialog.restore_button.click()


def test_a_quick_backup_leaves_no_progress_dialog_behind(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.backed_up, timeout=20_000):
        page.back_up_now()  # done before the dialog's 300 ms: it must not show afterwards
    qtbot.wait(600)
    assert _progress() is None


def test_the_progress_dialog_fits_a_small_screen(
    qtbot: QtBot, workspace: Workspace, data_dir: DataDirChoice, tmp_path: Path
) -> None:
    _add_evidence(data_dir)
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    page.resize(1024, 560)
    page.show()
    shots: list[Path] = []

    def shoot() -> None:
        dialog = _progress()
        assert dialog is not None
        shot = tmp_path / "backup-progress.png"
        page.window().grab().save(str(shot))
        dialog.grab().save(str(tmp_path / "backup-progress-dialog.png"))
        shots.append(shot)
        assert dialog.width() <= 1024 and dialog.height() <= 560

    when(lambda: (d := _progress()) is not None and d.value() > 0, shoot)
    with qtbot.waitSignal(page.backed_up, timeout=120_000):
        page.back_up_now()
    assert shots
    if os.environ.get("TREEM_SHOTS"):
        for name in ("backup-progress.png", "backup-progress-dialog.png"):
            (Path(os.environ["TREEM_SHOTS"]) / name).write_bytes((tmp_path / name).read_bytes())
