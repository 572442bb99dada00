"""Key continuity inside packets: the statements by which the commune's old keys vouch for the new.

A commune that replaced its key (``treem key replace``) puts the chain of key-change statements
that ends at its current certificate into every packet it signs with that key, as
``doi-khoa-<n>.json`` and ``doi-khoa-<n>.json.p7s`` (oldest first; listed and hashed in the
manifest like any file). A receiving office that trusts only an old certificate then trusts
the new one because each statement is signed by the key it already trusts
(:func:`treem_desktop.signing.key_change.check_key_change`) — not because the packet says so.
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
