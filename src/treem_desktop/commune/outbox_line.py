"""The home page's outbox line, from the number of packets in each state.

Light on purpose (no sending, no routes): the home page shows it at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from treem_desktop.i18n import N_, _
from treem_desktop.storage import outbox_states as repo

if TYPE_CHECKING:
    from treem_desktop.commune.workspace import Workspace


def summary_of_counts(counts: Mapping[str, int]) -> str:
    """What needs the officer first (failed, queued, not sent), then what waits for the
    office's receipt. Acknowledged packets need nothing and are not counted."""
    words = (
        (repo.FAILED, N_("{count} failed to send")),
        (repo.QUEUED, N_("{count} queued")),
        (repo.BUILT, N_("{count} not sent yet")),
        (repo.SENT, N_("{count} sent, awaiting a receipt")),
    )
    parts = [
        _(text).format(count=counts.get(state, 0)) for state, text in words if counts.get(state)
    ]
    if parts:
        return _("Packets: {parts}.").format(parts="; ".join(parts))
    if counts.get(repo.ACKNOWLEDGED):
        return _("Every packet sent has been acknowledged by the receiving office.")
    return _("No packet is waiting to be sent.")


def needs_attention(counts: Mapping[str, int]) -> bool:
    """Whether a packet failed (the home page shows the line in red)."""
    return bool(counts.get(repo.FAILED))


def home_line(workspace: Workspace) -> tuple[str, bool]:
    """The line and whether it shows in red, from one counting query."""
    counts = repo.state_counts(workspace.conn)
    return summary_of_counts(counts), needs_attention(counts)
