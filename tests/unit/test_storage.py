"""The database: WAL and foreign keys, transactions, migrations with a backup, refusals."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from treem_desktop.errors import TreemError
from treem_desktop.storage.database import (
    APPLICATION_ID,
    connect,
    environment_error,
    transaction,
)
from treem_desktop.storage.migrations import MIGRATION_NAMES, SCHEMA_VERSION
from treem_desktop.storage.opening import integrity_report, open_database

SNAPSHOTS = Path(__file__).resolve().parents[1] / "data" / "db"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "t.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == list(MIGRATION_NAMES)
    conn.close()


def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "t.sqlite3")
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute("INSERT INTO app_setting VALUES ('a', '1')")
        raise RuntimeError("power cut")
    assert conn.execute("SELECT count(*) FROM app_setting").fetchone()[0] == 0
    with transaction(conn):
        conn.execute("INSERT INTO app_setting VALUES ('a', '1')")
    assert conn.execute("SELECT value FROM app_setting").fetchone()[0] == "1"
    conn.close()


def test_committed_data_survives_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    conn = open_database(path)
    with transaction(conn):
        conn.execute("INSERT INTO app_setting VALUES ('kept', 'yes')")
    conn.close()
    again = open_database(path)
    assert again.execute("SELECT value FROM app_setting").fetchone()[0] == "yes"
    again.close()


def test_reopening_an_up_to_date_database_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    open_database(path).close()
    open_database(path).close()
    assert list(tmp_path.glob("*.bak")) == []


@pytest.mark.parametrize("schema", [1, 2, 3, 4, 5, 6, 7, 8])
def test_every_released_schema_migrates_with_a_backup_beside_it(
    tmp_path: Path, schema: int
) -> None:
    path = tmp_path / "treem.sqlite3"
    shutil.copy(SNAPSHOTS / f"schema-{schema}.sqlite", path)
    conn = open_database(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT commune_name FROM commune").fetchone()[0] == "Xã Mường Phăng"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    expected = {"audit_log", "eval_round", "eval_value", "standard_file", "form_value"}
    assert expected | {"outgoing_document", "plan_task", "packet_log", "outbox_entry"} <= tables
    assert integrity_report(conn)["status"] == "ok"
    conn.close()
    backups = list(tmp_path.glob(f"treem.sqlite3.v{schema}-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == schema
        tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
        assert "commune" in tables and ("outbox_entry" in tables) == (schema >= 7)
        assert copy.execute("SELECT signer_name FROM commune").fetchone()[0] == "Lò Văn Tâm"
    copy.close()


def test_packets_built_before_the_outbox_enter_it_as_built(tmp_path: Path) -> None:
    path = tmp_path / "treem.sqlite3"
    shutil.copy(SNAPSHOTS / "schema-6.sqlite", path)
    conn = open_database(path)
    rows = conn.execute("SELECT sequence, state, route FROM outbox_entry").fetchall()
    assert [tuple(r) for r in rows] == [(1, "built", "")]
    conn.close()


def test_schema_7_documents_keep_their_number_tasks_and_get_their_period(
    tmp_path: Path,
) -> None:
    path = tmp_path / "treem.sqlite3"
    shutil.copy(SNAPSHOTS / "schema-7.sqlite", path)
    conn = open_database(path)
    rows = conn.execute(
        "SELECT id, year, period, numbering, number, number_year, status, issued_on "
        "FROM outgoing_document ORDER BY id"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        (1, 2026, "2026", "register", 1, 2026, "issued", "2026-03-02"),
        (2, 2026, "2026", "", None, None, "draft", None),
    ]
    assert conn.execute("SELECT count(*) FROM plan_task WHERE document_id = 1").fetchone()[0] == 6
    conn.execute("DELETE FROM outgoing_document WHERE id = 1")  # the tasks' key still holds
    assert conn.execute("SELECT count(*) FROM plan_task").fetchone()[0] == 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_a_snapshot_exists_for_every_schema_but_the_current_one() -> None:
    found = sorted(int(p.stem.split("-")[1]) for p in SNAPSHOTS.glob("schema-*.sqlite"))
    assert found == list(range(1, SCHEMA_VERSION))


def newer_database(path: Path) -> Path:
    conn = open_database(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('treem', 'm0099_from_the_future', '2030-01-01')"
    )
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = newer_database(tmp_path / "treem.sqlite3")
    before = sorted(p.name for p in tmp_path.iterdir())
    fingerprint = digest(path)
    with pytest.raises(TreemError) as caught:
        open_database(path)
    assert caught.value.code == "DB_NEWER"
    assert str(SCHEMA_VERSION + 1) in caught.value.message()
    assert digest(path) == fingerprint
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE notes (body TEXT)")
    other.close()
    fingerprint = digest(path)
    with pytest.raises(TreemError) as caught:
        open_database(path)
    assert caught.value.code == "DB_NOT_TREEM"
    assert digest(path) == fingerprint


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "treem.sqlite3"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    fingerprint = digest(path)
    with pytest.raises(TreemError) as caught:
        open_database(path)
    assert caught.value.code == "DB_NOT_TREEM"
    assert digest(path) == fingerprint


def test_integrity_report_says_ok(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "t.sqlite3")
    report = integrity_report(conn)
    assert report["status"] == "ok"
    assert report["schema_version"] == SCHEMA_VERSION
    conn.close()


def test_integrity_report_finds_broken_foreign_keys(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "t.sqlite3")
    conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE child (parent_id INTEGER REFERENCES parent(id))")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO child VALUES (42)")
    report = integrity_report(conn)
    assert report["status"] == "damaged"
    assert report["foreign_key_violations"] == [{"table": "child", "rowid": 1, "parent": "parent"}]
    conn.close()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "t.sqlite3")
    conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE child (parent_id INTEGER REFERENCES parent(id))")
    with pytest.raises(sqlite3.IntegrityError), transaction(conn):
        conn.execute("INSERT INTO child VALUES (42)")
    conn.close()


def test_environment_errors_get_their_codes(tmp_path: Path) -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL
    error = environment_error(full)
    assert isinstance(error, TreemError) and error.code == "DISK_FULL"
    other = sqlite3.OperationalError("no such table: x")
    other.sqlite_errorcode = sqlite3.SQLITE_ERROR
    assert environment_error(other) is other


def test_a_full_disk_is_reported_and_nothing_is_half_written(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "t.sqlite3")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(TreemError) as caught, transaction(conn):
        conn.execute("INSERT INTO app_setting VALUES ('big', ?)", ("x" * page_size * 4,))
    assert caught.value.code == "DISK_FULL"
    assert conn.execute("SELECT count(*) FROM app_setting").fetchone()[0] == 0
    conn.close()


def test_a_read_only_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    open_database(path).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    with pytest.raises(TreemError) as caught, transaction(conn):
        conn.execute("INSERT INTO app_setting VALUES ('a', '1')")
    assert caught.value.code == "DISK_READ_ONLY"
    conn.close()


def test_connect_alone_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    conn = connect(path)
    conn.close()
    assert not path.exists() or path.stat().st_size == 0


def test_a_schema_3_round_still_scores_after_migrating(tmp_path: Path) -> None:
    from treem_desktop.commune.evaluation import open_round
    from treem_desktop.commune.workspace import open_workspace
    from treem_desktop.paths import resolve_data_dir

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(SNAPSHOTS / "schema-3.sqlite", folder / "treem.sqlite3")
    workspace = open_workspace(resolve_data_dir(folder), create=False)
    evaluation = open_round(workspace, 2026)
    assert evaluation.values["c6.a.numerator"] == 19
    assert evaluation.score().criterion("c6").subs[0].points == 50
    workspace.close()
