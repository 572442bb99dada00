"""The database check begun on a second thread at start-up (storage/early_check.py): its answer
is used only for the file exactly as it was checked, and a damaged file is still refused where
the opening checks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from treem_desktop.commune.opening_check import begin_database_check
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.errors import TreemError
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage import early_check
from treem_desktop.storage.early_check import EarlyCheck


def filled_and_closed(workspace: Workspace) -> Path:
    for number in range(3):  # enough pages for a cut file to lose some
        workspace.conn.execute("INSERT INTO app_setting VALUES (?, ?)", (f"k{number}", "x" * 9000))
    workspace.close()
    return workspace.data_dir.database


def cut_in_half(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def test_a_sound_unchanged_file_is_answered(workspace: Workspace) -> None:
    assert EarlyCheck(filled_and_closed(workspace)).start().result() == ["ok"]


def test_a_file_written_after_its_check_is_checked_again(workspace: Workspace) -> None:
    import sqlite3

    database = filled_and_closed(workspace)
    check = EarlyCheck(database).start()
    check.wait()
    with sqlite3.connect(database) as other:
        other.execute("INSERT INTO app_setting VALUES ('later', 'x')")
    other.close()
    assert check.result() is None  # the opening runs quick_check itself


def test_a_file_damaged_after_a_sound_check_is_still_refused(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    database = filled_and_closed(workspace)
    begin_database_check(data_dir)
    early_check._started[database].wait()  # checked sound, then damaged
    cut_in_half(database)
    with pytest.raises(TreemError) as caught:
        open_workspace(data_dir, create=False)
    assert caught.value.code in ("DB_LOST", "DB_CORRUPT")


def test_a_damaged_file_checked_early_is_refused(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    database = filled_and_closed(workspace)
    cut_in_half(database)
    begin_database_check(data_dir)
    with pytest.raises(TreemError) as caught:
        open_workspace(data_dir, create=False)
    assert caught.value.code in ("DB_LOST", "DB_CORRUPT")
    assert database not in early_check._started  # closed: a restore may replace the file


def test_a_refused_opening_closes_the_early_check(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    database = filled_and_closed(workspace)
    held = open_workspace(data_dir, create=False)  # another window holds the folder
    begin_database_check(data_dir)
    with pytest.raises(TreemError) as caught:
        open_workspace(data_dir, create=False)
    held.close()
    assert caught.value.code == "DATA_DIR_IN_USE"
    assert database not in early_check._started


def test_the_opening_takes_the_early_answer(workspace: Workspace, data_dir: DataDirChoice) -> None:
    database = filled_and_closed(workspace)
    begin_database_check(data_dir)
    open_workspace(data_dir, create=False).close()
    assert database not in early_check._started


def test_a_file_removed_after_its_check_is_reported_as_lost(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    (data_dir.path / "keys").mkdir(exist_ok=True)  # a folder with the commune's key
    (data_dir.path / "keys" / "commune-cert.pem").write_text("cert", encoding="utf-8")
    database = filled_and_closed(workspace)
    begin_database_check(data_dir)
    early_check._started[database].wait()
    database.unlink()
    with pytest.raises(TreemError) as caught:
        open_workspace(data_dir, create=True)
    assert caught.value.code == "DB_LOST"
    assert not database.exists()


def test_a_path_with_spaces_and_vietnamese_is_checked(tmp_path: Path) -> None:
    import sqlite3

    database = tmp_path / "Dữ liệu xã #1" / "treem.sqlite3"
    database.parent.mkdir()
    with sqlite3.connect(database) as made:
        made.execute("CREATE TABLE t (a)")
    made.close()
    assert EarlyCheck(database).start().result() == ["ok"]
