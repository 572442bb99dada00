"""The checks a receiving office runs on a packet: those of :mod:`.verify`, and no demo.

A demo packet (made with the demo commune's sample data and its demo key) is intact and signed,
but it reports nothing real: a receiving office refuses it with its own code (exit status 3,
as the command line's contract says), so that a packet made while trying the application
never counts as a commune's report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.errors import EXIT_VERIFY
from treem_desktop.packets import PacketRejected
from treem_desktop.packets.verify import VerifiedPacket, verify_packet

if TYPE_CHECKING:
    from cryptography import x509


class DemoPacketRefused(PacketRejected):
    """An intact packet refused because it is a demo (``PACKET_DEMO``, exit status 3)."""

    exit_code = EXIT_VERIFY


def refuse_demo(verified: VerifiedPacket, name: str) -> VerifiedPacket:
    """``verified`` unless it is a demo packet."""
    if verified.demo:
        raise DemoPacketRefused("PACKET_DEMO", member="manifest.json", path=name)
    return verified


def verify_for_receiving(
    path: Path, trusted: list[x509.Certificate] | None = None
) -> VerifiedPacket:
    """Check the packet at ``path`` as a receiving office accepts it: intact, signed, not demo."""
    return refuse_demo(verify_packet(path, trusted), path.name)
