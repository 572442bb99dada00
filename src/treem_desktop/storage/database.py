"""Connections and transactions, with SQLite's environment errors turned into TreemErrors.

qutebrowser's lesson: a full disk, a read-only file or a lock held by another program are
conditions the user can act on, not bugs; they get their own codes and messages.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.storage.roles import FolderRole

APPLICATION_ID = FolderRole.COMMUNE.value  # "TRMD": marks the file as a commune's Treem database
BUSY_TIMEOUT_MS = 5000

_ENVIRONMENT_CODES = {
    sqlite3.SQLITE_FULL: "DISK_FULL",
    sqlite3.SQLITE_READONLY: "DISK_READ_ONLY",
    sqlite3.SQLITE_BUSY: "DB_BUSY",
    sqlite3.SQLITE_LOCKED: "DB_BUSY",
}
_DISK_FULL_IO_ERRORS = {
    getattr(sqlite3, "SQLITE_IOERR_SHMSIZE", 4874),  # the -shm file cannot grow: no room
    getattr(sqlite3, "SQLITE_IOERR_WRITE", 778),  # a write refused: no room, too large, quota
}
"""The "disk I/O error"s a full disk causes: SQLite says SQLITE_FULL only when a write of
the database itself meets ENOSPC; growing the WAL's index, or any write meeting a size limit
(EFBIG) or a quota, comes back as an I/O error instead."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode; :func:`transaction` groups writes.

    Nothing is written here, so a file can be inspected (and refused) untouched before
    :func:`configure` switches it to WAL.
    """
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def configure(conn: sqlite3.Connection) -> None:
    """WAL with full sync (a power cut loses nothing committed) and foreign keys on."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block as one write transaction: all of it is kept, or none of it. Inside an
    open transaction the block is a savepoint of it (kept only if the outer one is)."""
    if conn.in_transaction:
        yield from _savepoint(conn)
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise environment_error(error) from error
    try:
        yield conn
    except sqlite3.Error as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        mapped = environment_error(error)
        if mapped is error:
            raise
        raise mapped from error
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise environment_error(error) from error


def _savepoint(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("SAVEPOINT nested")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK TO nested")
        conn.execute("RELEASE nested")
        raise
    conn.execute("RELEASE nested")


def environment_error(error: sqlite3.Error) -> Exception:
    """The TreemError for a disk-full, read-only or busy condition; other errors as they are."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return error
    if code in _DISK_FULL_IO_ERRORS:
        return TreemError("DISK_FULL")
    name = _ENVIRONMENT_CODES.get(code & 0xFF)
    return TreemError(name) if name else error
