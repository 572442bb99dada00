"""The user guide: F1 on every page opens its section, the guide is whole, and prints to PDF."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from treem_desktop.commune.workspace import Workspace
from treem_desktop.paths import guide_dir, locale_dir
from treem_desktop.ui.guide import GuideDialog, load_guide
from treem_desktop.ui.main_window import PAGES, MainWindow


def open_window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace, today=dt.date(2026, 11, 23))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_f1_on_each_page_opens_the_guide_at_its_section(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    for index, name in enumerate(PAGES):
        window.show_page(index)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        dialog = window.guide_dialog
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.current_section() == name
        assert dialog.contents.currentRow() == dialog.guide.ids().index(name)
        dialog.close()


def test_the_help_menu_opens_the_guide(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    help_menu = next(a for a in window.menuBar().actions() if a.text() == "Trợ &giúp")
    menu = help_menu.menu()
    assert isinstance(menu, QMenu)
    guide = next(a for a in menu.actions() if a.text() == "&Hướng dẫn sử dụng")
    assert guide.shortcut().toString() == "F1"
    guide.trigger()
    qtbot.waitUntil(window.guide_dialog.isVisible)
    assert window.guide_dialog.windowTitle() == "Hướng dẫn sử dụng Treem"


def test_every_page_has_a_section() -> None:
    guide = load_guide("vi")
    assert set(PAGES) <= set(guide.ids())
    assert {"first-run", "problems"} <= set(guide.ids())
    for section in guide.sections:
        assert len(section.body) > 200, section.id


def test_english_falls_back_to_the_vietnamese_guide() -> None:
    assert load_guide("en").ids() == load_guide("vi").ids()


def guide_texts() -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted((guide_dir() / "vi").glob("*.html"))}


def test_every_image_the_guide_shows_exists_and_is_small() -> None:
    images = guide_dir() / "images"
    shown = {
        source
        for text in guide_texts().values()
        for source in re.findall(r'<img src="([^"]+)"', text)
    }
    assert len(shown) >= 8
    for name in shown:
        assert (images / name).is_file(), name
        assert (images / name).stat().st_size < 60_000, name
    assert {p.name for p in images.glob("*.png")} == shown  # none left over


def test_the_dialog_loads_every_image(qtbot: QtBot) -> None:
    dialog = GuideDialog(guide=load_guide("vi"))
    qtbot.addWidget(dialog)
    document = dialog.browser.document()
    for image in (guide_dir() / "images").glob("*.png"):
        loaded = dialog.browser.loadResource(document.ResourceType.ImageResource.value, image.name)
        assert loaded is not None and not loaded.isNull(), image.name


def window_words() -> list[re.Pattern[str]]:
    """Every translation in the catalogue as a pattern: accelerators dropped, placeholders
    matching any text."""
    path = locale_dir() / "vi" / "LC_MESSAGES" / "treem.po"
    with path.open("rb") as stream:
        catalogue = read_po(stream)
    patterns = []
    for message in catalogue:
        if message.id and isinstance(message.string, str) and message.string:
            words = re.escape(message.string.replace("&", ""))
            patterns.append(re.compile(re.sub(r"\\\{\w+\\\}", ".+", words)))
    return patterns


def test_the_words_in_bold_are_the_words_the_window_shows() -> None:
    """Buttons, pages and fields are written in bold exactly as the window shows them."""
    patterns = window_words()
    for name, text in guide_texts().items():
        for bold in re.findall(r"<b>(.*?)</b>", text, flags=re.DOTALL):
            words = html.unescape(bold)
            assert any(p.fullmatch(words) for p in patterns), f"{name}: {words}"


@pytest.mark.parametrize("phrase", ["treem ", "--", "c6.a", "PowerShell"])
def test_no_command_lines_or_input_ids(phrase: str) -> None:
    for name, text in guide_texts().items():
        assert phrase not in text, name


def test_the_guide_prints_to_a_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = GuideDialog(guide=load_guide("vi"))
    qtbot.addWidget(dialog)
    written = dialog.save_pdf(tmp_path / "huong-dan.pdf")
    data = written.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000
    assert [p.name for p in tmp_path.iterdir()] == ["huong-dan.pdf"]  # no temporary left
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(written), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Hướng dẫn sử dụng Treem" in text
        assert "Lần đầu mở Treem" in text
