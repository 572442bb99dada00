"""What start-up leaves out or puts off (issue 16) still holds: PySide's feature hook is off
once Qt is imported, the garbage collector paused by ``main`` is back on once the home page is
filled (and on every other way out of ``run_gui``), the focus mark's style sheet is there
before the window's first turn of the event loop, and the menu's actions built without the
QIcon type keep their words and keys."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import watchdog
from treem_desktop import __main__ as entry
from treem_desktop.commune.workspace import Workspace
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice
from treem_desktop.ui import app as app_module
from treem_desktop.ui.looks import FOCUS_STYLE
from treem_desktop.ui.main_window import MainWindow
from treem_desktop.ui.qt import QMenu, QTimer

SOURCE = Path(__file__).resolve().parents[2] / "src" / "treem_desktop"

AFTER_QT = """
import builtins, sys
from treem_desktop.ui import qt
qt.QWidget  # Qt imported through the shim, as the window does
assert builtins.__import__ is not builtins.__feature_import__, builtins.__import__
import colorsys  # a module imported after Qt is not read for the word "PySide6"
assert "colorsys" not in sys.modules["shibokensupport.feature"].pyside_feature_dict
from PySide6.QtWidgets import QLabel  # PySide's own lazy import of Qt's names still serves
print(QLabel.__name__)
"""


@pytest.fixture
def collector_on() -> Iterator[None]:
    yield
    gc.enable()


def test_the_feature_hook_is_off_once_qt_is_imported() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-c", AFTER_QT], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["QLabel"]


def test_no_module_selects_a_pyside_feature() -> None:
    """``from __feature__ import ...`` needs the hook that feature_hook.py takes off."""
    selects = re.compile(r"^\s*(from __feature__ import|import __feature__)", re.M)
    users = [p.name for p in SOURCE.rglob("*.py") if selects.search(p.read_text("utf-8"))]
    assert users == []


def test_main_pauses_the_collector_before_the_window(
    monkeypatch: pytest.MonkeyPatch, data_dir: DataDirChoice, collector_on: None
) -> None:
    seen: list[bool] = []

    def run_gui(*args: object, **kwargs: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(app_module, "run_gui", run_gui)
    assert entry.main(["--data-dir", str(data_dir.path)]) == 0
    assert seen == [False]


def test_the_collector_is_back_on_once_the_home_page_is_filled(
    qtbot: QtBot,
    qapp: QApplication,
    workspace: Workspace,
    data_dir: DataDirChoice,
    collector_on: None,
) -> None:
    workspace.close()  # run_gui opens the folder itself
    seen: dict[str, bool] = {}

    def at_start() -> None:
        seen["paused while the window is built"] = not gc.isenabled()
        seen["focus mark set before the first turn"] = FOCUS_STYLE in qapp.styleSheet()

    earlier = set(QApplication.topLevelWidgets())  # windows of earlier tests not yet deleted

    def later() -> None:
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w not in earlier and w.isVisible()
        )
        seen["home page filled"] = bool(window.home.evaluation_text.text())
        seen["collecting again"] = gc.isenabled()
        window.close()

    qapp.setStyleSheet("")
    gc.disable()  # as main does
    QTimer.singleShot(0, at_start)
    QTimer.singleShot(app_module.LOG_START_DELAY_MS + 200, later)
    dog = watchdog(qapp)
    assert app_module.run_gui(data_dir, language=None) == 0
    dog.stop()
    assert seen == {
        "paused while the window is built": True,
        "focus mark set before the first turn": True,
        "home page filled": True,
        "collecting again": True,
    }


def test_the_collector_is_back_on_when_the_folder_cannot_open(
    qtbot: QtBot,
    qapp: QApplication,
    data_dir: DataDirChoice,
    monkeypatch: pytest.MonkeyPatch,
    collector_on: None,
) -> None:
    import treem_desktop.ui.backup_recovery as recovery

    monkeypatch.setattr(recovery, "open_or_offer_restore", lambda folder: None)
    gc.disable()
    assert app_module.run_gui(data_dir, language=None) == app_module.EXIT_USER
    assert gc.isenabled()


def test_the_menu_keeps_its_words_and_keys(qtbot: QtBot, workspace: Workspace) -> None:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    menus = {
        item.text(): [(a.text(), a.shortcut().toString()) for a in submenu.actions()]
        for item in window.menuBar().actions()
        if isinstance(submenu := item.menu(), QMenu)
    }
    assert menus[_("&File")] == [(_("&Quit"), "Ctrl+Q")]
    go = menus[_("&Go")]
    assert go[0] == (_("Home"), "Ctrl+1") and len(go) == 9
    assert go[-1] == (_("Backups"), "Ctrl+9")
    assert menus[_("&Help")] == [(_("&User guide"), "F1"), (_("&About Treem"), "")]
