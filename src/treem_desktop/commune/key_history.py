"""The commune's earlier keys, kept in ``<data folder>/keys/history/`` and never deleted.

A key leaves use when it is replaced (``treem key replace``), when another key is restored over
it, or when the data folder's commune changes (a key names one commune only). Each time the key
and certificate in use are copied here first, under one time stamp, and read back:

- ``<stamp>-commune-key.pem`` and ``<stamp>-commune-cert.pem``: the key as it was (still
  encrypted with its passphrase) and its certificate;
- ``<stamp>-key-change.json`` and ``<stamp>-key-change.json.p7s``: after a replacement, the
  statement signed by the old key that names the new certificate (``docs/packet-format.md``).

``<stamp>`` is the Vietnam time ``YYYYMMDD-HHMMSS``, with ``-2``, ``-3``… when taken.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from treem_desktop.commune.commune_key import (
    CERT_FILE_NAME,
    KEY_FILE_NAME,
    PUBLIC_MODE,
    KeyFiles,
    load_certificate,
    names_commune,
)
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.files import write_atomically

HISTORY_DIR_NAME = "history"
KEY_CHANGE_NAME = "key-change.json"
SIGNATURE_SUFFIX = ".p7s"
VIETNAM = dt.timezone(dt.timedelta(hours=7))
PRIVATE_MODE = 0o600


def vietnam_now() -> dt.datetime:
    """The current time in Vietnam (+07:00), to the second."""
    return dt.datetime.now(VIETNAM).replace(microsecond=0)


def history_dir(files: KeyFiles) -> Path:
    return files.folder / HISTORY_DIR_NAME


def _names(stamp: str) -> tuple[str, ...]:
    return tuple(
        f"{stamp}-{name}"
        for name in (
            KEY_FILE_NAME,
            CERT_FILE_NAME,
            KEY_CHANGE_NAME,
            KEY_CHANGE_NAME + SIGNATURE_SUFFIX,
        )
    )


def new_stamp(folder: Path, now: dt.datetime) -> str:
    """A time stamp no file in ``folder`` uses yet."""
    base = now.astimezone(VIETNAM).strftime("%Y%m%d-%H%M%S")
    stamp, count = base, 1
    while any((folder / name).exists() for name in _names(stamp)):
        count += 1
        stamp = f"{base}-{count}"
    return stamp


def write_verified(target: Path, data: bytes, mode: int) -> None:
    """Write ``data`` atomically, then read it back: the copy must be the same bytes.

    Raises TreemError FILE_UNWRITABLE, or KEY_COPY_VERIFY_FAILED when the copy differs.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data, mode=mode)
        written = target.read_bytes()
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc
    if hashlib.sha256(written).digest() != hashlib.sha256(data).digest():
        raise TreemError("KEY_COPY_VERIFY_FAILED", path=str(target))


@dataclass(frozen=True)
class ArchivedKey:
    """The key and certificate copied into the history, under ``stamp``."""

    stamp: str
    paths: tuple[Path, ...]


def archive_key(files: KeyFiles, now: dt.datetime | None = None) -> ArchivedKey:
    """Copy the key and certificate in use (whichever exist) into the history, read back.

    The files in use are left where they are; the caller replaces or removes them.
    """
    folder = history_dir(files)
    stamp = new_stamp(folder, now or vietnam_now())
    copied: list[Path] = []
    for source, mode in ((files.key, PRIVATE_MODE), (files.certificate, PUBLIC_MODE)):
        if not source.exists():
            continue
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise TreemError("FILE_UNREADABLE", path=str(source), detail=exc.strerror) from exc
        target = folder / f"{stamp}-{source.name}"
        write_verified(target, data, mode)
        copied.append(target)
    return ArchivedKey(stamp, tuple(copied))


def retire_key(files: KeyFiles, now: dt.datetime | None = None) -> ArchivedKey:
    """Move the key and certificate in use into the history: afterwards there is no key."""
    archived = archive_key(files, now)
    for path in (files.key, files.certificate):
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise TreemError("FILE_UNWRITABLE", path=str(path), detail=exc.strerror) from exc
    return archived


def retire_key_of_other_commune(
    files: KeyFiles, profile: CommuneProfile, now: dt.datetime | None = None
) -> ArchivedKey | None:
    """When the key in use names another commune than ``profile``'s, move it into the history.

    After the data folder's commune changes, the old key must not go on signing as the new
    commune: it is kept in the history, and the commune creates (or restores) its own key.
    Returns what was moved, or None when the key names this commune or there is none.
    """
    if not files.certificate.exists():
        return None
    try:
        certificate = load_certificate(files)
    except TreemError:
        return None  # a damaged certificate: the key card says so and suggests a restore
    if names_commune(certificate, profile):
        return None
    return retire_key(files, now)
