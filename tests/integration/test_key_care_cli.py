"""``treem key backup/restore/replace/change-verify`` (docs/cli.md): real files, real keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.test_key_cli import SETUP, treem
from tests.unit.test_key_backup import tree

pytestmark = pytest.mark.integration
OLD = "mật khẩu xã 2026"
NEW = "mật khẩu mới 2027"
OTHER_COMMUNE = ["setup", "--province", "11", "--commune", "03199", "--category", "con-lai"]


def set_up(data: Path, passphrase: str | None = OLD) -> str:
    done = treem(data, *SETUP, "--json", passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["key"]["fingerprint_sha256"])


def test_backup_then_restore_on_another_computer(tmp_path: Path) -> None:
    fingerprint = set_up(tmp_path / "D")
    backed = treem(tmp_path / "D", "key", "backup", "--out", str(tmp_path / "usb"), "--json")
    assert backed.returncode == 0, backed.stderr
    folder = Path(json.loads(backed.stdout)["path"])
    assert "BEGIN ENCRYPTED PRIVATE KEY" in (folder / "commune-key.pem").read_text()
    assert "Khôi phục khóa" in (folder / "README.txt").read_text(encoding="utf-8")

    other = tmp_path / "E"
    set_up(other, passphrase=None)  # the new computer made its own key at setup
    wrong = treem(other, "key", "restore", str(folder), "--json", passphrase="sai mật khẩu")
    before = tree(other / "keys")
    assert wrong.returncode == 1 and json.loads(wrong.stdout)["code"] == "KEY_PASSPHRASE_WRONG"
    assert tree(other / "keys") == before
    restored = treem(other, "key", "restore", str(folder), "--json", passphrase=OLD)
    assert restored.returncode == 0, restored.stderr
    report = json.loads(restored.stdout)
    assert report["fingerprint_sha256"] == fingerprint and len(report["kept"]) == 2
    assert all("keys/history" in path.replace("\\", "/") for path in report["kept"])
    shown = json.loads(treem(other, "key", "show", "--json").stdout)
    assert shown["fingerprint_sha256"] == fingerprint and shown["protected"] is True


def test_an_unprotected_key_is_not_backed_up(tmp_path: Path) -> None:
    set_up(tmp_path / "D", passphrase=None)
    refused = treem(tmp_path / "D", "key", "backup", "--out", str(tmp_path / "usb"))
    assert refused.returncode == 1
    assert "treem key protect" in refused.stderr
    assert not (tmp_path / "usb").exists()


def test_a_backup_of_another_commune_is_refused(tmp_path: Path) -> None:
    set_up(tmp_path / "D")
    backed = treem(tmp_path / "D", "key", "backup", "--out", str(tmp_path / "usb"), "--json")
    folder = json.loads(backed.stdout)["path"]
    other = tmp_path / "F"
    assert treem(other, *OTHER_COMMUNE).returncode == 0
    before = tree(other / "keys")
    refused = treem(other, "key", "restore", folder, "--json", passphrase=OLD)
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["code"] == "KEY_RESTORE_OTHER_COMMUNE"
    assert tree(other / "keys") == before


def test_replace_then_a_receiving_office_verifies_the_change(tmp_path: Path) -> None:
    data = tmp_path / "D"
    old_fingerprint = set_up(data)
    assert treem(data, "key", "export", "--out", str(tmp_path / "old.pem")).returncode == 0
    before = tree(data / "keys")
    missing = treem(data, "key", "replace", "--json", passphrase=OLD)
    assert missing.returncode == 1 and json.loads(missing.stdout)["code"] == "PASSPHRASE_REQUIRED"
    assert tree(data / "keys") == before

    new_file = tmp_path / "new.txt"
    new_file.write_text(NEW + "\n", encoding="utf-8")
    blocked = treem(
        data, "key", "replace", "--new-passphrase-file", str(new_file),
        "--out", str(new_file / "usb"), "--json", passphrase=OLD,
    )  # fmt: skip
    assert blocked.returncode == 1 and json.loads(blocked.stdout)["code"] == "FILE_UNWRITABLE"
    assert tree(data / "keys") == before  # refused before the key changed, not after
    replaced = treem(
        data,
        "key",
        "replace",
        "--reason",
        "máy tính cũ bị hỏng",
        "--new-passphrase-file",
        str(new_file),
        "--out",
        str(tmp_path / "usb"),
        "--json",
        passphrase=OLD,
    )
    assert replaced.returncode == 0, replaced.stderr
    done = json.loads(replaced.stdout)
    assert done["old_fingerprint_sha256"] == old_fingerprint
    shown = json.loads(treem(data, "key", "show", "--json").stdout)
    assert shown["fingerprint_sha256"] == done["new_fingerprint_sha256"] != old_fingerprint

    statement = next(p for p in done["copied"] if p.endswith(".json"))
    office = tmp_path / "office"
    checked = treem(
        office,
        "key",
        "change-verify",
        statement,
        "--trust",
        str(tmp_path / "old.pem"),
        "--out",
        str(tmp_path / "new.pem"),
        "--json",
    )
    assert checked.returncode == 0, checked.stderr
    result = json.loads(checked.stdout)
    assert result["new_fingerprint_sha256"] == done["new_fingerprint_sha256"]
    assert result["changes"][0]["reason"] == "máy tính cũ bị hỏng"
    assert (tmp_path / "new.pem").exists() and not office.exists()

    untrusted = treem(
        office, "key", "change-verify", statement, "--trust", str(tmp_path / "new.pem")
    )
    assert untrusted.returncode == 3
    text = Path(statement).read_text(encoding="utf-8").replace("hỏng", "hong")
    Path(statement).write_text(text, encoding="utf-8")
    tampered = treem(
        office, "key", "change-verify", statement, "--trust", str(tmp_path / "old.pem"), "--json"
    )
    assert tampered.returncode == 3
    assert json.loads(tampered.stdout)["code"] == "KEY_CHANGE_SIGNATURE_INVALID"
