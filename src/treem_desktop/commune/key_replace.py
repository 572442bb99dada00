"""Replacing the commune's key (thay khóa): a new key, vouched for by the old one.

The old key is opened with its passphrase; a new EC P-256 key and certificate are made for the
same commune, protected by a new passphrase; the old key signs a key-change statement naming the
new certificate (:mod:`treem_desktop.signing.key_change`), which is checked before anything is
written. Then, in this order: the old key and certificate are copied into the history (read
back); the new key and certificate are written beside the ones in use as ``.pending`` files;
the statement's signature and then the statement are written in the history (the commit
point); the pending files are renamed into place (:mod:`.key_settle` finishes or undoes this
after a cut); the new key is opened at once with the new passphrase.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treem_desktop.commune.commune_key import (
    CERT_VALIDITY_DAYS,
    PUBLIC_MODE,
    KeyFiles,
    certificate_pem,
    check_passphrase,
    commune_identity,
    load_certificate,
    names_commune,
    unlock_key,
)
from treem_desktop.commune.key_history import (
    KEY_CHANGE_NAME,
    SIGNATURE_SUFFIX,
    ArchivedKey,
    archive_key,
    history_dir,
    vietnam_now,
    write_verified,
)
from treem_desktop.commune.key_settle import pending, settle_replacement
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _


@dataclass(frozen=True)
class KeyReplacement:
    """A replacement done: both fingerprints, the statement and where the old key went."""

    old_fingerprint: str
    new_fingerprint: str
    statement: Path
    signature: Path
    archived: ArchivedKey


def check_reason(reason: str) -> str:
    """The reason, trimmed; at most 500 characters."""
    from treem_desktop.signing.key_change import REASON_LIMIT

    reason = " ".join(reason.split())
    if len(reason) > REASON_LIMIT:
        raise TreemError(
            "FIELD_TOO_LONG", field="reason", label=_("Reason for the change"), limit=REASON_LIMIT
        )
    return reason


def replace_key(
    files: KeyFiles,
    profile: CommuneProfile,
    old_passphrase: bytes | None,
    new_passphrase: bytes,
    reason: str = "",
    now: dt.datetime | None = None,
) -> KeyReplacement:
    """Replace the commune's key; every check comes before the first write."""
    from treem_desktop.signing import key_change
    from treem_desktop.signing.keys import fingerprint, generate_key
    from treem_desktop.signing.keys import self_signed_certificate as certify

    check_passphrase(new_passphrase)
    reason = check_reason(reason)
    old_key = unlock_key(files, old_passphrase)
    old_certificate = load_certificate(files)
    if not names_commune(old_certificate, profile):
        raise TreemError(
            "KEY_NAMES_OTHER_COMMUNE",
            found=old_certificate.subject.rfc4514_string(),
            commune=profile.commune.name,
        )
    when = now or vietnam_now()
    identity = commune_identity(profile)
    new_key = generate_key()
    new_certificate = certify(new_key, identity, CERT_VALIDITY_DAYS)
    statement = key_change.statement_bytes(old_certificate, new_certificate, identity, when, reason)
    signature = key_change.sign_key_change(statement, old_certificate, old_key)
    key_change.verify_key_change(statement, signature, old_certificate)  # before any write

    archived = archive_key(files, when)
    folder = history_dir(files)
    statement_path = folder / f"{archived.stamp}-{KEY_CHANGE_NAME}"
    signature_path = statement_path.with_name(statement_path.name + SIGNATURE_SUFFIX)
    key_pending, cert_pending = pending(files.key), pending(files.certificate)
    try:
        save_new_key(key_pending, new_key, new_passphrase)
        write_verified(cert_pending, certificate_pem(new_certificate), PUBLIC_MODE)
        # The commit point: once the statement is in the history the replacement has happened
        # (commune/key_settle.py finishes it after a cut; before it, undoes it).
        write_verified(signature_path, signature, PUBLIC_MODE)
        write_verified(statement_path, statement, PUBLIC_MODE)
    except OSError as exc:
        _undo(key_pending, cert_pending, statement_path, signature_path)
        raise TreemError("FILE_UNWRITABLE", path=str(files.key), detail=exc.strerror) from exc
    except TreemError:
        _undo(key_pending, cert_pending, statement_path, signature_path)
        raise
    settle_replacement(files.key, files.certificate, folder)
    unlock_key(files, new_passphrase)  # tested at once
    return KeyReplacement(
        old_fingerprint=fingerprint(old_certificate),
        new_fingerprint=fingerprint(new_certificate),
        statement=statement_path,
        signature=signature_path,
        archived=archived,
    )


def save_new_key(path: Path, key: Any, passphrase: bytes) -> None:
    """The new key, encrypted, written atomically (0o600)."""
    from treem_desktop.signing.keys import save_key

    save_key(path, key, passphrase)


def _undo(*paths: Path) -> None:
    """Remove what a failed replacement wrote before its commit point (best effort)."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def copy_key_change(replacement: KeyReplacement, files: KeyFiles, out_dir: Path) -> list[Path]:
    """Copy what the receiving office needs into ``out_dir``: the statement, its signature and
    the new certificate (in the history, ``<stamp>-commune-cert.pem`` is the OLD one)."""
    stamp = replacement.archived.stamp
    sources = {
        replacement.statement.name: replacement.statement,
        replacement.signature.name: replacement.signature,
        f"{stamp}-new-commune-cert.pem": files.certificate,
    }
    targets = [out_dir / name for name in sources]
    for target in targets:
        if target.exists():
            raise TreemError("FILE_EXISTS", path=str(target))
    for target, source in zip(targets, sources.values(), strict=True):
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise TreemError("FILE_UNREADABLE", path=str(source), detail=exc.strerror) from exc
        write_verified(target, data, PUBLIC_MODE)
    return targets
