"""Qt's warnings reach the log file, and the tests' own handler still sees them; a crash
where Python cannot raise leaves the stacks in ``faults.log``."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning

from treem_desktop.ui.qt import QtMsgType
from treem_desktop.ui.qt_log import install_qt_log


@pytest.mark.qt_log_level_fail("CRITICAL")
def test_a_qt_warning_is_logged_and_passed_on(
    qapp: object, qtlog: object, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="qt")
    handler = install_qt_log()  # pytest-qt puts its own back after the test
    handler(QtMsgType.QtWarningMsg, None, "QFont::setPointSize: Point size <= 0 (0)")
    qWarning("Không tìm thấy phông chữ")  # a real one, through Qt
    logged = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "qt"]
    assert (logging.WARNING, "QFont::setPointSize: Point size <= 0 (0)") in logged
    assert any(m.startswith("Không tìm thấy phông chữ") for _l, m in logged)
    seen_by_pytest_qt = [r.message for r in qtlog.records]  # type: ignore[attr-defined]
    assert "Không tìm thấy phông chữ" in seen_by_pytest_qt


def test_a_hard_crash_leaves_the_stacks_in_the_fault_log(tmp_path: Path) -> None:
    crash = (
        "import faulthandler, sys; from pathlib import Path;"
        "from treem_desktop.logs import enable_fault_log;"
        "enable_fault_log(Path(sys.argv[1]));"
        "faulthandler._sigsegv()"
    )
    done = subprocess.run([sys.executable, "-c", crash, str(tmp_path)], capture_output=True)
    assert done.returncode != 0
    text = (tmp_path / "faults.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text
    assert "Current thread" in text or "Thread 0x" in text
