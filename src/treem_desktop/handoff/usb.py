"""Copying a packet to a USB stick (or any folder) so that a pulled stick never leaves half a file.

The copy goes to ``<name>.part`` beside the target, is flushed to the device (the file, then
its folder), renamed to its final name, then read back and compared by SHA-256. A full stick,
a read-only one or one pulled out during the copy gives its own error code and leaves no file
under the final name. A target that already holds the same packet (same name, same hash) is
not copied again: the receiver never finds two copies.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import BinaryIO, Protocol

from treem_desktop.errors import TreemError

CHUNK = 256 * 1024
PART_SUFFIX = ".part"
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_IN_USE = {errno.EBUSY, errno.ETXTBSY}
_WINDOWS_IN_USE = {32, 33}
"""ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program holds the file open."""


@dataclass(frozen=True)
class Drive:
    """A removable drive: where it is mounted and a label to show."""

    path: Path
    label: str


class WindowsDriveApi(Protocol):
    """The three kernel32 calls that list drives; a seam so the listing is tested off Windows."""

    def logical_drives(self) -> int: ...

    def drive_type(self, root: str) -> int: ...

    def volume_name(self, root: str) -> str: ...


DRIVE_REMOVABLE = 2


def removable_drives() -> list[Drive]:
    """The removable drives mounted now (USB sticks, memory cards)."""
    if sys.platform == "win32":
        return windows_drives(_Kernel32())
    return _posix_drives(Path("/proc/mounts"), os.environ.get("USER", ""))


def windows_drives(api: WindowsDriveApi) -> list[Drive]:
    """The removable drives among the letters of ``GetLogicalDrives``' bit mask, labelled
    like Explorer does ("USB KINGSTON (E:)", or "E:" without a volume name)."""
    mask = api.logical_drives()
    drives = []
    for index in range(26):
        root = PureWindowsPath(f"{chr(ord('A') + index)}:/")
        if mask & (1 << index) and api.drive_type(str(root)) == DRIVE_REMOVABLE:
            name = api.volume_name(str(root)).strip()
            label = f"{name} ({root.drive})" if name else root.drive
            drives.append(Drive(Path(str(root)), label))
    return drives


def _posix_drives(mounts: Path, user: str) -> list[Drive]:
    roots = [Path("/media") / user, Path("/run/media") / user, Path("/media"), Path("/mnt")]
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    drives: list[Drive] = []
    for line in lines:
        fields = line.split()
        if len(fields) < 2:
            continue
        point = Path(fields[1].replace("\\040", " "))
        if any(point.parent == root for root in roots) and point not in roots:
            drives.append(Drive(point, point.name))
    return sorted(set(drives), key=lambda d: str(d.path))


class _Kernel32:  # pragma: no cover - Windows only
    def __init__(self) -> None:
        import ctypes

        self._ctypes = ctypes
        self._kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]

    def logical_drives(self) -> int:
        return int(self._kernel.GetLogicalDrives())

    def drive_type(self, root: str) -> int:
        return int(self._kernel.GetDriveTypeW(root))

    def volume_name(self, root: str) -> str:
        buffer = self._ctypes.create_unicode_buffer(261)
        found = self._kernel.GetVolumeInformationW(root, buffer, 261, None, None, None, None, 0)
        return buffer.value if found else ""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def copy_packet(source: Path, folder: Path, sha256: str) -> bool:
    """Copy ``source`` into ``folder`` under its own name, checked; False when already there.

    Raises:
        TreemError: ``USB_NOT_FOUND``, ``USB_FULL``, ``USB_READ_ONLY``, ``USB_IN_USE``,
            ``USB_GONE``, ``USB_COPY_MISMATCH`` or ``USB_NAME_TAKEN``; no file is then under
            the final name.
    """
    target = folder / source.name
    if not folder.is_dir():
        raise TreemError("USB_NOT_FOUND", path=str(folder))
    if target.exists():
        if _same(target, sha256):
            return False
        raise TreemError("USB_NAME_TAKEN", path=str(target))
    part = folder / (source.name + PART_SUFFIX)
    try:
        _write_part(source, part)
        os.replace(part, target)
        _sync_folder(folder)
    except _SourceUnreadable as exc:
        _remove_quietly(part)
        error = exc.__cause__
        detail = error.strerror if isinstance(error, OSError) else ""
        raise TreemError("FILE_UNREADABLE", path=str(source), detail=detail) from exc
    except OSError as exc:
        _remove_quietly(part)
        raise _usb_error(exc, folder) from exc
    if not _same(target, sha256):
        _remove_quietly(target)
        raise TreemError("USB_COPY_MISMATCH", path=str(target))
    return True


def _same(target: Path, sha256: str) -> bool:
    try:
        return file_sha256(target) == sha256
    except OSError:
        return False


class _SourceUnreadable(Exception):
    """Reading the packet from the outbox folder failed (not the stick's fault)."""


def _write_part(source: Path, part: Path) -> None:
    try:
        reader = source.open("rb")
    except OSError as exc:
        raise _SourceUnreadable from exc
    with reader:
        descriptor = os.open(
            part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        )
        try:
            while chunk := _read_source(reader):
                _write_all(descriptor, chunk)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _read_source(reader: BinaryIO) -> bytes:
    try:
        return reader.read(CHUNK)
    except OSError as exc:
        raise _SourceUnreadable from exc


def _write_all(descriptor: int, chunk: bytes) -> None:
    view = memoryview(chunk)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows flushes the directory entry with the file
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the stick is gone: nothing is left under the final name anyway


def _usb_error(exc: OSError, folder: Path) -> TreemError:
    if getattr(exc, "winerror", None) in _WINDOWS_IN_USE or exc.errno in _IN_USE:
        return TreemError("USB_IN_USE", path=str(folder))
    if exc.errno in _FULL:
        return TreemError("USB_FULL", path=str(folder))
    if exc.errno in _READ_ONLY:
        return TreemError("USB_READ_ONLY", path=str(folder))
    return TreemError("USB_GONE", path=str(folder), detail=exc.strerror or str(exc))
