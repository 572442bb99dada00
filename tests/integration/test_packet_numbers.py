"""Packet numbers after a kill (issue 14, defect 1): never used twice, gaps declared.

A child process builds a packet and is killed (SIGKILL, nothing of Python runs after it) at a
chosen point: after the file is written but before the packet log records it, or before the
hidden ``.part`` file is renamed. The next start settles what it left.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from treem_desktop.commune import indicators as ind
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.commune.packet_numbers import settle_reservations
from treem_desktop.commune.packet_service import build_packet_of, key_signer
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.packets.continuity import VOID_MEMBER, void_sequences
from treem_desktop.packets.verify import verify_packet
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage import packet_repo
from treem_desktop.storage.opening import open_database
from treem_desktop.storage.packet_repo import Reservation

SNAPSHOTS = Path(__file__).resolve().parents[1] / "data" / "db"

CHILD = """
import os, signal, sys
from pathlib import Path
from treem_desktop.paths import resolve_data_dir
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.commune.packet_service import build_packet_of, key_signer

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

where = sys.argv[3]
if where == "before-record":
    from treem_desktop.storage import packet_repo
    packet_repo.record_packet = killed
else:
    import treem_desktop.packets.build as build
    original = build.write_atomically

    def write_then_killed(target, data, **kwargs):
        os.replace = killed  # the .part file is whole; the kill comes before its rename
        original(target, data, **kwargs)

    build.write_atomically = write_then_killed
ws = open_workspace(resolve_data_dir(Path(sys.argv[1])), create=False)
build_packet_of(ws, "indicators", "2026-H1", Path(sys.argv[2]), key_signer(ws, None))
"""


@pytest.fixture
def prepared(workspace: Workspace) -> DataDirChoice:
    """A data folder with a key and a value, closed (a child process opens it)."""
    ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), None
    )
    ind.import_values(workspace, "2026-H1", {"ct04a": 8.1})
    workspace.close()
    return workspace.data_dir


def killed_while_building(data_dir: DataDirChoice, out: Path, where: str) -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir.path), str(out), where],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def build(workspace: Workspace, out: Path) -> Path:
    built, _ = build_packet_of(workspace, "indicators", "2026-H1", out, key_signer(workspace, None))
    return built.path


def test_a_packet_written_but_not_recorded_is_adopted_and_its_number_not_reused(
    prepared: DataDirChoice, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    killed_while_building(prepared, out, "before-record")
    first = out / "TREEM_03325_indicators_2026-H1_0001.zip"
    assert first.is_file()
    workspace = open_workspace(prepared, create=False)  # the start settles the reservation
    try:
        logged = packet_repo.packets(workspace.conn)
        assert [(r.sequence, r.file_name) for r in logged] == [(1, first.name)]
        assert logged[0].sha256 == hashlib.sha256(first.read_bytes()).hexdigest()
        second = build(workspace, out)  # a retry into the same folder
    finally:
        workspace.close()
    assert second.name == "TREEM_03325_indicators_2026-H1_0002.zip"
    manifest = verify_packet(second).manifest
    assert manifest["sequence"] == 2
    assert manifest["previous_packet_sha256"] == logged[0].sha256
    assert sorted(p.name for p in out.iterdir()) == [first.name, second.name]


def test_a_packet_killed_before_its_rename_leaves_a_void_number_the_next_one_declares(
    prepared: DataDirChoice, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    killed_while_building(prepared, out, "before-rename")
    assert [p.name for p in out.iterdir() if p.name.endswith(".part")], "no .part was left"
    workspace = open_workspace(prepared, create=False)
    try:
        assert list(out.iterdir()) == []  # the hidden .part file is gone
        assert packet_repo.void_after(workspace.conn, 0) == [1]
        path = build(workspace, out)
    finally:
        workspace.close()
    verified = verify_packet(path)
    assert verified.manifest["sequence"] == 2
    assert verified.manifest["previous_packet_sha256"] is None
    assert void_sequences(verified.files) == [1]
    assert json.loads(verified.files[VOID_MEMBER])["previous_sequence"] is None
    assert VOID_MEMBER in {f["name"] for f in verified.manifest["files"]}


def test_a_void_number_is_declared_once_and_never_used_again(
    prepared: DataDirChoice, tmp_path: Path
) -> None:
    workspace = open_workspace(prepared, create=False)
    try:
        first = build(workspace, tmp_path / "a")
        packet_repo.reserve(workspace.conn, _reservation(2, tmp_path / "gone.zip"))
        assert [s.adopted for s in settle_reservations(workspace)] == [False]
        third, fourth = build(workspace, tmp_path / "a"), build(workspace, tmp_path / "a")
    finally:
        workspace.close()
    third_packet, fourth_packet = verify_packet(third), verify_packet(fourth)
    assert third_packet.manifest["sequence"] == 3 and fourth_packet.manifest["sequence"] == 4
    assert void_sequences(third_packet.files) == [2]
    assert json.loads(third_packet.files[VOID_MEMBER])["previous_sequence"] == 1
    assert third_packet.manifest["previous_packet_sha256"] == _sha256(first)
    assert VOID_MEMBER not in fourth_packet.files
    assert fourth_packet.manifest["previous_packet_sha256"] == _sha256(third)


def test_someone_elses_file_at_a_reserved_name_is_left_and_the_number_void(
    prepared: DataDirChoice, tmp_path: Path
) -> None:
    workspace = open_workspace(prepared, create=False)
    try:
        stranger = tmp_path / "TREEM_03325_indicators_2026-H1_0001.zip"
        stranger.write_bytes(b"not ours")
        packet_repo.reserve(workspace.conn, _reservation(1, stranger))
        assert [s.adopted for s in settle_reservations(workspace)] == [False]
        assert stranger.read_bytes() == b"not ours"
        assert packet_repo.next_sequence(workspace.conn) == (2, None)
    finally:
        workspace.close()


def test_a_schema_8_database_migrates_and_numbers_after_its_packet(tmp_path: Path) -> None:
    path = tmp_path / "treem.sqlite3"
    shutil.copy(SNAPSHOTS / "schema-8.sqlite", path)
    conn = open_database(path)
    try:
        assert [r.sequence for r in packet_repo.packets(conn)] == [1]
        assert packet_repo.building(conn) == []
        sequence, previous = packet_repo.next_sequence(conn)
        assert sequence == 2 and previous == packet_repo.packets(conn)[0].sha256
    finally:
        conn.close()


def _reservation(sequence: int, path: Path) -> Reservation:
    return Reservation(
        sequence,
        packet_repo.BUILDING,
        f"00000000-0000-4000-8000-{sequence:012d}",
        "indicators",
        "2026-H1",
        str(path),
        "2026-06-30T09:00:00+07:00",
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
