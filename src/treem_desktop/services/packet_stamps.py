"""Which signed packet an issued document was sent in, for the line printed on paper copies.

A plan packet holds the issued documents of its year (``services/packet_contents.py``), listed
by their register reference in its ``data.json``. A document's stamp is the newest plan packet
of its year, in the packet log, whose file is still in the packets folder, verifies (a file
swapped or damaged since gives no stamp) and lists the document.
"""

from __future__ import annotations

import json
from pathlib import Path

from treem_desktop.documents.model import PacketStamp
from treem_desktop.errors import TreemError
from treem_desktop.services.outbox import OUTBOX_FOLDER, outbox_folder
from treem_desktop.services.workspace import Workspace
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
        if record.kind != "plan" or record.period != str(entry.year):
            continue
        if entry.reference in _references_in(packets_folder(workspace) / record.file_name, record):
            return PacketStamp(record.file_name, record.packet_id, record.sha256)
    return None


def _references_in(path: Path, record: packet_repo.PacketRecord) -> set[str]:
    from treem_desktop.packets.verify import verify_packet

    if not path.is_file():
        return set()
    try:
        verified = verify_packet(path)
        data = json.loads(verified.files["data.json"])
    except (TreemError, KeyError, ValueError):
        return set()
    if verified.sha256 != record.sha256 or not isinstance(data, dict):
        return set()
    documents = data.get("documents")
    if not isinstance(documents, list):
        return set()
    return {d["reference"] for d in documents if isinstance(d, dict) and "reference" in d}
