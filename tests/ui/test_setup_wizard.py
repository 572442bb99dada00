"""The first-run wizard page by page: the province search, nothing chosen for the officer,
required fields checked on their page, and every page fitting a commune laptop's screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.commune.preferences import key_care_offered
from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui import key_care_prompt
from treem_desktop.ui.location_picker import LocationPicker
from treem_desktop.ui.window_fit import FRAME
from treem_desktop.ui.wizard import (
    CATEGORY,
    KEY,
    LOCATION,
    PEOPLE,
    RECIPIENT,
    SUMMARY,
    SetupWizard,
    fit_wizard,
)

# 1024×600 and 1366×768 screens less a 40 px taskbar
SCREENS = [QRect(0, 0, 1024, 560), QRect(0, 0, 1366, 728)]


@pytest.fixture
def wizard(qtbot: QtBot) -> Iterator[SetupWizard]:
    shown = SetupWizard()
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.done(0)  # not close(): that asks before throwing the answers away
    shown.deleteLater()


def pick_province(picker: LocationPicker, typed: str) -> None:
    type_into(picker.province_search, typed)
    QTest.keyClick(picker.province_search, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ha noi", "Thành phố Hà Nội"),
        ("Hà Nội", "Thành phố Hà Nội"),
        ("ho chi minh", "Thành phố Hồ Chí Minh"),
        ("tp ho chi minh", "Thành phố Hồ Chí Minh"),
        ("hue", "Thành phố Huế"),
        ("thanh pho hue", "Thành phố Huế"),
        ("tinh dien bien", "Điện Biên"),
        ("ha tinh", "Hà Tĩnh"),
    ],
)
def test_the_province_is_found_by_typing_its_name(
    wizard: SetupWizard, typed: str, expected: str
) -> None:
    wizard.next()
    picker = wizard.location.picker
    type_into(picker.province_search, typed)
    assert picker.province() is None  # typing narrows the list; it chooses nothing
    listed = [picker.province_list.item(i).text() for i in range(picker.province_list.count())]
    assert listed[0] == expected and "Hưng Yên" not in listed
    QTest.keyClick(picker.province_search, Qt.Key.Key_Return)
    province = picker.province()
    assert province is not None and province.name == expected
    assert wizard.currentId() == LOCATION  # Enter chose the province, it did not go on


def test_choosing_a_province_chooses_no_commune(wizard: SetupWizard) -> None:
    wizard.next()
    picker = wizard.location.picker
    pick_province(picker, "dien bien")
    assert picker.results.count() == 45  # every commune of Điện Biên, listed
    assert picker.commune() is None and picker.results.currentItem() is None
    QTest.keyClick(picker.search, Qt.Key.Key_Return)  # Enter without a choice: refused
    assert wizard.currentId() == LOCATION and picker.commune() is None
    assert "Hãy chọn xã, phường" in wizard.location.problem.text()
    type_into(picker.search, "muong")
    assert picker.commune() is None  # several match: highlighted, not chosen
    QTest.keyClick(picker.search, Qt.Key.Key_Down)
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    chosen = picker.commune()
    assert chosen is not None and chosen == picker.highlighted_commune()
    assert picker.chosen.text() == f"Đã chọn: {chosen.name}, Điện Biên"
    type_into(picker.search, "x")  # typing again un-chooses it
    assert picker.commune() is None


def test_enter_on_empty_pages_never_goes_on(wizard: SetupWizard) -> None:
    wizard.next()
    for _ in range(4):
        QTest.keyClick(wizard.location.picker.province_search, Qt.Key.Key_Return)
    assert wizard.currentId() == LOCATION
    assert "Hãy chọn tỉnh" in wizard.location.problem.text()
    wizard.location.picker.select("11", "03325")
    wizard.next()
    assert wizard.currentId() == CATEGORY
    for _ in range(4):
        QTest.keyClick(wizard.category.chooser.buttons["con-lai"], Qt.Key.Key_Return)
    assert wizard.currentId() == CATEGORY and wizard.category.chooser.value() == ""
    assert "Hãy chọn loại xã" in wizard.category.problem.text()
    wizard.category.chooser.set_value("con-lai")
    wizard.next()
    people = wizard.people.fields
    for _ in range(4):
        QTest.keyClick(people.officer, Qt.Key.Key_Return)
    assert wizard.currentId() == PEOPLE
    assert people.problems["officer_name"].text() == "Cần điền “Cán bộ phụ trách”."
    people.set_values("Nguyễn Thị Hà", "Lò Văn Tâm", "Chủ tịch")
    wizard.next()
    recipient = wizard.recipient.fields
    for _ in range(4):
        QTest.keyClick(recipient.office, Qt.Key.Key_Return)
    assert wizard.currentId() == RECIPIENT
    assert recipient.problems["recipient_name"].isVisible()


def test_required_fields_are_marked_with_one_legend(wizard: SetupWizard) -> None:
    fields = wizard.people.fields.fields
    captions = {
        label.buddy().objectName(): label.text()
        for label in wizard.people.findChildren(QLabel)
        if label.buddy() in fields.values()
    }
    assert captions == {
        "officer_name": "Cán bộ phụ trách *",
        "signer_name": "Người ký *",
        "signer_title": "Chức vụ người ký *",
    }
    legends = wizard.people.findChildren(QLabel, "required_legend")
    assert [legend.text() for legend in legends] == ["* bắt buộc"]


def walk_to_every_page(wizard: SetupWizard) -> Iterator[int]:
    yield wizard.currentId()
    wizard.next()
    wizard.location.picker.select("11", "03325")
    yield wizard.currentId()
    wizard.next()
    wizard.category.chooser.set_value("mien-nui-hai-dao-dbkk")
    yield wizard.currentId()
    wizard.next()
    wizard.people.fields.set_values("Nguyễn Thị Hà", "Lò Văn Tâm", "Phó Chủ tịch")
    yield wizard.currentId()
    wizard.next()
    wizard.recipient.fields.set_values("Sở Y tế tỉnh Điện Biên", "syt@dienbien.gov.vn", ("UBND",))
    yield wizard.currentId()
    wizard.next()
    wizard.key.first.setText("Mường Phăng 2026")
    wizard.key.second.setText("Mường Phăng 2026")
    yield wizard.currentId()
    wizard.next()
    yield wizard.currentId()


@pytest.mark.parametrize("available", SCREENS, ids=["1024x560", "1366x728"])
def test_every_page_fits_above_the_taskbar(wizard: SetupWizard, available: QRect) -> None:
    fit_wizard(wizard, available)
    room = FRAME.inside(available)
    seen = []
    for page_id in walk_to_every_page(wizard):
        QApplication.processEvents()
        seen.append(page_id)
        page = wizard.currentPage()
        assert wizard.width() <= room.width() and wizard.height() <= room.height()
        assert page.height() >= page.minimumSizeHint().height(), f"page {page_id} squeezed"
        assert page.width() >= page.minimumSizeHint().width(), f"page {page_id} squeezed"
        button = wizard.button(
            wizard.WizardButton.FinishButton
            if page_id == SUMMARY
            else wizard.WizardButton.NextButton
        )
        corner = button.mapTo(wizard, button.rect().bottomRight())
        assert wizard.rect().contains(corner), f"page {page_id}: button cut off"
    assert seen == list(range(SUMMARY + 1)) and KEY in seen


def test_the_key_care_prompt_is_offered_once(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), b"mat-khau-12"
    )
    shown: list[key_care_prompt.KeyCarePrompt] = []

    def later(prompt: key_care_prompt.KeyCarePrompt) -> int:
        shown.append(prompt)
        prompt.save_card_to(tmp_path / "the-khoa.pdf")
        return 0

    monkeypatch.setattr(key_care_prompt.KeyCarePrompt, "exec", later)
    assert key_care_prompt.offer_key_care(workspace) is True
    assert len(shown) == 1 and (tmp_path / "the-khoa.pdf").stat().st_size > 1000
    assert "in ra" in shown[0].status.text()
    assert key_care_offered(workspace)
    assert key_care_prompt.offer_key_care(workspace) is False  # done or put off: not again
    assert len(shown) == 1
