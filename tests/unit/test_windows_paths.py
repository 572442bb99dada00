"""The Windows-only code paths, run here through their seams: the drive listing (kernel32),
the data folder's lock (``msvcrt.locking``), and drive roots as ``PureWindowsPath``."""

from __future__ import annotations

import errno
import os
from pathlib import Path, PureWindowsPath
from typing import Any

import pytest

from treem_desktop.errors import TreemError
from treem_desktop.handoff.usb import DRIVE_REMOVABLE, windows_drives
from treem_desktop.storage.lock import DataDirLock, PosixLocking, WindowsLocking, system_locking

FIXED, CDROM = 3, 5


class FakeKernel32:
    """A laptop with C: (fixed), D: (CD), E: (a named USB stick) and G: (an unnamed card)."""

    def __init__(self) -> None:
        self.types = {
            "C:\\": FIXED,
            "D:\\": CDROM,
            "E:\\": DRIVE_REMOVABLE,
            "G:\\": DRIVE_REMOVABLE,
        }
        self.names = {"C:\\": "Windows", "E:\\": "USB KINGSTON "}

    def logical_drives(self) -> int:
        letters = [PureWindowsPath(root).drive[0] for root in self.types]
        return sum(1 << (ord(letter) - ord("A")) for letter in letters)

    def drive_type(self, root: str) -> int:
        return self.types[root]

    def volume_name(self, root: str) -> str:
        return self.names.get(root, "")


def test_only_removable_drives_are_listed_with_explorers_labels() -> None:
    drives = windows_drives(FakeKernel32())
    assert [str(d.path) for d in drives] == ["E:\\", "G:\\"]
    assert [d.label for d in drives] == ["USB KINGSTON (E:)", "G:"]
    assert PureWindowsPath(str(drives[0].path)).anchor == "E:\\"


def test_no_drive_letters_no_drives() -> None:
    kernel = FakeKernel32()
    kernel.types = {}
    assert windows_drives(kernel) == []


def test_a_packet_on_a_windows_drive_keeps_its_name() -> None:
    target = PureWindowsPath("E:\\") / "TREEM_03325_evaluation_2026_0001.zip"
    assert str(target) == "E:\\TREEM_03325_evaluation_2026_0001.zip"
    assert target.with_name(target.name + ".part").parent == PureWindowsPath("E:/")


class FakeMsvcrt:
    """``msvcrt.locking`` as Windows does it: one holder per file region, else EACCES."""

    LK_NBLCK, LK_UNLCK = 2, 0

    def __init__(self) -> None:
        self.held: dict[tuple[Any, int], int] = {}
        self.calls: list[tuple[int, int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        stat = os.fstat(fd)
        region = ((stat.st_dev, stat.st_ino), os.lseek(fd, 0, os.SEEK_CUR))
        self.calls.append((region[1], mode, nbytes))
        if mode == self.LK_UNLCK:
            self.held.pop(region, None)
        elif region in self.held:
            raise OSError(errno.EACCES, "Permission denied")
        else:
            self.held[region] = fd


def windows_lock(lock_file: Path, msvcrt: FakeMsvcrt) -> DataDirLock:
    return DataDirLock(lock_file, WindowsLocking(msvcrt))  # type: ignore[arg-type]


def test_the_windows_lock_refuses_a_second_holder_until_released(tmp_path: Path) -> None:
    msvcrt = FakeMsvcrt()
    first = windows_lock(tmp_path / "treem.lock", msvcrt)
    first.acquire()
    second = windows_lock(tmp_path / "treem.lock", msvcrt)
    with pytest.raises(TreemError) as refused:
        second.acquire()
    assert refused.value.code == "DATA_DIR_IN_USE" and not second.is_locked
    first.release()
    second.acquire()
    assert second.is_locked
    second.release()
    # the first byte, from the start of the file, whatever the append mode moved
    assert {(offset, nbytes) for offset, _mode, nbytes in msvcrt.calls} == {(0, 1)}


def test_the_windows_lock_writes_the_holders_process_id(tmp_path: Path) -> None:
    lock = windows_lock(tmp_path / "treem.lock", FakeMsvcrt())
    lock.acquire()
    assert (tmp_path / "treem.lock").read_text() == str(os.getpid())
    lock.release()


def test_the_running_system_gets_its_own_locking() -> None:
    assert isinstance(system_locking("linux"), PosixLocking)
