"""The data folder: --data-dir, then TREEM_HOME, then portable treem-data, then per-user."""

from __future__ import annotations

from pathlib import Path

import pytest

from treem_desktop.paths import DataDirSource, resolve_data_dir


def test_option_wins_over_everything(tmp_path: Path) -> None:
    (tmp_path / "treem-data").mkdir()
    choice = resolve_data_dir(
        tmp_path / "opt", {"TREEM_HOME": str(tmp_path / "env")}, str(tmp_path / "treem.exe")
    )
    assert (choice.path, choice.source) == (tmp_path / "opt", DataDirSource.OPTION)


def test_environment_comes_next(tmp_path: Path) -> None:
    (tmp_path / "treem-data").mkdir()
    choice = resolve_data_dir(
        None, {"TREEM_HOME": str(tmp_path / "env")}, str(tmp_path / "treem.exe")
    )
    assert (choice.path, choice.source) == (tmp_path / "env", DataDirSource.ENVIRONMENT)


def test_portable_folder_beside_the_executable(tmp_path: Path) -> None:
    (tmp_path / "treem-data").mkdir()
    choice = resolve_data_dir(None, {}, str(tmp_path / "treem.exe"))
    assert (choice.path, choice.source) == (tmp_path / "treem-data", DataDirSource.PORTABLE)


def test_per_user_folder_when_nothing_else(tmp_path: Path) -> None:
    choice = resolve_data_dir(None, {"TREEM_HOME": ""}, str(tmp_path / "treem.exe"))
    assert choice.source is DataDirSource.USER
    assert "TreemDesktop" in str(choice.path)


def test_relative_option_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    choice = resolve_data_dir("rel", {}, None)
    assert choice.path == tmp_path / "rel"
    assert choice.database == tmp_path / "rel" / "treem.sqlite3"
