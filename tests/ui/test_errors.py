"""Errors in the window: a clear dialog for what the user can fix, a crash log for bugs."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import answer_message_box, watchdog
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.errors import TreemError
from treem_desktop.paths import DataDirChoice
from treem_desktop.ui import app as app_module
from treem_desktop.ui.errors import install_excepthook


@pytest.fixture(autouse=True)
def keep_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def test_a_folder_open_elsewhere_gets_a_clear_dialog(
    qtbot: QtBot, qapp: QApplication, data_dir: DataDirChoice
) -> None:
    holder = open_workspace(data_dir, create=True)
    shown: list[str] = []
    dog = watchdog(qapp)
    answer_message_box(shown)
    assert app_module.run_gui(data_dir, language=None) == 1
    dog.stop()
    holder.close()
    assert len(shown) == 1
    assert "đang được mở ở một cửa sổ hoặc lệnh Treem khác" in shown[0]


def test_a_bug_writes_a_crash_log_and_says_where(
    qtbot: QtBot, qapp: QApplication, data_dir: DataDirChoice
) -> None:
    install_excepthook(data_dir.log_dir)
    shown: list[str] = []
    answer_message_box(shown)
    try:
        raise ZeroDivisionError("một lỗi lập trình")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    crashes = list(data_dir.log_dir.glob("crash-*.log"))
    assert len(crashes) == 1
    text = crashes[0].read_text(encoding="utf-8")
    assert "ZeroDivisionError: một lỗi lập trình" in text and "Treem Desktop" in text
    assert "Dữ liệu đã lưu vẫn an toàn" in shown[0]
    assert str(crashes[0]) in shown[0]


def test_a_treem_error_that_escapes_is_shown_without_a_crash_log(
    qtbot: QtBot, qapp: QApplication, data_dir: DataDirChoice
) -> None:
    install_excepthook(data_dir.log_dir)
    shown: list[str] = []
    answer_message_box(shown)
    try:
        raise TreemError("DISK_FULL")
    except TreemError:
        sys.excepthook(*sys.exc_info())
    assert "Ổ đĩa đã đầy" in shown[0]
    assert not list(data_dir.log_dir.glob("crash-*.log"))
