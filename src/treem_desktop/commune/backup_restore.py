"""Restoring a backup (khôi phục): everything checked first, the current state kept, then swapped.

Order: read the manifest (names, sizes, format, schema), unpack into a hidden folder beside
the data checking every hash, check the unpacked database (integrity, ours, not newer), check
the commune; only then keep the current state (a backup, or, when the database is damaged,
the old files moved into the backups folder) and move the unpacked files in. A refusal at any
step leaves the folder as it was. The caller holds the folder's lock with no database open.

The window runs it in two parts: :func:`prepare_restore` (the long part: unpacking, checking,
backing up the current data) off its thread with a Cancel, while its own connection stays
open; then :func:`finish_restore` (moving files, quick) on its thread with that connection
closed. Cancelled during the first part, the folder is as it was; the second is not offered a
Cancel.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from treem_desktop.commune.backup import STAMP, BackupInfo, Reason, create_backup
from treem_desktop.commune.backup_progress import ByteProgress
from treem_desktop.core.jobs import Job, JobCancelled, job_or_none
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import BACKUPS_DIR_NAME, LOCK_NAME, DataDirChoice
from treem_desktop.storage.backup_file import (
    DATABASE_MEMBER,
    invalid,
    read_manifest,
    unpack,
)
from treem_desktop.storage.backup_file import Manifest as Manifest
from treem_desktop.storage.database import APPLICATION_ID, connect
from treem_desktop.storage.lock import DataDirLock
from treem_desktop.storage.migrations import SCHEMA_VERSION
from treem_desktop.storage.private_folder import private_tree

log = logging.getLogger(__name__)

KEPT_PREFIX = "truoc-khoi-phuc-"
_KEPT_TOP = {LOCK_NAME, "logs", BACKUPS_DIR_NAME}


@dataclass(frozen=True)
class RestoreOutcome:
    """What a restore did: the backup restored and where the state before it was kept."""

    restored: Manifest
    kept_as: Path | None


def preview_backup(path: Path) -> Manifest:
    """What the backup holds, after the checks that need no unpacking (refused otherwise)."""
    manifest = read_manifest(path)
    if manifest.schema_version > SCHEMA_VERSION:
        raise TreemError(
            "BACKUP_NEWER", path=path, found=manifest.schema_version, known=SCHEMA_VERSION
        )
    return manifest


@dataclass(frozen=True)
class PreparedRestore:
    """A backup unpacked and checked beside the data, the current data kept: ready to swap."""

    source: Path
    manifest: Manifest
    staging: Path
    kept_as: Path | None


def restore_with_lock(
    data_dir: DataDirChoice, source: Path, job: Job | None = None
) -> RestoreOutcome:
    """Take the folder's lock (nobody else has the folder open), restore, release."""
    data_dir.path.mkdir(parents=True, exist_ok=True)
    lock = DataDirLock(data_dir.lock_file)
    lock.acquire()
    try:
        return restore_backup(data_dir, source, job)
    finally:
        lock.release()


def restore_backup(data_dir: DataDirChoice, source: Path, job: Job | None = None) -> RestoreOutcome:
    """Replace the folder's data with the backup's; the caller holds the lock, no DB open."""
    return finish_restore(data_dir, prepare_restore(data_dir, source, job))


def prepare_restore(
    data_dir: DataDirChoice, source: Path, job: Job | None = None
) -> PreparedRestore:
    """Unpack and check the backup, then keep the current data (a backup of them): the long
    part, cancellable by ``job`` throughout; refused or cancelled, the folder is as it was.
    Opens its own connections only (for a worker thread)."""
    job = job_or_none(job)
    manifest = preview_backup(source)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir.path))
    try:
        unpack(source, manifest, staging, _unpacking(job, manifest))
        job.step(0, 1, _("Checking the backed-up database…"))
        _check_database(source, staging / DATABASE_MEMBER)
        _check_commune(data_dir, source, manifest)
        job.check()
        kept = _keep_current_state(data_dir, job)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return PreparedRestore(source, manifest, staging, kept)


def finish_restore(data_dir: DataDirChoice, prepared: PreparedRestore) -> RestoreOutcome:
    """Move the unpacked data in (no Cancel here); the caller holds the lock, no DB open."""
    try:
        private_tree(prepared.staging)
        _swap_in(data_dir, prepared.staging)
    finally:
        shutil.rmtree(prepared.staging, ignore_errors=True)
    log.info("restored %s (kept the state before as %s)", prepared.source, prepared.kept_as)
    return RestoreOutcome(prepared.manifest, prepared.kept_as)


def discard_restore(prepared: PreparedRestore) -> None:
    """Give up a prepared restore: the unpacked files and the copy of the current data go,
    so the folder is as it was before :func:`prepare_restore`."""
    shutil.rmtree(prepared.staging, ignore_errors=True)
    kept = prepared.kept_as
    if kept is not None and kept.is_dir():
        shutil.rmtree(kept, ignore_errors=True)
    elif kept is not None:
        kept.unlink(missing_ok=True)
    log.info("restore of %s cancelled; nothing changed", prepared.source)


def keep_again(
    data_dir: DataDirChoice, prepared: PreparedRestore, conn: sqlite3.Connection
) -> PreparedRestore:
    """A new copy of the current data through ``conn`` (they changed while the restore was
    prepared); the older copy is left beside it."""
    made = create_backup(data_dir, conn, reason=Reason.BEFORE_RESTORE)
    return replace(prepared, kept_as=made.path)


def change_mark(conn: sqlite3.Connection) -> tuple[int, int]:
    """Differs after any change committed to the database, through ``conn`` or another."""
    return conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0])


def _unpacking(job: Job, manifest: Manifest) -> ByteProgress:
    return ByteProgress(job, manifest.total_size, _("Checking and unpacking the backup…"))


def current_commune_code(data_dir: DataDirChoice) -> str | None:
    """The commune of the folder's database when it is readable, else None."""
    if not data_dir.database.is_file() or data_dir.database.stat().st_size == 0:
        return None
    uri = f"{data_dir.database.as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            row = conn.execute("SELECT commune_code FROM commune WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def _check_database(source: Path, database: Path) -> None:
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as conn:
            checked = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as error:
        raise invalid(source, "it is damaged ({name})", name=DATABASE_MEMBER) from error
    if checked != ["ok"] or application_id != APPLICATION_ID:
        raise invalid(source, "it is damaged ({name})", name=DATABASE_MEMBER)
    if version > SCHEMA_VERSION:
        raise TreemError("BACKUP_NEWER", path=source, found=version, known=SCHEMA_VERSION)


def _check_commune(data_dir: DataDirChoice, source: Path, manifest: Manifest) -> None:
    current = current_commune_code(data_dir)
    commune = manifest.summary.get("commune") or {}
    if current is not None and commune.get("code") not in (None, current):
        raise TreemError(
            "BACKUP_OTHER_COMMUNE",
            path=source,
            other=str(commune.get("name")),
            commune=current,
        )


def _keep_current_state(data_dir: DataDirChoice, job: Job) -> Path | None:
    """A backup of the state before the restore; the old files when the database is damaged."""
    if not _data_entries(data_dir):
        return None  # an empty folder: a new computer
    try:
        return _backup_current(data_dir, job).path
    except JobCancelled:
        raise
    except (TreemError, sqlite3.Error) as error:
        log.warning("the state before the restore cannot be backed up (%s): kept as files", error)
    kept = data_dir.backups_dir / f"{KEPT_PREFIX}{dt.datetime.now().strftime(STAMP)}"
    kept.mkdir(parents=True, exist_ok=False)
    for entry in _data_entries(data_dir):
        if entry.is_dir():
            shutil.copytree(entry, kept / entry.name)
        else:
            shutil.copy2(entry, kept)
    private_tree(kept)
    return kept


def _backup_current(data_dir: DataDirChoice, job: Job) -> BackupInfo:
    if current_commune_code(data_dir) is None:
        raise TreemError("DB_LOST", path=data_dir.path)
    with closing(connect(data_dir.database)) as conn:
        quick = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if quick != ["ok"]:
            raise TreemError("DB_CORRUPT", path=data_dir.database, detail="; ".join(quick[:3]))
        return create_backup(data_dir, conn, reason=Reason.BEFORE_RESTORE, job=job)


def _data_entries(data_dir: DataDirChoice) -> list[Path]:
    """The top-level files and folders a restore replaces (the database with its WAL too)."""
    return [
        entry
        for entry in sorted(data_dir.path.iterdir())
        if not entry.name.startswith(".") and entry.name not in _KEPT_TOP
    ]


def _swap_in(data_dir: DataDirChoice, staging: Path) -> None:
    """Move the current data aside and the unpacked data in; put everything back on failure."""
    aside = Path(tempfile.mkdtemp(prefix=".replaced-", dir=data_dir.path))
    moved: list[str] = []
    placed: list[str] = []
    try:
        for entry in _data_entries(data_dir):
            os.replace(entry, aside / entry.name)
            moved.append(entry.name)
        for entry in sorted(staging.iterdir()):
            os.replace(entry, data_dir.path / entry.name)
            placed.append(entry.name)
    except OSError:
        _undo(data_dir.path, aside, moved, placed)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def _undo(folder: Path, aside: Path, moved: list[str], placed: list[str]) -> None:
    for name in placed:
        target = folder / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
    for name in moved:
        os.replace(aside / name, folder / name)
