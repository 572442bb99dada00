"""Which role a data folder serves, as its database says: a commune's or a receiving office's.

A folder is one or the other. Each role has its own schema chain, and its database carries the
role in SQLite's ``application_id``, so a folder says which it is before anything is opened,
and each side refuses the other's folder with words that say so.
"""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

HEADER_SIZE = 100
APPLICATION_ID_AT = slice(68, 72)  # where SQLite keeps application_id in the file's header


class FolderRole(enum.Enum):
    COMMUNE = 0x54524D44  # "TRMD"
    OFFICE = 0x54524F46  # "TROF"


@dataclass(frozen=True)
class SchemaChain:
    """A role's schema: its linear chain of named migrations (sqlite-utils ``Migrations``),
    the set name they are recorded under, and the role the database is marked with."""

    role: FolderRole
    set_name: str
    migrations: tuple[Callable[[Database], None], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(m.__name__ for m in self.migrations)

    @property
    def version(self) -> int:
        return len(self.migrations)


def role_of_id(application_id: int) -> FolderRole | None:
    try:
        return FolderRole(application_id)
    except ValueError:
        return None


def role_of(database: Path) -> FolderRole | None:
    """The role of the database at ``database`` (read from its header, without a lock);
    None when there is none, it is not SQLite, or another program's."""
    try:
        with database.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError:
        return None
    if len(header) < HEADER_SIZE or not header.startswith(b"SQLite format 3\x00"):
        return None
    found = int.from_bytes(header[APPLICATION_ID_AT], "big")
    if found == 0 and database.with_name(database.name + "-wal").exists():
        found = _application_id(database)  # set in the WAL, not yet checkpointed
    return role_of_id(found)


def _application_id(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(conn.execute("PRAGMA application_id").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
