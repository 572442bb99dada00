"""The home page on a 1024×600 laptop: a long list of late tasks is cut to what fits, with how
many more the Deadlines page holds, and no line of the page is squeezed or clipped."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from treem_desktop.commune.workspace import Workspace
from treem_desktop.i18n import _
from treem_desktop.storage import register_repo as reg
from treem_desktop.ui.main_window import MainWindow
from treem_desktop.ui.qt import QLabel, QRect
from treem_desktop.ui.window_fit import FRAME

SMALL_SCREEN = QRect(0, 0, 1024, 560)  # 1024×600 less the taskbar


def test_many_late_tasks_leave_the_home_page_whole_at_1024(
    qtbot: QtBot, workspace: Workspace
) -> None:
    plan = reg.create_draft(workspace.conn, 2026, "KH", "UBND", "Kế hoạch", "plan", "hà")
    tasks = [
        (f"Số liệu tiêu chí {n} (tiêm chủng, dinh dưỡng, khám sức khỏe)", "Trạm Y tế", "",
         dt.date(2026, 3, n), None)
        for n in range(1, 8)
    ]  # fmt: skip
    reg.replace_tasks(workspace.conn, plan.id, tasks)
    reg.issue(workspace.conn, plan.id, dt.date(2026, 2, 20), "hà")
    window = MainWindow(workspace, today=dt.date(2026, 11, 23))
    qtbot.addWidget(window)
    window.resize(FRAME.inside(SMALL_SCREEN).size())  # what fit_window gives it there
    window.show()
    qtbot.waitExposed(window)
    due = window.home.due_text
    qtbot.waitUntil(lambda: "tiêu chí 1" in due.text(), timeout=3000)
    lines = due.text().split("\n")
    assert len(lines) == 3 and "tiêu chí 2 " in lines[1]
    assert lines[2] == _("… and {count} more: see the Deadlines page (Ctrl+6).").format(count=5)
    assert window.height() == FRAME.inside(SMALL_SCREEN).height()
    for label in window.home.findChildren(QLabel):
        if label.isVisible() and label.text():
            needed = (
                label.heightForWidth(label.width())
                if label.wordWrap()
                else label.sizeHint().height()
            )
            assert label.height() >= needed, label.text()  # not squeezed: every line whole
