"""The backups page, the restore preview, automatic backups and the restore offer at start."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.helpers import answer_message_box, when
from treem_desktop.commune.backup import Reason, create_backup, list_backups
from treem_desktop.commune.workspace import Workspace
from treem_desktop.paths import DataDirChoice
from treem_desktop.ui.backup_page import BackupPage
from treem_desktop.ui.backup_recovery import open_or_offer_restore
from treem_desktop.ui.backup_schedule import BackupSchedule
from treem_desktop.ui.main_window import PAGES, MainWindow
from treem_desktop.ui.restore_dialog import RestoreDialog


def _officer(workspace: Workspace) -> str:
    return str(workspace.conn.execute("SELECT officer_name FROM commune").fetchone()[0])


def _set_officer(workspace: Workspace, name: str) -> None:
    workspace.conn.execute("UPDATE commune SET officer_name = ?", (name,))


def _with_key(data_dir: DataDirChoice) -> None:
    (data_dir.path / "keys").mkdir(exist_ok=True)
    (data_dir.path / "keys" / "commune-cert.pem").write_text("certificate", encoding="utf-8")


def _answer_restore(seen: list[str], accept: bool = True) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RestoreDialog)
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        if accept:
            dialog.restore_button.click()
        else:
            dialog.reject()

    when(lambda: isinstance(QApplication.activeModalWidget(), RestoreDialog), answer)


def test_back_up_change_restore_in_the_window(qtbot: QtBot, workspace: Workspace) -> None:
    _set_officer(workspace, "Lò Thị Hoa")
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.backed_up, timeout=20_000):
        page.back_up_now()
    assert page.table.rowCount() == 1
    commune = page.table.item(0, 2)
    assert commune is not None and "Xã Mường Phăng" in commune.text()
    _set_officer(workspace, "Người khác")

    seen: list[str] = []
    _answer_restore(seen, accept=False)
    assert not page.restore_selected()
    assert _officer(workspace) == "Người khác"

    _answer_restore(seen)
    with qtbot.waitSignal(page.restored, timeout=20_000):
        assert page.restore_selected()
    assert _officer(workspace) == "Lò Thị Hoa"
    assert any("Xã Mường Phăng" in text for text in seen)
    assert any("sao lưu trước" in text for text in seen)
    reasons = {b.manifest.reason for b in list_backups(workspace.data_dir)}
    assert Reason.BEFORE_RESTORE in reasons


def test_back_up_to_a_usb_folder(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.backed_up, timeout=20_000) as made:
        assert page.back_up_to_usb(tmp_path / "USB")
    assert made.args is not None and made.args[0].path.parent == tmp_path / "USB"
    assert "USB" in page.status.text()


def test_automatic_backups_only_when_something_changed(qtbot: QtBot, workspace: Workspace) -> None:
    page = BackupPage(workspace)
    qtbot.addWidget(page)
    schedule = BackupSchedule(workspace, page, start_delay_ms=10)
    qtbot.waitUntil(lambda: len(list_backups(workspace.data_dir)) == 1)
    assert schedule.back_up_if_changed() is None
    _set_officer(workspace, "Lò Thị Hoa")
    made = schedule.back_up_if_changed()
    assert made is not None and made.manifest.reason == Reason.AUTOMATIC
    schedule.stop()


def test_the_window_has_a_backups_page(qtbot: QtBot, workspace: Workspace) -> None:
    window = MainWindow(workspace, today=dt.date(2026, 11, 23))
    qtbot.addWidget(window)
    window.show_page(PAGES.index("backups"))
    assert isinstance(window.stack.currentWidget(), BackupPage)
    assert window.sidebar.item(PAGES.index("backups")).text() == "Sao lưu"


def test_an_emptied_database_at_start_leads_to_the_restore_offer(
    qtbot: QtBot, workspace: Workspace, data_dir: DataDirChoice
) -> None:
    _with_key(data_dir)
    _set_officer(workspace, "Lò Thị Hoa")
    create_backup(data_dir, workspace.conn, reason=Reason.AUTOMATIC)
    workspace.close()
    data_dir.database.write_bytes(b"")

    seen: list[str] = []
    _answer_restore(seen)
    reopened = open_or_offer_restore(data_dir)
    assert reopened is not None
    try:
        assert _officer(reopened) == "Lò Thị Hoa"
    finally:
        reopened.close()
    assert any("bị mất hoặc trống" in text for text in seen)


def test_a_damaged_database_without_a_backup_is_explained(
    qtbot: QtBot, workspace: Workspace, data_dir: DataDirChoice
) -> None:
    _with_key(data_dir)
    workspace.close()
    data_dir.database.unlink()
    record: list[str] = []
    answer_message_box(record, QMessageBox.StandardButton.Ok)
    assert open_or_offer_restore(data_dir) is None
    assert "bị mất hoặc trống" in record[0]
    assert not data_dir.database.exists()  # nothing re-created
