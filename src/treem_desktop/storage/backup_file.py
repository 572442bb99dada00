"""One backup file: a zip holding the database, the folder's files and a manifest of hashes.

Writing: every member is hashed as it is written; the manifest (``treem-backup.json``) lists
each member's name, size and SHA-256, and what the backup holds (commune, years, last
packet). The file is written under a temporary name and renamed when complete.

Reading refuses, before anything is unpacked: a file that is not a zip, a member whose name
leaves the folder (``../``, ``/etc``, ``C:``, ``\\``), a link, a duplicate, more members or more
bytes than a data folder can hold, a size that differs from the manifest or an unlikely
compression ratio (a zip bomb), a format or schema from another version. Unpacking stops at a
member's declared size and checks its hash, so a lying header gets no further.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from treem_desktop.errors import TreemError
from treem_desktop.i18n import N_

FORMAT = "treem-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "treem-backup.json"
DATABASE_MEMBER = "treem.sqlite3"
CHUNK = 256 * 1024
MAX_MEMBERS = 50_000
# Told the size of each chunk read or written (a long job's progress); it may raise to stop.
OnBytes = Callable[[int], None]
MAX_TOTAL_BYTES = 8 * 1024**3
MAX_MANIFEST_BYTES = 16 * 1024**2
MAX_RATIO = 200  # deflate reaches ~1000 only on runs of one byte; real data stays far below
RATIO_FLOOR = 1024**2  # small members may compress well without being bombs
# What zipfile raises on a damaged member (a local header's name that is not UTF-8 is a
# UnicodeDecodeError, that is a ValueError).
DAMAGED_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    ValueError,
    struct.error,
)

NOT_A_ZIP = N_("it is not a backup file of Treem")
UNSAFE_NAME = N_("it names a file outside the data folder ({name})")
TOO_BIG = N_("it holds more files or more data than a data folder can")
SIZE_MISMATCH = N_("a file in it does not match its recorded size or checksum ({name})")
NO_MANIFEST = N_("its table of contents is missing or unreadable")
DAMAGED = N_("it is damaged ({name})")


@dataclass(frozen=True)
class Member:
    """One file in a backup: its name inside the data folder, size and SHA-256."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What a backup holds, as written in its ``treem-backup.json``."""

    created: str
    reason: str
    app_version: str
    schema_version: int
    fingerprint: str
    summary: dict[str, Any]
    members: tuple[Member, ...]
    format_version: int = FORMAT_VERSION

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": self.format_version,
            "created": self.created,
            "reason": self.reason,
            "app_version": self.app_version,
            "schema_version": self.schema_version,
            "fingerprint": self.fingerprint,
            "summary": self.summary,
            "members": [vars(m) for m in self.members],
        }

    @property
    def total_size(self) -> int:
        return sum(m.size for m in self.members)


def invalid(path: Path, reason: str, **params: str) -> TreemError:
    from treem_desktop.i18n import _

    return TreemError("BACKUP_INVALID", path=path, reason=_(reason).format(**params))


# Writing ---------------------------------------------------------------------------------


def write_members(
    archive: zipfile.ZipFile, files: Iterable[tuple[str, Path]], on_bytes: OnBytes | None = None
) -> tuple[Member, ...]:
    """Copy each ``(name, path)`` into ``archive``, hashing as it goes (``on_bytes`` is
    told each chunk written)."""
    members = []
    for name, path in files:
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as source, archive.open(_zip_info(name), "w") as target:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
                if on_bytes is not None:
                    on_bytes(len(chunk))
        members.append(Member(name, size, digest.hexdigest()))
    return tuple(members)


def write_manifest(archive: zipfile.ZipFile, manifest: Manifest) -> None:
    text = json.dumps(manifest.as_json(), ensure_ascii=False, indent=1)
    archive.writestr(_zip_info(MANIFEST_NAME), text.encode("utf-8"))


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o600) << 16
    return info


# Reading ---------------------------------------------------------------------------------


def read_manifest(path: Path, *, max_total: int = MAX_TOTAL_BYTES) -> Manifest:
    """The manifest of the backup at ``path``, after the checks that need no unpacking."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_names(path, infos)
            manifest = _parse_manifest(path, archive)
            _check_sizes(path, manifest, {i.filename: i for i in infos}, max_total)
    except DAMAGED_ZIP_ERRORS as error:
        raise invalid(path, NOT_A_ZIP) from error
    except OSError as error:
        raise TreemError("BACKUP_UNREADABLE", path=path, detail=error.strerror or "") from error
    return manifest


def unpack(path: Path, manifest: Manifest, target: Path, on_bytes: OnBytes | None = None) -> None:
    """Unpack every member into the empty folder ``target``, checking sizes and hashes."""
    try:
        with zipfile.ZipFile(path) as archive:
            for member in manifest.members:
                _unpack_member(path, archive, member, target, on_bytes)
    except DAMAGED_ZIP_ERRORS as error:
        raise invalid(path, DAMAGED, name=path.name) from error


def verify_hashes(path: Path, manifest: Manifest, on_bytes: OnBytes | None = None) -> None:
    """Read every member back and compare it with the manifest (a backup just written)."""
    try:
        with zipfile.ZipFile(path) as archive:
            for member in manifest.members:
                with _open_member(path, archive, member) as source:
                    _copy_checked(path, source, member, None, on_bytes)
    except DAMAGED_ZIP_ERRORS as error:
        raise invalid(path, DAMAGED, name=path.name) from error


def _unpack_member(
    path: Path, archive: zipfile.ZipFile, member: Member, target: Path, on_bytes: OnBytes | None
) -> None:
    destination = target.joinpath(*PurePosixPath(member.name).parts)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with _open_member(path, archive, member) as source, destination.open("xb") as out:
        _copy_checked(path, source, member, out, on_bytes)


def _open_member(path: Path, archive: zipfile.ZipFile, member: Member) -> IO[bytes]:
    try:
        return archive.open(member.name)
    except OSError as error:  # a header pointing before the file's start (EINVAL on seek)
        raise invalid(path, DAMAGED, name=member.name) from error


def _copy_checked(
    path: Path,
    source: IO[bytes],
    member: Member,
    out: IO[bytes] | None,
    on_bytes: OnBytes | None = None,
) -> None:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        size += len(chunk)
        if size > member.size:  # a header that lies about the size: stop reading here
            raise invalid(path, SIZE_MISMATCH, name=member.name)
        digest.update(chunk)
        if out is not None:
            out.write(chunk)
        if on_bytes is not None:
            on_bytes(len(chunk))
    if size != member.size or digest.hexdigest() != member.sha256:
        raise invalid(path, SIZE_MISMATCH, name=member.name)


def _check_names(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS + 1:
        raise invalid(path, TOO_BIG)
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if not is_safe_name(name) or name.lower() in seen or _is_link(info):
            raise invalid(path, UNSAFE_NAME, name=name[:80])
        seen.add(name.lower())


def is_safe_name(name: str) -> bool:
    """A relative name that stays inside the folder on every system."""
    if not name or len(name) > 400 or "\\" in name or "\x00" in name or ":" in name:
        return False
    parts = PurePosixPath(name).parts
    if name.startswith("/") or name.endswith("/"):
        return False
    return all(p not in ("", ".", "..") and p.rstrip(" .") == p for p in parts)


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode) or stat.S_ISDIR(mode) or info.is_dir()


def _parse_manifest(path: Path, archive: zipfile.ZipFile) -> Manifest:
    try:
        info = archive.getinfo(MANIFEST_NAME)
    except KeyError as error:
        raise invalid(path, NO_MANIFEST) from error
    if info.file_size > MAX_MANIFEST_BYTES:
        raise invalid(path, NO_MANIFEST)
    with archive.open(info) as source:
        raw = source.read(MAX_MANIFEST_BYTES + 1)
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a Treem backup manifest")
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise TreemError("BACKUP_OTHER_VERSION", path=path, found=str(version)[:20])
        return _manifest_of(data)
    except (ValueError, TypeError, KeyError, RecursionError) as error:
        raise invalid(path, NO_MANIFEST) from error


def _manifest_of(data: dict[str, Any]) -> Manifest:
    members = tuple(
        Member(_text(m["name"]), _count(m["size"]), _text(m["sha256"])) for m in data["members"]
    )
    summary = _summary(data["summary"])
    created = _text(data["created"])
    dt.datetime.fromisoformat(created)  # a ValueError when it is not a date and time
    return Manifest(
        created=created,
        reason=_text(data["reason"]),
        app_version=_text(data["app_version"]),
        schema_version=_count(data["schema_version"]),
        fingerprint=_text(data["fingerprint"]),
        summary=summary,
        members=members,
    )


def _summary(value: object) -> dict[str, Any]:
    """What the backup holds, each part of the shape ``read_summary`` writes."""
    if not isinstance(value, dict):
        raise TypeError("summary")
    for key in ("packets", "changes", "files"):
        if key in value:
            _count(value[key])
    if not all(isinstance(y, int) and not isinstance(y, bool) for y in _list(value, "years")):
        raise TypeError("years")
    for key in ("commune", "last_packet"):
        part = value.get(key)
        if part is not None and not (
            isinstance(part, dict) and all(_scalar(v) for v in part.values())
        ):
            raise TypeError(key)
    return value


def _list(value: dict[str, Any], key: str) -> list[Any]:
    part = value.get(key) or []
    if not isinstance(part, list):
        raise TypeError(key)
    return part


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, str) or type(value) is int


def _text(value: object) -> str:
    if not isinstance(value, str) or len(value) > 400:
        raise TypeError("text")
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**63:
        raise TypeError("count")
    return value


def _check_sizes(
    path: Path, manifest: Manifest, infos: dict[str, zipfile.ZipInfo], max_total: int
) -> None:
    names = {m.name for m in manifest.members}
    if len(names) != len(manifest.members) or names | {MANIFEST_NAME} != set(infos):
        raise invalid(path, NO_MANIFEST)
    if DATABASE_MEMBER not in names:
        raise invalid(path, NO_MANIFEST)
    if manifest.total_size > max_total or len(names) > MAX_MEMBERS:
        raise invalid(path, TOO_BIG)
    for member in manifest.members:
        info = infos[member.name]
        if info.file_size != member.size:
            raise invalid(path, SIZE_MISMATCH, name=member.name)
        if member.size > RATIO_FLOOR and member.size > MAX_RATIO * max(info.compress_size, 1):
            raise invalid(path, TOO_BIG)
