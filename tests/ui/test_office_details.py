# mypy: disable-error-code="union-attr, attr-defined, arg-type"
"""The office window's "Office details…": the setup dialog in edit mode changes the name and
who signs, by keyboard; a value that is not valid is refused and nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.office_support import opened_office
from tests.ui.helpers import answer_message_box, type_into, watchdog, when
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.signer import OfficeSigner
from treem_desktop.ui.office.setup_dialog import OfficeSetupDialog
from treem_desktop.ui.office.window import OfficeWindow


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


def details_action(window: OfficeWindow):  # noqa: ANN201 - a QAction
    menu = window.menuBar().actions()[0].menu()
    return next(a for a in menu.actions() if a.objectName() == "office_details")


def key(qtbot: QtBot, code: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), code)


def test_the_signer_is_entered_by_keyboard_and_signs_kt(
    qtbot: QtBot, qapp: QApplication, office: OfficeFolder
) -> None:
    window = OfficeWindow(office)
    qtbot.addWidget(window)
    seen: dict[str, object] = {}

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        seen["area"] = dialog.area.text()
        seen["passphrase shown"] = dialog.passphrase.isVisibleTo(dialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
        key(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.signer.name
        type_into(dialog.signer.name, "Lò Văn Minh")
        key(qtbot, Qt.Key.Key_Tab)
        key(qtbot, Qt.Key.Key_Down)  # Giám đốc → Phó Giám đốc
        seen["preview"] = dialog.signer.preview.text()
        seen["authority locked"] = not dialog.signer.authority.isEnabled()
        key(qtbot, Qt.Key.Key_Return)  # saves and closes

    dog = watchdog(qapp)
    when(lambda: isinstance(QApplication.activeModalWidget(), OfficeSetupDialog), fill)
    details_action(window).trigger()
    dog.stop()

    assert seen["area"] == "Điện Biên"
    assert seen["passphrase shown"] is False
    assert "KT. GIÁM ĐỐC<br>PHÓ GIÁM ĐỐC" in str(seen["preview"])
    assert seen["authority locked"] is True
    assert office.require_profile().signer == OfficeSigner("Lò Văn Minh", "Phó Giám đốc", "KT.")


def test_a_name_too_long_is_refused_and_escape_keeps_the_stored_details(
    qtbot: QtBot, qapp: QApplication, office: OfficeFolder
) -> None:
    window = OfficeWindow(office)
    qtbot.addWidget(window)
    seen: dict[str, object] = {}

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
        dialog.signer.name.setFocus()
        type_into(dialog.signer.name, "A" * 101)
        key(qtbot, Qt.Key.Key_Return)  # refused
        seen["problem"] = dialog.problem.text()
        seen["focus"] = QApplication.focusWidget() is dialog.signer.name
        seen["still open"] = dialog.isVisible()
        key(qtbot, Qt.Key.Key_Escape)

    dog = watchdog(qapp)
    when(lambda: isinstance(QApplication.activeModalWidget(), OfficeSetupDialog), fill)
    details_action(window).trigger()
    dog.stop()

    assert "quá dài" in str(seen["problem"])
    assert seen["focus"] is True and seen["still open"] is True
    assert office.require_profile().signer == OfficeSigner()


def test_documents_written_without_a_signer_say_so_and_are_still_written(
    qtbot: QtBot, office: OfficeFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treem_desktop.ui.office import outputs

    folder = tmp_path / "van-ban"
    folder.mkdir()
    monkeypatch.setattr(
        outputs.QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder)
    )
    window = OfficeWindow(office)
    qtbot.addWidget(window)
    said: list[str] = []
    answer_message_box(said)
    window.save_reports()
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)
    assert (folder / "bao-cao-tong-hop-2026.docx").exists()
    assert "Chưa nhập họ tên người ký" in said[0]


def test_the_details_dialog_is_as_tall_as_what_it_shows(qtbot: QtBot, office: OfficeFolder) -> None:
    """The key and province questions of a first set-up are hidden in edit mode: they leave
    no empty band above the buttons (it was ~80 px)."""
    dialog = OfficeSetupDialog(office.data_dir, office=office)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    preview = dialog.signer

    def gap() -> int:
        bottom = preview.mapTo(dialog, preview.rect().bottomLeft()).y()
        return (
            dialog.create_button.mapTo(dialog, dialog.create_button.rect().topLeft()).y() - bottom
        )

    qtbot.waitUntil(lambda: gap() < 40, timeout=2000)
    assert dialog.height() <= 320
