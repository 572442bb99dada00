"""Whether a data folder is a receiving office's, read from its database's header only.

On the window's start-up path: it imports no more than the header reader (``office.folder``
brings the office's schema, profile and locking, ~5 ms the commune's start-up need not pay).
"""

from __future__ import annotations

from treem_desktop.paths import DataDirChoice
from treem_desktop.storage.roles import FolderRole, role_of


def is_office_folder(data_dir: DataDirChoice) -> bool:
    """Whether the folder's database is an office's (read from the SQLite header, unlocked)."""
    return role_of(data_dir.database) is FolderRole.OFFICE
