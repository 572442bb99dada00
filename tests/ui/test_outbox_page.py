"""The outbox page: a packet sent to a folder standing in for a USB stick changes state in the
window; a missing stick is a failure with its reason; a receipt acknowledges; the home page
follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from tests.handoff_support import (
    Inbox,
    MemoryKeyring,
    add_packets,
    configure_mail,
    free_port,
    memory_keyring,
    office_key,
    write_certificate,
)
from treem_desktop.commune.handoff_settings import handoff_settings
from treem_desktop.commune.outbox import packet_file
from treem_desktop.commune.receipts import trust_recipient
from treem_desktop.commune.workspace import Workspace
from treem_desktop.handoff.receipt import Receipt, make_receipt, receipt_file_name, received_now
from treem_desktop.signing.keys import fingerprint
from treem_desktop.ui.main_window import MainWindow
from treem_desktop.ui.outbox_page import OutboxPage
from treem_desktop.ui.sending_settings import SendingSettingsDialog

__all__ = ["memory_keyring"]


def row(tree: QTreeWidget, index: int) -> QTreeWidgetItem:
    item = tree.topLevelItem(index)
    assert item is not None
    return item


def open_outbox(qtbot: QtBot, workspace: Workspace) -> tuple[MainWindow, OutboxPage]:
    window = MainWindow(workspace, today=dt.date(2026, 11, 23))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    page = window.stack.currentWidget()
    assert isinstance(page, OutboxPage)
    return window, page


def test_a_packet_sent_to_a_usb_folder_changes_state(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = add_packets(workspace, 2)
    window, page = open_outbox(qtbot, workspace)
    assert page.state_text(first.sequence) == "Chưa gửi"
    qtbot.waitUntil(lambda: window.home.outbox_text.text() == "Đang có 2 gói chưa gửi.")

    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    monkeypatch.setattr(page, "choose_usb_folder", lambda: stick)
    row(page.list, 1).setSelected(True)  # the older packet only (newest is first)
    qtbot.mouseClick(page.usb_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.state_text(first.sequence) == "Đã gửi")
    assert page.state_text(second.sequence) == "Chưa gửi"
    assert [p.name for p in stick.iterdir()] == [first.file_name]
    assert "đã gửi" in page.result.text()
    assert window.home.outbox_text.text() == (
        "Đang có 1 gói chưa gửi; 1 gói đã gửi, đang chờ giấy báo nhận."
    )

    titles = [row(page.list, i).text(1) for i in range(page.list.topLevelItemCount())]
    assert titles == ["Đánh giá 2026 – gói số 2", "Đánh giá 2026 – gói số 1"]
    assert row(page.list, 1).toolTip(1) == first.file_name
    assert row(page.list, 1).text(4) == "USB → KINGSTON"  # the stick's name, its path in a tip
    page.list.setCurrentItem(row(page.list, 1))
    details = [row(page.history, i).text(3) for i in range(page.history.topLevelItemCount())]
    assert str(workspace.data_dir.path) not in " ".join(details)  # no internal paths

    page.list.clearSelection()
    monkeypatch.setattr(page, "choose_usb_folder", lambda: tmp_path / "rut-ra")
    qtbot.mouseClick(page.usb_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.state_text(second.sequence) == "Gửi lỗi")
    assert "USB" in page.result.text()
    page.list.setCurrentItem(row(page.list, 0))
    events = [row(page.history, i).text(1) for i in range(page.history.topLevelItemCount())]
    assert events == ["đưa vào Hộp thư đi", "chưa gửi được"]


def test_a_receipt_imported_in_the_window_acknowledges_its_packet(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [packet] = add_packets(workspace, 1)
    certificate, key = office_key()
    pem = write_certificate(certificate, tmp_path / "office.pem")
    trust_recipient(workspace, pem, fingerprint(certificate))
    receipt = Receipt(packet.packet_id, packet.sha256, packet.file_name, "03325", 1,
                      received_now(), "Sở Y tế tỉnh Điện Biên")  # fmt: skip
    path = tmp_path / receipt_file_name(packet.file_name)
    path.write_bytes(make_receipt(receipt, certificate, key))
    window, page = open_outbox(qtbot, workspace)
    monkeypatch.setattr(page, "choose_receipts", lambda: [path])
    qtbot.mouseClick(page.receipt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.state_text(packet.sequence) == "Đã xác nhận")
    assert "Sở Y tế tỉnh Điện Biên" in page.result.text()
    everything = "Mọi gói đã gửi đều đã được cơ quan tiếp nhận xác nhận."
    assert window.home.outbox_text.text() == everything


def test_sending_settings_are_checked_and_the_password_goes_to_the_store(
    qtbot: QtBot, workspace: Workspace, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    _window, page = open_outbox(qtbot, workspace)
    qtbot.mouseClick(page.settings_button, Qt.MouseButton.LeftButton)
    dialog = page.settings_dialog
    assert isinstance(dialog, SendingSettingsDialog)
    qtbot.waitUntil(dialog.isVisible)
    host, port, password = (dialog.fields[k] for k in ("mail.host", "mail.port", "mail.password"))
    assert isinstance(host, QLineEdit) and isinstance(port, QLineEdit)
    assert isinstance(password, QLineEdit)
    host.setText("smtp.dienbien.gov.vn")
    port.setText("cổng")
    dialog.save()
    assert "1 đến 65535" in dialog.problem.text() and dialog.isVisible()
    port.setText("465")
    password.setText("mật-khẩu")
    dialog.save()
    assert not dialog.isVisible()
    shown = handoff_settings(workspace)
    assert (shown["mail.host"], shown["mail.port"], shown["mail.password"]) == (
        "smtp.dienbien.gov.vn",
        "465",
        "***",
    )
    assert list(memory_keyring.secrets.values()) == ["mật-khẩu"]


def test_queued_packets_go_when_the_server_answers_and_the_window_says_so(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from aiosmtpd.controller import Controller

    [packet] = add_packets(workspace, 1)
    port = free_port()
    configure_mail(workspace, port)
    window, page = open_outbox(qtbot, workspace)
    qtbot.mouseClick(page.email_button, Qt.MouseButton.LeftButton)  # nothing listens yet
    qtbot.waitUntil(lambda: page.state_text(packet.sequence) == "Chờ gửi")
    assert "chờ gửi" in page.result.text()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # What the window does a minute after start-up, then every 10 minutes.
        assert window._first_retry.isActive() and window._first_retry.isSingleShot()
        assert window._retry_timer.isActive()
        window._first_retry.timeout.emit()
        qtbot.waitUntil(lambda: page.state_text(packet.sequence) == "Đã gửi")
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert "Đã có kết nối trở lại: đã gửi 1" in window.statusBar().currentMessage()
    assert window.home.outbox_text.text() == "Đang có 1 gói đã gửi, đang chờ giấy báo nhận."


def test_a_packet_built_elsewhere_shows_when_the_outbox_is_opened_again(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window, page = open_outbox(qtbot, workspace)
    qtbot.waitUntil(lambda: window.home.evaluation_text.text() != "")  # after the first paint
    assert page.list.topLevelItemCount() == 0
    qtbot.keyClick(window.sidebar, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    [packet] = add_packets(workspace, 1)  # as the evaluation page's packet dialog does
    qtbot.keyClick(window.sidebar, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert page.state_text(packet.sequence) == "Chưa gửi"
    qtbot.keyClick(window.sidebar, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.home.outbox_text.text() == "Đang có 1 gói chưa gửi."


def test_the_home_page_opens_the_outbox(qtbot: QtBot, workspace: Workspace) -> None:
    add_packets(workspace, 1)
    window = MainWindow(workspace, today=dt.date(2026, 11, 23))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "1 gói chưa gửi" in window.home.outbox_text.text())
    button = window.home.open_outbox_button
    assert button is not None  # made with the first outbox line
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert isinstance(window.stack.currentWidget(), OutboxPage)


def test_a_lost_packet_file_is_put_back_from_a_copy(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [packet] = add_packets(workspace, 1)
    copy = tmp_path / "tren-usb" / packet.file_name
    copy.parent.mkdir()
    original = packet_file(workspace, packet)
    copy.write_bytes(original.read_bytes())
    original.unlink()  # lost from the outbox folder
    _window, page = open_outbox(qtbot, workspace)
    stranger = tmp_path / "TREEM_99999_evaluation_2026_0001.zip"
    stranger.write_bytes(b"PK not ours")
    monkeypatch.setattr(page, "choose_packet_file", lambda: stranger)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert not original.exists() and "không phải" in page.result.text()
    monkeypatch.setattr(page, "choose_packet_file", lambda: copy)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert original.read_bytes() == copy.read_bytes()
    assert "gói số 1" in page.result.text()


def test_every_button_and_menu_has_its_own_keyboard_letter(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window, page = open_outbox(qtbot, workspace)
    texts = [b.text() for b in page.findChildren(QPushButton) if b.isVisible()]
    texts += [a.text() for a in window.menuBar().actions()]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(letters) == len(texts), texts  # every one has a letter
    assert len(set(letters)) == len(letters), texts  # and no two share it


def test_a_reload_keeps_the_choice_and_a_failed_one_leaves_the_list_working(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treem_desktop.commune import outbox

    add_packets(workspace, 3)
    _window, page = open_outbox(qtbot, workspace)
    page.list.setCurrentItem(row(page.list, 0))
    for index in (1, 2):
        row(page.list, index).setSelected(True)
    row(page.list, 0).setSelected(False)
    chosen = page.selected_sequences()
    assert len(chosen) == 2
    page.reload()
    assert page.selected_sequences() == chosen  # not only the current row
    assert page.current_sequence() == row(page.list, 0).data(0, Qt.ItemDataRole.UserRole)

    def broken(workspace: Workspace) -> list[object]:
        raise RuntimeError("database went away")

    monkeypatch.setattr(outbox, "entries", broken)
    with pytest.raises(RuntimeError):
        page.reload()
    assert not page.list.signalsBlocked()


def test_an_empty_outbox_says_what_to_do_first_and_opens_the_evaluation(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from treem_desktop.ui.evaluation.page import EvaluationPage

    window, page = open_outbox(qtbot, workspace)
    assert page.empty_note.isVisible() and not page.list.isVisible()
    text = page.empty_text.text()
    assert "Hộp thư đi đang trống" in text and "“Lập gói gửi đi…”" in text
    assert "treem " not in text
    qtbot.mouseClick(page.go_evaluation, Qt.MouseButton.LeftButton)
    assert isinstance(window.stack.currentWidget(), EvaluationPage)

    add_packets(workspace, 1)
    window.show_page(window.stack.indexOf(page))
    assert not page.empty_note.isVisible() and page.list.isVisible()


def test_the_demo_communes_packets_are_marked_in_the_outbox(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from treem_desktop.commune.preferences import DEMO_SETTING
    from treem_desktop.storage.settings_repo import set_setting

    set_setting(workspace.conn, DEMO_SETTING, "1")
    add_packets(workspace, 1)
    _window, page = open_outbox(qtbot, workspace)
    assert page.demo_note.isVisible() and "Gói thử (demo)" in page.demo_note.text()
    assert "(gói thử – demo)" in row(page.list, 0).text(1)
