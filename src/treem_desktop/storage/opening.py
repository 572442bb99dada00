"""Opening a data folder's database: refuse what is not ours or too new, back up, migrate.

The checks read the file without writing to it, so a refused file is left exactly as it was
(Vorta copies before migrating; qutebrowser refuses a newer schema).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from treem_desktop.errors import TreemError
from treem_desktop.storage.database import configure, connect, environment_error
from treem_desktop.storage.early_check import take_early_check
from treem_desktop.storage.migrations import COMMUNE_CHAIN
from treem_desktop.storage.roles import FolderRole, SchemaChain, role_of_id

log = logging.getLogger(__name__)


class SchemaState(NamedTuple):
    """What a database file holds before it is opened for writing (a named tuple: made at
    every start-up, ~0.1 ms to make against ~0.5 ms for a frozen dataclass on Python 3.11)."""

    application_id: int
    user_version: int
    applied: tuple[str, ...]
    has_tables: bool
    chain: SchemaChain = COMMUNE_CHAIN

    @property
    def pending(self) -> tuple[str, ...]:
        return tuple(n for n in self.chain.names if n not in self.applied)


BeforeMigration = Callable[[sqlite3.Connection, int], object]
"""Backs up the database (connection, schema version) before its schema changes."""


# What each role says of a folder that belongs to the other.
OTHER_ROLE_ERRORS = {
    FolderRole.COMMUNE: "COMMUNE_FOLDER_IS_OFFICE",
    FolderRole.OFFICE: "OFFICE_FOLDER_IS_COMMUNE",
}


def open_database(
    path: Path,
    *,
    chain: SchemaChain = COMMUNE_CHAIN,
    fresh_allowed: bool = True,
    before_migration: BeforeMigration | None = None,
) -> sqlite3.Connection:
    """A configured connection to an up-to-date database of ``chain``'s role at ``path``.

    With ``fresh_allowed`` a missing or empty file becomes a new database; without it (a
    folder that holds a commune's key, packets or evidence) it is refused as DB_LOST and
    nothing is created. ``before_migration`` makes the backup before a schema change (the
    data folder's full backup); without it the database is copied beside itself.
    """
    if not fresh_allowed and (not path.is_file() or path.stat().st_size == 0):
        raise TreemError("DB_LOST", path=path.parent)
    conn = connect(path)
    try:
        state = read_schema_state(conn, path, chain)
        if not state.has_tables and not fresh_allowed:
            raise TreemError("DB_LOST", path=path.parent)
        refuse_foreign_or_newer(state, path)
        configure(conn)
        if state.pending:
            if state.applied:
                backup = before_migration or (lambda c, v: backup_before_migration(c, path, v))
                backup(conn, len(state.applied))
            apply_migrations(conn, chain)
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


def damage_error(error: sqlite3.Error, path: Path) -> Exception:
    """DB_CORRUPT for a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB); environment errors mapped."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return TreemError("DB_CORRUPT", path=path, detail=str(error))
    return environment_error(error)


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """``PRAGMA quick_check`` (a few milliseconds on a commune's database); DB_CORRUPT if not ok.

    The window's start-up began it on a second thread (storage/early_check.py): its answer is
    taken here when the file has not changed since, else the file is checked now.
    """
    started = time.perf_counter()
    found = take_early_check(path)
    try:
        if found is None:
            found = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as error:
        raise damage_error(error, path) from error
    log.info("quick_check: %s in %.1f ms", found[:1], (time.perf_counter() - started) * 1000)
    if found != ["ok"]:
        raise TreemError("DB_CORRUPT", path=path, detail="; ".join(found[:3]))


def read_schema_state(
    conn: sqlite3.Connection, path: Path, chain: SchemaChain = COMMUNE_CHAIN
) -> SchemaState:
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        applied: tuple[str, ...] = ()
        if "_sqlite_migrations" in tables:
            rows = conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                (chain.set_name,),
            )
            applied = tuple(r[0] for r in rows)
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) in (sqlite3.SQLITE_NOTADB, None):
            raise TreemError("DB_NOT_TREEM", path=path) from error
        raise damage_error(error, path) from error
    return SchemaState(application_id, user_version, applied, bool(tables), chain)


def refuse_foreign_or_newer(state: SchemaState, path: Path) -> None:
    chain = state.chain
    if state.has_tables and state.application_id != chain.role.value:
        if role_of_id(state.application_id) is not None:
            raise TreemError(OTHER_ROLE_ERRORS[chain.role], path=path.parent)
        raise TreemError("DB_NOT_TREEM", path=path)
    unknown = [n for n in state.applied if n not in chain.names]
    if unknown or state.user_version > chain.version:
        found = max(state.user_version, len(state.applied))
        raise TreemError("DB_NEWER", path=path, found=found, known=chain.version)


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database beside itself before changing its schema; returns the copy's path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    with sqlite3.connect(target) as copy:
        conn.backup(copy)
    copy.close()
    log.info("database backed up to %s before migrating from schema %s", target, version)
    return target


def apply_migrations(conn: sqlite3.Connection, chain: SchemaChain = COMMUNE_CHAIN) -> None:
    from sqlite_utils import Database, Migrations

    migrations = Migrations(chain.set_name)
    for migration in chain.migrations:
        migrations()(migration)
    db = Database(conn)
    try:
        migrations.apply(db)
    except sqlite3.Error as error:
        raise environment_error(error) from error
    conn.execute(f"PRAGMA application_id = {chain.role.value}")
    conn.execute(f"PRAGMA user_version = {chain.version}")
    log.info("%s database schema is now %s", chain.role.name.lower(), chain.version)


def integrity_report(conn: sqlite3.Connection) -> dict[str, object]:
    """``PRAGMA integrity_check`` and ``foreign_key_check``, with the schema version."""
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    foreign = [
        {"table": r[0], "rowid": r[1], "parent": r[2]}
        for r in conn.execute("PRAGMA foreign_key_check")
    ]
    ok = integrity == ["ok"] and not foreign
    return {
        "status": "ok" if ok else "damaged",
        "integrity_check": integrity,
        "foreign_key_violations": foreign,
        "schema_version": conn.execute("PRAGMA user_version").fetchone()[0],
        "known_schema_version": COMMUNE_CHAIN.version,
    }
