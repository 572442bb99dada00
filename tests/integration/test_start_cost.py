"""What start-up leaves out (issue 16), seen from a fresh process: opening the main window
builds none of Qt's enums (the ``Qt`` namespace is made on its first use, ~15 ms) and still
opens maximised on a small screen; opening a folder that a kill left nothing in loads no packet
code."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from treem_desktop.commune.workspace import Workspace

pytestmark = pytest.mark.integration


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_PASSPHRASE")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


OPEN_WINDOW = """
import sys
from PySide6 import QtCore
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.paths import resolve_data_dir
from treem_desktop.ui.app import WindowController, _new_application

app = _new_application()
workspace = open_workspace(resolve_data_dir(sys.argv[1]), create=False)
controller = WindowController(workspace)
controller.open()
window = controller.window
print("qt-namespace-built", "Qt" in vars(QtCore))
print("screen-width", window.screen().availableGeometry().width())
print("maximised", window.isMaximized())
workspace.close()
"""


def test_the_main_window_opens_maximised_without_building_qt_enums(workspace: Workspace) -> None:
    folder = workspace.data_dir.path
    workspace.close()  # the window's process takes the folder's lock
    run = subprocess.run(  # offscreen: an 800×800 screen, too narrow for 1100×720
        [sys.executable, "-c", OPEN_WINDOW, str(folder)],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in run.stdout.splitlines())
    assert int(lines["screen-width"]) < 1100  # the default width does not fit
    assert lines["maximised"] == "True"
    assert lines["qt-namespace-built"] == "False"


OPEN_FOLDER = """
import sys
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.paths import resolve_data_dir

workspace = open_workspace(resolve_data_dir(sys.argv[1]), create=False)
print(sorted(m for m in sys.modules if m.startswith("treem_desktop.") and "packet" in m))
workspace.close()
"""


def test_opening_a_folder_with_nothing_to_settle_loads_no_packet_code(
    workspace: Workspace,
) -> None:
    folder = workspace.data_dir.path
    workspace.close()
    run = subprocess.run(
        [sys.executable, "-c", OPEN_FOLDER, str(folder)],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "[]"
