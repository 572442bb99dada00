"""Which signed packet an issued document or a score sheet was sent in, for the line printed
on paper copies.

Plan and evaluation packets hold issued documents of their year (``commune/packet_contents``),
listed by their register reference in ``data.json``. A document's stamp is the newest such
packet of its year, in the packet log, whose file is still in the packets folder, verifies (a
file swapped or damaged since gives no stamp) and lists the document. A score sheet's stamp is
the newest evaluation packet of its year whose inputs are exactly the round's inputs now (a
value changed since the packet was sent gives no stamp: the paper would not match the file).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from treem_desktop.commune.outbox import OUTBOX_FOLDER, outbox_folder
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.model import PacketStamp
from treem_desktop.errors import TreemError
from treem_desktop.storage import packet_repo
from treem_desktop.storage.register_repo import RegisterEntry

PACKETS_DIR_NAME = OUTBOX_FOLDER
"""The folder in the data folder where the window writes packets and the outbox keeps them."""


def packets_folder(workspace: Workspace) -> Path:
    return outbox_folder(workspace)


def stamp_for(workspace: Workspace, entry: RegisterEntry) -> PacketStamp | None:
    """The packet that carried ``entry`` (see the module), or None."""
    if entry.status != "issued":
        return None
    for record in reversed(packet_repo.packets(workspace.conn)):
        if record.kind not in DOCUMENT_KINDS or record.period != str(entry.year):
            continue
        if entry.reference in _references_in(packets_folder(workspace) / record.file_name, record):
            return PacketStamp(record.file_name, record.packet_id, record.sha256)
    return None


DOCUMENT_KINDS = ("plan", "evaluation")
"""The packets that carry issued documents."""


def evaluation_stamp(
    workspace: Workspace, year: int, inputs: Mapping[str, object]
) -> PacketStamp | None:
    """The newest evaluation packet of ``year`` whose inputs are ``inputs`` (see the module)."""
    now = json.loads(json.dumps(dict(sorted(inputs.items())), ensure_ascii=False, default=str))
    for record in reversed(packet_repo.packets(workspace.conn)):
        if record.kind != "evaluation" or record.period != str(year):
            continue
        data = _data_of(packets_folder(workspace) / record.file_name, record)
        if data is not None and data.get("inputs") == now:
            return PacketStamp(record.file_name, record.packet_id, record.sha256)
    return None


def _data_of(path: Path, record: packet_repo.PacketRecord) -> dict[str, object] | None:
    """The ``data.json`` of the logged packet at ``path``, when it is there and verifies."""
    from treem_desktop.packets.verify import verify_packet

    if not path.is_file():
        return None
    try:
        verified = verify_packet(path)
        data = json.loads(verified.files["data.json"])
    except (TreemError, KeyError, ValueError, RecursionError):
        return None
    if verified.sha256 != record.sha256 or not isinstance(data, dict):
        return None
    return data


def _references_in(path: Path, record: packet_repo.PacketRecord) -> set[str]:
    data = _data_of(path, record)
    if data is None:
        return set()
    documents = data.get("documents")
    if not isinstance(documents, list):
        return set()
    return {d["reference"] for d in documents if isinstance(d, dict) and "reference" in d}
