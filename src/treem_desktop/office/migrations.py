"""The office's schema: its own linear chain of named migrations (sqlite-utils ``Migrations``).

An office's data folder never holds a commune's tables and the other way round; the chain's set
name and the database's ``application_id`` say which role the folder is. Never edit a released
migration; add a new one at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from treem_desktop.storage.roles import FolderRole, SchemaChain

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "treem-office"

_OFFICE = """
CREATE TABLE office (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'district')),
    province_code TEXT NOT NULL,
    province_name TEXT NOT NULL,
    admin_units_version TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE office_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
"""

_TRUST = """
CREATE TABLE trusted_certificate (
    id INTEGER PRIMARY KEY,
    commune_code TEXT NOT NULL,
    commune_name TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    certificate_pem TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('confirmed', 'key-change')),
    added_at TEXT NOT NULL
);
CREATE INDEX trusted_certificate_commune ON trusted_certificate (commune_code)
"""

_RECEIVED = """
CREATE TABLE received_packet (
    id INTEGER PRIMARY KEY,
    packet_id TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL UNIQUE,
    commune_code TEXT NOT NULL,
    commune_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    created TEXT NOT NULL,
    file_name TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    source TEXT NOT NULL,
    received_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('current', 'pending', 'superseded', 'older')),
    replaces INTEGER REFERENCES received_packet (id),
    through_key_change INTEGER NOT NULL DEFAULT 0,
    manifest TEXT NOT NULL,
    data TEXT NOT NULL,
    receipt_written_at TEXT
);
CREATE INDEX received_packet_slot ON received_packet (commune_code, kind, period, sequence);
CREATE TABLE quarantined_packet (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    source TEXT NOT NULL,
    code TEXT NOT NULL,
    member TEXT NOT NULL DEFAULT '',
    params TEXT NOT NULL,
    commune_code TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    period TEXT NOT NULL DEFAULT '',
    quarantined_at TEXT NOT NULL,
    resolved_by INTEGER REFERENCES received_packet (id)
)
"""


_SIGNER = """
ALTER TABLE office ADD COLUMN signer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE office ADD COLUMN signer_title TEXT NOT NULL DEFAULT 'Giám đốc';
ALTER TABLE office ADD COLUMN signer_authority TEXT NOT NULL DEFAULT ''
    CHECK (signer_authority IN ('', 'KT.'))
"""


def _run(db: Database, script: str) -> None:
    # executescript() would commit the migration's transaction; run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            db.conn.execute(statement)


def o0001_office(db: Database) -> None:
    """The office's profile and settings (deadlines, target)."""
    _run(db, _OFFICE)


def o0002_trust(db: Database) -> None:
    """The communes' certificates the office trusts."""
    _run(db, _TRUST)


def o0003_received(db: Database) -> None:
    """Received packets and the quarantine."""
    _run(db, _RECEIVED)


def o0004_signer(db: Database) -> None:
    """Who signs the office's documents: name, position, on whose behalf (Decree 30)."""
    _run(db, _SIGNER)


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    o0001_office,
    o0002_trust,
    o0003_received,
    o0004_signer,
)
MIGRATION_NAMES: tuple[str, ...] = tuple(m.__name__ for m in MIGRATIONS)
SCHEMA_VERSION = len(MIGRATIONS)
OFFICE_CHAIN = SchemaChain(FolderRole.OFFICE, MIGRATION_SET, MIGRATIONS)
