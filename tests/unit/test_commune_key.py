"""The commune's key and certificate in the data folder (commune/commune_key.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography import x509

from treem_desktop.commune.commune_key import (
    KeyFiles,
    ensure_commune_key,
    export_certificate,
    key_is_protected,
    protect_key,
    summarize,
    unlock_key,
)
from treem_desktop.commune.demo import DEMO_REQUEST
from treem_desktop.commune.setup import build_profile
from treem_desktop.errors import TreemError
from treem_desktop.signing.keys import fingerprint, generate_key, save_key

PROFILE = build_profile(DEMO_REQUEST)
SECRET = "mật khẩu xã 2026".encode()


@pytest.fixture
def files(tmp_path: Path) -> KeyFiles:
    return KeyFiles.in_data_dir(tmp_path)


def code_of(excinfo: pytest.ExceptionInfo[TreemError]) -> str:
    return excinfo.value.code


def test_a_new_key_names_the_commune_and_opens_with_its_passphrase(files: KeyFiles) -> None:
    certificate, created = ensure_commune_key(files, PROFILE, SECRET)
    assert created
    summary = summarize(files)
    assert summary.commune_code == PROFILE.commune.code
    assert summary.province_code == PROFILE.commune.province_code
    assert f"CN=UBND {PROFILE.commune.name}" in summary.subject
    assert summary.fingerprint == fingerprint(certificate)
    assert summary.protected and key_is_protected(files)
    assert (summary.not_after - summary.not_before).days >= 3650
    if os.name == "posix":
        assert files.key.stat().st_mode & 0o777 == 0o600
    assert unlock_key(files, SECRET).public_key() == certificate.public_key()


def test_setting_up_again_keeps_the_key(files: KeyFiles) -> None:
    first, _ = ensure_commune_key(files, PROFILE, None)
    key_bytes = files.key.read_bytes()
    again, created = ensure_commune_key(files, PROFILE, SECRET)
    assert not created
    assert fingerprint(again) == fingerprint(first)
    assert files.key.read_bytes() == key_bytes


def test_a_wrong_or_missing_passphrase_is_refused(files: KeyFiles) -> None:
    ensure_commune_key(files, PROFILE, SECRET)
    with pytest.raises(TreemError) as wrong:
        unlock_key(files, b"another passphrase")
    assert code_of(wrong) == "KEY_PASSPHRASE_WRONG"
    with pytest.raises(TreemError) as missing:
        unlock_key(files, None)
    assert code_of(missing) == "KEY_PASSPHRASE_WRONG"


def test_a_short_passphrase_is_refused_before_anything_is_written(files: KeyFiles) -> None:
    with pytest.raises(TreemError) as short:
        ensure_commune_key(files, PROFILE, b"1234567")
    assert code_of(short) == "PASSPHRASE_TOO_SHORT"
    assert not files.folder.exists()


def test_a_key_swapped_for_another_is_refused(files: KeyFiles) -> None:
    ensure_commune_key(files, PROFILE, None)
    save_key(files.key, generate_key(), None)
    with pytest.raises(TreemError) as swapped:
        unlock_key(files, None)
    assert code_of(swapped) == "KEY_CERT_MISMATCH"


def test_half_a_key_is_never_replaced(files: KeyFiles) -> None:
    ensure_commune_key(files, PROFILE, None)
    files.certificate.unlink()
    key_bytes = files.key.read_bytes()
    with pytest.raises(TreemError) as half:
        ensure_commune_key(files, PROFILE, None)
    assert code_of(half) == "KEY_FILES_INCOMPLETE"
    assert files.key.read_bytes() == key_bytes


@pytest.mark.parametrize("damage", [b"", b"-----BEGIN CERTIFICATE-----\nAAAA\n", os.urandom(64)])
def test_a_damaged_certificate_is_named(files: KeyFiles, damage: bytes) -> None:
    ensure_commune_key(files, PROFILE, None)
    files.certificate.write_bytes(damage)
    with pytest.raises(TreemError) as damaged:
        summarize(files)
    assert code_of(damaged) == "KEY_CERT_UNREADABLE"
    assert str(files.certificate) in damaged.value.message()


def test_no_key_at_all(files: KeyFiles) -> None:
    with pytest.raises(TreemError) as missing:
        summarize(files)
    assert code_of(missing) == "KEY_MISSING"


def test_protecting_a_key_later(files: KeyFiles) -> None:
    certificate, _ = ensure_commune_key(files, PROFILE, None)
    assert not key_is_protected(files)
    with pytest.raises(TreemError) as short:
        protect_key(files, b"short")
    assert code_of(short) == "PASSPHRASE_TOO_SHORT"
    assert not key_is_protected(files)
    protect_key(files, SECRET)
    assert key_is_protected(files)
    assert unlock_key(files, SECRET).public_key() == certificate.public_key()
    with pytest.raises(TreemError) as twice:
        protect_key(files, SECRET)
    assert code_of(twice) == "KEY_ALREADY_PROTECTED"


def test_export_writes_the_certificate_only(files: KeyFiles, tmp_path: Path) -> None:
    certificate, _ = ensure_commune_key(files, PROFILE, None)
    target = tmp_path / "xa.pem"
    export_certificate(files, target)
    data = target.read_bytes()
    assert b"PRIVATE KEY" not in data
    assert x509.load_pem_x509_certificate(data) == certificate
