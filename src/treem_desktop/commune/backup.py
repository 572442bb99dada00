"""Backups of a data folder (sao lưu): made, verified, listed, thinned out.

A backup is one file: the database (SQLite's online backup API, so a consistent copy while the
window is open), the key, evidence files and packets with their issued documents. It is
verified before it gets its final name: the database copy passes ``PRAGMA integrity_check``
and every member is read back against the SHA-256 in its manifest. Moving to a new computer
is restoring that one file (:mod:`treem_desktop.commune.backup_restore`).
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from treem_desktop._version import __version__
from treem_desktop.commune.backup_progress import ByteProgress
from treem_desktop.commune.backup_retention import backups_to_keep
from treem_desktop.commune.backup_summary import read_summary
from treem_desktop.core.jobs import Job, job_or_none
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import BACKUPS_DIR_NAME, DATABASE_NAME, LOCK_NAME, DataDirChoice
from treem_desktop.storage.backup_file import (
    DATABASE_MEMBER,
    Manifest,
    is_safe_name,
    read_manifest,
    verify_hashes,
    write_manifest,
    write_members,
)
from treem_desktop.storage.database import APPLICATION_ID
from treem_desktop.storage.private_folder import private_file

log = logging.getLogger(__name__)

PREFIX = "treem-sao-luu-"
SUFFIX = ".zip"
STAMP = "%Y%m%d-%H%M%S"
AUTOMATIC_EVERY = dt.timedelta(minutes=30)
_SKIPPED_TOP = {LOCK_NAME, "logs", BACKUPS_DIR_NAME}
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class Reason:
    """Why a backup was made (kept in its manifest)."""

    MANUAL = "manual"
    USB = "usb"
    AUTOMATIC = "automatic"
    BEFORE_MIGRATION = "before-migration"
    BEFORE_RESTORE = "before-restore"


@dataclass(frozen=True)
class BackupInfo:
    """A backup file and its manifest."""

    path: Path
    manifest: Manifest

    @property
    def id(self) -> str:
        return self.path.name.removeprefix(PREFIX).removesuffix(SUFFIX)

    @property
    def counter(self) -> int:
        """1, or 2, 3... for backups made in the same second."""
        parts = self.id.split("-")
        return int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1

    @property
    def created(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.manifest.created)

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def create_backup(
    data_dir: DataDirChoice,
    conn: sqlite3.Connection,
    *,
    reason: str,
    to: Path | None = None,
    job: Job | None = None,
) -> BackupInfo:
    """Write a verified backup of the folder into ``to`` (default: the folder's backups).

    ``job`` hears the bytes written, then read back; cancelled, it leaves no file behind.
    ``conn`` is used on the caller's thread only (a worker passes its own connection).
    """
    job = job_or_none(job)
    target_dir = to or data_dir.backups_dir
    job.check()
    job.step(0, 1, _("Copying the database…"))
    with _scratch(data_dir) as scratch:
        database = snapshot_database(conn, scratch / DATABASE_MEMBER)
        job.check()
        return _write(data_dir, database, target_dir, reason, job)


def backup_if_changed(
    data_dir: DataDirChoice, conn: sqlite3.Connection, *, reason: str = Reason.AUTOMATIC
) -> BackupInfo | None:
    """A new backup when the data differ from the newest backup's; None when nothing changed."""
    newest = next(iter(list_backups(data_dir)), None)
    with _scratch(data_dir) as scratch:
        database = snapshot_database(conn, scratch / DATABASE_MEMBER)
        if newest is not None and newest.manifest.fingerprint == _fingerprint(data_dir, database):
            return None
        made = _write(data_dir, database, data_dir.backups_dir, reason, Job.none())
    prune_backups(data_dir)
    return made


def list_backups(data_dir: DataDirChoice, folder: Path | None = None) -> list[BackupInfo]:
    """The readable backups in the folder's backups (or ``folder``), newest first."""
    found = []
    for path in sorted((folder or data_dir.backups_dir).glob(f"{PREFIX}*{SUFFIX}")):
        try:
            found.append(BackupInfo(path, read_manifest(path)))
        except TreemError as error:
            log.warning("skipped backup %s: %s", path, error.code)
    return sorted(found, key=lambda b: (b.created, b.counter), reverse=True)


def find_backup(data_dir: DataDirChoice, reference: str) -> Path:
    """A backup named by its id (``20261207-101500``) or a path to a backup file."""
    path = Path(reference).expanduser()
    if path.is_file():
        return path.resolve()
    named = data_dir.backups_dir / f"{PREFIX}{reference}{SUFFIX}"
    if is_safe_name(reference) and "/" not in reference and named.is_file():
        return named
    raise TreemError("BACKUP_NOT_FOUND", reference=reference)


def prune_backups(data_dir: DataDirChoice, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups the retention rule does not keep; returns what was deleted."""
    backups = list_backups(data_dir)
    keep = backups_to_keep([b.created for b in backups], now or dt.datetime.now().astimezone())
    deleted = [b.path for index, b in enumerate(backups) if index not in keep]
    for path in deleted:
        path.unlink(missing_ok=True)
        log.info("deleted old backup %s", path.name)
    return deleted


def snapshot_database(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of the open database, refused unless it passes integrity_check."""
    try:
        with closing(sqlite3.connect(target)) as copy:
            conn.backup(copy)
            checked = [r[0] for r in copy.execute("PRAGMA integrity_check")]
            application_id = copy.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise TreemError("DB_CORRUPT", path=DATABASE_NAME, detail=str(error)) from error
    if checked != ["ok"] or application_id != APPLICATION_ID:
        raise TreemError("DB_CORRUPT", path=DATABASE_NAME, detail="; ".join(checked[:3]))
    return target


def data_files(data_dir: DataDirChoice) -> Iterator[tuple[str, Path]]:
    """Every file of the folder a backup holds besides the database, by its member name."""
    for top in sorted(data_dir.path.iterdir()):
        if _skipped(top.name) or top.is_symlink():
            continue
        paths = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in paths:
            name = path.relative_to(data_dir.path).as_posix()
            if path.is_symlink() or not is_safe_name(name):
                log.warning("not backed up: %s", name)
                continue
            yield name, path


def _skipped(name: str) -> bool:
    return (
        name.startswith(".")
        or name in _SKIPPED_TOP
        or name.startswith(DATABASE_NAME)  # the database goes through the backup API
    )


def _write(
    data_dir: DataDirChoice, database: Path, target_dir: Path, reason: str, job: Job
) -> BackupInfo:
    now = dt.datetime.now().astimezone()
    final = _free_name(target_dir, now)
    part = _part_of(final)
    files = [(DATABASE_MEMBER, database), *data_files(data_dir)]
    total = sum(_size(path) for _name, path in files)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        writing = ByteProgress(job, total, _("Writing the backup…"))
        manifest = _write_zip(files, database, part, now, reason, writing)
        verify_hashes(part, manifest, ByteProgress(job, total, _("Checking the backup…")))
        read_manifest(part)
        _flush(part)
        os.replace(part, final)
    except OSError as error:
        part.unlink(missing_ok=True)
        if error.errno in _FULL:
            raise TreemError("DISK_FULL") from error
        raise TreemError("BACKUP_UNWRITABLE", path=target_dir, detail=str(error)) from error
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    private_file(final)
    log.info("backup %s made (%s)", final.name, reason)
    return BackupInfo(final, manifest)


def _write_zip(
    files: list[tuple[str, Path]],
    database: Path,
    part: Path,
    now: dt.datetime,
    reason: str,
    writing: ByteProgress,
) -> Manifest:
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        members = write_members(archive, files, writing)
        manifest = Manifest(
            created=now.isoformat(timespec="seconds"),
            reason=reason,
            app_version=__version__,
            schema_version=_schema_version(database),
            fingerprint=_fingerprint_of((m.name, m.sha256) for m in members),
            summary={**read_summary(database), "files": len(members) - 1},
            members=members,
        )
        write_manifest(archive, manifest)
    return manifest


def _fingerprint(data_dir: DataDirChoice, database: Path) -> str:
    files = [(DATABASE_MEMBER, database), *data_files(data_dir)]
    return _fingerprint_of((name, _file_hash(path)) for name, path in files)


def _fingerprint_of(hashes: Iterable[tuple[str, str]]) -> str:
    """One hash over every member's name and hash: equal when the data are the same."""
    digest = hashlib.sha256()
    for name, sha256 in hashes:
        digest.update(f"{name}\0{sha256}\n".encode())
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(256 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _schema_version(database: Path) -> int:
    with closing(sqlite3.connect(database)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone meanwhile: writing it says so


def _part_of(final: Path) -> Path:
    """The name a backup is written under until it is complete and checked."""
    return final.with_name(f".{final.name}.part")


def _free_name(folder: Path, now: dt.datetime) -> Path:
    """A name neither taken nor being written (a manual backup may run beside an automatic
    one)."""
    stamp = now.strftime(STAMP)
    candidate = folder / f"{PREFIX}{stamp}{SUFFIX}"
    counter = 2
    while candidate.exists() or _part_of(candidate).exists():
        candidate = folder / f"{PREFIX}{stamp}-{counter}{SUFFIX}"
        counter += 1
    return candidate


def _flush(path: Path) -> None:
    with path.open("rb") as written:
        os.fsync(written.fileno())


class _scratch:  # noqa: N801 - used as a context manager, like tempfile's
    """A private temporary folder inside the data folder (same disk, same protection)."""

    def __init__(self, data_dir: DataDirChoice) -> None:
        self._holder = tempfile.TemporaryDirectory(prefix=".backup-", dir=data_dir.path)

    def __enter__(self) -> Path:
        return Path(self._holder.name)

    def __exit__(self, *exc: object) -> None:
        self._holder.cleanup()
