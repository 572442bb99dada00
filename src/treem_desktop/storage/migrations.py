"""The schema's history: an ordered chain of named migrations (sqlite-utils ``Migrations``).

Never edit or remove a migration that has been released; add a new one at the end. Each
released schema has a real database file in ``tests/data/db/`` that a test migrates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "treem"

_COMMUNE = """
CREATE TABLE commune (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    province_code TEXT NOT NULL,
    province_name TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    commune_name TEXT NOT NULL,
    division_type TEXT NOT NULL,
    category TEXT NOT NULL,
    officer_name TEXT NOT NULL DEFAULT '',
    signer_name TEXT NOT NULL DEFAULT '',
    signer_title TEXT NOT NULL DEFAULT 'Chủ tịch',
    recipient_name TEXT NOT NULL DEFAULT '',
    recipient_email TEXT NOT NULL DEFAULT '',
    issuer_abbreviations TEXT NOT NULL DEFAULT 'UBND',
    admin_units_version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE app_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
"""

_AUDIT_LOG = """
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at)
"""


def _run(db: Database, script: str) -> None:
    # executescript() would commit the migration's transaction; run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            db.conn.execute(statement)


def m0001_commune(db: Database) -> None:
    """The commune's profile and the application's settings."""
    _run(db, _COMMUNE)


def m0002_audit_log(db: Database) -> None:
    """Who changed what and when."""
    _run(db, _AUDIT_LOG)


MIGRATIONS: tuple[Callable[[Database], None], ...] = (m0001_commune, m0002_audit_log)
MIGRATION_NAMES: tuple[str, ...] = tuple(m.__name__ for m in MIGRATIONS)
SCHEMA_VERSION = len(MIGRATIONS)
