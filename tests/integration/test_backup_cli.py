"""``treem backup create|list|restore`` and ``treem db check`` on lost or damaged databases."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.integration.test_cli import SETUP, treem


def _set_up(tmp_path: Path) -> Path:
    data = tmp_path / "D"
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("một cụm mật khẩu dài\n", encoding="utf-8")
    result = treem(data, *SETUP, "--passphrase-file", str(passphrase))
    assert result.returncode == 0, result.stderr
    return data


def _officer(data: Path) -> str:
    return json.loads(treem(data, "commune", "show", "--json").stdout)["officer"]


def _set_officer(data: Path, name: str) -> None:
    with sqlite3.connect(data / "treem.sqlite3") as conn:
        conn.execute("UPDATE commune SET officer_name = ?", (name,))
    conn.close()


def test_backup_change_restore_on_the_command_line(tmp_path: Path) -> None:
    data = _set_up(tmp_path)
    before = _officer(data)
    made = treem(data, "backup", "create", "--json")
    assert made.returncode == 0, made.stderr
    backup_id = json.loads(made.stdout)["id"]
    _set_officer(data, "Người khác")
    listed = json.loads(treem(data, "backup", "list", "--json").stdout)["backups"]
    assert backup_id in [b["id"] for b in listed]

    refused = treem(data, "backup", "restore", backup_id)  # no --yes, no answer: nothing done
    assert refused.returncode == 1
    assert "Xã Mường Phăng" in refused.stdout
    assert _officer(data) == "Người khác"

    restored = treem(data, "backup", "restore", backup_id, "--yes")
    assert restored.returncode == 0, restored.stderr
    assert _officer(data) == before
    assert treem(data, "db", "check").returncode == 0


def test_backup_to_a_stick_and_restore_on_a_new_computer(tmp_path: Path) -> None:
    data = _set_up(tmp_path)
    stick = tmp_path / "USB"
    made = json.loads(treem(data, "backup", "create", "--to", str(stick), "--json").stdout)
    new_computer = tmp_path / "new"
    restored = treem(new_computer, "backup", "restore", made["path"], "--yes")
    assert restored.returncode == 0, restored.stderr
    assert (
        json.loads(treem(new_computer, "commune", "show", "--json").stdout)["commune"]["code"]
        == "03325"
    )
    assert (new_computer / "keys" / "commune-key.pem").is_file()


def _truncate_half(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


DAMAGES: dict[str, Callable[[Path], object]] = {
    "emptied": lambda p: p.write_bytes(b""),
    "deleted": lambda p: p.unlink(),
    "half-truncated": _truncate_half,
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_db_check_reports_a_lost_or_damaged_database_and_the_newest_backup(
    tmp_path: Path, damage: str
) -> None:
    data = _set_up(tmp_path)
    backup_id = json.loads(treem(data, "backup", "create", "--json").stdout)["id"]
    DAMAGES[damage](data / "treem.sqlite3")
    result = treem(data, "db", "check", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["status"] == "damaged"
    assert report["code"] in ("DB_LOST", "DB_CORRUPT")
    assert report["newest_backup"]["id"] == backup_id
    assert "sao lưu" in result.stderr and "Traceback" not in result.stderr
    assert not list((data / "logs").glob("crash-*"))
    again = treem(data, "setup", *SETUP[1:])  # setup does not start a new packet sequence
    assert again.returncode == 1
    restored = treem(data, "backup", "restore", backup_id, "--yes")
    assert restored.returncode == 0, restored.stderr
    assert treem(data, "db", "check").returncode == 0


def test_a_hostile_backup_file_is_refused_on_the_command_line(tmp_path: Path) -> None:
    import zipfile

    data = _set_up(tmp_path)
    hostile = tmp_path / "hostile.zip"
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("../../outside.txt", "x")
        archive.writestr("treem-backup.json", "{}")
    result = treem(data, "backup", "restore", str(hostile), "--yes")
    assert result.returncode == 1
    assert "Không có gì bị thay đổi" in result.stderr
    assert not (tmp_path / "outside.txt").exists()
    assert treem(data, "db", "check").returncode == 0
