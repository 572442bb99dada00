"""The first run: the wizard walked with the keyboard only, then a restart finds the commune."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.helpers import answer_message_box, top_level, type_into, watchdog, when
from treem_desktop.commune.commune_key import KeyFiles, key_is_protected, summarize, unlock_key
from treem_desktop.commune.preferences import key_care_offered
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.core.admin_units import load_admin_units
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage.audit import entries_for
from treem_desktop.ui import app as app_module
from treem_desktop.ui.first_run_choice import FirstRunChoice
from treem_desktop.ui.key_care_prompt import KeyCarePrompt
from treem_desktop.ui.main_window import MainWindow
from treem_desktop.ui.wizard import (
    CATEGORY,
    KEY,
    LOCATION,
    PEOPLE,
    RECIPIENT,
    SUMMARY,
    SetupWizard,
)

PASSPHRASE = "Mường Phăng 2026"


@pytest.fixture(autouse=True)
def keep_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest-qt reports exceptions in slots; the app's crash dialog would block the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "install_excepthook", lambda log_dir: None)


@pytest.fixture(autouse=True)
def choose_the_commune(qtbot: QtBot) -> None:
    """The first question (commune or receiving office): Enter keeps the commune."""

    def enter() -> None:
        choice = top_level(FirstRunChoice)
        assert choice is not None
        qtbot.keyClick(choice.focusWidget() or choice, Qt.Key.Key_Return)

    when(lambda: QApplication.activeModalWidget() is top_level(FirstRunChoice) is not None, enter)


def wizard_is_up() -> bool:
    return isinstance(QApplication.activeModalWidget(), SetupWizard)


def focused() -> object:
    return QApplication.focusWidget()


def wizard_has_focus() -> bool:
    """The wizard is up and the keyboard is in it (not in a window a test left behind)."""
    wizard = QApplication.activeModalWidget()
    widget = focused()
    return (
        isinstance(wizard, SetupWizard)
        and isinstance(widget, QWidget)
        and (wizard.isAncestorOf(widget) or widget is wizard)
    )


def key(qtbot: QtBot, code: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, code)


def type_text(qtbot: QtBot, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    type_into(widget, text)


def walk_wizard(qtbot: QtBot, seen: dict[str, object]) -> None:
    wizard = QApplication.activeModalWidget()
    assert isinstance(wizard, SetupWizard)
    page = wizard.currentId
    picker = wizard.location.picker
    qtbot.waitUntil(wizard_has_focus)
    key(qtbot, Qt.Key.Key_Return)  # welcome: "set up my commune" is the default

    qtbot.waitUntil(lambda: page() == LOCATION)
    assert focused() is picker.province_search
    key(qtbot, Qt.Key.Key_Return)  # nothing typed: Enter does not go on
    assert page() == LOCATION and picker.province() is None
    seen["location_problem"] = wizard.location.problem.text()
    type_text(qtbot, "dien")  # narrows the list; nothing chosen yet
    seen["province_before_enter"] = picker.province()
    key(qtbot, Qt.Key.Key_Return)  # picks the highlighted Điện Biên
    assert focused() is picker.search
    seen["commune_after_province"] = picker.commune()
    seen["commune_highlight_after_province"] = picker.results.currentItem()
    type_text(qtbot, "phang")  # no accents needed
    seen["commune_before_enter"] = picker.commune()
    key(qtbot, Qt.Key.Key_Return)  # picks Mường Phăng, stays on the page
    assert page() == LOCATION
    seen["chosen"] = picker.chosen.text()
    key(qtbot, Qt.Key.Key_Return)  # goes on

    qtbot.waitUntil(lambda: page() == CATEGORY)
    seen["preselected_category"] = wizard.category.chooser.value()
    assert isinstance(focused(), QRadioButton)
    key(qtbot, Qt.Key.Key_Return)  # nothing chosen: refused
    assert page() == CATEGORY
    key(qtbot, Qt.Key.Key_Down)  # from "phường trung ương" to "miền núi, hải đảo"
    key(qtbot, Qt.Key.Key_Space)
    seen["category"] = wizard.category.chooser.value()
    key(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page() == PEOPLE)
    seen["preselected_title"] = wizard.people.fields.title.currentText()
    type_text(qtbot, "Nguyễn Thị Hà")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Lò Văn Tâm")
    key(qtbot, Qt.Key.Key_Return)  # refused: the signer's title is empty
    seen["title_problem"] = wizard.people.fields.problems["signer_title"].text()
    assert page() == PEOPLE
    assert focused() in (wizard.people.fields.title, wizard.people.fields.title.lineEdit())
    type_text(qtbot, "Chủ tịch")
    seen["signature"] = wizard.people.fields.preview.text()
    key(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page() == RECIPIENT)
    seen["preselected_abbreviations"] = wizard.recipient.fields.abbreviations.text()
    type_text(qtbot, "Sở Y tế tỉnh Điện Biên")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "syt-khong-hop-le")
    key(qtbot, Qt.Key.Key_Return)  # refused: the e-mail is not valid
    seen["email_problem"] = wizard.recipient.fields.problems["recipient_email"].text()
    assert page() == RECIPIENT
    assert isinstance(focused(), QLineEdit)
    email = QApplication.focusWidget()
    assert email is not None
    QTest.keyClick(email, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "syt@dienbien.gov.vn")
    key(qtbot, Qt.Key.Key_Return)  # refused: the suffixes are empty
    assert page() == RECIPIENT
    assert focused() is wizard.recipient.fields.abbreviations
    type_text(qtbot, "UBND")
    key(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page() == KEY)
    assert focused() is wizard.key.first
    type_text(qtbot, "ngắn")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "ngắn")
    key(qtbot, Qt.Key.Key_Return)  # refused: too short, back to the first field
    seen["short_problem"] = wizard.key.problem.text()
    assert page() == KEY and focused() is wizard.key.first
    QTest.keyClick(wizard.key.first, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, PASSPHRASE)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, PASSPHRASE + "x")
    key(qtbot, Qt.Key.Key_Return)  # refused: the two differ, the second field is cleared
    seen["mismatch_problem"] = wizard.key.problem.text()
    assert page() == KEY and focused() is wizard.key.second
    assert wizard.key.second.text() == ""
    type_text(qtbot, PASSPHRASE)
    key(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page() == SUMMARY)
    seen["summary"] = wizard.summary.text.text()
    when(lambda: top_level(KeyCarePrompt), lambda: later_on_prompt(qtbot, seen))
    key(qtbot, Qt.Key.Key_Return)  # Finish


def later_on_prompt(qtbot: QtBot, seen: dict[str, object]) -> None:
    """The key care prompt after the wizard: put off with "Later" (Esc)."""
    prompt = top_level(KeyCarePrompt)
    assert isinstance(prompt, KeyCarePrompt)
    seen["key_care_prompt"] = prompt.windowTitle()
    qtbot.keyClick(prompt, Qt.Key.Key_Escape)


def close_main_window(seen: dict[str, object]) -> Callable[[], None]:
    def close() -> None:
        window = top_level(MainWindow)
        assert isinstance(window, MainWindow)
        seen["title"] = window.home.title.text()
        seen["facts"] = window.home.facts_text()
        seen["wizard_shown"] = any(
            isinstance(w, SetupWizard) for w in QApplication.topLevelWidgets() if w.isVisible()
        )
        window.close()

    return close


def test_wizard_by_keyboard_then_restart_finds_the_commune(
    qtbot: QtBot, qapp: QApplication, data_dir: DataDirChoice
) -> None:
    seen: dict[str, object] = {}
    dog = watchdog(qapp)
    when(wizard_is_up, lambda: walk_wizard(qtbot, seen))
    when(lambda: top_level(MainWindow), close_main_window(seen))
    assert app_module.run_gui(data_dir, language=None) == 0
    dog.stop()

    assert seen["chosen"] == "Đã chọn: Xã Mường Phăng, Điện Biên"
    assert "Hãy chọn tỉnh" in str(seen["location_problem"])
    # nothing the officer did not choose was chosen for them
    assert seen["province_before_enter"] is None
    assert seen["commune_after_province"] is None
    assert seen["commune_highlight_after_province"] is None
    assert seen["commune_before_enter"] is None
    assert seen["preselected_category"] == ""
    assert seen["preselected_title"] == ""
    assert seen["preselected_abbreviations"] == ""
    assert seen["category"] == "mien-nui-hai-dao-dbkk"
    assert "Cần điền “Chức vụ người ký”" in str(seen["title_problem"])
    assert seen["key_care_prompt"] == "Giữ an toàn khóa ký"
    assert "TM. ỦY BAN NHÂN DÂN" in str(seen["signature"]) and "Lò Văn Tâm" in str(
        seen["signature"]
    )
    assert "không phải là địa chỉ thư điện tử hợp lệ" in str(seen["email_problem"])
    assert "quá ngắn" in str(seen["short_problem"])
    assert "không giống nhau" in str(seen["mismatch_problem"])
    assert "Xã Mường Phăng (03325)" in str(seen["summary"])
    files = KeyFiles.in_data_dir(data_dir.path)
    assert key_is_protected(files)
    assert summarize(files).commune_code == "03325"
    unlock_key(files, PASSPHRASE.encode())  # the key opens with what was typed
    assert seen["title"] == "Ủy ban nhân dân xã Mường Phăng"

    restarted: dict[str, object] = {}
    dog = watchdog(qapp)
    when(lambda: top_level(MainWindow), close_main_window(restarted))
    assert app_module.run_gui(data_dir, language=None) == 0
    dog.stop()
    assert restarted["title"] == "Ủy ban nhân dân xã Mường Phăng"
    assert restarted["wizard_shown"] is False
    assert "Nguyễn Thị Hà" in str(restarted["facts"])

    workspace = open_workspace(data_dir, create=False)
    profile = workspace.require_profile()
    assert profile == CommuneProfile(  # exactly what was typed and picked
        commune=load_admin_units().commune("03325"),
        province_name="Điện Biên",
        category="mien-nui-hai-dao-dbkk",
        officer_name="Nguyễn Thị Hà",
        signer_name="Lò Văn Tâm",
        signer_title="Chủ tịch",
        recipient_name="Sở Y tế tỉnh Điện Biên",
        recipient_email="syt@dienbien.gov.vn",
        issuer_abbreviations=("UBND",),
    )
    assert key_care_offered(workspace)
    assert {e.field for e in entries_for(workspace.conn, "commune", "03325")} >= {
        "commune_code",
        "officer_name",
    }
    workspace.close()


def test_demo_commune_from_the_welcome_page(
    qtbot: QtBot, qapp: QApplication, data_dir: DataDirChoice
) -> None:
    seen: dict[str, object] = {}

    def choose_demo() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, SetupWizard)
        qtbot.waitUntil(wizard_has_focus)
        wizard.welcome.own.setFocus()
        key(qtbot, Qt.Key.Key_Down)  # the next choice: the demo commune
        assert wizard.welcome.demo.isChecked()
        assert wizard.welcome.isFinalPage()
        key(qtbot, Qt.Key.Key_Return)

    dog = watchdog(qapp)
    when(wizard_is_up, choose_demo)
    when(lambda: top_level(MainWindow), close_main_window(seen))
    assert app_module.run_gui(data_dir, language=None) == 0
    dog.stop()
    assert seen["title"] == "Ủy ban nhân dân xã Mường Phăng"


def test_cancelling_the_wizard_closes_without_a_commune(
    qtbot: QtBot, qapp: QApplication, data_dir: DataDirChoice
) -> None:
    dog = watchdog(qapp)
    questions: list[str] = []
    still_open: list[bool] = []

    def escape_twice() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, SetupWizard)
        answer_message_box(questions, QMessageBox.StandardButton.No)
        key(qtbot, Qt.Key.Key_Escape)  # asks; "Không" keeps the wizard
        still_open.append(wizard.isVisible() and QApplication.activeModalWidget() is wizard)
        answer_message_box(questions, QMessageBox.StandardButton.Yes)
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # asks again; "Có" closes it

    when(wizard_has_focus, escape_twice)
    assert app_module.run_gui(data_dir, language=None) == 0
    assert dog.isActive(), "the watchdog ended the test: Escape never reached the wizard"
    assert still_open == [True]
    assert len(questions) == 2 and "sẽ bị mất" in questions[0]
    dog.stop()
    workspace = open_workspace(data_dir, create=False)
    assert workspace.profile() is None
    workspace.close()
