"""The mouse wheel over a choice, spin or date box never changes an answer (issue 12, item 1).

Every combo and spin box a page holds is found with ``findChildren`` (so new pages are covered
as soon as a test opens them here) and gets a real wheel turn from the window system
(``QTest.wheelEvent``); the box keeps its value, nothing in the database changes, and the page
around it scrolls instead. Once the officer has clicked into a box, the wheel may change it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.handoff_support import MemoryKeyring, memory_keyring
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui.app import _make_application
from treem_desktop.ui.documents.page import DocumentsPage
from treem_desktop.ui.evaluation.page import EvaluationPage
from treem_desktop.ui.indicators.indicators_page import IndicatorsPage
from treem_desktop.ui.indicators.tables_page import TablesPage
from treem_desktop.ui.main_window import MainWindow
from treem_desktop.ui.packets.token_panel import SignerChoice
from treem_desktop.ui.sending_settings import SendingSettingsDialog
from treem_desktop.ui.settings_page import SettingsPage
from treem_desktop.ui.wheel_guard import WheelGuard, install_wheel_guard
from treem_desktop.ui.wizard import SetupWizard

__all__ = ["memory_keyring"]

SAVE_WAIT_MS = 600  # longer than any page's pause before it saves (settings: 400 ms)
DOWN = QPoint(0, -120)
UP = QPoint(0, 120)


@pytest.fixture(autouse=True)
def guarded(qapp: QApplication) -> None:
    """As the application runs: the guard is on before any input exists (run_gui for the
    first run and the office, the main window before its first page or once home is filled)."""
    _make_application()
    install_wheel_guard()


def value_of(box: QWidget) -> str:
    if isinstance(box, QComboBox):
        return f"{box.currentIndex()}:{box.currentText()}"
    assert isinstance(box, QAbstractSpinBox)
    return box.text()


def inputs(root: QWidget) -> list[QWidget]:
    boxes: list[QWidget] = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    return boxes


def database(workspace: Workspace) -> str:
    return "\n".join(workspace.conn.iterdump())


def scroll_area_of(box: QWidget) -> QAbstractScrollArea | None:
    widget = box.parentWidget()
    while widget is not None and not isinstance(widget, QAbstractScrollArea):
        widget = widget.parentWidget()
    return widget


def wheel(box: QWidget, delta: QPoint) -> None:
    """One notch of the wheel over ``box``: from the window system when it is on screen."""
    window = box.window()
    handle = window.windowHandle()
    if box.isVisible() and handle is not None and handle.isExposed():
        centre = box.mapTo(window, box.rect().center())
        QTest.wheelEvent(handle, QPointF(centre), delta)
    else:
        centre_f = QPointF(box.rect().center())
        event = QWheelEvent(
            centre_f,
            QPointF(box.mapToGlobal(box.rect().center())),
            QPoint(0, 0),
            delta,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(box, event)
    QApplication.processEvents()


def wheel_over_every_input(qtbot: QtBot, root: QWidget) -> int:
    """Turn the wheel over each input of ``root``; returns how many page scrolls were seen."""
    scrolled = 0
    boxes = inputs(root)
    assert boxes, f"{type(root).__name__} has no combo, spin or date box"
    for box in boxes:
        before = value_of(box)
        area = scroll_area_of(box)
        bar = area.verticalScrollBar() if area is not None else None
        if isinstance(area, QScrollArea) and box.isVisible():
            area.ensureWidgetVisible(box)
        can_scroll = bar is not None and bar.maximum() > 0 and box.isVisible()
        down = bar is None or bar.value() < bar.maximum()
        start = bar.value() if bar is not None else 0
        leave_every_box()
        wheel(box, DOWN if down else UP)
        assert value_of(box) == before, f"the wheel changed {box.objectName() or box}"
        assert not box.hasFocus(), "the wheel gave the keyboard to a box"
        if can_scroll and bar is not None:
            moved = bar.value() > start if down else bar.value() < start
            assert moved, f"the page did not scroll over {box.objectName() or box}"
            scrolled += 1
    qtbot.wait(SAVE_WAIT_MS)
    return scrolled


def leave_every_box() -> None:
    """The officer has not clicked into any box (a page may give its first box the focus)."""
    focus = QApplication.focusWidget()
    if focus is not None:
        focus.clearFocus()


def show(qtbot: QtBot, widget: QWidget, width: int = 1024, height: int = 560) -> None:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # its first box takes the keyboard now, not at the first wheel
    qtbot.waitUntil(widget.isActiveWindow)


def test_evaluation_page_every_criterion(qtbot: QtBot, workspace: Workspace) -> None:
    ev.import_values(workspace, 2026, {"c1.a.has": True, "c6.a.numerator": 19})
    page = EvaluationPage(workspace, year=2026)
    show(qtbot, page, height=400)  # short: the criterion scrolls
    saved = database(workspace)
    scrolled = 0
    for row in range(page.criteria.topLevelItemCount()):
        view = page.show_criterion(page.criteria.criterion_id(row))
        qtbot.waitUntil(view.isVisible)
        scrolled += wheel_over_every_input(qtbot, page)
    assert scrolled > 0
    assert database(workspace) == saved


def test_settings_page_keeps_the_signer_title(qtbot: QtBot, workspace: Workspace) -> None:
    page = SettingsPage(workspace)
    show(qtbot, page, height=400)
    saved = database(workspace)
    title = page.people.title.currentText()
    assert wheel_over_every_input(qtbot, page) > 0
    assert page.people.title.currentText() == title
    assert workspace.require_profile().signer_title == title
    assert database(workspace) == saved


@pytest.mark.parametrize("make", [IndicatorsPage, TablesPage])
def test_indicator_and_table_pages(qtbot: QtBot, workspace: Workspace, make: type) -> None:
    page = make(workspace)
    show(qtbot, page)
    saved = database(workspace)
    wheel_over_every_input(qtbot, page)
    assert database(workspace) == saved


def test_documents_page(qtbot: QtBot, workspace: Workspace) -> None:
    page = DocumentsPage(workspace, today=dt.date(2026, 11, 23))
    show(qtbot, page)
    saved = database(workspace)
    wheel_over_every_input(qtbot, page)
    assert database(workspace) == saved


def test_sending_settings(
    qtbot: QtBot, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    dialog = SendingSettingsDialog(workspace)
    show(qtbot, dialog, height=500)
    saved = database(workspace)
    wheel_over_every_input(qtbot, dialog)
    assert database(workspace) == saved


def test_packet_dialog_token_panel(qtbot: QtBot) -> None:
    panel = SignerChoice(key_protected=True)
    show(qtbot, panel, height=300)
    for box in inputs(panel):
        if isinstance(box, QComboBox) and box.count() < 2:
            box.addItems(["một", "hai"])  # a choice the wheel could move to
    wheel_over_every_input(qtbot, panel)


def test_setup_wizard(qtbot: QtBot) -> None:
    wizard = SetupWizard()
    chosen: list[str] = []
    wizard.language_chosen.connect(chosen.append)
    show(qtbot, wizard, width=760, height=560)
    wheel_over_every_input(qtbot, wizard)
    assert chosen == []
    wizard.done(0)  # not close(): that asks before throwing the answers away


def test_main_window_with_every_page(qtbot: QtBot, workspace: Workspace) -> None:
    window = MainWindow(workspace, today=dt.date(2026, 11, 23))
    show(qtbot, window, height=560)
    saved = database(workspace)
    for row in range(window.sidebar.count()):
        window.show_page(row)
        qtbot.wait(10)
        page = window.stack.currentWidget()
        assert page is not None
        if inputs(page):
            wheel_over_every_input(qtbot, page)
    assert database(workspace) == saved


def test_a_box_the_officer_clicked_into_takes_the_wheel(qtbot: QtBot) -> None:
    page, date, choice = scroll_page_with_inputs()
    show(qtbot, page, height=200)
    text = date.findChild(QLineEdit)
    assert text is not None
    qtbot.mouseClick(text, Qt.MouseButton.LeftButton)  # into the date's text
    assert date.hasFocus()
    before = date.date()
    wheel(date, UP)
    assert date.date() != before
    choice.setFocus(Qt.FocusReason.TabFocusReason)  # a click would open its list
    page.ensureWidgetVisible(choice)
    wheel(choice, DOWN)
    assert choice.currentIndex() == 1


def test_inputs_take_the_keyboard_only_by_click_or_tab(qtbot: QtBot) -> None:
    page, date, choice = scroll_page_with_inputs()
    show(qtbot, page)
    for box in (date, choice):
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_guard_is_on_from_the_start_and_only_once(qapp: QApplication) -> None:
    for guard in qapp.findChildren(WheelGuard):
        qapp.removeEventFilter(guard)
        guard.setParent(None)
    assert _make_application() is qapp
    install_wheel_guard()
    assert len(qapp.findChildren(WheelGuard)) == 1


def scroll_page_with_inputs() -> tuple[QScrollArea, QDateEdit, QComboBox]:
    body = QWidget()
    layout = QVBoxLayout(body)
    date = QDateEdit()
    choice = QComboBox()
    choice.addItems(["có", "không"])
    for widget in (date, choice):
        layout.addWidget(widget)
        layout.addSpacing(400)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(body)
    return area, date, choice


@pytest.fixture
def no_guard(qapp: QApplication) -> Iterator[None]:
    """The application as it was before the guard: to show the test above can fail."""
    guard = qapp.findChild(WheelGuard)
    assert guard is not None
    qapp.removeEventFilter(guard)
    yield
    qapp.installEventFilter(guard)


def test_without_the_guard_the_wheel_changes_a_box(qtbot: QtBot, no_guard: None) -> None:
    page, _date, choice = scroll_page_with_inputs()
    show(qtbot, page, height=200)
    page.ensureWidgetVisible(choice)
    wheel(choice, DOWN)
    assert choice.currentIndex() == 1
