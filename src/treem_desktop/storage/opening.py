"""Opening a data folder's database: refuse what is not ours or too new, back up, migrate.

The checks read the file without writing to it, so a refused file is left exactly as it was
(Vorta copies before migrating; qutebrowser refuses a newer schema).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.storage.database import APPLICATION_ID, configure, connect, environment_error
from treem_desktop.storage.migrations import (
    MIGRATION_NAMES,
    MIGRATION_SET,
    MIGRATIONS,
    SCHEMA_VERSION,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SchemaState:
    """What a database file holds before it is opened for writing."""

    application_id: int
    user_version: int
    applied: tuple[str, ...]
    has_tables: bool

    @property
    def pending(self) -> tuple[str, ...]:
        return tuple(n for n in MIGRATION_NAMES if n not in self.applied)


def open_database(path: Path) -> sqlite3.Connection:
    """A configured connection to an up-to-date database at ``path`` (created if absent)."""
    conn = connect(path)
    try:
        state = read_schema_state(conn, path)
        refuse_foreign_or_newer(state, path)
        configure(conn)
        if state.pending:
            if state.applied:
                backup_before_migration(conn, path, len(state.applied))
            apply_migrations(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def read_schema_state(conn: sqlite3.Connection, path: Path) -> SchemaState:
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        applied: tuple[str, ...] = ()
        if "_sqlite_migrations" in tables:
            rows = conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                (MIGRATION_SET,),
            )
            applied = tuple(r[0] for r in rows)
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) in (sqlite3.SQLITE_NOTADB, None):
            raise TreemError("DB_NOT_TREEM", path=path) from error
        raise environment_error(error) from error
    return SchemaState(application_id, user_version, applied, bool(tables))


def refuse_foreign_or_newer(state: SchemaState, path: Path) -> None:
    if state.has_tables and state.application_id != APPLICATION_ID:
        raise TreemError("DB_NOT_TREEM", path=path)
    unknown = [n for n in state.applied if n not in MIGRATION_NAMES]
    if unknown or state.user_version > SCHEMA_VERSION:
        found = max(state.user_version, len(state.applied))
        raise TreemError("DB_NEWER", path=path, found=found, known=SCHEMA_VERSION)


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database beside itself before changing its schema; returns the copy's path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    with sqlite3.connect(target) as copy:
        conn.backup(copy)
    copy.close()
    log.info("database backed up to %s before migrating from schema %s", target, version)
    return target


def apply_migrations(conn: sqlite3.Connection) -> None:
    from sqlite_utils import Database, Migrations

    migrations = Migrations(MIGRATION_SET)
    for migration in MIGRATIONS:
        migrations()(migration)
    db = Database(conn)
    try:
        migrations.apply(db)
    except sqlite3.Error as error:
        raise environment_error(error) from error
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    log.info("database schema is now %s", SCHEMA_VERSION)


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
        "known_schema_version": SCHEMA_VERSION,
    }
