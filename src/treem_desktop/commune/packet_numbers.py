"""Packet numbers that a kill never uses twice: reserve, write, record; settle what a kill left.

The number is reserved in the database before the packet's file is written (state
"building"); the file is written whole under a hidden ``.part`` name and renamed; then the
packet is recorded in the log, which ends the reservation. Killed in between, the reservation
is settled at the next start and before the next build: a finished file that verifies as this
very packet is adopted (recorded as built), anything else of ours is removed and the number
made void — never used again, and declared skipped by the next packet
(:func:`treem_desktop.packets.continuity.void_member`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.storage import packet_repo
from treem_desktop.storage.packet_repo import PacketRecord, Reservation

if TYPE_CHECKING:
    from treem_desktop.packets.build import BuiltPacket, PacketContent
    from treem_desktop.signing.signers import PacketSigner

log = logging.getLogger(__name__)
VIETNAM = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class Settled:
    """What became of a reservation left "building": adopted as built, or made void."""

    sequence: int
    adopted: bool


def now() -> str:
    return dt.datetime.now(VIETNAM).replace(microsecond=0).isoformat()


def skipped_numbers(workspace: Workspace) -> dict[str, bytes]:
    """The ``so-huy.json`` member for the next packet: the void numbers since the last one."""
    from treem_desktop.packets.continuity import void_member

    last = packet_repo.last_packet(workspace.conn)
    previous = last.sequence if last else None
    return void_member(previous, packet_repo.void_after(workspace.conn, previous or 0))


def write_numbered(
    workspace: Workspace, content: PacketContent, signer: PacketSigner, out_dir: Path
) -> BuiltPacket:
    """Sign ``content``, reserve its number, write the file, record it as built."""
    from treem_desktop.packets.build import packet_bytes, target_of, write_packet
    from treem_desktop.signing.keys import fingerprint

    data, manifest = packet_bytes(content, signer)  # a refused PIN costs no number
    target = target_of(content, out_dir.resolve())
    if target.exists():
        raise TreemError("FILE_EXISTS", path=str(target))
    reservation = Reservation(
        content.sequence, packet_repo.BUILDING, content.packet_id, content.kind,
        content.period, str(target), now(),
    )  # fmt: skip
    packet_repo.reserve(workspace.conn, reservation)
    try:
        built = write_packet(data, manifest, target)
    except BaseException:
        _release(workspace, reservation)  # no file was made: the number is free again
        raise
    try:
        packet_repo.record_packet(
            workspace.conn, _record(built.path, built.sha256, manifest, signer, fingerprint)
        )
    except BaseException:
        _give_up(workspace, reservation)
        raise
    return built


def _record(
    path: Path, sha256: str, manifest: dict[str, Any], signer: Any, fingerprint: Any
) -> PacketRecord:
    return PacketRecord(
        sequence=int(manifest["sequence"]),
        packet_id=str(manifest["packet_id"]),
        kind=str(manifest["kind"]),
        period=str(manifest["period"]),
        file_name=path.name,
        sha256=sha256,
        previous_sha256=manifest["previous_packet_sha256"],
        created=str(manifest["created"]),
        signer_fingerprint=fingerprint(signer.certificates[0]),
    )


def _release(workspace: Workspace, reservation: Reservation) -> None:
    try:
        packet_repo.release(workspace.conn, reservation.sequence)
    except (TreemError, sqlite3.Error) as error:
        log.warning("packet number %s left to settle: %s", reservation.sequence, error)


def _give_up(workspace: Workspace, reservation: Reservation) -> None:
    """After a failure in this process: the file goes; the number is void. When even that
    cannot be written (a full disk), the reservation stays and is settled later."""
    path = Path(reservation.path)
    if _claims(path, reservation.packet_id):
        path.unlink(missing_ok=True)
    try:
        packet_repo.void(workspace.conn, reservation.sequence, now())
    except (TreemError, sqlite3.Error) as error:
        log.warning("packet number %s left to settle: %s", reservation.sequence, error)


def settle_reservations(workspace: Workspace) -> list[Settled]:
    """Settle every reservation a kill left "building" (see the module's docstring)."""
    return [_settle(workspace, r) for r in packet_repo.building(workspace.conn)]


def settle_at_start(workspace: Workspace) -> None:
    """:func:`settle_reservations` when a data folder is opened; a failure is only logged
    (the next build settles again, and refuses to go on while it cannot)."""
    try:
        for settled in settle_reservations(workspace):
            log.info("packet %s settled (adopted: %s)", settled.sequence, settled.adopted)
        _clean_outbox_parts(workspace)
    except (TreemError, sqlite3.Error, OSError) as error:
        log.warning("packet reservations not settled: %s", error)


def _clean_outbox_parts(workspace: Workspace) -> None:
    """Copies into the outbox cut short by a kill (the outbox shows the packet as missing
    and ``outbox add`` copies it again)."""
    for leftover in workspace.data_dir.outbox_dir.glob(".TREEM_*.zip.*.part"):
        leftover.unlink(missing_ok=True)


def _settle(workspace: Workspace, reservation: Reservation) -> Settled:
    from treem_desktop.packets.build import partial_files

    path = Path(reservation.path)
    for leftover in partial_files(path):
        leftover.unlink(missing_ok=True)
    record = _adoptable(path, reservation)
    if record is not None:
        packet_repo.record_packet(workspace.conn, record)
        _keep_in_outbox(workspace, path)
        return Settled(reservation.sequence, adopted=True)
    if _claims(path, reservation.packet_id):
        path.unlink(missing_ok=True)  # ours, and not whole: never to be sent
    packet_repo.void(workspace.conn, reservation.sequence, now())
    return Settled(reservation.sequence, adopted=False)


def _adoptable(path: Path, reservation: Reservation) -> PacketRecord | None:
    """The log's record for the file at ``path`` when it is this reservation's packet, whole
    and with a valid signature; None otherwise."""
    from treem_desktop.packets.verify import verify_packet
    from treem_desktop.signing.keys import fingerprint

    if not path.is_file():
        return None
    try:
        verified = verify_packet(path)
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    except (TreemError, OSError):
        return None
    manifest = verified.manifest
    if manifest.get("packet_id") != reservation.packet_id:
        return None
    if manifest.get("sequence") != reservation.sequence:
        return None
    signer = _Certificates([verified.signer])
    return _record(path, sha256, manifest, signer, fingerprint)


@dataclass(frozen=True)
class _Certificates:
    certificates: list[Any]


def _claims(path: Path, packet_id: str) -> bool:
    """Whether the file at ``path`` names ``packet_id`` in its manifest (then it is ours,
    whatever state it is in); a file of someone else's is never removed."""
    import json
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, RuntimeError):
        return False
    return isinstance(manifest, dict) and manifest.get("packet_id") == packet_id


def _keep_in_outbox(workspace: Workspace, path: Path) -> None:
    from treem_desktop.commune.outbox import keep_packet

    try:
        keep_packet(workspace, path)
    except TreemError as error:
        log.warning("packet %s not copied into the outbox: %s", path.name, error.code)
