"""Reading the key's passphrase on the command line (docs/cli.md, “Secrets”).

In order: ``--passphrase-file FILE`` (its first line), the ``TREEM_PASSPHRASE`` environment
variable, else a prompt when a terminal is attached (twice when a new passphrase is chosen).
A token's PIN likewise: ``--pin-file FILE``, ``TREEM_PIN``, else a prompt.
A replacement key's passphrase comes from ``--new-passphrase-file`` or ``TREEM_NEW_PASSPHRASE``
(or a prompt, twice), so that a script can give the old and the new one apart.
Without any of these the answer is None, and the caller decides what that means.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _

PASSPHRASE_ENV = "TREEM_PASSPHRASE"
PIN_ENV = "TREEM_PIN"
NEW_PASSPHRASE_ENV = "TREEM_NEW_PASSPHRASE"  # the new key's, for ``treem key replace``


def read_passphrase(passphrase_file: str | None, *, new: bool) -> bytes | None:
    """The passphrase given for this command, or None when none was given."""
    if passphrase_file:
        return _first_line(Path(passphrase_file))
    from_environment = os.environ.get(PASSPHRASE_ENV)
    if from_environment:
        return from_environment.encode("utf-8")
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    first = getpass.getpass(
        _("New passphrase for the signing key: ") if new else _("Passphrase of the signing key: ")
    )
    if new:
        second = getpass.getpass(_("The same passphrase again: "))
        if first != second:
            raise TreemError("PASSPHRASE_MISMATCH")
    return first.encode("utf-8") if first else None


def read_new_passphrase(passphrase_file: str | None) -> bytes | None:
    """The passphrase for a replacement key: ``--new-passphrase-file FILE``, else
    ``TREEM_NEW_PASSPHRASE``, else asked twice at a terminal; None when none was given."""
    if passphrase_file:
        return _first_line(Path(passphrase_file))
    from_environment = os.environ.get(NEW_PASSPHRASE_ENV)
    if from_environment:
        return from_environment.encode("utf-8")
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    first = getpass.getpass(_("Passphrase for the NEW signing key: "))
    if getpass.getpass(_("The same passphrase again: ")) != first:
        raise TreemError("PASSPHRASE_MISMATCH")
    return first.encode("utf-8") if first else None


def _first_line(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise TreemError("PASSPHRASE_FILE_UNREADABLE", path=str(path), detail=detail) from exc
    lines = text.splitlines()
    return (lines[0] if lines else "").encode("utf-8")


def read_pin(pin_file: str | None, token: str) -> str:
    """The token's PIN: ``--pin-file``, ``TREEM_PIN``, else a prompt; "" when none was given."""
    if pin_file:
        return _first_line(Path(pin_file)).decode("utf-8")
    from_environment = os.environ.get(PIN_ENV)
    if from_environment:
        return from_environment
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return ""
    return getpass.getpass(_("PIN of the token {token}: ").format(token=token))
