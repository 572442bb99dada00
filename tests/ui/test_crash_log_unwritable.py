"""The window's last-resort dialog when the crash log cannot be written (issue 14)."""

from __future__ import annotations

import shutil
import sys

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import answer_message_box
from treem_desktop.commune.workspace import Workspace
from treem_desktop.paths import DataDirChoice
from treem_desktop.ui.errors import install_excepthook


@pytest.fixture(autouse=True)
def keep_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def test_a_bug_with_no_room_for_a_crash_log_still_shows_what_happened(
    qtbot: QtBot, qapp: QApplication, workspace: Workspace, data_dir: DataDirChoice
) -> None:
    shutil.rmtree(data_dir.log_dir)
    data_dir.log_dir.write_text("a file where the logs folder should be")
    install_excepthook(data_dir.log_dir)
    shown: list[str] = []
    answer_message_box(shown)
    try:
        raise ZeroDivisionError("một lỗi lập trình")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1
    assert "Dữ liệu đã lưu vẫn an toàn" in shown[0]
    assert f"Không ghi được nhật ký lỗi vào {data_dir.log_dir}" in shown[0]
    assert "ZeroDivisionError: một lỗi lập trình" in shown[0]
