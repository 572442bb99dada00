"""The folder's database check begun before the window's modules are imported (light: only
storage/early_check.py), taken where :func:`.workspace.open_workspace` checks the file."""

from __future__ import annotations

from treem_desktop.paths import DataDirChoice
from treem_desktop.storage.early_check import start_early_check


def begin_database_check(data_dir: DataDirChoice) -> None:
    """Start the check of the folder's database on a second thread (nothing if it has none)."""
    start_early_check(data_dir.database)
