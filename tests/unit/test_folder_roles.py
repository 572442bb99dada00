"""A data folder is a commune's or a receiving office's, and says which (storage/roles.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.office_support import office_dir, opened_office
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.errors import TreemError
from treem_desktop.office.folder import is_office_folder, open_office
from treem_desktop.storage.roles import FolderRole, role_of


def test_each_folder_says_its_role(tmp_path: Path, workspace: Workspace) -> None:
    assert role_of(workspace.data_dir.database) is FolderRole.COMMUNE
    with opened_office(tmp_path / "office") as office:
        assert role_of(office.data_dir.database) is FolderRole.OFFICE
        assert is_office_folder(office.data_dir)
    assert not is_office_folder(workspace.data_dir)


def test_no_database_another_program_s_or_not_sqlite_has_no_role(tmp_path: Path) -> None:
    assert role_of(tmp_path / "none.sqlite3") is None
    (tmp_path / "text.sqlite3").write_text("SQLite format 3 but not really")
    assert role_of(tmp_path / "text.sqlite3") is None
    with sqlite3.connect(tmp_path / "other.sqlite3") as conn:
        conn.execute("PRAGMA application_id = 42")
        conn.execute("CREATE TABLE t (x)")
    assert role_of(tmp_path / "other.sqlite3") is None


def test_a_commune_refuses_an_office_s_folder_saying_so(tmp_path: Path) -> None:
    with opened_office(tmp_path / "office"):
        pass
    data_dir = office_dir(tmp_path / "office")
    before = data_dir.database.read_bytes()
    with pytest.raises(TreemError) as refused:
        open_workspace(data_dir, create=True)
    assert refused.value.code == "COMMUNE_FOLDER_IS_OFFICE"
    assert data_dir.database.read_bytes() == before


def test_an_office_refuses_a_commune_s_folder_saying_so(workspace: Workspace) -> None:
    data_dir = workspace.data_dir
    workspace.close()
    with pytest.raises(TreemError) as refused:
        open_office(data_dir, create=True)
    assert refused.value.code == "OFFICE_FOLDER_IS_COMMUNE"
