"""Backing the commune's key up to a USB stick, and restoring it (sao lưu / khôi phục khóa).

A backup is a folder ``treem-khoa-<commune code>-<stamp>/`` holding:

- ``commune-key.pem``: the private key exactly as kept, ENCRYPTED with its passphrase (an
  unprotected key is never backed up: protect it first);
- ``commune-cert.pem``: its certificate;
- ``backup.json``: ``{"format": "treem-key-backup", "format_version": 1, "commune": {…},
  "created": …, "fingerprint_sha256": …, "files": {name: sha256}}``;
- ``README.txt``: in Vietnamese, what this is and how to restore it.

The folder is written under a temporary name and renamed when complete, then read back and
compared. A restore accepts the folder or any file in it (or a copied ``keys`` folder), checks
everything before it changes anything, and keeps the key in use in the history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import string
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.commune.commune_key import (
    CERT_FILE_NAME,
    KEY_FILE_NAME,
    PUBLIC_MODE,
    KeyFiles,
    key_is_protected,
    load_certificate,
    names_commune,
    unlock_key,
)
from treem_desktop.commune.key_history import (
    KEY_CHANGE_NAME,
    PRIVATE_MODE,
    ArchivedKey,
    archive_key,
    history_dir,
    vietnam_now,
    write_verified,
)
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.paths import resources_dir

if TYPE_CHECKING:
    from cryptography import x509

BACKUP_FORMAT = "treem-key-backup"
BACKUP_MANIFEST = "backup.json"
README_NAME = "README.txt"
FOLDER_PREFIX = "treem-khoa"
MAX_FILE_BYTES = 1024 * 1024  # a key or certificate is a few kB
OLD_FIELD = "old_certificate_fingerprint_sha256"  # of a key-change statement
NEW_FIELD = "new_certificate_fingerprint_sha256"


@dataclass(frozen=True)
class KeyBackup:
    """A backup written: its folder and the fingerprint of the certificate it holds."""

    folder: Path
    fingerprint: str


def backup_key(files: KeyFiles, out_dir: Path, now: dt.datetime | None = None) -> KeyBackup:
    """Write a backup folder of the key in use into ``out_dir`` (created when missing)."""
    from treem_desktop.signing.keys import fingerprint, identity_from_certificate

    certificate = load_certificate(files)
    if not files.key.exists():
        raise TreemError("KEY_MISSING")
    if not key_is_protected(files):
        raise TreemError("KEY_BACKUP_UNPROTECTED")
    contents = {KEY_FILE_NAME: _read(files.key), CERT_FILE_NAME: _read(files.certificate)}
    when = now or vietnam_now()
    identity = identity_from_certificate(certificate)
    code = identity.commune_code if identity else "khac"
    manifest: dict[str, Any] = {
        "format": BACKUP_FORMAT,
        "format_version": 1,
        "commune": _commune_json(certificate),
        "created": when.isoformat(),
        "fingerprint_sha256": fingerprint(certificate),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()},
    }
    contents[BACKUP_MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    contents[README_NAME] = _readme(manifest).encode("utf-8")
    folder = _write_folder(out_dir, f"{FOLDER_PREFIX}-{code}-{when:%Y%m%d-%H%M%S}", contents)
    return KeyBackup(folder, manifest["fingerprint_sha256"])


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc
    if len(data) > MAX_FILE_BYTES:
        raise TreemError("KEY_BACKUP_NOT_FOUND", path=str(path))
    return data


def _commune_json(certificate: x509.Certificate) -> dict[str, str]:
    from treem_desktop.signing.keys import identity_from_certificate

    identity = identity_from_certificate(certificate)
    if identity is None:
        return {}
    return {
        "code": identity.commune_code,
        "name": identity.commune_name,
        "province_code": identity.province_code,
        "province_name": identity.province_name,
    }


def _readme(manifest: dict[str, Any]) -> str:
    template = (resources_dir() / "keys" / "backup-readme.vi.txt").read_text(encoding="utf-8")
    commune = manifest["commune"]
    return string.Template(template).safe_substitute(
        commune=commune.get("name", "?"),
        commune_code=commune.get("code", "?"),
        province=commune.get("province_name", "?"),
        created=manifest["created"],
        fingerprint=manifest["fingerprint_sha256"],
    )


def _write_folder(out_dir: Path, name: str, contents: dict[str, bytes]) -> Path:
    """Write ``contents`` into a new folder under a temporary name, rename it, read it back."""
    target = _free_name(out_dir, name)
    partial = out_dir / f".{target.name}.part"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        partial.mkdir()
        for member, data in contents.items():
            mode = PRIVATE_MODE if member == KEY_FILE_NAME else PUBLIC_MODE
            write_verified(partial / member, data, mode)
        partial.rename(target)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise TreemError("FILE_UNWRITABLE", path=str(out_dir), detail=exc.strerror) from exc
    except TreemError:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    for member, data in contents.items():
        if _sha256_of(target / member) != hashlib.sha256(data).hexdigest():
            raise TreemError("KEY_COPY_VERIFY_FAILED", path=str(target / member))
    return target


def _free_name(out_dir: Path, name: str) -> Path:
    candidate, count = out_dir / name, 1
    while candidate.exists() or (out_dir / f".{candidate.name}.part").exists():
        count += 1
        candidate = out_dir / f"{name}-{count}"
    return candidate


def _sha256_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@dataclass(frozen=True)
class KeyBundle:
    """A key and certificate found in a backup (or a copied keys folder), read into memory."""

    folder: Path
    key: bytes
    certificate: bytes

    @property
    def protected(self) -> bool:
        from treem_desktop.signing.keys import is_encrypted_pem

        return is_encrypted_pem(self.key)


def read_backup(source: Path) -> KeyBundle:
    """The key and certificate of the backup at ``source`` (its folder or a file in it).

    When the backup lists its files (backup.json), each must have the SHA-256 written there.
    """
    folder = source if source.is_dir() else source.parent
    key_path, cert_path = folder / KEY_FILE_NAME, folder / CERT_FILE_NAME
    if not (key_path.is_file() and cert_path.is_file()):
        raise TreemError("KEY_BACKUP_NOT_FOUND", path=str(source))
    bundle = KeyBundle(folder, _read(key_path), _read(cert_path))
    manifest_path = folder / BACKUP_MANIFEST
    if manifest_path.is_file():
        _check_manifest(manifest_path, bundle)
    return bundle


def _check_manifest(path: Path, bundle: KeyBundle) -> None:
    try:
        listed = json.loads(_read(path)).get("files", {})
    except (ValueError, AttributeError, RecursionError) as exc:
        raise TreemError("KEY_BACKUP_DAMAGED", path=str(path)) from exc
    for name, data in ((KEY_FILE_NAME, bundle.key), (CERT_FILE_NAME, bundle.certificate)):
        if not isinstance(listed, dict) or listed.get(name) != hashlib.sha256(data).hexdigest():
            raise TreemError("KEY_BACKUP_DAMAGED", path=str(bundle.folder / name))


@dataclass(frozen=True)
class RestoredKey:
    """A restore done: the fingerprint now in use, and the key it replaced (if any)."""

    fingerprint: str
    archived: ArchivedKey | None
    unchanged: bool = False


def check_backup(
    bundle: KeyBundle, profile: CommuneProfile, passphrase: bytes | None
) -> x509.Certificate:
    """Check a backup before anything is changed: readable, this commune's, opened, matching."""
    from cryptography import x509

    cert_path = str(bundle.folder / CERT_FILE_NAME)
    try:
        certificate = x509.load_pem_x509_certificate(bundle.certificate)
    except ValueError as exc:
        raise TreemError("KEY_CERT_UNREADABLE", path=cert_path) from exc
    if not names_commune(certificate, profile):
        raise TreemError(
            "KEY_RESTORE_OTHER_COMMUNE",
            path=cert_path,
            found=_named(certificate),
            commune=profile.commune.name,
        )
    _open_key(bundle, certificate, passphrase)
    return certificate


def _named(certificate: x509.Certificate) -> str:
    commune = _commune_json(certificate)
    if not commune:
        return certificate.subject.rfc4514_string()
    return f"{commune['name']} ({commune['code']}), {commune['province_name']}"


def _open_key(bundle: KeyBundle, certificate: x509.Certificate, passphrase: bytes | None) -> None:
    """Open the key with the passphrase (tested now) and compare it with the certificate."""
    from treem_desktop.signing import SigningError
    from treem_desktop.signing.keys import load_key

    key_path = bundle.folder / KEY_FILE_NAME
    try:
        key = load_key(key_path, passphrase if bundle.protected else None)
    except SigningError as exc:
        raise TreemError(exc.code, path=str(key_path)) from exc
    if key.public_key() != certificate.public_key():
        raise TreemError("KEY_CERT_MISMATCH", path=str(key_path))


def restore_key(
    files: KeyFiles,
    source: Path,
    profile: CommuneProfile,
    passphrase: bytes | None,
    now: dt.datetime | None = None,
) -> RestoredKey:
    """Install the key backed up at ``source`` as the commune's key, after every check.

    A different key in use is first kept in the history (never deleted); the same key is left
    as it is; a key this folder has replaced (a statement in the history names it) is refused.
    The restored key keeps the passphrase it was backed up with.
    """
    from treem_desktop.signing.keys import fingerprint

    bundle = read_backup(source)
    if not bundle.protected:
        # A backup never holds a key in clear: one that does was not made by Treem, or was
        # changed on the stick, and must not replace a protected key unasked.
        raise TreemError("KEY_RESTORE_UNPROTECTED", path=str(bundle.folder))
    certificate = check_backup(bundle, profile, passphrase)
    _refuse_replaced(files, fingerprint(certificate))
    if _in_use(files) == (bundle.key, bundle.certificate):
        return RestoredKey(fingerprint(certificate), None, unchanged=True)
    archived = archive_key(files, now) if files.exist() else None
    write_verified(files.key, bundle.key, PRIVATE_MODE)
    write_verified(files.certificate, bundle.certificate, PUBLIC_MODE)
    unlock_key(files, passphrase if bundle.protected else None)  # tested at once, in place
    return RestoredKey(fingerprint(certificate), archived)


def _refuse_replaced(files: KeyFiles, backed_up: str) -> None:
    """Refuse a key this folder has replaced: the receiving office no longer trusts it (and it
    may have been replaced because it was stolen). Its statement in the history says so."""
    for statement in sorted(history_dir(files).glob(f"*-{KEY_CHANGE_NAME}")):
        try:
            document = json.loads(statement.read_bytes())
        except (OSError, ValueError):
            continue
        if isinstance(document, dict) and document.get(OLD_FIELD) == backed_up:
            raise TreemError(
                "KEY_RESTORE_REPLACED",
                created=str(document.get("created", "?")),
                fingerprint=str(document.get(NEW_FIELD, "?")),
            )


def _in_use(files: KeyFiles) -> tuple[bytes, bytes] | None:
    try:
        return files.key.read_bytes(), files.certificate.read_bytes()
    except OSError:
        return None
