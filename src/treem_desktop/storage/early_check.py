"""The database's ``PRAGMA quick_check`` started on a second thread before the window's modules
are imported, and taken by :func:`~treem_desktop.storage.opening.quick_check` where the
opening checks the file, as before.

The check reads the whole file (~2 ms for a year of data, growing with every year); SQLite
releases the interpreter's lock while it reads, so it runs beside ~15 ms of imports. Nothing is
decided earlier than before: the opening still refuses a damaged file at the same point, before
anything is read for the window or written. Its answer is used only when the file is exactly as
it was checked (same size and time of change of the database and its write-ahead log, the
checking connection kept open until then so that closing it does not fold the log into the
file); otherwise the opening checks again itself.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

FileState = tuple[int, int, int, int]


class EarlyCheck:
    """One check of one file, running or done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: list[str] | None = None  # quick_check's lines; None if it could not run
        self.state: FileState | None = None
        self._conn: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._run, name="early-check", daemon=True)

    def start(self) -> EarlyCheck:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            # mode=rw: a file removed meanwhile is not created again; query_only: no writes.
            uri = self.path.resolve().as_uri() + "?mode=rw"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._conn.execute("PRAGMA query_only = ON")
            self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the log opened
            before = file_state(self.path)
            found = [str(r[0]) for r in self._conn.execute("PRAGMA quick_check")]
            if file_state(self.path) == before:
                self.found, self.state = found, before
        except (sqlite3.Error, OSError):
            self.found = None  # the opening checks, and reports, itself

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> list[str] | None:
        """quick_check's lines when the file has not changed since; None otherwise. Waits for
        the check, then closes its connection (after the opening's own is open)."""
        self.wait()
        try:
            unchanged = self.found is not None and self.state == file_state(self.path)
        except OSError:  # removed since: the opening reports it
            unchanged = False
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        return self.found if unchanged else None


_started: dict[Path, EarlyCheck] = {}


def start_early_check(database: Path) -> None:
    """Start checking ``database`` if it exists (a first run has none)."""
    if database.is_file() and database not in _started:
        _started[database] = EarlyCheck(database).start()


def take_early_check(database: Path) -> list[str] | None:
    """The early check's lines for ``database``, once; None when there is none to use."""
    check = _started.pop(database, None)
    return check.result() if check is not None else None


def drop_early_check(database: Path) -> None:
    """Close an early check the opening did not take (it failed before its check): no second
    connection stays open on a file that a restore may replace."""
    take_early_check(database)


def file_state(database: Path) -> FileState:
    """What a write would change: the sizes and times of change of the file and its log."""
    stat = database.stat()
    try:
        log = os.stat(database.with_name(database.name + "-wal"))
    except FileNotFoundError:
        return stat.st_size, stat.st_mtime_ns, 0, 0
    return stat.st_size, stat.st_mtime_ns, log.st_size, log.st_mtime_ns
