"""Finishing, or undoing, a key replacement cut short (a power cut, a full disk).

A replacement (:mod:`.key_replace`) writes the new key and certificate beside the ones in use
as ``commune-key.pem.pending`` and ``commune-cert.pem.pending``, then the key-change statement in
the history, and only then renames the two pending files into place. The statement is the
commit point:

- a pending certificate whose statement is in the history: the replacement happened, so the
  pending files are renamed into place (the key first, as the replacement does);
- pending files without that statement: it did not happen, so they are removed and the old key
  stays in use, untouched.

:func:`settle_replacement` runs whenever the certificate is read, so the key and certificate in
use always belong together.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from treem_desktop.errors import TreemError

log = logging.getLogger(__name__)
PENDING_SUFFIX = ".pending"


def pending(path: Path) -> Path:
    return path.with_name(path.name + PENDING_SUFFIX)


def settle_replacement(key: Path, certificate: Path, history: Path) -> None:
    """Roll a cut-short replacement forward or back (see the module)."""
    key_pending, cert_pending = pending(key), pending(certificate)
    if not key_pending.exists() and not cert_pending.exists():
        return
    try:
        if cert_pending.exists() and _committed(cert_pending, history):
            if key_pending.exists():
                rename(key_pending, key)
            rename(cert_pending, certificate)
            log.warning("a key replacement cut short was finished")
        else:
            key_pending.unlink(missing_ok=True)
            cert_pending.unlink(missing_ok=True)
            log.warning("a key replacement cut short was undone; the old key stays in use")
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(key.parent), detail=exc.strerror) from exc


def rename(source: Path, target: Path) -> None:
    """Put ``source`` in ``target``'s place in one step (the same folder)."""
    os.replace(source, target)


def _committed(cert_pending: Path, history: Path) -> bool:
    """True when a key-change statement in the history names the pending certificate."""
    from cryptography import x509

    from treem_desktop.signing.keys import fingerprint

    try:
        wanted = fingerprint(x509.load_pem_x509_certificate(cert_pending.read_bytes()))
    except (OSError, ValueError):
        return False
    for path in history.glob("*-key-change.json") if history.is_dir() else []:
        try:
            document = json.loads(path.read_bytes())
            named = document["new_certificate_fingerprint_sha256"]
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            continue
        if named == wanted and path.with_name(path.name + ".p7s").exists():
            return True
    return False
