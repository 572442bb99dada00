"""Replacing the key with a statement signed by the old one, and retiring a key of another
commune (commune/key_replace.py, commune/key_history.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography import x509

from tests.unit.test_key_backup import NOW, PROFILE, SECRET, other_profile, tree
from treem_desktop.commune.commune_key import (
    KeyFiles,
    ensure_commune_key,
    load_certificate,
    summarize,
    unlock_key,
)
from treem_desktop.commune.key_backup import backup_key, restore_key
from treem_desktop.commune.key_history import history_dir, retire_key_of_other_commune
from treem_desktop.commune.key_replace import copy_key_change, replace_key
from treem_desktop.commune.setup import save_commune
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.signing.key_change import check_key_change
from treem_desktop.signing.keys import fingerprint

NEW_SECRET = "mật khẩu mới 2027".encode()


@pytest.fixture
def files(tmp_path: Path) -> KeyFiles:
    keys = KeyFiles.in_data_dir(tmp_path / "data")
    ensure_commune_key(keys, PROFILE, SECRET)
    return keys


def test_replacing_the_key_keeps_the_old_one_and_signs_the_change(
    files: KeyFiles, tmp_path: Path
) -> None:
    old = load_certificate(files)
    old_key_bytes = files.key.read_bytes()
    done = replace_key(files, PROFILE, SECRET, NEW_SECRET, "  máy cũ  hỏng ", NOW)
    assert done.old_fingerprint == fingerprint(old)
    assert done.new_fingerprint == summarize(files).fingerprint != done.old_fingerprint
    assert summarize(files).commune_code == PROFILE.commune.code
    unlock_key(files, NEW_SECRET)
    with pytest.raises(TreemError):
        unlock_key(files, SECRET)
    history = history_dir(files)
    assert sorted(p.name for p in history.iterdir()) == [
        "20261123-093015-commune-cert.pem",
        "20261123-093015-commune-key.pem",
        "20261123-093015-key-change.json",
        "20261123-093015-key-change.json.p7s",
    ]
    assert (history / "20261123-093015-commune-key.pem").read_bytes() == old_key_bytes
    change = check_key_change(done.statement.read_bytes(), done.signature.read_bytes(), old)
    assert change.new_certificate == load_certificate(files)
    assert change.reason == "máy cũ hỏng"

    out = tmp_path / "usb"
    copied = copy_key_change(done, files, out)
    assert [p.name for p in copied] == [
        "20261123-093015-key-change.json",
        "20261123-093015-key-change.json.p7s",
        "20261123-093015-new-commune-cert.pem",
    ]
    assert x509.load_pem_x509_certificate(copied[2].read_bytes()) == change.new_certificate
    with pytest.raises(TreemError) as exists:
        copy_key_change(done, files, out)
    assert exists.value.code == "FILE_EXISTS"


def test_replacing_twice_the_same_second_keeps_both(files: KeyFiles) -> None:
    first = replace_key(files, PROFILE, SECRET, NEW_SECRET, "", NOW)
    second = replace_key(files, PROFILE, NEW_SECRET, SECRET, "", NOW)
    assert first.archived.stamp == "20261123-093015"
    assert second.archived.stamp == "20261123-093015-2"
    assert len(list(history_dir(files).iterdir())) == 8


def refused_replace(files: KeyFiles, *args: object) -> str:
    before = tree(files.folder)
    with pytest.raises(TreemError) as refused:
        replace_key(files, *args)  # type: ignore[arg-type]
    assert tree(files.folder) == before
    return refused.value.code


def test_refusals_change_nothing(files: KeyFiles) -> None:
    assert refused_replace(files, PROFILE, b"wrong one!", NEW_SECRET) == "KEY_PASSPHRASE_WRONG"
    assert refused_replace(files, PROFILE, SECRET, b"short") == "PASSPHRASE_TOO_SHORT"
    assert refused_replace(files, PROFILE, SECRET, NEW_SECRET, "x" * 501) == "FIELD_TOO_LONG"
    other = other_profile()
    assert refused_replace(files, other, SECRET, NEW_SECRET) == "KEY_NAMES_OTHER_COMMUNE"


def test_without_a_key_there_is_nothing_to_replace(tmp_path: Path) -> None:
    files = KeyFiles.in_data_dir(tmp_path / "none")
    assert refused_replace(files, PROFILE, None, NEW_SECRET) == "KEY_MISSING"


def test_a_key_of_another_commune_is_retired_into_the_history(files: KeyFiles) -> None:
    fingerprint_before = summarize(files).fingerprint
    assert retire_key_of_other_commune(files, PROFILE, NOW) is None  # its own commune: kept
    retired = retire_key_of_other_commune(files, other_profile(), NOW)
    assert retired is not None and not files.exist()
    cert = history_dir(files) / "20261123-093015-commune-cert.pem"
    assert fingerprint(x509.load_pem_x509_certificate(cert.read_bytes())) == fingerprint_before
    later = NOW + dt.timedelta(seconds=1)
    assert retire_key_of_other_commune(files, other_profile(), later) is None  # nothing left


def test_saving_another_commune_retires_the_key_and_an_edit_keeps_it(
    workspace: Workspace,
) -> None:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, workspace.require_profile(), SECRET)
    profile = workspace.require_profile()
    save_commune(workspace, replace(profile, officer_name="Lò Thị Hoa"))
    assert files.exist() and not history_dir(files).exists()
    with pytest.raises(TreemError):  # not confirmed: refused, the key stays
        save_commune(workspace, replace(other_profile(), officer_name="Lò Thị Hoa"))
    assert files.exist()
    save_commune(workspace, other_profile(), allow_other_commune=True)
    assert not files.exist()
    assert len(list(history_dir(files).iterdir())) == 2


def test_a_backup_of_a_replaced_key_is_not_restored(files: KeyFiles, tmp_path: Path) -> None:
    old_backup = backup_key(files, tmp_path / "usb", NOW)
    done = replace_key(files, PROFILE, SECRET, NEW_SECRET, "máy bị mất trộm", NOW)
    before = tree(files.folder)
    with pytest.raises(TreemError) as refused:
        restore_key(files, old_backup.folder, PROFILE, SECRET, NOW)
    assert refused.value.code == "KEY_RESTORE_REPLACED"
    assert done.new_fingerprint in refused.value.message()
    assert tree(files.folder) == before
