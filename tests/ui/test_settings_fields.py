"""Settings save a field when it is finished, never a half-typed prefix, and show in words
what is wrong and what is still saved."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui.settings_page import SettingsPage


def settings(qtbot: QtBot, workspace: Workspace) -> SettingsPage:
    page = SettingsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    return page


def test_a_prefix_is_never_saved_only_the_finished_value(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = settings(qtbot, workspace)
    page.people.signer.selectAll()
    type_into(page.people.signer, "Vàng")
    qtbot.wait(700)  # longer than any typing pause
    assert workspace.require_profile().signer_name == "Lò Văn Tâm"
    type_into(page.people.signer, " A Dế")
    QTest.keyClick(page.people.signer, Qt.Key.Key_Return)
    assert workspace.require_profile().signer_name == "Vàng A Dế"


def test_the_signer_title_is_saved_when_picked(qtbot: QtBot, workspace: Workspace) -> None:
    page = settings(qtbot, workspace)
    assert page.people.title.currentText() == "Chủ tịch"
    page.people.title.lineEdit().selectAll()  # type: ignore[union-attr]
    type_into(page.people.title.lineEdit(), "Phó")  # type: ignore[arg-type]
    qtbot.wait(500)
    assert workspace.require_profile().signer_title == "Chủ tịch"
    page.people.title.setCurrentIndex(1)  # picked from the list
    page.people.title.activated.emit(1)
    assert workspace.require_profile().signer_title == "Phó Chủ tịch"


def test_a_wrong_value_stays_marked_with_the_value_still_saved(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = settings(qtbot, workspace)
    page.recipient.email.selectAll()
    type_into(page.recipient.email, "syt-sai")
    QTest.keyClick(page.recipient.email, Qt.Key.Key_Return)
    problem = page.recipient.problems["recipient_email"]
    assert problem.isVisible()
    assert "không phải là địa chỉ thư điện tử hợp lệ" in problem.text()
    assert "Giá trị đang lưu: syt.dienbien@example.com" in problem.text()
    assert page.recipient.email.text() == "syt-sai"  # what was typed stays to be corrected
    page.people.officer.selectAll()
    type_into(page.people.officer, " ")
    QTest.keyClick(page.people.officer, Qt.Key.Key_Return)  # a required field emptied
    assert "Cần điền “Cán bộ phụ trách”" in page.people.problems["officer_name"].text()
    assert workspace.require_profile().officer_name == "Nguyễn Thị Hà"


def test_settings_show_no_command_lines_or_english_decimals(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = settings(qtbot, workspace)
    texts = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)]
    shown = "\n".join(texts)
    assert "treem " not in shown and "dòng lệnh" not in shown
    assert not re.search(r"\d\.\d", shown.replace("gov.vn", ""))
