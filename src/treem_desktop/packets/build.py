"""Making a packet: the manifest, its detached signature and a ZIP in canonical form.

The ZIP is written so that every byte of it is checked by the verifier (see
:mod:`.zip_layout`): members in a fixed order, stored (documents are compressed already), no
extra fields or comments, each dated with the manifest's creation time, mode 0644, "on Unix".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop._version import __version__
from treem_desktop.disk_full import DISK_FULL_ERRNOS
from treem_desktop.errors import TreemError
from treem_desktop.files import write_atomically
from treem_desktop.packets.layout import (
    DATA,
    ENVELOPE,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEMBER_NAME,
    SIGNATURE,
    SIGNER,
    media_type,
    packet_file_name,
)
from treem_desktop.packets.zip_layout import central_entry, dos_time, end_record, local_header

if TYPE_CHECKING:
    from treem_desktop.signing.keys import CommuneIdentity
    from treem_desktop.signing.signers import PacketSigner

VIETNAM = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class PacketContent:
    """What goes into a packet, before the manifest is made."""

    commune: CommuneIdentity
    kind: str
    period: str
    sequence: int
    files: dict[str, bytes]
    previous_packet_sha256: str | None = None
    standards: tuple[dict[str, str], ...] = ()
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(VIETNAM))
    packet_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    demo: bool = False


@dataclass(frozen=True)
class BuiltPacket:
    path: Path
    sha256: str
    manifest: dict[str, Any]


def make_manifest(content: PacketContent) -> dict[str, Any]:
    """The manifest of ``content`` (docs/packet-format.md)."""
    for name in content.files:
        if name in ENVELOPE or not MEMBER_NAME.match(name):
            raise ValueError(f"not a member name a packet may hold: {name!r}")
    created = content.created.astimezone(VIETNAM).replace(microsecond=0)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "packet_id": content.packet_id,
        "commune": {
            "code": content.commune.commune_code,
            "name": content.commune.commune_name,
            "province_code": content.commune.province_code,
            "province_name": content.commune.province_name,
        },
        "kind": content.kind,
        "period": content.period,
        "created": created.isoformat(),
        "sequence": content.sequence,
        "previous_packet_sha256": content.previous_packet_sha256,
        "standards": [dict(s) for s in content.standards],
        "files": [
            {
                "name": name,
                "size": len(data),
                "media_type": media_type(name),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            for name, data in _ordered(content.files)
        ],
    }
    if content.demo:
        manifest["demo"] = True  # only the demo commune's packets carry it
    return manifest


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The exact bytes that are signed: UTF-8 JSON, two-space indent, one final newline."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def packet_bytes(content: PacketContent, signer: PacketSigner) -> tuple[bytes, dict[str, Any]]:
    """The packet as bytes, and its manifest, signed by ``signer`` (a key or a token)."""
    from cryptography.hazmat.primitives import serialization

    manifest = make_manifest(content)
    signed = manifest_bytes(manifest)
    pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in signer.certificates)
    members = [
        (MANIFEST, signed),
        (SIGNATURE, signer.sign(signed)),
        (SIGNER, pem),
        *_ordered(content.files),
    ]
    stamp = dos_time(dt.datetime.fromisoformat(manifest["created"]))
    return archive_bytes(members, stamp), manifest


def archive_bytes(members: list[tuple[str, bytes]], stamp: tuple[int, ...]) -> bytes:
    """A plain ZIP of ``members`` stored in order: exactly what the verifier expects."""
    body = bytearray()
    central = bytearray()
    for name, data in members:
        offset = len(body)
        body += local_header(name, data, stamp) + data
        central += central_entry(name, data, stamp, offset)
    return bytes(body + central + end_record(len(members), len(central), len(body)))


def build_packet(content: PacketContent, signer: PacketSigner, out_dir: Path) -> BuiltPacket:
    """Write the signed packet into ``out_dir`` under its official name; never overwrites."""
    data, manifest = packet_bytes(content, signer)
    return write_packet(data, manifest, target_of(content, out_dir))


def target_of(content: PacketContent, out_dir: Path) -> Path:
    """Where ``content``'s packet goes in ``out_dir``: its official name."""
    name = packet_file_name(
        content.commune.commune_code, content.kind, content.period, content.sequence
    )
    return out_dir / name


def write_packet(data: bytes, manifest: dict[str, Any], target: Path) -> BuiltPacket:
    """Write the packet's bytes at ``target`` whole or not at all (a hidden ``.part`` file
    renamed); an existing file is never overwritten."""
    if target.exists():
        raise TreemError("FILE_EXISTS", path=str(target))
    try:
        write_atomically(target, data, mode=0o644)
    except OSError as exc:
        if exc.errno in DISK_FULL_ERRNOS:
            raise TreemError("DISK_FULL") from exc
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc
    return BuiltPacket(target, hashlib.sha256(data).hexdigest(), manifest)


def partial_files(target: Path) -> list[Path]:
    """The hidden temporary files a write of ``target`` may have left (killed before its
    rename): ``.<name>.<random>.part`` beside it."""
    try:
        return sorted(target.parent.glob(f".{glob_escape(target.name)}.*.part"))
    except OSError:
        return []


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _ordered(files: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """data.json first, then the documents by name."""
    return sorted(files.items(), key=lambda item: (item[0] != DATA, item[0]))
