"""An open data folder: its lock, its database and its log, opened and closed together."""

from __future__ import annotations

import getpass
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage.commune_repo import load_profile
from treem_desktop.storage.database import configure, connect
from treem_desktop.storage.early_check import drop_early_check
from treem_desktop.storage.lock import DataDirLock
from treem_desktop.storage.opening import integrity_report as integrity_report
from treem_desktop.storage.opening import open_database, quick_check
from treem_desktop.storage.private_folder import make_private

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(eq=False)  # an open folder is itself, not its fields
class Workspace:
    """The data folder in use.

    Attributes:
        data_dir: the folder and the rule that chose it.
        conn: the database connection (WAL, foreign keys on).
        actor: who is recorded in the audit trail for changes made here.
    """

    data_dir: DataDirChoice
    conn: sqlite3.Connection
    actor: str
    _lock: DataDirLock | Any

    def profile(self) -> CommuneProfile | None:
        return load_profile(self.conn)

    def require_profile(self) -> CommuneProfile:
        profile = self.profile()
        if profile is None:
            raise TreemError("COMMUNE_NOT_SET")
        return profile

    def close(self) -> None:
        self.conn.close()
        self._lock.release()

    def with_database_closed(self, action: Callable[[], T]) -> T:
        """Run ``action`` (a restore) with the database closed and the folder still locked.

        The database is opened again afterwards, checked like at start.
        """
        self.conn.close()
        try:
            return action()
        finally:
            self.conn = _open_checked(self.data_dir, self.data_dir.holds_commune_data())

    @contextmanager
    def own_connection(self) -> Iterator[Workspace]:
        """The same data folder through a second connection, for work off the window's thread.

        SQLite connections are not for two threads at once: a send in the background writing
        "sent" while the window saves a field would share one transaction (or fail), and a
        connection closed under a running query can crash the process. The folder's lock stays
        with this workspace; the second connection is closed when the block ends.
        """
        conn = connect(self.data_dir.database)
        try:
            configure(conn)
            yield Workspace(self.data_dir, conn, self.actor, _HeldElsewhere())
        finally:
            conn.close()


class _HeldElsewhere:
    """The lock of a second connection: the first one's workspace holds and releases it."""

    def release(self) -> None:
        return None


def open_workspace(data_dir: DataDirChoice, *, create: bool, start_log: bool = True) -> Workspace:
    """Lock the folder and open its database, creating both when ``create`` is true.

    Without ``create``, a folder with no database is refused (DB_MISSING) and nothing is
    written, so a mistyped ``--data-dir`` leaves no trace. The window passes
    ``start_log=False`` and starts the log file once it is shown, to show sooner.
    """
    try:
        return _lock_and_open(data_dir, create=create, start_log=start_log)
    finally:  # a check begun at start-up (storage/early_check.py) never outlives the opening
        drop_early_check(data_dir.database)


def _lock_and_open(data_dir: DataDirChoice, *, create: bool, start_log: bool) -> Workspace:
    guarded = data_dir.holds_commune_data()
    if not create and not data_dir.database.exists():
        raise TreemError("DB_LOST" if guarded else "DB_MISSING", path=data_dir.path)
    try:
        data_dir.path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise TreemError("DATA_DIR_UNWRITABLE", path=data_dir.path) from error
    lock = DataDirLock(data_dir.lock_file)
    lock.acquire()
    try:
        if start_log:
            from treem_desktop.logs import start_file_log

            start_file_log(data_dir.log_dir)
        conn = _open_checked(data_dir, guarded)
    except BaseException:
        lock.release()
        raise
    log.info("opened %s (%s)", data_dir.path, data_dir.source)
    workspace = Workspace(data_dir, conn, _current_user(), lock)
    if _left_by_a_kill(workspace):  # packet numbers a kill left reserved (issue 14)
        from treem_desktop.commune.packet_numbers import settle_at_start

        settle_at_start(workspace)
    return workspace


RESERVED_STATE = "building"  # storage.packet_repo.BUILDING
OUTBOX_PARTS = ".TREEM_*.zip.*.part"  # the copies packet_numbers.settle_at_start removes


def _left_by_a_kill(workspace: Workspace) -> bool:
    """Whether a kill left a packet number reserved or an outbox copy cut short: the packet
    code that settles them (~4 ms of imports) is loaded only then, not at every start-up."""
    try:
        reserved = workspace.conn.execute(
            "SELECT 1 FROM packet_reservation WHERE state = ? LIMIT 1", (RESERVED_STATE,)
        ).fetchone()
    except sqlite3.Error:
        return True  # settle_at_start meets the error again and logs it
    return reserved is not None or any(workspace.data_dir.outbox_dir.glob(OUTBOX_PARTS))


def _open_checked(data_dir: DataDirChoice, guarded: bool) -> sqlite3.Connection:
    """The database, refused as lost or damaged (never re-created) in a folder with data."""
    try:
        conn = open_database(
            data_dir.database,
            fresh_allowed=not guarded,
            before_migration=lambda c, _v: _backup_before_migration(data_dir, c),
        )
    except TreemError as error:
        if guarded and error.code == "DB_NOT_TREEM":
            raise TreemError("DB_CORRUPT", path=data_dir.database, detail=error.code) from error
        raise
    try:
        quick_check(conn, data_dir.database)
    except BaseException:
        conn.close()
        raise
    make_private(data_dir.path, _private_files(data_dir))
    return conn


def _private_files(data_dir: DataDirChoice) -> tuple[Path, ...]:
    database = data_dir.database
    suffixes = ("", "-wal", "-shm")
    return (*(database.with_name(database.name + s) for s in suffixes), data_dir.lock_file)


def _backup_before_migration(data_dir: DataDirChoice, conn: sqlite3.Connection) -> None:
    """The folder's full backup before a schema change (a backup file, like any other)."""
    from treem_desktop.commune.backup import Reason, create_backup

    create_backup(data_dir, conn, reason=Reason.BEFORE_MIGRATION)


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
