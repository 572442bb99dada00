"""The outbox and the USB route: a checked copy, a full or vanished stick, one packet at a time.

A real full stick or a stick pulled out cannot be made here without root (no tmpfs, no loop
device), so two of these tests make the operating system's answer happen at the write:
``os.write`` raises ENOSPC (what a full FAT stick answers) or EIO (what a pulled one answers)
after the first chunk. The vanished-folder test removes the real folder during the copy.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.handoff_support import add_packets
from treem_desktop.commune.outbox import Route, entries, packet_file, send
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.handoff import usb
from treem_desktop.handoff.usb import _posix_drives, copy_packet
from treem_desktop.storage.outbox_repo import history


def failing_write(monkeypatch: pytest.MonkeyPatch, code: int, after: int = 1) -> None:
    real = os.write
    calls = {"n": 0}

    def write(descriptor: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(code, os.strerror(code))
        return real(descriptor, data)

    monkeypatch.setattr(usb.os, "write", write)


def test_a_packet_copied_to_a_stick_is_the_same_bytes_and_marked_sent(
    workspace: Workspace, tmp_path: Path
) -> None:
    [packet] = add_packets(workspace, 1)
    stick = tmp_path / "USB"
    stick.mkdir()
    [outcome] = send(workspace, Route.parse(f"usb:{stick}"))
    assert outcome.error is None and outcome.delivered
    copied = stick / packet.file_name
    assert copied.read_bytes() == packet_file(workspace, packet).read_bytes()
    assert hashlib.sha256(copied.read_bytes()).hexdigest() == packet.sha256
    assert [p.name for p in stick.iterdir()] == [packet.file_name]  # no .part left
    [entry] = entries(workspace)
    assert (entry.state, entry.route, entry.destination) == ("sent", "usb", str(stick))


def test_sending_again_to_the_same_stick_makes_no_second_copy(
    workspace: Workspace, tmp_path: Path
) -> None:
    [packet] = add_packets(workspace, 1)
    stick = tmp_path / "USB"
    stick.mkdir()
    send(workspace, Route.parse(f"usb:{stick}"))
    [again] = send(workspace, Route.parse(f"usb:{stick}"), [packet.sequence])
    assert again.error is None and not again.delivered
    assert len(list(stick.iterdir())) == 1
    actions = [a.action for a in history(workspace.conn, packet.sequence)]
    assert actions == ["kept", "sent", "already_there"]


def test_a_full_stick_leaves_no_file_under_the_final_name(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [packet] = add_packets(workspace, 1, size=usb.CHUNK * 3)
    stick = tmp_path / "USB"
    stick.mkdir()
    failing_write(monkeypatch, errno.ENOSPC)
    [outcome] = send(workspace, Route.parse(f"usb:{stick}"))
    assert outcome.error is not None and outcome.error.code == "USB_FULL"
    assert "đầy" in outcome.error.message()  # the Vietnamese message says the stick is full
    assert list(stick.iterdir()) == []
    [entry] = entries(workspace)
    assert (entry.state, entry.failure_code) == ("failed", "USB_FULL")
    assert packet_file(workspace, packet).is_file()  # still in the outbox


FULL_STICK_COPY = """
import json, sys
from pathlib import Path
from treem_desktop.errors import TreemError
from treem_desktop.handoff.usb import copy_packet
source, folder, sha = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
try:
    copy_packet(source, folder, sha)
    print(json.dumps({"code": ""}))
except TreemError as error:
    print(json.dumps({"code": error.code, "message": error.message()}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="file size limits are POSIX")
def test_a_really_full_target_leaves_nothing_and_says_so(tmp_path: Path) -> None:
    """The operating system itself refuses the write: a process whose file size limit
    (RLIMIT_FSIZE) is below the packet's size gets EFBIG, as a copy to a full stick does."""
    import resource

    source = tmp_path / "TREEM_03325_evaluation_2026_0001.zip"
    source.write_bytes(os.urandom(usb.CHUNK * 4))
    stick = tmp_path / "USB"
    stick.mkdir()
    limit = usb.CHUNK * 2

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    done = subprocess.run(
        [sys.executable, "-c", FULL_STICK_COPY, str(source), str(stick), sha],
        capture_output=True,
        text=True,
        preexec_fn=small_disk,
        timeout=60,
        env={**os.environ, "TREEM_LANG": "vi"},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["code"] == "USB_FULL", result
    assert "đầy" in result["message"] and "vẫn còn trong hộp thư đi" in result["message"].lower()
    assert list(stick.iterdir()) == []  # neither the packet nor its .part


def test_a_stick_pulled_out_mid_copy_leaves_no_file_and_says_so(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [packet] = add_packets(workspace, 1, size=usb.CHUNK * 3)
    stick = tmp_path / "USB"
    stick.mkdir()
    real = os.write
    calls = {"n": 0}

    def write_then_vanish(descriptor: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            shutil.rmtree(stick)  # the folder goes away while the file is being written
        return real(descriptor, data)

    monkeypatch.setattr(usb.os, "write", write_then_vanish)
    [outcome] = send(workspace, Route.parse(f"usb:{stick}"))
    assert outcome.error is not None and outcome.error.code == "USB_GONE"
    message = outcome.error.message()
    assert "rút ra" in message and "không có tệp nào bị ghi dở" in message.lower(), message
    assert not stick.exists()
    assert entries(workspace)[0].state == "failed"
    assert packet_file(workspace, packet).is_file()


def test_an_input_output_error_is_a_pulled_stick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "TREEM_1.zip"
    source.write_bytes(os.urandom(usb.CHUNK * 2))
    stick = tmp_path / "USB"
    stick.mkdir()
    failing_write(monkeypatch, errno.EIO)
    with pytest.raises(TreemError) as caught:
        copy_packet(source, stick, "0" * 64)
    assert caught.value.code == "USB_GONE"
    assert list(stick.iterdir()) == []


def test_a_read_only_stick_and_a_missing_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "TREEM_1.zip"
    source.write_bytes(b"packet")
    with pytest.raises(TreemError) as missing:
        copy_packet(source, tmp_path / "E", hashlib.sha256(b"packet").hexdigest())
    assert missing.value.code == "USB_NOT_FOUND"
    stick = tmp_path / "USB"
    stick.mkdir()
    failing_write(monkeypatch, errno.EROFS, after=0)
    with pytest.raises(TreemError) as read_only:
        copy_packet(source, stick, hashlib.sha256(b"packet").hexdigest())
    assert read_only.value.code == "USB_READ_ONLY"
    assert list(stick.iterdir()) == []


def test_one_failing_packet_does_not_block_the_others(workspace: Workspace, tmp_path: Path) -> None:
    first, second, third = add_packets(workspace, 3)
    packet_file(workspace, second).unlink()  # lost from the outbox folder
    stick = tmp_path / "USB"
    stick.mkdir()
    outcomes = send(workspace, Route.parse(f"usb:{stick}"))
    assert [(o.sequence, o.state) for o in outcomes] == [
        (first.sequence, "sent"),
        (second.sequence, "failed"),
        (third.sequence, "sent"),
    ]
    assert sorted(p.name for p in stick.iterdir()) == [first.file_name, third.file_name]
    failed = next(e for e in entries(workspace) if e.sequence == second.sequence)
    assert failed.failure_code == "OUTBOX_FILE_MISSING"


def test_removable_drives_are_read_from_the_mount_table(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "/dev/sdb1 /media/ha/KINGSTON vfat rw 0 0\n"
        "/dev/sdc1 /run/media/ha/USB\\040DATA vfat rw 0 0\n"
        "tmpfs /run/user/1000 tmpfs rw 0 0\n",
        encoding="utf-8",
    )
    drives = _posix_drives(mounts, "ha")
    assert [str(d.path) for d in drives] == ["/media/ha/KINGSTON", "/run/media/ha/USB DATA"]


def test_a_different_file_under_the_packets_name_is_not_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "TREEM_1.zip"
    source.write_bytes(b"packet")
    stick = tmp_path / "USB"
    stick.mkdir()
    (stick / "TREEM_1.zip").write_bytes(b"someone else's file")
    with pytest.raises(TreemError) as caught:
        copy_packet(source, stick, hashlib.sha256(b"packet").hexdigest())
    assert caught.value.code == "USB_NAME_TAKEN"
    assert (stick / "TREEM_1.zip").read_bytes() == b"someone else's file"


def test_a_built_evaluation_packet_enters_the_outbox(workspace: Workspace, tmp_path: Path) -> None:
    from treem_desktop.commune import evaluation as ev
    from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
    from treem_desktop.commune.packet_service import build_evaluation_packet, key_signer

    ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), None
    )
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a": {"denominator": 20}})
    built, _notes = build_evaluation_packet(
        workspace, 2026, tmp_path / "elsewhere", key_signer(workspace, None)
    )
    [entry] = entries(workspace)
    assert (entry.state, entry.file_name, entry.sha256) == ("built", built.path.name, built.sha256)
    assert packet_file(workspace, entry).read_bytes() == built.path.read_bytes()
    assert [a.action for a in history(workspace.conn, entry.sequence)] == ["kept"]


def test_a_packet_that_cannot_be_read_is_not_blamed_on_the_stick(tmp_path: Path) -> None:
    """The outbox's own file cannot be opened (here a folder stands where the file should be;
    on Windows, a virus scanner holding it): the message names that file, not the stick."""
    source = tmp_path / "goi-di" / "TREEM_1.zip"
    source.mkdir(parents=True)
    stick = tmp_path / "USB"
    stick.mkdir()
    with pytest.raises(TreemError) as caught:
        copy_packet(source, stick, "0" * 64)
    assert caught.value.code == "FILE_UNREADABLE"
    assert str(source) in caught.value.message()
    assert list(stick.iterdir()) == []
