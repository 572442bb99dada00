"""The office's data folder: its lock, its database (the office's schema chain) and its files.

A folder is one role or the other: the office's database carries its own ``application_id``
(:data:`OFFICE_APPLICATION_ID`) and schema chain, and a commune's folder is refused here
(``OFFICE_FOLDER_IS_COMMUNE``), as an office's folder is refused by the commune's opening.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from treem_desktop.errors import TreemError
from treem_desktop.office import migrations
from treem_desktop.office.profile import OfficeProfile, load_profile
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage.database import APPLICATION_ID, configure, connect, environment_error
from treem_desktop.storage.lock import DataDirLock
from treem_desktop.storage.opening import backup_before_migration, damage_error
from treem_desktop.storage.private_folder import make_private

OFFICE_APPLICATION_ID = 0x54524F46  # "TROF": a Treem receiving office's database
KEYS_DIR = "khoa-co-quan"
RECEIVED_DIR = "goi-nhan"
QUARANTINE_DIR = "cach-ly"


@dataclass
class OfficeFolder:
    """An open office data folder (locked until :meth:`close`)."""

    data_dir: DataDirChoice
    conn: sqlite3.Connection
    _lock: DataDirLock

    @property
    def path(self) -> Path:
        return self.data_dir.path

    def folder(self, name: str) -> Path:
        """A sub-folder of the data folder (created, the user's alone)."""
        target = self.path / name
        target.mkdir(parents=True, exist_ok=True)
        return target

    def profile(self) -> OfficeProfile | None:
        return load_profile(self.conn)

    def require_profile(self) -> OfficeProfile:
        profile = self.profile()
        if profile is None:
            raise TreemError("OFFICE_NOT_SET")
        return profile

    def close(self) -> None:
        self.conn.close()
        self._lock.release()

    @contextlib.contextmanager
    def own_connection(self) -> Iterator[OfficeFolder]:
        """The same folder through a second connection, for work off the window's thread
        (the lock stays with this one; do not close the one yielded)."""
        conn = open_office_database(self.data_dir.database)
        try:
            yield OfficeFolder(self.data_dir, conn, self._lock)
        finally:
            conn.close()

    def __enter__(self) -> OfficeFolder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def is_office_folder(data_dir: DataDirChoice) -> bool:
    """Whether the folder's database is an office's (read from the SQLite header, unlocked)."""
    try:
        with data_dir.database.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    if len(header) < 72 or not header.startswith(b"SQLite format 3\x00"):
        return False
    found = int.from_bytes(header[68:72], "big")
    if found == 0 and data_dir.database.with_name(data_dir.database.name + "-wal").exists():
        found = _application_id(data_dir.database)  # set in the WAL, not yet checkpointed
    return found == OFFICE_APPLICATION_ID


def _application_id(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(conn.execute("PRAGMA application_id").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def open_office(data_dir: DataDirChoice, *, create: bool = False) -> OfficeFolder:
    """Lock the folder and open the office's database (made when ``create``)."""
    if not create and not data_dir.database.exists():
        raise TreemError("OFFICE_NOT_SET")
    if create and data_dir.holds_commune_data():
        raise TreemError("OFFICE_FOLDER_IS_COMMUNE", path=data_dir.path)
    try:
        data_dir.path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise TreemError("DATA_DIR_UNWRITABLE", path=data_dir.path) from error
    lock = DataDirLock(data_dir.lock_file)
    lock.acquire()
    try:
        conn = open_office_database(data_dir.database)
    except BaseException:
        lock.release()
        raise
    make_private(data_dir.path, (data_dir.database,))
    return OfficeFolder(data_dir, conn, lock)


def open_office_database(path: Path) -> sqlite3.Connection:
    """A configured connection to the office's database, migrated to the current schema."""
    conn = connect(path)
    try:
        applied = _applied(conn, path)
        configure(conn)
        pending = [n for n in migrations.MIGRATION_NAMES if n not in applied]
        if pending:
            if applied:
                backup_before_migration(conn, path, len(applied))
            _apply(conn)
    except sqlite3.DatabaseError as error:
        conn.close()
        mapped = damage_error(error, path)
        if mapped is error:
            raise
        raise mapped from error
    except BaseException:
        conn.close()
        raise
    return conn


def _applied(conn: sqlite3.Connection, path: Path) -> tuple[str, ...]:
    """The office migrations applied; refuses a commune's, a foreign or a newer database."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return ()
    if application_id == APPLICATION_ID:
        raise TreemError("OFFICE_FOLDER_IS_COMMUNE", path=path.parent)
    if application_id != OFFICE_APPLICATION_ID:
        raise TreemError("DB_NOT_TREEM", path=path)
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        (migrations.MIGRATION_SET,),
    )
    applied = tuple(r[0] for r in rows)
    if any(n not in migrations.MIGRATION_NAMES for n in applied):
        found, known = len(applied), migrations.SCHEMA_VERSION
        raise TreemError("DB_NEWER", path=path, found=found, known=known)
    return applied


def _apply(conn: sqlite3.Connection) -> None:
    from sqlite_utils import Database, Migrations

    chain = Migrations(migrations.MIGRATION_SET)
    for migration in migrations.MIGRATIONS:
        chain()(migration)
    try:
        chain.apply(Database(conn))
    except sqlite3.Error as error:
        raise environment_error(error) from error
    conn.execute(f"PRAGMA application_id = {OFFICE_APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION}")
