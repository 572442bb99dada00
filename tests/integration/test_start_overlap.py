"""Start-up work done beside other work or left out (issue 16), seen from fresh processes:
the data folder's modules are imported in run_gui, after the check of the folder's database
has begun on a second thread; the home page is filled without the outbox's and the register's
records."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from treem_desktop.commune.workspace import Workspace

pytestmark = pytest.mark.integration

IMPORT_THE_ENTRY = """
import sys
import treem_desktop.ui.app
print(sorted(m for m in sys.modules if m.startswith("treem_desktop.") and (
    m.startswith(("treem_desktop.storage", "treem_desktop.core", "treem_desktop.commune"))
    or m == "treem_desktop.ui.main_window"
)))
"""

FILL_THE_HOME_PAGE = """
import sys
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.paths import resolve_data_dir
from treem_desktop.ui.app import WindowController, _new_application

app = _new_application()
workspace = open_workspace(resolve_data_dir(sys.argv[1]), create=False)
controller = WindowController(workspace)
controller.open()
controller.window.show_evaluation_summary()
assert controller.window.home.open_outbox_button is not None
print(sorted(m for m in sys.modules if m.startswith("treem_desktop.storage.")
      and m.endswith(("outbox_repo", "register_repo"))))
workspace.close()
"""


def run(script: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_PASSPHRASE")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_the_window_entry_imports_no_data_code_before_the_check_begins() -> None:
    assert run(IMPORT_THE_ENTRY) == "[]"


def test_the_home_page_is_filled_without_the_outbox_and_register_records(
    workspace: Workspace,
) -> None:
    folder = workspace.data_dir.path
    workspace.close()  # the window's process takes the folder's lock
    assert run(FILL_THE_HOME_PAGE, str(folder)) == "[]"
