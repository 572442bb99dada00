"""A full disk (issue 14, defect 4): every writing command says so in Vietnamese and exits 1,
with no Python traceback and nothing half-written under a final name.

The disk is a 6 MB tmpfs filled to the last byte when the machine allows a mount (root);
else each command runs with RLIMIT_FSIZE at 0, so that every write fails with EFBIG as it
would on a full disk.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from treem_desktop.commune import evaluation as ev
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.commune.demo import DEMO_REQUEST
from treem_desktop.commune.packet_service import build_packet_of, key_signer
from treem_desktop.commune.setup import build_profile, save_commune
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.i18n import _
from treem_desktop.paths import resolve_data_dir

pytestmark = pytest.mark.integration

SETUP = ["setup", "--province", "11", "--commune", "03325", "--category",
         "mien-nui-hai-dao-dbkk", "--officer", "Nguyễn Thị Hà",
         "--signer", "Lò Văn Tâm"]  # fmt: skip
PACKET = "TREEM_03325_indicators_2026-H1_0001.zip"
DRAFT = "ke-hoach-danh-gia-xa-phu-hop-tre-em"
REPO = Path(__file__).resolve().parents[2]
TARGETS = REPO / "tests" / "data" / "targets" / "ha-noi-138-2021-example.json"
STANDARD = REPO / "forms" / "qd-06-2019" / "v1.json"

# (name, arguments; {disk} is the full disk, {inputs} a folder elsewhere, {packet} a packet)
COMMANDS = [
    ("setup", ["--data-dir", "{disk}/new", *SETUP]),
    ("eval import", ["eval", "import", "2026", "{inputs}/values.json"]),
    ("eval export", ["eval", "export", "2026", "--out", "{disk}/bang-diem.xlsx"]),
    ("indicators import", ["indicators", "import", "2026-H1", "{inputs}/indicators.json"]),
    ("doc numbering", ["doc", "numbering", "typed"]),
    ("settings set", ["settings", "set", "upload.url", "https://so.example.vn/nhan"]),
    ("key export", ["key", "export", "--out", "{disk}/chung-thu.pem"]),
    ("key protect", ["key", "protect", "--passphrase-file", "{inputs}/mat-khau.txt"]),
    (
        "packet build",
        ["packet", "build", "--kind", "indicators", "--period", "2026-H1", "--out", "{disk}/goi"],
    ),  # fmt: skip
    ("outbox eml", ["outbox", "eml", "--out", "{disk}/thu.eml", "1"]),
    ("outbox send usb", ["outbox", "send", "--via", "usb:{disk}/usb"]),
    ("outbox add", ["outbox", "add", "{packet}"]),
    ("commune show", ["commune", "show"]),
    ("doc render", ["doc", "render", DRAFT, "--draft", "--out", "{disk}/kh.docx"]),
    ("doc edit", ["doc", "edit", "1", "--summary", "Kế hoạch năm 2026"]),
    ("targets import", ["targets", "import", "{inputs}/chi-tieu.json"]),
    ("outbox receipt", ["outbox", "receipt", "{inputs}/bao-nhan.receipt.zip"]),
    ("backup create", ["backup", "create"]),
]
# commands on another folder: (name, folder kind, arguments)
OTHER = [
    ("key backup", "protected", ["key", "backup", "--out", "{disk}/khoa"]),
    ("receive import", "office", ["receive", "import", "{packet}"]),
    ("standard pack", "office", ["standard", "pack", "--from", "{standard}", "--out", "{disk}/p"]),
]


def can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and bool(shutil.which("mount"))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a key, values and one packet (copied to the disk for each test)."""
    folder = tmp_path_factory.mktemp("template") / "data"
    workspace = open_workspace(resolve_data_dir(folder), create=True)
    try:
        save_commune(workspace, build_profile(DEMO_REQUEST))
        ensure_commune_key(KeyFiles.in_data_dir(folder), workspace.require_profile(), None)
        ev.open_or_start_round(workspace, 2026)
        ind.import_values(workspace, "2026-H1", {"ct04a": 8.1})
        build_packet_of(workspace, "indicators", "2026-H1", folder.parent / "out",
                        key_signer(workspace, None))  # fmt: skip
    finally:
        workspace.close()
    return folder


@pytest.fixture(params=["tmpfs", "rlimit"])
def full_disk(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Path, Callable[[], None] | None]]:
    """A folder on a disk with no room left, and the preexec_fn that makes it so (rlimit)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if request.param == "rlimit":
        yield disk, lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
        return
    if not can_mount():
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)])
    if mounted.returncode != 0:
        pytest.skip("this machine does not allow a tmpfs mount")
    try:
        yield disk, None
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> None:
    with (disk / ".filler").open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
        except OSError:
            pass
    with (disk / ".filler-small").open("wb", buffering=0) as filler:  # the last few bytes
        try:
            while True:
                filler.write(b"\0")
        except OSError:
            pass


def files_under(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def treem(data: Path, *arguments: str) -> None:
    """Run a command to prepare a folder (room on the disk)."""
    command = [sys.executable, "-m", "treem_desktop", "--data-dir", str(data), *arguments]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def folders(template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The template with a draft document; one with its key protected; a receiving office."""
    root = tmp_path_factory.mktemp("folders")
    commune = root / "commune" / "data"
    shutil.copytree(template, commune)
    shutil.copytree(template.parent / "out", commune.parent / "out")
    treem(commune, "doc", "render", DRAFT, "--draft", "--out", str(root / "draft.docx"))
    protected = root / "protected" / "data"
    shutil.copytree(template, protected)
    shutil.copytree(template.parent / "out", protected.parent / "out")
    (root / "pass.txt").write_text("mat-khau-xa-muong-phang\n")
    treem(protected, "key", "protect", "--passphrase-file", str(root / "pass.txt"))
    office = root / "office" / "data"
    treem(office, "setup", "--receiving", "--province", "11", "--office-name", "Sở Y tế")
    shutil.copytree(template.parent / "out", office.parent / "out")
    return {"commune": commune, "protected": protected, "office": office}


@pytest.mark.parametrize(("name", "arguments"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_full_disk_is_explained_without_a_traceback(
    name: str,
    arguments: list[str],
    folders: dict[str, Path],
    full_disk: tuple[Path, Callable[[], None] | None],
    tmp_path: Path,
) -> None:
    check_full_disk(folders["commune"], arguments, full_disk, tmp_path)


@pytest.mark.parametrize(("name", "kind", "arguments"), OTHER, ids=[c[0] for c in OTHER])
def test_a_full_disk_on_other_folders(
    name: str,
    kind: str,
    arguments: list[str],
    folders: dict[str, Path],
    full_disk: tuple[Path, Callable[[], None] | None],
    tmp_path: Path,
) -> None:
    check_full_disk(folders[kind], arguments, full_disk, tmp_path)


def check_full_disk(
    template: Path,
    arguments: list[str],
    full_disk: tuple[Path, Callable[[], None] | None],
    tmp_path: Path,
) -> None:
    """Run the command on a copy of ``template`` on the full disk; exit 1, DISK_FULL, no
    traceback, nothing new under a final name, the database whole."""
    disk, limit = full_disk
    data = disk / "data"
    shutil.copytree(template, data)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "values.json").write_text(json.dumps({"c2.x.denominator": 40}))
    (inputs / "indicators.json").write_text(json.dumps({"ct16": 90}))
    (inputs / "mat-khau.txt").write_text("mat-khau-xa-muong-phang\n")
    shutil.copy(TARGETS, inputs / "chi-tieu.json")
    (inputs / "bao-nhan.receipt.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    packet = inputs / PACKET
    shutil.copy(template.parent / "out" / PACKET, packet)
    words = {"disk": str(disk), "inputs": str(inputs), "packet": str(packet),
             "standard": str(STANDARD)}  # fmt: skip
    if limit is None:
        fill(disk)
    before = files_under(disk)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "treem_desktop",
            "--data-dir",
            str(data),
            "--lang",
            "vi",
            *[a.format(**words) for a in arguments],
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,  # noqa: PLW1509 - only sets a resource limit
    )
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert _("The disk is full. Free some space and try again; nothing was lost.") in run.stderr
    assert "Ổ đĩa đã đầy" in run.stderr
    created = set(files_under(disk)) - set(before)
    side = ("treem.sqlite3-wal", "treem.sqlite3-shm", "treem.lock")  # SQLite's and the lock
    half_written = [f for f in created if not f.endswith(side) and "logs/" not in f]
    assert half_written == [], half_written
    (disk / ".filler").unlink(missing_ok=True)  # room again: the database is whole
    with sqlite3.connect(data / "treem.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
