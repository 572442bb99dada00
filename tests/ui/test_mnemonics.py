"""Every Alt+letter of the office's window reaches one thing: no two visible captions (with the
menu bar) share a mnemonic, in Vietnamese and in English. When two share it, Alt plus that
letter only moves the focus between them and presses neither. The commune's pages are checked
the same way in tests/ui/test_main_window.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.office_support import opened_office
from tests.ui.helpers import mnemonic_clashes
from treem_desktop.i18n import set_language
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.ui.office.window import OfficeWindow

LANGUAGES = ["vi", "en"]


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeFolder]:
    with opened_office(tmp_path) as opened:
        yield opened


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_office_window_has_no_two_captions_on_one_key(
    qtbot: QtBot, office: OfficeFolder, language: str
) -> None:
    set_language(language)
    window = OfficeWindow(office)
    qtbot.addWidget(window)
    window.resize(1024, 560)
    window.show()
    qtbot.waitExposed(window)
    assert window.findChildren(type(window.menuBar()))  # the menu bar's titles count too
    assert mnemonic_clashes(window) == {}
