"""The wheel guard goes on once the officer reads the filled home page, not before its first
paint (~40 ms of start-up, issue 16), and before anything with an input can open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui.main_window import PAGES, WHEEL_GUARD_DELAY_MS, MainWindow
from treem_desktop.ui.qt import QApplication
from treem_desktop.ui.wheel_guard import GUARD_NAME, WheelGuard, install_wheel_guard


@pytest.fixture
def unguarded(qapp: QApplication) -> Iterator[QApplication]:
    """The application as a fresh start has it: no guard yet; put back afterwards."""
    removed = qapp.findChildren(WheelGuard)
    for guard in removed:
        qapp.removeEventFilter(guard)
        guard.setParent(None)  # Python's now: kept alive below, freed after the test
    yield qapp
    install_wheel_guard()
    removed.clear()


def guarded(app: QApplication) -> bool:
    return app.findChild(WheelGuard, GUARD_NAME) is not None


def home_window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace, today=dt.date(2026, 11, 23))
    qtbot.addWidget(window)
    window.show_fitted()
    return window


def test_the_guard_goes_on_after_the_home_page_is_filled(
    qtbot: QtBot, workspace: Workspace, unguarded: QApplication
) -> None:
    window = home_window(qtbot, workspace)
    window.show_evaluation_summary()
    QApplication.processEvents()  # the first paint
    assert window.home.evaluation_text.text()
    assert not guarded(unguarded)
    qtbot.waitUntil(lambda: guarded(unguarded), timeout=WHEEL_GUARD_DELAY_MS * 4)


def test_the_guide_opened_from_home_has_the_guard(
    qtbot: QtBot, workspace: Workspace, unguarded: QApplication
) -> None:
    window = home_window(qtbot, workspace)
    window.open_guide()
    assert guarded(unguarded)
    window.guide_dialog.close()


def test_a_page_opened_before_then_has_the_guard(
    qtbot: QtBot, workspace: Workspace, unguarded: QApplication
) -> None:
    window = home_window(qtbot, workspace)
    window.show_page(PAGES.index("evaluation"))
    assert guarded(unguarded)
