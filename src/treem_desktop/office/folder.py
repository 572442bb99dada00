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
from treem_desktop.storage.database import transaction
from treem_desktop.storage.lock import DataDirLock
from treem_desktop.storage.opening import open_database
from treem_desktop.storage.private_folder import make_private
from treem_desktop.storage.roles import FolderRole, role_of

OFFICE_APPLICATION_ID = FolderRole.OFFICE.value  # "TROF": a Treem receiving office's database
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

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One unit of work on the office's database: all of it is kept, or none."""
        return transaction(self.conn)

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
    return role_of(data_dir.database) is FolderRole.OFFICE


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
    """A configured connection to the office's database, migrated to the current schema
    (a commune's, a foreign or a newer database is refused and left as it was)."""
    return open_database(path, chain=migrations.OFFICE_CHAIN)
