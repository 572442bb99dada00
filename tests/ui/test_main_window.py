"""The main window: home page, keyboard navigation, settings saved as typed, language."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.helpers import answer_message_box, type_into, when
from treem_desktop.commune.workspace import Workspace
from treem_desktop.storage.audit import entries_for
from treem_desktop.ui.app import WindowController
from treem_desktop.ui.main_window import MainWindow
from treem_desktop.ui.settings_page import ChangeCommuneDialog, SettingsPage


def open_window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace, today=dt.date(2026, 11, 23))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def open_settings(qtbot: QtBot, window: MainWindow) -> SettingsPage:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget(), SettingsPage))
    page = window.stack.currentWidget()
    assert isinstance(page, SettingsPage)
    return page


def test_home_page_shows_the_commune(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    assert window.home.title.text() == "Ủy ban nhân dân xã Mường Phăng"
    assert window.home.subtitle.text() == "Điện Biên · năm 2026 · 23/11/2026"
    assert "ngưỡng 800 điểm" in window.home.facts_text()
    assert "Lò Văn Tâm" in window.home.facts_text()
    assert window.home.demo_badge.isHidden()
    assert window.windowTitle() == "Treem — Xã Mường Phăng, Điện Biên"
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == [
        "Trang chủ",
        "Đánh giá",
        "Chỉ tiêu",
        "Bảng biểu",
        "Văn bản",
        "Thời hạn",
        "Hộp thư đi",
        "Cài đặt",
        "Sao lưu",
    ]
    # Small enough for 1024×600 less a taskbar and a title bar (tests/ui/test_window_fit.py).
    assert 700 <= window.minimumWidth() <= 1000 and 440 <= window.minimumHeight() <= 520


def test_sidebar_moves_with_the_arrow_keys(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_End)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Up)  # the last page is Backups
    assert isinstance(window.stack.currentWidget(), SettingsPage)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Home)
    assert window.stack.currentWidget() is window.home
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.home


def test_settings_save_as_typed_and_are_audited(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    page = open_settings(qtbot, window)
    page.people.officer.setFocus()
    page.people.officer.selectAll()
    type_into(page.people.officer, "Hoàng Thị Mai")
    qtbot.keyClick(page.people.officer, Qt.Key.Key_Return)  # saved when finished
    qtbot.waitUntil(lambda: page.status.text().startswith("Đã lưu lúc"), timeout=3000)
    assert workspace.require_profile().officer_name == "Hoàng Thị Mai"
    assert "Hoàng Thị Mai" in window.home.facts_text()
    changes = [
        (e.field, e.old_value, e.new_value) for e in entries_for(workspace.conn, "commune", "03325")
    ]
    assert ("officer_name", "Nguyễn Thị Hà", "Hoàng Thị Mai") in changes


def test_an_invalid_field_is_shown_and_the_rest_is_still_saved(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = open_window(qtbot, workspace)
    page = open_settings(qtbot, window)
    page.recipient.email.selectAll()
    type_into(page.recipient.email, "syt-sai")
    qtbot.keyClick(page.recipient.email, Qt.Key.Key_Return)
    page.recipient.office.selectAll()
    type_into(page.recipient.office, "UBND tỉnh Điện Biên")
    qtbot.keyClick(page.recipient.office, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.status.text().startswith("Chưa lưu"), timeout=3000)
    problem = page.recipient.problems["recipient_email"]
    assert problem.isVisible() and "không phải là địa chỉ thư điện tử hợp lệ" in problem.text()
    stored = workspace.require_profile()
    assert stored.recipient_email == "syt.dienbien@example.com"  # the last good value
    assert stored.recipient_name == "UBND tỉnh Điện Biên"  # the other field was saved
    page.recipient.email.selectAll()
    type_into(page.recipient.email, "syt@dienbien.gov.vn")
    qtbot.keyClick(page.recipient.email, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.status.text().startswith("Đã lưu"), timeout=3000)
    assert not problem.isVisible()
    assert workspace.require_profile().recipient_email == "syt@dienbien.gov.vn"


def test_closing_the_window_saves_what_was_just_typed(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    page = open_settings(qtbot, window)
    page.people.signer.selectAll()
    type_into(page.people.signer, "Vàng A Dế")
    window.close()  # before the save delay has passed
    assert workspace.require_profile().signer_name == "Vàng A Dế"


def test_category_change_is_saved(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    page = open_settings(qtbot, window)
    page.category.buttons["con-lai"].click()
    qtbot.waitUntil(lambda: workspace.require_profile().category == "con-lai", timeout=3000)
    assert "ngưỡng 850 điểm" in window.home.facts_text()


def test_changing_the_commune_asks_first(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    page = open_settings(qtbot, window)
    questions: list[str] = []

    def pick_thanh_nua() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ChangeCommuneDialog)
        dialog.picker.search.setText("thanh nua")
        answer_message_box(questions, QMessageBox.StandardButton.No)
        dialog._accept()

    when(lambda: isinstance(QApplication.activeModalWidget(), ChangeCommuneDialog), pick_thanh_nua)
    page.change_commune.click()
    assert questions and "Xã Mường Phăng" in questions[0] and "Xã Thanh Nưa" in questions[0]
    assert workspace.require_profile().commune.code == "03325"  # answered No

    def pick_and_confirm() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        assert isinstance(dialog, ChangeCommuneDialog)
        dialog.picker.search.setText("thanh nua")
        answer_message_box(questions, QMessageBox.StandardButton.Yes)
        dialog._accept()

    when(
        lambda: isinstance(QApplication.activeModalWidget(), ChangeCommuneDialog), pick_and_confirm
    )
    page.change_commune.click()
    assert workspace.require_profile().commune.name == "Xã Thanh Nưa"
    assert window.home.title.text() == "Ủy ban nhân dân xã Thanh Nưa"


def test_switching_to_english_rebuilds_the_window(qtbot: QtBot, workspace: Workspace) -> None:
    controller = WindowController(workspace)
    controller.open()
    first = controller.window
    assert first is not None  # replaced (and deleted) by the controller below
    page = open_settings(qtbot, first)
    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.waitUntil(lambda: controller.window is not first)
    second = controller.window
    assert second is not None
    qtbot.addWidget(second)
    assert second.sidebar.item(0).text() == "Home"
    assert second.home.title.text() == "People's Committee of xã Mường Phăng"
    assert isinstance(second.stack.currentWidget(), SettingsPage)
    from treem_desktop.commune.preferences import stored_language

    assert stored_language(workspace) == "en"


def test_home_page_sums_up_the_years_evaluation(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    qtbot.waitUntil(lambda: "2026" in window.home.evaluation_text.text(), timeout=3000)
    assert window.home.evaluation_text.text() == (
        "Chưa bắt đầu đánh giá năm 2026. Mở mục Đánh giá để bắt đầu."
    )
    from treem_desktop.commune.evaluation import import_values

    import_values(workspace, 2026, {"c7.a.numerator": 49, "c7.a.denominator": 50})
    window.show_evaluation_summary()
    assert window.home.evaluation_text.text() == (
        "Năm 2026: 50 điểm, đã chấm 1/13 tiêu chí — Chưa đủ dữ liệu"
    )


def test_home_page_lists_late_and_soon_tasks(qtbot: QtBot, workspace: Workspace) -> None:
    from treem_desktop.storage import register_repo as reg

    plan = reg.create_draft(workspace.conn, 2026, "KH", "UBND", "Kế hoạch", "plan", "hà")
    reg.replace_tasks(
        workspace.conn,
        plan.id,
        [
            ("Rà soát trẻ em", "Văn hóa - Xã hội", "", dt.date(2026, 11, 20), None),
            ("Tổ chức diễn đàn", "Đoàn Thanh niên", "", dt.date(2026, 11, 27), None),
            ("Tổng kết năm", "Văn phòng", "", dt.date(2026, 12, 20), None),
        ],
    )
    reg.issue(workspace.conn, plan.id, dt.date(2026, 11, 2), "hà")  # a draft's are not counted
    window = open_window(qtbot, workspace)
    qtbot.waitUntil(lambda: "Rà soát" in window.home.due_text.text(), timeout=3000)
    assert window.home.due_text.text() == (
        "QUÁ HẠN 20/11/2026: Rà soát trẻ em (Văn hóa - Xã hội)\n"
        "27/11/2026: Tổ chức diễn đàn (Đoàn Thanh niên)"
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_on_every_page_each_button_and_menu_has_its_own_keyboard_letter(
    qtbot: QtBot, workspace: Workspace, language: str
) -> None:
    from tests.ui.helpers import mnemonic_clashes
    from treem_desktop.i18n import set_language
    from treem_desktop.ui.main_window import PAGES

    set_language(language)
    window = open_window(qtbot, workspace)
    menus = [action.text() for action in window.menuBar().actions()]
    for index, name in enumerate(PAGES):
        window.show_page(index)
        page = window.stack.currentWidget()
        assert page is not None
        assert mnemonic_clashes(page, also=menus) == {}, name


def test_leaving_a_page_from_inside_it_puts_the_keyboard_on_the_sidebar(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = open_window(qtbot, workspace)
    window.show_page(window.page_index("settings"))
    page = window.stack.currentWidget()
    assert page is not None
    field = next(w for w in page.findChildren(QLineEdit) if w.isVisible())
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.sidebar.hasFocus)
    assert window.stack.currentIndex() == 0
