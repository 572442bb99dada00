"""Backing the key up and restoring it (commune/key_backup.py); refusals change nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from treem_desktop.commune.commune_key import (
    KeyFiles,
    ensure_commune_key,
    summarize,
    unlock_key,
)
from treem_desktop.commune.demo import DEMO_REQUEST
from treem_desktop.commune.key_backup import backup_key, read_backup, restore_key
from treem_desktop.commune.key_history import VIETNAM, history_dir
from treem_desktop.commune.setup import build_profile
from treem_desktop.core.admin_units import load_admin_units
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.signing.keys import generate_key, save_key

PROFILE = build_profile(DEMO_REQUEST)
SECRET = "mật khẩu xã 2026".encode()
NOW = dt.datetime(2026, 11, 23, 9, 30, 15, tzinfo=VIETNAM)


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256: to see that nothing changed."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def other_profile() -> CommuneProfile:
    units = load_admin_units()
    commune = units.commune_in("11", "03199")
    return replace(PROFILE, commune=commune)


@pytest.fixture
def files(tmp_path: Path) -> KeyFiles:
    keys = KeyFiles.in_data_dir(tmp_path / "data")
    ensure_commune_key(keys, PROFILE, SECRET)
    return keys


def test_a_backup_holds_the_encrypted_key_the_certificate_and_a_vietnamese_readme(
    files: KeyFiles, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    backup = backup_key(files, usb, NOW)
    assert backup.folder.parent == usb
    assert backup.folder.name == f"treem-khoa-{PROFILE.commune.code}-20261123-093015"
    names = sorted(p.name for p in backup.folder.iterdir())
    assert names == ["README.txt", "backup.json", "commune-cert.pem", "commune-key.pem"]
    key_text = (backup.folder / "commune-key.pem").read_text()
    assert "BEGIN ENCRYPTED PRIVATE KEY" in key_text
    assert (backup.folder / "commune-key.pem").read_bytes() == files.key.read_bytes()
    readme = (backup.folder / "README.txt").read_text(encoding="utf-8")
    assert "Khôi phục khóa" in readme and backup.fingerprint in readme
    assert PROFILE.commune.name in readme
    manifest = json.loads((backup.folder / "backup.json").read_text(encoding="utf-8"))
    assert manifest["fingerprint_sha256"] == summarize(files).fingerprint
    assert not [p for p in usb.iterdir() if p.name.startswith(".")]  # no partial folder left
    again = backup_key(files, usb, NOW)  # same second: a second folder, the first one kept
    assert again.folder != backup.folder and backup.folder.exists()


def test_an_unprotected_key_is_never_backed_up(tmp_path: Path) -> None:
    files = KeyFiles.in_data_dir(tmp_path / "data")
    ensure_commune_key(files, PROFILE, None)
    with pytest.raises(TreemError) as refused:
        backup_key(files, tmp_path / "usb", NOW)
    assert refused.value.code == "KEY_BACKUP_UNPROTECTED"
    assert "treem key protect" not in refused.value.message()  # the window's words
    assert "treem key protect" in (refused.value.command_hint() or "")
    assert not (tmp_path / "usb").exists()


def test_restoring_on_a_new_computer(files: KeyFiles, tmp_path: Path) -> None:
    backup = backup_key(files, tmp_path / "usb", NOW)
    fresh = KeyFiles.in_data_dir(tmp_path / "new-pc")
    restored = restore_key(fresh, backup.folder / "README.txt", PROFILE, SECRET, NOW)
    assert restored.archived is None and not restored.unchanged
    assert restored.fingerprint == backup.fingerprint == summarize(fresh).fingerprint
    assert fresh.key.read_bytes() == files.key.read_bytes()
    unlock_key(fresh, SECRET)


def test_restoring_over_another_key_keeps_that_key_in_the_history(
    files: KeyFiles, tmp_path: Path
) -> None:
    backup = backup_key(files, tmp_path / "usb", NOW)
    current = KeyFiles.in_data_dir(tmp_path / "other-pc")
    ensure_commune_key(current, PROFILE, b"another passphrase")
    old_key, old_cert = current.key.read_bytes(), current.certificate.read_bytes()
    restored = restore_key(current, backup.folder, PROFILE, SECRET, NOW)
    assert restored.archived is not None
    kept = history_dir(current)
    assert (kept / "20261123-093015-commune-key.pem").read_bytes() == old_key
    assert (kept / "20261123-093015-commune-cert.pem").read_bytes() == old_cert
    assert summarize(current).fingerprint == backup.fingerprint
    again = restore_key(current, backup.folder, PROFILE, SECRET, NOW)
    assert again.unchanged and len(list(kept.iterdir())) == 2


def refused_restore(
    files: KeyFiles,
    source: Path,
    passphrase: bytes | None = SECRET,
    profile: CommuneProfile = PROFILE,
) -> str:
    before = tree(files.folder)
    with pytest.raises(TreemError) as refused:
        restore_key(files, source, profile, passphrase, NOW)
    assert tree(files.folder) == before  # nothing changed
    return refused.value.code


def test_a_wrong_passphrase_is_refused_and_nothing_changes(files: KeyFiles, tmp_path: Path) -> None:
    backup = backup_key(files, tmp_path / "usb", NOW)
    target = KeyFiles.in_data_dir(tmp_path / "other")
    ensure_commune_key(target, PROFILE, SECRET)
    assert refused_restore(target, backup.folder, b"wrong passphrase") == "KEY_PASSPHRASE_WRONG"
    assert refused_restore(target, backup.folder, None) == "KEY_PASSPHRASE_WRONG"


def test_another_communes_key_is_refused(files: KeyFiles, tmp_path: Path) -> None:
    backup = backup_key(files, tmp_path / "usb", NOW)
    target = KeyFiles.in_data_dir(tmp_path / "other")
    code = refused_restore(target, backup.folder, profile=other_profile())
    assert code == "KEY_RESTORE_OTHER_COMMUNE"
    assert not target.folder.exists()


def test_a_key_that_is_not_the_certificates_is_refused(files: KeyFiles, tmp_path: Path) -> None:
    backup = backup_key(files, tmp_path / "usb", NOW)
    (backup.folder / "backup.json").unlink()  # a hand-made copy, without the list of files
    save_key(backup.folder / "commune-key.pem", generate_key(), SECRET)
    target = KeyFiles.in_data_dir(tmp_path / "other")
    assert refused_restore(target, backup.folder) == "KEY_CERT_MISMATCH"


def test_a_damaged_backup_is_refused(files: KeyFiles, tmp_path: Path) -> None:
    backup = backup_key(files, tmp_path / "usb", NOW)
    key = backup.folder / "commune-key.pem"
    data = bytearray(key.read_bytes())
    data[100] ^= 0x01
    key.write_bytes(bytes(data))
    target = KeyFiles.in_data_dir(tmp_path / "other")
    assert refused_restore(target, backup.folder) == "KEY_BACKUP_DAMAGED"


def test_a_folder_without_a_key_is_refused(files: KeyFiles, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert refused_restore(files, empty) == "KEY_BACKUP_NOT_FOUND"
    with pytest.raises(TreemError):
        read_backup(tmp_path / "nowhere")


def test_a_damaged_certificate_is_refused(files: KeyFiles, tmp_path: Path) -> None:
    backup = backup_key(files, tmp_path / "usb", NOW)
    (backup.folder / "backup.json").unlink()
    (backup.folder / "commune-cert.pem").write_text("-----BEGIN CERTIFICATE-----\nAAAA\n")
    target = KeyFiles.in_data_dir(tmp_path / "other")
    assert refused_restore(target, backup.folder) == "KEY_CERT_UNREADABLE"


def test_a_key_in_clear_is_never_restored_over_a_protected_one(
    files: KeyFiles, tmp_path: Path
) -> None:
    """Found in review: a backup.json rewritten on the stick and a key in clear used to replace
    the protected key without a word."""
    backup = backup_key(files, tmp_path / "usb", NOW)
    certificate = backup.folder / "commune-cert.pem"
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "commune-cert.pem").write_bytes(certificate.read_bytes())
    key = unlock_key(files, SECRET)
    save_key(planted / "commune-key.pem", key, None)  # the same key, now in clear
    assert refused_restore(files, planted, None) == "KEY_RESTORE_UNPROTECTED"


def test_a_hostile_list_of_files_is_a_damaged_backup_not_a_crash(
    files: KeyFiles, tmp_path: Path
) -> None:
    backup = backup_key(files, tmp_path / "usb", NOW)
    (backup.folder / "backup.json").write_text("[" * 200_000, encoding="utf-8")
    target = KeyFiles.in_data_dir(tmp_path / "other")
    assert refused_restore(target, backup.folder) == "KEY_BACKUP_DAMAGED"
