"""The ``treem`` command as a script would run it: real processes, real files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from treem_desktop.storage.migrations import SCHEMA_VERSION

pytestmark = pytest.mark.integration
SNAPSHOTS = Path(__file__).resolve().parents[1] / "data" / "db"
SETUP = [
    "setup",
    "--province",
    "11",
    "--commune",
    "03325",
    "--category",
    "mien-nui-hai-dao-dbkk",
    "--officer",
    "Nguyễn Thị Hà",
    "--signer",
    "Lò Văn Tâm",
    "--signer-title",
    "Chủ tịch",
]


def treem(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TREEM_HOME", "TREEM_LANG")}
    return subprocess.run(
        [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_setup_then_show_and_check(tmp_path: Path) -> None:
    data = tmp_path / "D"
    done = treem(data, *SETUP)
    assert done.returncode == 0, done.stderr
    assert "Đã thiết lập Xã Mường Phăng, Điện Biên" in done.stdout
    assert "800 điểm" in done.stdout
    shown = json.loads(treem(data, "commune", "show", "--json").stdout)
    assert shown["commune"] == {"code": "03325", "name": "Xã Mường Phăng", "division_type": "xã"}
    assert shown["province"] == {"code": "11", "name": "Điện Biên"}
    assert (shown["category"], shown["threshold"]) == ("mien-nui-hai-dao-dbkk", 800)
    assert (shown["officer"], shown["signer"], shown["signer_title"]) == (
        "Nguyễn Thị Hà",
        "Lò Văn Tâm",
        "Chủ tịch",
    )
    check = treem(data, "db", "check", "--json")
    assert check.returncode == 0
    report = json.loads(check.stdout)
    assert report["status"] == "ok" and report["schema_version"] == SCHEMA_VERSION


def test_setup_can_be_repeated_to_correct_the_same_commune(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    again = treem(data, *SETUP[:-2], "--signer-title", "Phó Chủ tịch", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["signer_title"] == "Phó Chủ tịch"
    with sqlite3.connect(data / "treem.sqlite3") as conn:
        audit = conn.execute("SELECT field, old_value, new_value FROM audit_log").fetchall()
    assert ("signer_title", "Chủ tịch", "Phó Chủ tịch") in audit


def test_setup_for_another_commune_in_the_same_folder_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    before = digest(data / "treem.sqlite3")
    other = treem(data, "setup", "--province", "11", "--commune", "03328")  # Xã Thanh Nưa
    assert other.returncode == 1
    assert "đã thuộc về Xã Mường Phăng" in other.stderr
    assert json.loads(treem(data, "commune", "show", "--json").stdout)["commune"]["code"] == "03325"
    assert digest(data / "treem.sqlite3") == before


@pytest.mark.parametrize(
    ("province", "commune", "words"),
    [
        ("11", "99999", "Không có xã, phường, đặc khu nào mang mã 99999"),
        (
            "11",
            "00070",
            "Phường Hoàn Kiếm (mã 00070) thuộc Thành phố Hà Nội, không thuộc Điện Biên",
        ),
        ("99", "03325", "mang mã 99"),
        ("11", "abc", "mang mã abc"),
    ],
)
def test_bad_codes_exit_1_with_a_clear_message_and_create_nothing(
    tmp_path: Path, province: str, commune: str, words: str
) -> None:
    data = tmp_path / "D"
    result = treem(data, "setup", "--province", province, "--commune", commune)
    assert result.returncode == 1
    assert words in result.stderr
    assert result.stdout == ""
    assert not data.exists()


def test_invalid_fields_exit_1_and_create_nothing(tmp_path: Path) -> None:
    data = tmp_path / "D"
    result = treem(data, *SETUP, "--recipient-email", "khong-co-a-cong")
    assert result.returncode == 1
    assert "không phải là địa chỉ thư điện tử hợp lệ" in result.stderr
    assert not data.exists()


def test_english_messages_on_request(tmp_path: Path) -> None:
    result = treem(tmp_path / "D", "--lang", "en", "setup", "--province", "11", "--commune", "1")
    assert result.returncode == 1
    assert "There is no commune, ward or special zone with code 1." in result.stderr


def test_errors_as_json_for_scripts(tmp_path: Path) -> None:
    result = treem(tmp_path / "D", "setup", "--province", "99", "--commune", "1", "--json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert (document["status"], document["code"], document["field"]) == (
        "error",
        "PROVINCE_UNKNOWN",
        "province",
    )


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    assert treem(tmp_path / "D", "setup", "--province", "11").returncode == 2
    assert treem(tmp_path / "D", "no-such-command").returncode == 2
    assert not (tmp_path / "D").exists()


def test_commands_on_a_folder_never_set_up_exit_1_and_create_nothing(tmp_path: Path) -> None:
    data = tmp_path / "D"
    for args in (("db", "check"), ("commune", "show")):
        result = treem(data, *args)
        assert result.returncode == 1
        assert "Chưa có cơ sở dữ liệu" in result.stderr
    assert not data.exists()


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    database = data / "treem.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('treem', 'm0099_future', '2030-01-01')"
        )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(database)
    files = sorted(p.name for p in data.iterdir())
    result = treem(data, "db", "check", "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["code"] == "DB_NEWER"
    assert "phiên bản Treem mới hơn" in result.stderr
    assert digest(database) == before
    assert sorted(p.name for p in data.iterdir()) == files


def test_an_old_database_is_migrated_with_a_backup_first(tmp_path: Path) -> None:
    import zipfile

    data = tmp_path / "D"
    data.mkdir()
    shutil.copy(SNAPSHOTS / "schema-1.sqlite", data / "treem.sqlite3")
    original = digest(data / "treem.sqlite3")
    result = treem(data, "db", "check", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema_version"] == SCHEMA_VERSION
    (backup,) = (data / "sao-luu").glob("treem-sao-luu-*.zip")  # the folder's backup file
    with zipfile.ZipFile(backup) as archive:
        (tmp_path / "v1.sqlite3").write_bytes(archive.read("treem.sqlite3"))
    with sqlite3.connect(tmp_path / "v1.sqlite3") as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT commune_code FROM commune").fetchone()[0] == "03325"
    copy.close()
    assert original != digest(data / "treem.sqlite3")
    shown = json.loads(treem(data, "commune", "show", "--json").stdout)
    assert shown["signer"] == "Lò Văn Tâm"


def test_a_folder_in_use_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path;"
            "from treem_desktop.storage.lock import DataDirLock;"
            "lock = DataDirLock(Path(sys.argv[1])); lock.acquire(); print('locked', flush=True);"
            "sys.stdin.readline()",
            str(data / "treem.lock"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = treem(data, "db", "check")
        assert result.returncode == 1
        assert "đang được mở ở một cửa sổ hoặc lệnh Treem khác" in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_the_log_file_is_written_in_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "D"
    assert treem(data, *SETUP).returncode == 0
    log = (data / "logs" / "treem.log").read_text(encoding="utf-8")
    assert "database schema is now" in log
