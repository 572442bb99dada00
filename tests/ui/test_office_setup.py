# mypy: disable-error-code="union-attr"
"""The first run's question: the receiving office's way leads to its setup and its window;
the commune's stays the default (Enter); Esc on the office setup asks first."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.helpers import answer_message_box, top_level, type_into, watchdog, when
from treem_desktop.office.folder import is_office_folder, open_office
from treem_desktop.office.setup import office_key_files
from treem_desktop.paths import DataDirChoice
from treem_desktop.signing.keys import fingerprint
from treem_desktop.ui import app as app_module
from treem_desktop.ui.first_run_choice import FirstRunChoice
from treem_desktop.ui.office.setup_dialog import OfficeSetupDialog
from treem_desktop.ui.office.window import OfficeWindow
from treem_desktop.ui.wizard import SetupWizard

PASSPHRASE = "Sở Y tế Điện Biên 2026"


@pytest.fixture(autouse=True)
def keep_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "install_excepthook", lambda log_dir: None)


def modal(kind: type) -> bool:
    return isinstance(QApplication.activeModalWidget(), kind)


def key(qtbot: QtBot, code: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, code)


def type_text(text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    type_into(widget, text)


def fill_office_setup(qtbot: QtBot, seen: dict[str, object]) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, OfficeSetupDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
    type_text("Sở Y tế tỉnh Điện Biên")
    key(qtbot, Qt.Key.Key_Return)  # refused: no province yet
    seen["problem"] = dialog.problem.text()
    dialog.provinces.field.setFocus()
    type_text("dien")
    key(qtbot, Qt.Key.Key_Return)  # picks Điện Biên, goes to the passphrase
    seen["chosen"] = dialog.chosen.text()
    assert QApplication.focusWidget() is dialog.passphrase.first
    type_text(PASSPHRASE)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(PASSPHRASE)
    key(qtbot, Qt.Key.Key_Return)  # sets up the office
    qtbot.waitUntil(lambda: dialog.result_setup is not None)
    seen["fingerprint"] = dialog.fingerprint.text().replace("\n", ":")
    key(qtbot, Qt.Key.Key_Return)  # opens the office's window


def test_the_office_choice_sets_up_the_office_and_opens_its_window(
    qtbot: QtBot, qapp: QApplication, data_dir: DataDirChoice
) -> None:
    seen: dict[str, object] = {}

    def choose_office() -> None:
        choice = QApplication.activeModalWidget()
        assert isinstance(choice, FirstRunChoice)
        assert choice.commune.isChecked()  # the commune is the default
        qtbot.waitUntil(lambda: QApplication.focusWidget() is choice.commune)
        key(qtbot, Qt.Key.Key_Down)  # to the receiving office
        assert choice.office.isChecked()
        key(qtbot, Qt.Key.Key_Return)

    def close_window() -> None:
        window = top_level(OfficeWindow)
        seen["title"] = window.windowTitle()
        window.close()

    dog = watchdog(qapp)
    when(lambda: modal(FirstRunChoice), choose_office)
    when(lambda: modal(OfficeSetupDialog), lambda: fill_office_setup(qtbot, seen))
    when(lambda: top_level(OfficeWindow), close_window)
    assert app_module.run_gui(data_dir, language=None) == 0
    dog.stop()

    assert "Hãy chọn tỉnh" in str(seen["problem"])
    assert "Điện Biên" in str(seen["chosen"])
    assert seen["title"] == "Treem — Sở Y tế tỉnh Điện Biên"
    assert is_office_folder(data_dir)
    files = office_key_files(data_dir)
    assert files.exist()
    with open_office(data_dir) as office:
        assert office.require_profile().province_code == "11"
        from treem_desktop.office.keys import load_office_certificate, unlock_office_key

        assert seen["fingerprint"] == fingerprint(load_office_certificate(files))
        unlock_office_key(files, PASSPHRASE.encode())  # opens with what was typed


def test_enter_on_the_question_goes_to_the_commune_wizard(
    qtbot: QtBot, qapp: QApplication, data_dir: DataDirChoice
) -> None:
    seen: list[bool] = []

    def close_wizard() -> None:
        wizard = QApplication.activeModalWidget()
        seen.append(wizard.currentId() == 0)
        wizard.done(0)

    dog = watchdog(qapp)

    def enter() -> None:
        choice = QApplication.activeModalWidget()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is choice.commune)
        key(qtbot, Qt.Key.Key_Return)

    when(lambda: modal(FirstRunChoice), enter)
    when(lambda: modal(SetupWizard), close_wizard)
    assert app_module.run_gui(data_dir, language=None) == 0
    dog.stop()
    assert seen == [True]
    assert not is_office_folder(data_dir)


def test_escape_on_the_office_setup_asks_before_losing_the_answers(
    qtbot: QtBot, data_dir: DataDirChoice
) -> None:
    dialog = OfficeSetupDialog(data_dir)
    try:
        escape_twice(qtbot, dialog)
    finally:
        dialog.done(0)  # not close(): that asks
        dialog.deleteLater()
    assert not data_dir.database.exists()  # nothing was made


def escape_twice(qtbot: QtBot, dialog: OfficeSetupDialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    type_into(dialog.name, "Sở Y tế")
    questions: list[str] = []
    answer_message_box(questions, QMessageBox.StandardButton.No)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(questions) == 1)
    assert dialog.isVisible() and "sẽ bị mất" in questions[0]
    answer_message_box(questions, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
