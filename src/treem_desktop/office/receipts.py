"""Receipts (giấy báo nhận): the office's signed word that an accepted packet arrived whole.

One receipt per accepted packet (the one counted, or one a resubmission replaced), written once
in the format the commune imports (:mod:`treem_desktop.handoff.receipt`), signed with the
office's key.
"""

from __future__ import annotations

from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.files import write_atomically
from treem_desktop.handoff.receipt import Receipt, make_receipt, receipt_file_name, received_now
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import KEYS_DIR, OfficeFolder
from treem_desktop.office.keys import OfficeKeyFiles, load_office_certificate, unlock_office_key
from treem_desktop.storage.database import transaction


def packets_without_receipt(office: OfficeFolder) -> list[store.ReceivedPacket]:
    return store.received_where(
        office.conn,
        "receipt_written_at IS NULL AND state IN (?, ?)",
        store.CURRENT,
        store.SUPERSEDED,
    )


def write_receipts(office: OfficeFolder, out_dir: Path, passphrase: bytes | None) -> list[Path]:
    """A signed receipt in ``out_dir`` for every accepted packet that has none yet."""
    waiting = packets_without_receipt(office)
    if not waiting:
        return []
    profile = office.require_profile()
    files = OfficeKeyFiles.in_folder(office.path / KEYS_DIR)
    certificate = load_office_certificate(files)
    key = unlock_office_key(files, passphrase)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(out_dir), detail=exc.strerror) from exc
    written = []
    for packet in waiting:
        receipt = Receipt(
            packet.packet_id, packet.sha256, _packet_file_name(packet), packet.commune_code,
            packet.sequence, packet.received_at or received_now(), profile.name,
        )  # fmt: skip
        target = out_dir / receipt_file_name(receipt.packet_file_name)
        try:
            write_atomically(target, make_receipt(receipt, certificate, key), mode=0o644)
        except OSError as exc:
            raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc
        with transaction(office.conn):
            store.set_receipt_written(office.conn, packet.id, receipt.received)
        written.append(target)
    return written


def _packet_file_name(packet: store.ReceivedPacket) -> str:
    """The name the commune gave the packet (its log knows it by this name)."""
    from treem_desktop.packets.layout import packet_file_name

    return packet_file_name(packet.commune_code, packet.kind, packet.period, packet.sequence)
