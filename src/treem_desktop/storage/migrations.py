"""The schema's history: an ordered chain of named migrations (sqlite-utils ``Migrations``).

Never edit or remove a migration that has been released; add a new one at the end. Each
released schema has a real database file in ``tests/data/db/`` that a test migrates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from treem_desktop.storage.roles import FolderRole, SchemaChain

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

_EVALUATION = """
CREATE TABLE standard_file (
    sha256 TEXT PRIMARY KEY,
    standard_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content BLOB NOT NULL,
    origin TEXT NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (standard_id, version)
);
CREATE TABLE eval_round (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    standard_sha256 TEXT NOT NULL REFERENCES standard_file (sha256),
    category TEXT NOT NULL,
    started_from INTEGER REFERENCES eval_round (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE eval_value (
    round_id INTEGER NOT NULL REFERENCES eval_round (id) ON DELETE CASCADE,
    input_id TEXT NOT NULL,
    value TEXT NOT NULL,
    explanation TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (round_id, input_id)
);
CREATE TABLE eval_criterion_note (
    round_id INTEGER NOT NULL REFERENCES eval_round (id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    data_date TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (round_id, criterion_id)
);
CREATE TABLE eval_evidence (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES eval_round (id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    added_at TEXT NOT NULL
)
"""

_FORM_VALUES = """
CREATE TABLE form_value (
    form_id TEXT NOT NULL,
    period TEXT NOT NULL,
    cell_id TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (form_id, period, cell_id)
);
CREATE TABLE form_comment (
    form_id TEXT NOT NULL,
    period TEXT NOT NULL,
    cell_id TEXT NOT NULL,
    comment TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (form_id, period, cell_id)
)
"""

_REGISTER = """
CREATE TABLE outgoing_document (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    type_code TEXT NOT NULL,
    issuer_code TEXT NOT NULL,
    number INTEGER,
    issued_on TEXT,
    summary TEXT NOT NULL,
    template_id TEXT NOT NULL DEFAULT '',
    edits TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL CHECK (status IN ('draft', 'issued')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'draft') = (number IS NULL))
);
CREATE UNIQUE INDEX outgoing_document_number
    ON outgoing_document (year, type_code, issuer_code, number)
    WHERE number IS NOT NULL;
CREATE TABLE plan_task (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES outgoing_document (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    content TEXT NOT NULL,
    lead_office TEXT NOT NULL DEFAULT '',
    partners TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX plan_task_due ON plan_task (due_on)
"""


_PACKET_LOG = """
CREATE TABLE packet_log (
    sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
    packet_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    previous_sha256 TEXT,
    created TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL
)
"""


_OUTBOX = """
CREATE TABLE outbox_entry (
    sequence INTEGER PRIMARY KEY REFERENCES packet_log (sequence),
    state TEXT NOT NULL
        CHECK (state IN ('built', 'queued', 'sent', 'acknowledged', 'failed')),
    route TEXT NOT NULL DEFAULT '',
    destination TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL,
    sent_at TEXT,
    failure_code TEXT NOT NULL DEFAULT '',
    failure_detail TEXT NOT NULL DEFAULT '',
    acknowledged_at TEXT,
    receipt_office TEXT NOT NULL DEFAULT ''
);
CREATE TABLE outbox_attempt (
    id INTEGER PRIMARY KEY,
    sequence INTEGER NOT NULL REFERENCES packet_log (sequence),
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    route TEXT NOT NULL DEFAULT '',
    destination TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_attempt_packet ON outbox_attempt (sequence, id);
INSERT INTO outbox_entry (sequence, state, updated)
    SELECT sequence, 'built', created FROM packet_log
"""


# The register's rebuild: a document's period apart from its issue date, the numbering way,
# an issued document without a number (left blank for the clerk), what was issued and its
# history. SQLite cannot change a CHECK, so both tables are rebuilt; the tasks are set aside
# first, because dropping the register with foreign keys on would delete them.
_REGISTER_V8 = """
CREATE TABLE plan_task_kept AS SELECT * FROM plan_task;
DROP TABLE plan_task;
CREATE TABLE outgoing_document_v8 (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    period TEXT NOT NULL,
    type_code TEXT NOT NULL,
    issuer_code TEXT NOT NULL,
    numbering TEXT NOT NULL DEFAULT '' CHECK (numbering IN ('', 'blank', 'typed', 'register')),
    number INTEGER,
    number_year INTEGER,
    issued_on TEXT,
    summary TEXT NOT NULL,
    template_id TEXT NOT NULL DEFAULT '',
    edits TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL CHECK (status IN ('draft', 'issued')),
    amending INTEGER NOT NULL DEFAULT 0,
    issued_copy TEXT NOT NULL DEFAULT '',
    history TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (status = 'issued' OR (number IS NULL AND issued_on IS NULL)),
    CHECK ((number IS NULL) = (number_year IS NULL))
);
INSERT INTO outgoing_document_v8 (id, year, period, type_code, issuer_code, numbering, number,
    number_year, issued_on, summary, template_id, edits, status, created_at, updated_at)
    SELECT id, year, CAST(year AS TEXT), type_code, issuer_code,
        CASE WHEN status = 'issued' THEN 'register' ELSE '' END, number,
        CASE WHEN number IS NULL THEN NULL ELSE year END, issued_on, summary, template_id,
        edits, status, created_at, updated_at
    FROM outgoing_document;
DROP TABLE outgoing_document;
ALTER TABLE outgoing_document_v8 RENAME TO outgoing_document;
CREATE UNIQUE INDEX outgoing_document_number
    ON outgoing_document (number_year, type_code, issuer_code, number)
    WHERE number IS NOT NULL;
CREATE TABLE plan_task (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES outgoing_document (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    content TEXT NOT NULL,
    lead_office TEXT NOT NULL DEFAULT '',
    partners TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    after_days INTEGER CHECK (after_days IS NULL OR after_days >= 0),
    done INTEGER NOT NULL DEFAULT 0
);
INSERT INTO plan_task (id, document_id, position, content, lead_office, partners, due_on, done)
    SELECT id, document_id, position, content, lead_office, partners, due_on, done
    FROM plan_task_kept;
DROP TABLE plan_task_kept;
CREATE INDEX plan_task_due ON plan_task (due_on)
"""


# A packet's number is reserved before its file is written and settled afterwards (issue 14):
# "building" while the file may be half made, "void" when it was never finished. A void number
# is never used again; built packets are in packet_log and their reservation is gone.
_PACKET_RESERVATION = """
CREATE TABLE packet_reservation (
    sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
    state TEXT NOT NULL CHECK (state IN ('building', 'void')),
    packet_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    path TEXT NOT NULL,
    reserved_at TEXT NOT NULL,
    voided_at TEXT
)
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


def m0003_evaluation(db: Database) -> None:
    """Evaluation rounds against a standard: the standard's bytes, values, notes, evidence."""
    _run(db, _EVALUATION)


def m0004_form_values(db: Database) -> None:
    """Values and comments of indicator sets and report tables, by form, period and cell."""
    _run(db, _FORM_VALUES)


def m0005_register(db: Database) -> None:
    """The outgoing-document register (sổ văn bản đi) and the tasks of plans."""
    _run(db, _REGISTER)


def m0006_packet_log(db: Database) -> None:
    """The packets the commune has built: their sequence, which only grows, and their hashes."""
    _run(db, _PACKET_LOG)


def m0007_outbox(db: Database) -> None:
    """The outbox (hộp thư đi): each packet's state and route, and every attempt to send it."""
    _run(db, _OUTBOX)


def m0008_document_period(db: Database) -> None:
    """Documents: the period apart from the issue date, the numbering way, blank numbers,
    what was issued (locked) and its history, and deadlines counted from the issue date."""
    _run(db, _REGISTER_V8)


def m0009_packet_reservation(db: Database) -> None:
    """Packet numbers reserved before the file is written, so a kill never reuses one."""
    _run(db, _PACKET_RESERVATION)


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    m0001_commune,
    m0002_audit_log,
    m0003_evaluation,
    m0004_form_values,
    m0005_register,
    m0006_packet_log,
    m0007_outbox,
    m0008_document_period,
    m0009_packet_reservation,
)
MIGRATION_NAMES: tuple[str, ...] = tuple(m.__name__ for m in MIGRATIONS)
SCHEMA_VERSION = len(MIGRATIONS)
COMMUNE_CHAIN = SchemaChain(FolderRole.COMMUNE, MIGRATION_SET, MIGRATIONS)
