"""The home page is refreshed when it is shown, and only for what changed: a value saved on the
evaluation page never reads the deadlines or the outbox again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.commune import deadlines, outbox_line
from treem_desktop.commune.evaluation import start_round
from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui.main_window import MainWindow


def open_evaluation(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    start_round(workspace, 2026)
    window = MainWindow(workspace, today=dt.date(2026, 11, 23))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "2026" in window.home.evaluation_text.text(), timeout=3000)
    window.show_page(window.page_index("evaluation"))
    return window


def type_value(qtbot: QtBot, window: MainWindow, input_id: str, text: str) -> None:
    view = window.evaluation_page.show_criterion(input_id.split(".")[0])
    editor = view.fields[input_id].editor
    assert isinstance(editor, QLineEdit)
    editor.setFocus()
    editor.selectAll()
    type_into(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_the_home_page_shows_the_new_score_when_shown_again(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = open_evaluation(qtbot, workspace)
    type_value(qtbot, window, "c7.a.denominator", "50")
    type_value(qtbot, window, "c7.a.numerator", "49")
    assert window.evaluation_page.panel.total.text() == "50 điểm"
    window.show_page(window.page_index("home"))
    assert window.home.evaluation_text.text() == (
        "Năm 2026: 50 điểm, đã chấm 1/13 tiêu chí — Chưa đủ dữ liệu"
    )


def test_a_saved_value_reads_neither_the_deadlines_nor_the_outbox(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_evaluation(qtbot, workspace)
    reads: list[str] = []

    def counted(name: str, real: Callable[..., object]) -> Callable[..., object]:
        def read(*args: object) -> object:
            reads.append(name)
            return real(*args)

        return read

    for module, name in ((deadlines, "deadlines"), (outbox_line, "home_line")):
        monkeypatch.setattr(module, name, counted(name, getattr(module, name)))
    type_value(qtbot, window, "c7.a.denominator", "50")
    type_value(qtbot, window, "c7.a.numerator", "49")
    assert reads == []
    window.show_page(window.page_index("home"))  # shown again: its outbox line is read once
    assert reads == ["home_line"]
    assert "50 điểm" in window.home.evaluation_text.text()


def test_a_round_of_another_year_leaves_the_home_line_alone(
    qtbot: QtBot, workspace: Workspace
) -> None:
    start_round(workspace, 2025)
    window = open_evaluation(qtbot, workspace)
    before = window.home.evaluation_text.text()
    page = window.evaluation_page
    page.year_box.setCurrentIndex(page.year_box.findData(2025))
    type_value(qtbot, window, "c7.a.denominator", "50")
    type_value(qtbot, window, "c7.a.numerator", "49")
    window.show_page(window.page_index("home"))
    assert window.home.evaluation_text.text() == before
