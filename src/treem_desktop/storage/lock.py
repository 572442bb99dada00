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
from types import ModuleType
from typing import IO, Protocol

from treem_desktop.errors import TreemError


class FileLocking(Protocol):
    """How the operating system locks an open file: taken at once or OSError."""

    def lock(self, handle: IO[bytes]) -> None: ...

    def unlock(self, handle: IO[bytes]) -> None: ...


class PosixLocking:
    """``flock`` on the whole file (Linux, macOS)."""

    def __init__(self, fcntl: ModuleType) -> None:
        self._fcntl = fcntl

    def lock(self, handle: IO[bytes]) -> None:
        self._fcntl.flock(handle.fileno(), self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)

    def unlock(self, handle: IO[bytes]) -> None:
        self._fcntl.flock(handle.fileno(), self._fcntl.LOCK_UN)


class WindowsLocking:
    """``msvcrt.locking`` of the first byte: Windows locks a region from the file position."""

    def __init__(self, msvcrt: ModuleType) -> None:
        self._msvcrt = msvcrt

    def lock(self, handle: IO[bytes]) -> None:
        handle.seek(0)
        self._msvcrt.locking(handle.fileno(), self._msvcrt.LK_NBLCK, 1)

    def unlock(self, handle: IO[bytes]) -> None:
        handle.seek(0)
        self._msvcrt.locking(handle.fileno(), self._msvcrt.LK_UNLCK, 1)


def system_locking(platform: str = sys.platform) -> FileLocking:
    """The locking of the running system (``platform`` as in ``sys.platform``)."""
    if platform == "win32":
        import msvcrt

        return WindowsLocking(msvcrt)
    import fcntl

    return PosixLocking(fcntl)


class DataDirLock:
    """The lock on a data folder, taken at once or refused with DATA_DIR_IN_USE."""

    def __init__(self, lock_file: Path, locking: FileLocking | None = None) -> None:
        self._path = lock_file
        self._handle: IO[bytes] | None = None
        self._locking = locking or system_locking()

    def acquire(self) -> None:
        handle = open(self._path, "a+b")  # noqa: SIM115 - held open while locked
        try:
            self._locking.lock(handle)
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
            self._locking.unlock(self._handle)
            self._handle.close()
            self._handle = None

    @property
    def is_locked(self) -> bool:
        return self._handle is not None
