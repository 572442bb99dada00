"""ZIP safety: what a packet's archive may hold, checked before any member is unpacked.

A packet's ZIP is in the canonical form :mod:`.build` writes, so that every byte of the file is
checked (a flipped byte anywhere is refused, not only inside a member):

- the members are flat names (``layout.MEMBER_NAME``): no folder, no ``..``, no absolute path,
  no drive letter, no link, no duplicate (also not by case, as on Windows), no encryption;
- stored or deflated only, with sizes and ratios under the limits of :mod:`.layout`;
- local headers follow each other from byte 0 with no gap, each equal to its central
  directory entry (name, method, flags, time, CRC, sizes), with no extra field;
- the central directory follows the last member, every entry made on Unix with mode 0644,
  no comment and no extra field; the end record closes the file, with no comment, one disk,
  and counts and sizes that agree.
"""

from __future__ import annotations

import datetime as dt
import io
import stat
import struct
import zipfile
import zlib

from treem_desktop.packets import PacketRejected
from treem_desktop.packets.layout import (
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    MEMBER_NAME,
    MIB,
    RATIO_FLOOR_BYTES,
)

CANONICAL_EXTERNAL_ATTR = (stat.S_IFREG | 0o644) << 16
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_END = struct.Struct("<4sHHHHIIH")
_END_SIGNATURE = b"PK\x05\x06"
_UNIX = 3


def dos_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """The ZIP date-time of ``moment`` (local wall time, seconds rounded down to even)."""
    return (
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second - moment.second % 2,
    )


def check_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's members after the per-member checks; raises PacketRejected."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PacketRejected("PACKET_TOO_MANY_MEMBERS", count=len(infos), limit=MAX_MEMBERS)
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        _check_name(info)
        if name.casefold() in seen:
            raise PacketRejected("PACKET_DUPLICATE_MEMBER", member=name)
        seen.add(name.casefold())
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PacketRejected("PACKET_LINK", member=name)
        if info.flag_bits & 0x1:
            raise PacketRejected("PACKET_ENCRYPTED", member=name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PacketRejected("PACKET_COMPRESSION_UNSUPPORTED", member=name)
        if info.file_size > MAX_MEMBER_BYTES:
            raise PacketRejected(
                "PACKET_MEMBER_TOO_LARGE", member=name, limit=MAX_MEMBER_BYTES // MIB
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise PacketRejected("PACKET_COMPRESSION_RATIO", member=name, ratio=int(ratio))
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PacketRejected("PACKET_TOO_LARGE", limit=MAX_TOTAL_BYTES // MIB)
    return infos


def _check_name(info: zipfile.ZipInfo) -> None:
    # zipfile turns "\\" into "/" on Windows only; orig_filename keeps what the archive says.
    for name in {info.filename, info.orig_filename}:
        if not MEMBER_NAME.match(name) or ".." in name:
            raise PacketRejected("PACKET_UNSAFE_PATH", member=name)


def canonical_contents(
    data: bytes, infos: list[zipfile.ZipInfo], stamp: tuple[int, ...]
) -> dict[str, bytes]:
    """Every member's bytes, after checking that the archive is byte for byte what
    :mod:`.build` writes for those members (stored, in this order, dated ``stamp``).

    Members are stored, not deflated: their bytes in the file are their content, covered by
    the manifest's hashes, and every header byte is compared with the one expected, so that no
    byte of the packet escapes the checks.
    """
    contents: dict[str, bytes] = {}
    offset = 0
    central = bytearray()
    for info in infos:
        name = info.filename
        if info.compress_type != zipfile.ZIP_STORED:
            raise PacketRejected("PACKET_COMPRESSION_UNSUPPORTED", member=name)
        start = offset + _LOCAL.size + len(name)
        content = data[start : start + info.file_size]
        header = local_header(name, content, stamp)
        if info.header_offset != offset or data[offset:start] != header:
            raise _damaged(name, "local header")
        if len(content) != info.file_size:
            raise _damaged(name, "cut short")
        contents[name] = content
        central += central_entry(name, content, stamp, offset)
        offset = start + len(content)
    expected = bytes(central) + end_record(len(infos), len(central), offset)
    if data[offset:] != expected:
        raise _damaged("", "central directory")
    return contents


class ArchiveDamaged(Exception):
    """A small signed file (receipt, enrollment, pack) is not a sound archive in the
    packets' layout; ``detail`` says why, for the caller's own refusal."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def read_canonical(data: bytes) -> dict[str, bytes]:
    """The members of a small archive in the packets' canonical layout, by name and in order;
    :class:`ArchiveDamaged` for anything else (a hostile file can raise anything)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = check_members(archive)
            stamp = infos[0].date_time if infos else (1980, 1, 1, 0, 0, 0)
            return canonical_contents(data, infos, stamp)
    except PacketRejected as exc:
        raise ArchiveDamaged(exc.code) from exc
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, struct.error) as exc:
        raise ArchiveDamaged(str(exc)[:200]) from exc
    except NotImplementedError as exc:  # e.g. "zip file version 11.3": not what Treem writes
        raise ArchiveDamaged(str(exc)[:200]) from exc


def _damaged(member: str, why: str) -> PacketRejected:
    if not member:
        return PacketRejected("PACKET_DAMAGED", path="", detail=why)
    return PacketRejected("PACKET_MEMBER_DAMAGED", member=member, detail=why)


_VERSION = 20  # ZIP 2.0: what stored members of a plain archive need
_CENTRAL = struct.Struct("<4sBBBBHHHHIIIHHHHHII")
_CENTRAL_SIGNATURE = b"PK\x01\x02"


def _dos_fields(stamp: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = stamp
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def local_header(name: str, content: bytes, stamp: tuple[int, ...]) -> bytes:
    time, date = _dos_fields(stamp)
    crc, size, raw = zlib.crc32(content), len(content), name.encode("ascii")
    return (
        _LOCAL.pack(_LOCAL_SIGNATURE, _VERSION, 0, 0, time, date, crc, size, size, len(raw), 0)
        + raw
    )


def central_entry(name: str, content: bytes, stamp: tuple[int, ...], offset: int) -> bytes:
    time, date = _dos_fields(stamp)
    crc, size, raw = zlib.crc32(content), len(content), name.encode("ascii")
    fields = (_VERSION, _UNIX, _VERSION, 0, 0, 0, time, date, crc, size, size, len(raw), 0, 0, 0)
    return _CENTRAL.pack(_CENTRAL_SIGNATURE, *fields, 0, CANONICAL_EXTERNAL_ATTR, offset) + raw


def end_record(count: int, central_size: int, central_offset: int) -> bytes:
    return _END.pack(_END_SIGNATURE, 0, 0, count, count, central_size, central_offset, 0)
