"""The data folder is the user's alone: 0700 for folders and 0600 for files on POSIX.

On Windows the per-user data folder (``%LOCALAPPDATA%``) is already private: the user
profile's ACL grants it to the user, SYSTEM and Administrators only, and new files inherit
that ACL, so nothing is changed there (docs/security.md). A folder chosen with ``--data-dir``
or a portable ``treem-data`` folder keeps the ACL of where it is.

``platform`` is a seam: tests run the POSIX code anywhere and check it does nothing on
Windows.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private(folder: Path, files: tuple[Path, ...] = (), *, platform: str = os.name) -> None:
    """Make ``folder`` and ``files`` the user's alone; a folder open to others is tightened whole.

    The whole tree is walked only when the folder itself was open to others (a folder made by
    an earlier version); afterwards only the named files are set, so start-up stays cheap.
    """
    if platform != "posix":
        return
    try:
        was_open = stat.S_IMODE(folder.stat().st_mode) & 0o077
        if was_open:
            _tighten_tree(folder)
        _set_mode(folder, FOLDER_MODE)
        for path in files:
            if path.exists():
                _set_mode(path, FILE_MODE)
    except OSError as error:  # a folder on a FAT stick has no modes: nothing to protect there
        log.warning("could not make %s private: %s", folder, error)


def private_file(path: Path, *, platform: str = os.name) -> None:
    """A file the app has just written (a backup): the user's alone."""
    if platform == "posix":
        _set_mode(path, FILE_MODE)


def private_tree(folder: Path, *, platform: str = os.name) -> None:
    """Every folder and file under ``folder`` the user's alone (files just unpacked or copied)."""
    if platform == "posix":
        _tighten_tree(folder)


def _tighten_tree(folder: Path) -> None:
    for root, dirs, names in os.walk(folder):
        for name in dirs:
            _set_mode(Path(root) / name, FOLDER_MODE)
        for name in names:
            path = Path(root) / name
            if not path.is_symlink():
                _set_mode(path, FILE_MODE)
    log.info("made %s the user's alone (folders 0700, files 0600)", folder)


def _set_mode(path: Path, mode: int) -> None:
    if stat.S_IMODE(path.stat().st_mode) != mode:
        os.chmod(path, mode)
