"""A full disk, however it shows: ENOSPC, EFBIG (a size limit), EDQUOT (a quota).

The services turn a failed write into FILE_UNWRITABLE with the system's words ("No space left
on device", in English); at the edge, a full disk behind it is told as DISK_FULL instead, in
the user's language, with what to do.
"""

from __future__ import annotations

import errno

from treem_desktop.errors import TreemError

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})


def is_disk_full(error: BaseException | None) -> bool:
    """Whether ``error``, or what caused it (a few links down), is a full disk."""
    for _depth in range(5):
        if error is None:
            return False
        if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
            return True
        error = error.__cause__ or error.__context__
    return False


def disk_full_instead(error: TreemError) -> TreemError:
    """DISK_FULL for a write refused because the disk is full; ``error`` otherwise."""
    if error.code != "DISK_FULL" and is_disk_full(error.__cause__ or error.__context__):
        return TreemError("DISK_FULL")
    return error


def environment_of(error: BaseException) -> TreemError | None:
    """DISK_FULL (or another environment error) when ``error`` or what caused it is one."""
    import sqlite3

    from treem_desktop.storage.database import environment_error

    if is_disk_full(error):
        return TreemError("DISK_FULL")
    seen: BaseException | None = error
    for _depth in range(5):
        if seen is None:
            return None
        if isinstance(seen, sqlite3.Error):
            mapped = environment_error(seen)
            if isinstance(mapped, TreemError):
                return mapped
        seen = seen.__cause__ or seen.__context__
    return None
