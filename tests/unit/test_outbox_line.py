"""The home page's outbox line, counted by the database, says what the full list says."""

from __future__ import annotations

from treem_desktop.commune import outbox_line
from treem_desktop.commune.outbox import entries
from treem_desktop.commune.outbox_text import outbox_needs_attention, outbox_summary
from treem_desktop.commune.workspace import Workspace
from treem_desktop.storage import outbox_repo, packet_repo
from treem_desktop.storage.outbox_repo import Change

AT = "2026-11-23T09:30:00+07:00"


def add_packet(workspace: Workspace, sequence: int, state: str | None) -> None:
    record = packet_repo.PacketRecord(
        sequence, f"id-{sequence}", "plan", "2026", f"p{sequence}.zip", f"{sequence:064x}",
        None, AT, "f" * 64,
    )  # fmt: skip
    packet_repo.record_packet(workspace.conn, record)
    if state is not None:  # None: a packet built before the outbox existed (no entry)
        outbox_repo.record(workspace.conn, sequence, Change("kept", AT, state=state))


def test_the_counted_line_is_the_listed_line(workspace: Workspace) -> None:
    lines = [outbox_line.home_line(workspace)]
    states = [None, "built", "sent", "acknowledged", "queued", "failed", "failed"]
    for sequence, state in enumerate(states, start=1):
        add_packet(workspace, sequence, state)
        packets = entries(workspace)
        expected = (outbox_summary(packets), outbox_needs_attention(packets))
        assert outbox_line.home_line(workspace) == expected
        lines.append(expected)
    assert outbox_repo.state_counts(workspace.conn) == {
        "built": 2, "sent": 1, "acknowledged": 1, "queued": 1, "failed": 2,
    }  # fmt: skip
    assert len(set(lines)) == len(lines) - 1  # all but the acknowledged one changed the line
