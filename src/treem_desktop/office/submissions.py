"""The accepted packets' data of a period, as plain data for consolidation and exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder


@dataclass(frozen=True)
class AcceptedPacket:
    """One packet the office accepted: the one counted for its commune, kind and period."""

    row_id: int
    packet_id: str
    sha256: str
    commune_code: str
    commune_name: str
    province_code: str
    kind: str
    period: str
    sequence: int
    received_at: str
    manifest: dict[str, Any]
    data: dict[str, Any]


def accepted_packets(
    office: OfficeFolder, period: str, kind: str | None = None
) -> list[AcceptedPacket]:
    """The accepted packets of ``period`` (every kind, or only ``kind``), by commune code;
    resubmissions not yet accepted, superseded and older packets are left out."""
    where = "period = ? AND state = ?"
    params: list[Any] = [period, store.CURRENT]
    if kind is not None:
        where += " AND kind = ?"
        params.append(kind)
    found = [_accepted(p) for p in store.received_where(office.conn, where, *params)]
    return sorted(found, key=lambda p: (p.commune_code, p.kind))


def _accepted(packet: store.ReceivedPacket) -> AcceptedPacket:
    return AcceptedPacket(
        packet.id,
        packet.packet_id,
        packet.sha256,
        packet.commune_code,
        packet.commune_name,
        str(packet.manifest["commune"]["province_code"]),
        packet.kind,
        packet.period,
        packet.sequence,
        packet.received_at,
        packet.manifest,
        packet.data,
    )
