"""Qt's own words in Vietnamese: menus, standard buttons, print preview (issue 12, item 11)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QToolBar
from pytestqt.qtbot import QtBot

from treem_desktop.paths import qt_catalogue_file
from treem_desktop.ui.app import switch_language
from treem_desktop.ui.qt_catalogue import use_qt_catalogue

LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")


@pytest.fixture
def vietnamese_qt(qapp: QApplication) -> Iterator[None]:
    switch_language("vi")
    yield
    use_qt_catalogue("en")  # other tests see Qt's English words, as before


def plain(text: str) -> str:
    return text.split("\t")[0].replace("&", "")


def test_the_line_edit_menu_is_vietnamese(qtbot: QtBot, vietnamese_qt: None) -> None:
    line = QLineEdit("xã Tân Lập")
    qtbot.addWidget(line)
    menu = line.createStandardContextMenu()
    words = [plain(action.text()) for action in menu.actions() if not action.isSeparator()]
    assert words[:2] == ["Hoàn tác", "Làm lại"]
    assert {"Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"} <= set(words)


def test_a_message_box_says_co_and_khong(qtbot: QtBot, vietnamese_qt: None) -> None:
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    yes = box.button(QMessageBox.StandardButton.Yes)
    no = box.button(QMessageBox.StandardButton.No)
    assert yes is not None and no is not None
    assert (plain(yes.text()), plain(no.text())) == ("Có", "Không")


def test_the_print_preview_toolbar_is_vietnamese(qtbot: QtBot, vietnamese_qt: None) -> None:
    preview = QPrintPreviewDialog()
    qtbot.addWidget(preview)
    toolbar = preview.findChild(QToolBar)
    assert toolbar is not None
    tips = {action.toolTip() for action in toolbar.actions() if action.toolTip()}
    assert {"In", "Phóng to", "Thu nhỏ", "Thiết lập trang"} <= tips
    assert "Print" not in tips


def test_english_takes_the_catalogue_away(qtbot: QtBot, vietnamese_qt: None) -> None:
    switch_language("en")
    line = QLineEdit()
    qtbot.addWidget(line)
    words = [plain(a.text()) for a in line.createStandardContextMenu().actions()]
    assert "Undo" in words


@pytest.mark.skipif(not LRELEASE.exists(), reason="pyside6-lrelease is not in the venv")
def test_the_shipped_catalogue_is_the_compiled_source(tmp_path: Path) -> None:
    shipped = qt_catalogue_file("vi")
    source = shipped.with_suffix(".ts")
    fresh = tmp_path / shipped.name
    subprocess.run([str(LRELEASE), str(source), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == shipped.read_bytes(), f"run {LRELEASE.name} on {source.name}"
