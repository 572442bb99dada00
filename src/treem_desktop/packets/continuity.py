"""Continuity inside packets: the statements by which the commune's old keys vouch for the new,
and the numbers skipped since the previous packet.

A commune that replaced its key (``treem key replace``) puts the chain of key-change statements
that ends at its current certificate into every packet it signs with that key, as
``doi-khoa-<n>.json`` and ``doi-khoa-<n>.json.p7s`` (oldest first; listed and hashed in the
manifest like any file). A receiving office that trusts only an old certificate then trusts
the new one because each statement is signed by the key it already trusts
(:func:`treem_desktop.signing.key_change.check_key_change`) — not because the packet says so.

A packet whose number was reserved but never finished (the program was stopped while writing
it) leaves its number void: never used again. The next packet names the previous *built*
packet's hash in ``previous_packet_sha256`` and says which numbers it skips in ``so-huy.json``
(listed and hashed in the manifest like any file), so the receiving office sees a gap that was
declared, not a packet gone missing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography import x509

MEMBER = re.compile(r"^doi-khoa-(\d{1,2})\.json$")
MAX_STATEMENTS = 8
VOID_MEMBER = "so-huy.json"
"""The numbers a packet skips (số đã hủy): ``{"previous_sequence": 3, "void_sequences": [4]}``."""


def member_names(number: int) -> tuple[str, str]:
    return f"doi-khoa-{number}.json", f"doi-khoa-{number}.json.p7s"


def chain_to(history: Path, current_fingerprint: str) -> list[tuple[bytes, bytes]]:
    """The statements (bytes, signature) from ``history`` that lead to the current certificate,
    oldest first; empty when the key was never replaced (or the history is unreadable)."""
    by_new: dict[str, tuple[bytes, bytes, str]] = {}
    for path in sorted(history.glob("*-key-change.json")) if history.is_dir() else []:
        try:
            statement = path.read_bytes()
            signature = path.with_name(path.name + ".p7s").read_bytes()
            document = json.loads(statement)
            new = str(document["new_certificate_fingerprint_sha256"])
            old = str(document["old_certificate_fingerprint_sha256"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        by_new[new] = (statement, signature, old)
    chain: list[tuple[bytes, bytes]] = []
    wanted = current_fingerprint
    while wanted in by_new and len(chain) < MAX_STATEMENTS:
        statement, signature, old = by_new.pop(wanted)
        chain.insert(0, (statement, signature))
        wanted = old
    return chain


def packet_members(chain: list[tuple[bytes, bytes]]) -> dict[str, bytes]:
    members: dict[str, bytes] = {}
    for number, (statement, signature) in enumerate(chain, start=1):
        name, signature_name = member_names(number)
        members[name] = statement
        members[signature_name] = signature
    return members


def continued_trust(
    files: dict[str, bytes], trusted: list[x509.Certificate]
) -> list[x509.Certificate]:
    """The certificates the packet's statements make trusted, starting from ``trusted``.

    Statements that do not verify against a certificate trusted so far are ignored: they add
    nothing, and the packet is then refused as untrusted in the usual way.
    """
    from treem_desktop.signing.key_change import KeyChangeRejected, check_key_change

    numbered = sorted(
        (int(match.group(1)), name) for name in files if (match := MEMBER.match(name))
    )
    known = list(trusted)
    added: list[x509.Certificate] = []
    for _number, name in numbered[:MAX_STATEMENTS]:
        signature = files.get(name + ".p7s")
        if signature is None:
            continue
        for certificate in known:
            try:
                change = check_key_change(files[name], signature, certificate)
            except KeyChangeRejected:
                continue
            known.append(change.new_certificate)
            added.append(change.new_certificate)
            break
    return added


def void_member(previous_sequence: int | None, void: list[int]) -> dict[str, bytes]:
    """The ``so-huy.json`` member naming the void numbers skipped; none when none are."""
    if not void:
        return {}
    document = {"previous_sequence": previous_sequence, "void_sequences": sorted(void)}
    return {VOID_MEMBER: (json.dumps(document, indent=2) + "\n").encode("utf-8")}


def void_sequences(files: dict[str, bytes]) -> list[int]:
    """The void numbers a packet declares it skips (empty when it declares none or the
    member is not a list of positive whole numbers)."""
    try:
        numbers = json.loads(files[VOID_MEMBER])["void_sequences"]
    except (KeyError, ValueError, TypeError):
        return []
    if not isinstance(numbers, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in numbers
    ):
        return []
    return numbers
