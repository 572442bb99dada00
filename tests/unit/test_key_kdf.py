"""The commune key's encryption (issue 14, defect 6): PBKDF2 at 1,000,000 rounds, not 2,048,
and an old key encrypted again on its next unlock with the same passphrase."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from asn1crypto import keys, pem  # type: ignore[import-untyped]
from cryptography.hazmat.primitives import serialization

from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key, unlock_key
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.signing.pkcs8 import KDF_ITERATIONS

PASSPHRASE = b"mat-khau-xa-muong-phang"


def kdf_of(path: Path) -> dict[str, object]:
    """The key file's PKCS#8 encryption parameters, read with asn1crypto."""
    label, _headers, der = pem.unarmor(path.read_bytes())
    assert label == "ENCRYPTED PRIVATE KEY"
    algorithm = keys.EncryptedPrivateKeyInfo.load(der)["encryption_algorithm"].native
    assert algorithm["algorithm"] == "pbes2"
    return {
        "kdf": algorithm["parameters"]["key_derivation_func"]["algorithm"],
        "iterations": algorithm["parameters"]["key_derivation_func"]["parameters"][
            "iteration_count"
        ],
        "prf": algorithm["parameters"]["key_derivation_func"]["parameters"]["prf"]["algorithm"],
        "cipher": algorithm["parameters"]["encryption_scheme"]["algorithm"],
    }


@pytest.fixture
def files(workspace: Workspace) -> KeyFiles:
    return KeyFiles.in_data_dir(workspace.data_dir.path)


def test_a_new_key_is_encrypted_with_pbkdf2_at_a_million_rounds(
    workspace: Workspace, files: KeyFiles
) -> None:
    ensure_commune_key(files, workspace.require_profile(), PASSPHRASE)
    assert kdf_of(files.key) == {
        "kdf": "pbkdf2",
        "iterations": KDF_ITERATIONS,
        "prf": "sha256",
        "cipher": "aes256_cbc",
    }
    assert KDF_ITERATIONS >= 600_000
    with pytest.raises(TreemError) as wrong:
        unlock_key(files, b"not-the-passphrase")
    assert wrong.value.code == "KEY_PASSPHRASE_WRONG"


def test_an_old_key_is_encrypted_again_on_unlock_and_opens_with_the_same_passphrase(
    workspace: Workspace, files: KeyFiles
) -> None:
    ensure_commune_key(files, workspace.require_profile(), PASSPHRASE)
    key = unlock_key(files, PASSPHRASE)
    old = key.private_bytes(  # what Treem wrote before: BestAvailableEncryption
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASSPHRASE),
    )
    files.key.write_bytes(old)
    assert kdf_of(files.key)["iterations"] == 2048
    unlock_key(files, PASSPHRASE)
    assert kdf_of(files.key)["iterations"] == KDF_ITERATIONS
    assert files.key.stat().st_mode & 0o777 == 0o600
    again = unlock_key(files, PASSPHRASE)
    assert again.private_numbers() == key.private_numbers()
    assert list(files.folder.glob(".*.part")) == []


def test_a_wrong_passphrase_leaves_an_old_key_as_it_was(
    workspace: Workspace, files: KeyFiles
) -> None:
    ensure_commune_key(files, workspace.require_profile(), PASSPHRASE)
    old = unlock_key(files, PASSPHRASE).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASSPHRASE),
    )
    files.key.write_bytes(old)
    with pytest.raises(TreemError):
        unlock_key(files, b"not-the-passphrase")
    assert files.key.read_bytes() == old


def test_an_unlock_takes_well_under_a_second(workspace: Workspace, files: KeyFiles) -> None:
    ensure_commune_key(files, workspace.require_profile(), PASSPHRASE)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        unlock_key(files, PASSPHRASE)
        times.append(time.perf_counter() - started)
    print(f"unlock: {min(times):.3f} s (best of 3)")
    assert min(times) < 1.0
