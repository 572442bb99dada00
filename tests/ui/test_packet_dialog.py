"""From a finished evaluation to a verified packet in the window: pre-flight, fix, build, check."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.softhsm import SoftToken
from tests.ui.helpers import answer_message_box, type_into, wait_built, when
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key, load_certificate
from treem_desktop.commune.workspace import Workspace
from treem_desktop.packets.verify import verify_packet
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage.packet_repo import packets
from treem_desktop.ui.evaluation.page import EvaluationPage
from treem_desktop.ui.packets.packet_dialog import PacketDialog

PASSPHRASE = "Mường Phăng 2026"
SIGN_ANYWAY = QMessageBox.StandardButton.Yes


def build_anyway(qtbot: QtBot, dialog: PacketDialog) -> list[str]:
    """Click "build and sign" and answer "sign it anyway" to the question about what is missing."""
    asked: list[str] = []
    answer_message_box(asked, SIGN_ANYWAY)
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    wait_built(qtbot, dialog)
    return asked


def open_dialog(qtbot: QtBot, page: EvaluationPage) -> PacketDialog:
    qtbot.mouseClick(page.packet_button, Qt.MouseButton.LeftButton)
    dialog = page.packet_dialog
    assert isinstance(dialog, PacketDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_preflight_fix_then_build_and_verify(qtbot: QtBot, workspace: Workspace) -> None:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, workspace.require_profile(), PASSPHRASE.encode())
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a": {"denominator": 20}})
    page = EvaluationPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.show()
    assert page.packet_button.isVisible()

    dialog = open_dialog(qtbot, page)
    lines = [dialog.preflight.item(i).text() for i in range(dialog.preflight.count())]
    assert any(line.startswith("Tiêu chí 1:") for line in lines)
    assert not any(line.startswith("Tiêu chí 6:") and "c6.a" in line for line in lines)
    first = next(line for line in lines if line.startswith("Tiêu chí 1:"))
    assert "(1.1 – " in first and "1.a" not in first  # the page's numbering of items
    dialog.preflight.setCurrentRow(0)
    qtbot.mouseClick(dialog.fix_button, Qt.MouseButton.LeftButton)  # one click to fix
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.view is not None and page.view.criterion.id == "c1"

    dialog = open_dialog(qtbot, page)
    assert dialog.passphrase.isVisible()
    type_into(dialog.passphrase, "sai mật khẩu")
    build_anyway(qtbot, dialog)
    assert "không đúng" in dialog.problem.text()
    assert dialog.built_path is None and packets(workspace.conn) == []

    dialog.passphrase.clear()
    type_into(dialog.passphrase, PASSPHRASE)
    build_anyway(qtbot, dialog)
    assert dialog.built_path is not None, dialog.problem.text()
    assert "nguyên vẹn" in dialog.outcome.text()
    verified = verify_packet(dialog.built_path, [load_certificate(files)])
    assert verified.manifest["sequence"] == 1 and "data.json" in verified.files
    assert [p.sha256 for p in packets(workspace.conn)] == [verified.sha256]
    # Enter again must not build packet 2: the build button is spent, Close is the default.
    assert not dialog.build_button.isEnabled() and dialog.close_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert len(packets(workspace.conn)) == 1
    assert verified.sha256 in dialog.outcome.toolTip()
    dialog.reject()


def test_sign_the_packet_with_a_usb_token(
    qtbot: QtBot, workspace: Workspace, soft_token: SoftToken, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREEM_PKCS11_LIBRARY", str(soft_token.library))
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    page = EvaluationPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.show()
    dialog = open_dialog(qtbot, page)
    lines = [dialog.preflight.item(i).text() for i in range(dialog.preflight.count())]
    assert any("c1." not in line and line.startswith("Tiêu chí 1:") for line in lines)
    choice = dialog.signer_choice
    assert not choice.token_box.isVisible()
    choice.use_token.setFocus()
    qtbot.keyClick(choice.use_token, Qt.Key.Key_Space)  # the radio button, by keyboard
    assert choice.token_box.isVisible() and not choice.passphrase.isVisible()
    assert choice.library.currentText() == str(soft_token.library)  # found by itself
    qtbot.mouseClick(choice.read_button, Qt.MouseButton.LeftButton)
    assert choice.certificate.count() == 2 and "Lò Văn Tâm" in choice.certificate.itemText(0)

    type_into(choice.pin, "000000")
    build_anyway(qtbot, dialog)
    assert "PIN" in dialog.problem.text() and dialog.built_path is None
    assert packets(workspace.conn) == []

    choice.pin.clear()
    type_into(choice.pin, soft_token.pin)
    build_anyway(qtbot, dialog)
    assert dialog.built_path is not None, dialog.problem.text()
    verified = verify_packet(dialog.built_path, [soft_token.root])
    assert verified.trusted and "Lò Văn Tâm" in verified.signer.subject.rfc4514_string()
    assert choice.pin.text() == ""
    dialog.reject()


def test_enter_on_a_line_with_nothing_to_fix_never_builds(
    qtbot: QtBot, workspace: Workspace
) -> None:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, workspace.require_profile(), None)  # no passphrase to stop it
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a": {"denominator": 20}})
    page = EvaluationPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.show()
    dialog = open_dialog(qtbot, page)
    rows = [dialog.preflight.item(i) for i in range(dialog.preflight.count())]
    [plain] = [
        i for i, row in enumerate(rows) if row is not None and "chưa được xác nhận" in row.text()
    ]
    dialog.preflight.setCurrentRow(plain)
    dialog.preflight.setFocus()
    assert not dialog.fix_button.isEnabled()  # nothing to open for this line
    qtbot.keyClick(dialog.preflight, Qt.Key.Key_Return)
    assert packets(workspace.conn) == [] and dialog.isVisible()

    first = next(
        i for i, row in enumerate(rows) if row is not None and row.text().startswith("Tiêu chí")
    )
    dialog.preflight.setCurrentRow(first)
    assert dialog.fix_button.isEnabled()
    qtbot.keyClick(dialog.preflight, Qt.Key.Key_Return)  # Enter fixes a line that can be fixed
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.view is not None
    focused = page.view.focusWidget()
    missing = [i for i in page.view.fields if i not in page.evaluation.values]  # type: ignore[union-attr]
    assert focused is page.view.fields[missing[0]].editor
    assert packets(workspace.conn) == []


def test_signing_an_incomplete_evaluation_asks_first_and_cancel_builds_nothing(
    qtbot: QtBot, workspace: Workspace
) -> None:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, workspace.require_profile(), None)
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    page = EvaluationPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.show()
    dialog = open_dialog(qtbot, page)
    unscored = sum(
        1
        for i in range(dialog.preflight.count())
        if dialog.preflight.item(i).data(Qt.ItemDataRole.UserRole).startswith("c")
    )
    assert unscored >= 10

    asked: list[str] = []
    answer_message_box(asked)  # closed without choosing: the default is to go back
    qtbot.keyClick(dialog.build_button, Qt.Key.Key_Space)
    wait_built(qtbot, dialog)
    assert f"Còn {unscored} trong 13 tiêu chí chưa chấm điểm" in asked[0], asked
    assert "Báo cáo tự đánh giá" in asked[0]
    assert packets(workspace.conn) == [] and dialog.built_path is None
    assert dialog.build_button.isEnabled() and dialog.isVisible()

    asked.clear()
    answer_message_box(asked, QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    wait_built(qtbot, dialog)
    assert asked and packets(workspace.conn) == []

    dialog.preflight.setCurrentRow(0)  # "fix the selected line" still works after going back
    qtbot.mouseClick(dialog.fix_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.view is not None and page.view.criterion.id == "c1"

    dialog = open_dialog(qtbot, page)
    assert build_anyway(qtbot, dialog)
    assert dialog.built_path is not None, dialog.problem.text()
    assert len(packets(workspace.conn)) == 1


def test_the_default_answer_is_to_go_back(qtbot: QtBot, workspace: Workspace) -> None:
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    page = EvaluationPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.show()
    dialog = open_dialog(qtbot, page)
    seen: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    when(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), press_enter)
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    wait_built(qtbot, dialog)
    assert seen == ["&Quay lại bổ sung"]
    assert packets(workspace.conn) == [] and dialog.built_path is None


def test_the_demo_commune_signs_in_the_window_and_its_packet_says_demo(
    qtbot: QtBot, data_dir: DataDirChoice
) -> None:
    import datetime as dt
    import json
    import zipfile

    from treem_desktop.commune.demo import set_up_demo
    from treem_desktop.commune.workspace import open_workspace

    workspace = open_workspace(data_dir, create=True)
    try:
        set_up_demo(workspace, dt.date(2026, 5, 10))
        page = EvaluationPage(workspace, year=2026)
        qtbot.addWidget(page)
        page.show()
        dialog = open_dialog(qtbot, page)
        assert dialog.demo_note.isVisible() and "Gói thử (demo)" in dialog.demo_note.text()
        assert not dialog.passphrase.isVisible()  # the demo key has no passphrase
        asked = build_anyway(qtbot, dialog)  # only the report is missing
        assert asked and "tiêu chí" not in asked[0]
        assert dialog.built_path is not None, dialog.problem.text()
        assert dialog.outcome.text().startswith("Gói thử (demo).")
        with zipfile.ZipFile(dialog.built_path) as archive:
            assert json.loads(archive.read("manifest.json"))["demo"] is True
        dialog.reject()
    finally:
        workspace.close()
