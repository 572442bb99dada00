"""One writer per data folder: an operating-system lock held while the folder is open.

The lock is released by the operating system when the process ends, so a crash or a power
cut never leaves the folder locked. It is the standard library's ``fcntl.flock`` on POSIX and
``msvcrt.locking`` on Windows: the ``filelock`` package does the same but took 25 ms to
import, a sixth of the start-up budget (benchmarks/startup.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from treem_desktop.errors import TreemError


class DataDirLock:
    """The lock on a data folder, taken at once or refused with DATA_DIR_IN_USE."""

    def __init__(self, lock_file: Path) -> None:
        self._path = lock_file
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        handle = open(self._path, "a+b")  # noqa: SIM115 - held open while locked
        try:
            _lock(handle)
        except OSError as error:
            handle.close()
            raise TreemError("DATA_DIR_IN_USE", path=self._path.parent) from error
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    @property
    def is_locked(self) -> bool:
        return self._handle is not None


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
