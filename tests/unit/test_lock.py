"""One writer per data folder: a second opener is refused with a clear message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from treem_desktop.commune.workspace import open_workspace
from treem_desktop.errors import TreemError
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage.lock import DataDirLock

HOLD = """
import sys, time
from pathlib import Path
from treem_desktop.storage.lock import DataDirLock
lock = DataDirLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
"""


def test_a_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    first = DataDirLock(tmp_path / "treem.lock")
    first.acquire()
    with pytest.raises(TreemError) as caught:
        DataDirLock(tmp_path / "treem.lock").acquire()
    assert caught.value.code == "DATA_DIR_IN_USE"
    assert str(tmp_path) in caught.value.message()
    first.release()
    again = DataDirLock(tmp_path / "treem.lock")
    again.acquire()
    assert again.is_locked
    again.release()


def test_a_lock_held_by_another_process_is_refused_then_freed_when_it_ends(
    tmp_path: Path,
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / "treem.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    with pytest.raises(TreemError):
        DataDirLock(tmp_path / "treem.lock").acquire()
    holder.kill()  # as a crash or a power cut would
    holder.wait()
    lock = DataDirLock(tmp_path / "treem.lock")
    lock.acquire()
    lock.release()


def test_a_workspace_open_twice_is_refused_and_the_first_keeps_working(
    data_dir: DataDirChoice,
) -> None:
    first = open_workspace(data_dir, create=True)
    with pytest.raises(TreemError) as caught:
        open_workspace(data_dir, create=True)
    assert caught.value.code == "DATA_DIR_IN_USE"
    assert first.conn.execute("SELECT 1").fetchone()[0] == 1
    first.close()
    open_workspace(data_dir, create=False).close()
