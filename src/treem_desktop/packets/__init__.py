"""Signed packets: what leaves the commune, and the checks that let an office trust it.

The format is written down in ``docs/packet-format.md``. :mod:`.build` makes a packet,
:mod:`.verify` checks one; both are free of Qt and share :mod:`.layout`. Every refusal raises
:class:`PacketRejected` with a stable code (exit status 3 on the command line) and names the
member at fault.
"""

from __future__ import annotations

from typing import Any

from treem_desktop.errors import EXIT_VERIFY, TreemError


class PacketRejected(TreemError):
    """A packet refused by the verifier; ``code`` says why, ``member`` names the file at fault."""

    exit_code = EXIT_VERIFY

    def __init__(self, error_code: str, /, *, member: str = "", **params: Any) -> None:
        super().__init__(error_code, member=member, **params)
        self.member = member

    def as_json(self) -> dict[str, Any]:
        return {**super().as_json(), "member": self.member}


__all__ = ["PacketRejected"]
