"""Killed at any moment, nothing lost and nothing doubled (issue 14).

A child process writes evaluation values through the service and builds signed packets, one
after the other, printing a line after each commit; it is killed with SIGKILL (nothing of
Python runs after it) at a random moment, at least 100 times, each new child starting where
the last one died (and settling what it left). After every kill: the database passes
``PRAGMA integrity_check``, every write the child reported is there, no packet number names
two different packets, and every file under a packet's final name is a whole, signed packet.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.commune.outbox import OUTBOX_FOLDER
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.packets.verify import verify_packet
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage import packet_repo

KILLS = int(os.environ.get("TREEM_SIGKILL_KILLS", "100"))
SEED = int(os.environ.get("TREEM_SIGKILL_SEED", str(random.randrange(1 << 30))))

CHILD = """
import sys
from pathlib import Path
from treem_desktop.paths import resolve_data_dir
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.packet_service import build_packet_of, key_signer
from treem_desktop.commune.workspace import open_workspace

def say(line):
    sys.stdout.write(line + "\\n")
    sys.stdout.flush()

ws = open_workspace(resolve_data_dir(Path(sys.argv[1])), create=False)
out = Path(sys.argv[2])
evaluation = ev.open_round(ws, 2026)
inputs = [i for i in evaluation.standard.inputs() if i.endswith(".denominator")]
stored = ws.conn.execute("SELECT value FROM eval_value").fetchall()
value = max([int(r[0]) for r in stored], default=0)  # every new value above every old one
signer = key_signer(ws, None)
say("started")
for step in range(10**6):
    value += 1
    ev.set_value(ws, evaluation, inputs[step % len(inputs)], value)
    say(f"saved {inputs[step % len(inputs)]} {value}")
    if step % 12 == 11:
        kind, period = ("evaluation", "2026") if step % 24 == 11 else ("indicators", "2026-H1")
        built, _ = build_packet_of(ws, kind, period, out, signer)
        say(f"packet {built.manifest['sequence']} {built.path.name}")
"""


@dataclass
class Seen:
    """What the parent has learnt across the kills."""

    numbers: dict[int, str] = field(default_factory=dict)  # sequence -> packet_id
    checked: set[tuple[str, int, int]] = field(default_factory=set)  # (path, size, mtime)
    saved: int = 0
    packets: int = 0
    started: int = 0


@pytest.fixture
def prepared(workspace: Workspace) -> DataDirChoice:
    ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), None
    )
    ev.open_or_start_round(workspace, 2026)
    workspace.close()
    return workspace.data_dir


def test_kills_at_random_moments_lose_nothing_and_number_nothing_twice(
    prepared: DataDirChoice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chance = random.Random(SEED)
    out = tmp_path / "packets"
    seen = Seen()
    began = time.monotonic()
    for _ in range(KILLS):
        lines = run_and_kill(prepared, out, chance)
        check_after_kill(prepared, out, lines, seen)
    workspace = open_workspace(prepared, create=False)  # the last start settles the last kill
    try:
        void = check_settled(workspace, out, seen)
    finally:
        workspace.close()
    with capsys.disabled():  # the counts are shown in CI's log, not only on failure
        print(
            f"\nSIGKILL test (seed {SEED}): {KILLS} kills, {seen.started} children got going,"
            f" {seen.saved} writes reported saved, {seen.packets} packets reported built,"
            f" {len(seen.numbers)} packet numbers on disk, {void} void,"
            f" {time.monotonic() - began:.1f} s"
        )
    assert seen.packets >= KILLS // 10 and seen.saved >= KILLS, "the children did too little"


def run_and_kill(data_dir: DataDirChoice, out: Path, chance: random.Random) -> list[str]:
    """Start a child and kill it: half the time at a random moment of its start (opening,
    settling), else at a random moment once it writes (so a slow machine still tests writes)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir.path), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first: list[str] = []
    if chance.random() < 0.5:
        time.sleep(chance.uniform(0.02, 0.5))
    else:
        assert child.stdout is not None
        first.append(child.stdout.readline().strip())  # "started", or "" when it failed
        time.sleep(chance.uniform(0.0, 0.7))
    child.send_signal(signal.SIGKILL)
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, stderr  # it was still writing, not failed
    return first + stdout.splitlines()


def check_after_kill(data_dir: DataDirChoice, out: Path, lines: list[str], seen: Seen) -> None:
    conn = sqlite3.connect(data_dir.database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = dict(conn.execute("SELECT input_id, value FROM eval_value").fetchall())
        logged = dict(conn.execute("SELECT sequence, file_name FROM packet_log").fetchall())
    finally:
        conn.close()
    seen.started += "started" in lines
    for line in filter(None, lines):
        word, *rest = line.split()
        if word == "saved":
            assert int(json.loads(stored[rest[0]])) >= int(rest[1]), line
            seen.saved += 1
        elif word == "packet":
            assert logged.get(int(rest[0])) == rest[1], line
            seen.packets += 1
    check_packet_files(data_dir, out, seen)


def check_packet_files(data_dir: DataDirChoice, out: Path, seen: Seen) -> None:
    """Every file under a final packet name is whole and signed; no number names two."""
    for folder in (out, data_dir.path / OUTBOX_FOLDER):
        for path in sorted(folder.glob("TREEM_*.zip")) if folder.is_dir() else []:
            stat = path.stat()
            key = (str(path), stat.st_size, stat.st_mtime_ns)
            if key in seen.checked:
                continue
            manifest = verify_packet(path).manifest  # raises on a half-written file
            number, packet_id = int(manifest["sequence"]), str(manifest["packet_id"])
            assert seen.numbers.setdefault(number, packet_id) == packet_id, path.name
            seen.checked.add(key)


def check_settled(workspace: Workspace, out: Path, seen: Seen) -> int:
    """After the last start: every packet on disk is in the log by its hash, every number
    in the log or void, and no temporary file is left."""
    check_packet_files(workspace.data_dir, out, seen)
    logged = {r.sequence: r for r in packet_repo.packets(workspace.conn)}
    assert packet_repo.building(workspace.conn) == []
    void = set(packet_repo.void_after(workspace.conn, 0))
    assert not void & set(logged)
    for number, packet_id in seen.numbers.items():
        assert logged[number].packet_id == packet_id
    everything = sorted(logged) + sorted(void)
    assert sorted(everything) == list(range(1, len(everything) + 1)), "a number was skipped"
    leftovers = list(out.glob(".*.part")) + list(
        (workspace.data_dir.path / OUTBOX_FOLDER).glob(".*.part")
    )
    assert leftovers == []
    return len(void)
