"""Backups: made and verified, restored as they were, hostile files refused with nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from treem_desktop.commune.backup import (
    Reason,
    backup_if_changed,
    create_backup,
    list_backups,
    prune_backups,
)
from treem_desktop.commune.backup_restore import restore_backup
from treem_desktop.commune.backup_retention import backups_to_keep
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.errors import TreemError
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage.backup_file import MANIFEST_NAME, read_manifest
from treem_desktop.storage.lock import DataDirLock
from treem_desktop.storage.private_folder import make_private


def _officer(workspace: Workspace) -> str:
    return str(workspace.conn.execute("SELECT officer_name FROM commune").fetchone()[0])


def _set_officer(workspace: Workspace, name: str) -> None:
    workspace.conn.execute("UPDATE commune SET officer_name = ?", (name,))


def _restore(data_dir: DataDirChoice, source: Path) -> Any:
    lock = DataDirLock(data_dir.lock_file)
    lock.acquire()
    try:
        return restore_backup(data_dir, source)
    finally:
        lock.release()


def _tree(folder: Path) -> dict[str, str]:
    """Every file of the data folder but the backups and logs, with its hash."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] not in ("sao-luu", "logs")
    }


def _add_evidence(data_dir: DataDirChoice, text: str) -> Path:
    path = data_dir.path / "evidence" / "2026" / "bien-ban.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_backup_change_restore_finds_the_data_as_they_were(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    _set_officer(workspace, "Lò Thị Hoa")
    evidence = _add_evidence(data_dir, "biên bản gốc")
    made = create_backup(data_dir, workspace.conn, reason=Reason.MANUAL)
    _set_officer(workspace, "Người khác")
    evidence.write_text("đã sửa", encoding="utf-8")
    (data_dir.path / "evidence" / "moi.txt").write_text("mới", encoding="utf-8")
    workspace.close()

    outcome = _restore(data_dir, made.path)

    reopened = open_workspace(data_dir, create=False)
    try:
        assert _officer(reopened) == "Lò Thị Hoa"
    finally:
        reopened.close()
    assert evidence.read_text(encoding="utf-8") == "biên bản gốc"
    assert not (data_dir.path / "evidence" / "moi.txt").exists()
    assert outcome.kept_as is not None and outcome.kept_as.is_file()  # the state before
    kept = read_manifest(outcome.kept_as)
    assert kept.reason == Reason.BEFORE_RESTORE
    assert "evidence/moi.txt" in {m.name for m in kept.members}


def test_a_backup_is_verified_and_names_what_it_holds(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    made = create_backup(data_dir, workspace.conn, reason=Reason.MANUAL)
    manifest = read_manifest(made.path)
    assert manifest.summary["commune"]["code"] == "03325"
    names = {m.name for m in manifest.members}
    assert "treem.sqlite3" in names
    assert not any(n.startswith(("logs/", "sao-luu/")) or n == "treem.lock" for n in names)
    assert list(data_dir.backups_dir.glob(".*")) == []  # no temporary file left
    assert not any(p.name.startswith(".backup-") for p in data_dir.path.iterdir())


def test_nothing_changed_makes_no_new_automatic_backup(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    assert backup_if_changed(data_dir, workspace.conn) is not None
    assert backup_if_changed(data_dir, workspace.conn) is None
    _set_officer(workspace, "Lò Thị Hoa")
    assert backup_if_changed(data_dir, workspace.conn) is not None
    _add_evidence(data_dir, "ảnh")
    assert backup_if_changed(data_dir, workspace.conn) is not None
    assert len(list_backups(data_dir)) == 3


def test_a_migration_is_preceded_by_a_full_backup(tmp_path: Path) -> None:
    import shutil

    from treem_desktop.paths import resolve_data_dir
    from treem_desktop.storage.migrations import SCHEMA_VERSION

    data_dir = resolve_data_dir(tmp_path / "old")
    data_dir.path.mkdir()
    snapshots = Path(__file__).resolve().parents[1] / "data" / "db"
    shutil.copy(snapshots / "schema-1.sqlite", data_dir.database)
    open_workspace(data_dir, create=False).close()
    (backup,) = list_backups(data_dir)
    assert backup.manifest.reason == Reason.BEFORE_MIGRATION
    assert backup.manifest.schema_version == 1 < SCHEMA_VERSION
    assert backup.manifest.summary["commune"]["name"] == "Xã Mường Phăng"
    assert list(data_dir.path.glob("*.bak")) == []


# Damage at start -------------------------------------------------------------------------


def _truncate_half(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


DAMAGES: dict[str, Callable[[Path], object]] = {
    "emptied": lambda p: p.write_bytes(b""),
    "deleted": lambda p: p.unlink(),
    "half-truncated": _truncate_half,
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_lost_or_damaged_database_beside_a_key_is_reported_not_recreated(
    workspace: Workspace, data_dir: DataDirChoice, damage: str
) -> None:
    (data_dir.path / "keys").mkdir(exist_ok=True)
    (data_dir.path / "keys" / "commune-cert.pem").write_text("cert", encoding="utf-8")
    for _round in range(3):  # enough pages for a half-truncated file to lose some
        workspace.conn.execute("INSERT INTO app_setting VALUES (?, ?)", (f"k{_round}", "x" * 9000))
    workspace.close()
    DAMAGES[damage](data_dir.database)
    before = _tree(data_dir.path)
    for create in (False, True):
        with pytest.raises(TreemError) as caught:
            open_workspace(data_dir, create=create)
        assert caught.value.code in ("DB_LOST", "DB_CORRUPT")
    assert _tree(data_dir.path) == before


def test_an_empty_new_folder_is_still_created(data_dir: DataDirChoice) -> None:
    open_workspace(data_dir, create=True).close()
    assert data_dir.database.stat().st_size > 0


# Hostile backup files ---------------------------------------------------------------------


def _rewrite(
    good: Path, target: Path, mutate: Callable[[dict[str, Any], dict[str, bytes]], None]
) -> Path:
    """A copy of ``good`` with its members and manifest changed by ``mutate`` (hashes redone)."""
    with zipfile.ZipFile(good) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        files = {n: archive.read(n) for n in archive.namelist() if n != MANIFEST_NAME}
    mutate(manifest, files)
    if not manifest.get("keep_members"):
        manifest["members"] = [
            {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
            for n, b in files.items()
        ]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
        archive.writestr(MANIFEST_NAME, json.dumps(manifest))
    return target


def _add(name: str, body: bytes = b"x") -> Callable[[dict[str, Any], dict[str, bytes]], None]:
    return lambda _m, files: files.__setitem__(name, body)


def _set(key: str, value: object) -> Callable[[dict[str, Any], dict[str, bytes]], None]:
    return lambda manifest, _f: manifest.__setitem__(key, value)


def _lie_size(manifest: dict[str, Any], files: dict[str, bytes]) -> None:
    manifest["keep_members"] = True
    manifest["members"] = [
        {"name": n, "size": len(b) + 1, "sha256": hashlib.sha256(b).hexdigest()}
        for n, b in files.items()
    ]


def _tamper(manifest: dict[str, Any], files: dict[str, bytes]) -> None:
    _lie_size(manifest, files)
    for member in manifest["members"]:
        member["size"] -= 1
    files["keys/commune-cert.pem"] = b"forged" + files["keys/commune-cert.pem"][6:]


HOSTILE: dict[str, Callable[[dict[str, Any], dict[str, bytes]], None]] = {
    "zip slip": _add("../../outside.txt"),
    "absolute path": _add("/tmp/outside.txt"),
    "windows drive": _add("C:/outside.txt"),
    "backslash": _add("keys\\..\\..\\outside.txt"),
    "zip bomb": _add("evidence/bomb.bin", b"\0" * (8 * 1024**2)),
    "lying sizes": _lie_size,
    "tampered member": _tamper,
    "other format version": _set("format_version", 2),
    "newer schema": _set("schema_version", 999),
    "not a treem manifest": _set("format", "something-else"),
    "damaged database": lambda _m, files: files.__setitem__(
        "treem.sqlite3", b"SQLite format 3\0" * 64
    ),
}


@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_a_hostile_backup_is_refused_with_nothing_changed(
    workspace: Workspace, data_dir: DataDirChoice, tmp_path: Path, attack: str
) -> None:
    (data_dir.path / "keys").mkdir(exist_ok=True)
    (data_dir.path / "keys" / "commune-cert.pem").write_text("certificate", encoding="utf-8")
    good = create_backup(data_dir, workspace.conn, reason=Reason.MANUAL).path
    hostile = _rewrite(good, tmp_path / "hostile.zip", HOSTILE[attack])
    _set_officer(workspace, "Hiện tại")
    workspace.close()
    before = _tree(data_dir.path)
    backups_before = sorted(p.name for p in data_dir.backups_dir.iterdir())
    with pytest.raises(TreemError) as caught:
        _restore(data_dir, hostile)
    assert caught.value.code.startswith("BACKUP_")
    words = caught.value.message().lower()
    assert "nothing was changed" in words or "không có gì bị thay đổi" in words
    assert _tree(data_dir.path) == before
    assert sorted(p.name for p in data_dir.backups_dir.iterdir()) == backups_before
    assert not (tmp_path / "outside.txt").exists() and not Path("/tmp/outside.txt").exists()
    assert [p.name for p in data_dir.path.iterdir() if p.name.startswith(".")] == []


def test_a_file_that_is_not_a_zip_is_refused(data_dir: DataDirChoice, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(TreemError) as caught:
        read_manifest(junk)
    assert caught.value.code == "BACKUP_INVALID"


def test_a_member_whose_local_name_is_not_utf8_is_refused_with_nothing_changed(
    workspace: Workspace, data_dir: DataDirChoice, tmp_path: Path
) -> None:
    """The central directory is sound, so the manifest reads; the member's own header then
    names it in bytes that are not UTF-8 (found by fuzzing: zipfile raised UnicodeDecodeError)."""
    good = create_backup(data_dir, workspace.conn, reason=Reason.MANUAL).path
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        offset = archive.getinfo("treem.sqlite3").header_offset
    assert data[offset : offset + 4] == b"PK\x03\x04"
    data[offset + 7] |= 0x08  # general purpose flags, bit 11 (0x0800): the name is UTF-8
    data[offset + 30] = 0xED  # the first byte of the name: not valid UTF-8 here
    hostile = tmp_path / "hostile.zip"
    hostile.write_bytes(bytes(data))
    workspace.close()
    before = _tree(data_dir.path)
    read_manifest(hostile)  # the central directory still reads
    with pytest.raises(TreemError) as caught:
        _restore(data_dir, hostile)
    assert caught.value.code == "BACKUP_INVALID"
    assert _tree(data_dir.path) == before


def test_another_communes_backup_is_refused(
    workspace: Workspace, data_dir: DataDirChoice, tmp_path: Path
) -> None:
    good = create_backup(data_dir, workspace.conn, reason=Reason.MANUAL).path
    other = {"code": "99999", "name": "Xã Khác", "province": "Tỉnh Khác"}
    hostile = _rewrite(
        good, tmp_path / "other.zip", lambda m, _f: m["summary"].update(commune=other)
    )
    workspace.close()
    with pytest.raises(TreemError) as caught:
        _restore(data_dir, hostile)
    assert caught.value.code == "BACKUP_OTHER_COMMUNE"


# Retention ------------------------------------------------------------------------------


NOW = dt.datetime(2026, 12, 7, 12, 0)


def test_retention_keeps_the_last_ten() -> None:
    stamps = [NOW - dt.timedelta(hours=i) for i in range(25)]  # today and yesterday
    keep = {stamps[i] for i in backups_to_keep(stamps, NOW)}
    assert keep == set(stamps[:10]) | {dt.datetime(2026, 12, 6, 23, 0)}  # yesterday's newest


def test_retention_keeps_one_a_day_for_a_week_and_one_a_week_for_two_months() -> None:
    hourly = [NOW - dt.timedelta(hours=h) for h in range(24 * 120)]
    keep = {hourly[i] for i in backups_to_keep(hourly, NOW)}
    days = {t.date() for t in keep if t >= NOW - dt.timedelta(days=7)}
    assert len(days) >= 7
    weeks = {t.isocalendar()[:2] for t in keep if t < NOW - dt.timedelta(days=7)}
    assert 7 <= len(weeks) <= 9
    assert min(keep) >= NOW - dt.timedelta(days=61)
    assert len(keep) <= 10 + 8 + 10


def test_retention_deletes_old_backup_files(workspace: Workspace, data_dir: DataDirChoice) -> None:
    for index in range(12):
        _set_officer(workspace, f"Cán bộ {index}")
        create_backup(data_dir, workspace.conn, reason=Reason.AUTOMATIC)
    newest = [b.path for b in list_backups(data_dir)][:10]
    deleted = prune_backups(data_dir, now=dt.datetime.now().astimezone())
    assert len(deleted) == 2  # one day: the newest 10 (the day's newest among them)
    assert [b.path for b in list_backups(data_dir)] == newest


# The folder is the user's alone -----------------------------------------------------------


def test_the_data_folder_is_made_private_on_posix(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "evidence").mkdir(parents=True)
    loose = folder / "evidence" / "a.txt"
    loose.write_text("x", encoding="utf-8")
    database = folder / "treem.sqlite3"
    database.write_bytes(b"")
    os.chmod(folder, 0o755)
    os.chmod(loose, 0o644)
    make_private(folder, (database,), platform="nt")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755  # Windows: the profile's ACL
    make_private(folder, (database,), platform="posix")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "evidence").stat().st_mode) == 0o700
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_opened_data_folder_and_its_backups_are_private(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    made = create_backup(data_dir, workspace.conn, reason=Reason.MANUAL)
    assert stat.S_IMODE(data_dir.path.stat().st_mode) == 0o700
    assert stat.S_IMODE(data_dir.database.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
