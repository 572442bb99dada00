"""``treem outbox``, ``treem recipient trust`` and ``treem settings``: the handoff commands.

``outbox send`` exits 0 when every packet went (or was already there), 1 when any did not (its
reason is printed; the others were still sent); ``outbox receipt`` exits 3 when any receipt
was refused.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from treem_desktop.cli.output import Reporter
from treem_desktop.commune.outbox import OutboxEntry
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.errors import EXIT_USER, EXIT_VERIFY
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice


@contextmanager
def _opened(data_dir: DataDirChoice) -> Iterator[Workspace]:
    workspace = open_workspace(data_dir, create=False)
    try:
        yield workspace
    finally:
        workspace.close()


def entry_json(entry: OutboxEntry, file_present: bool) -> dict[str, Any]:
    return {**entry.__dict__, "file_in_outbox": file_present}


def entry_line(entry: OutboxEntry) -> str:
    from treem_desktop.commune.outbox_text import ROUTE_LABELS, STATE_LABELS

    where = ""
    if entry.route:
        where = f" ({_(ROUTE_LABELS.get(entry.route, entry.route))} → {entry.destination})"
    reason = f" — {entry.failure_code}" if entry.failure_code else ""
    state = _(STATE_LABELS[entry.state])
    return f"{entry.sequence:4d}  {entry.file_name}  {state}{where}{reason}"


def run_outbox_list(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.outbox import attempts, entries, packet_file

    with _opened(data_dir) as workspace:
        rows = entries(workspace)
        document = {
            "packets": [
                {
                    **entry_json(e, packet_file(workspace, e).is_file()),
                    "history": [a.__dict__ for a in attempts(workspace, e.sequence)],
                }
                for e in rows
            ]
        }
    lines = [entry_line(e) for e in rows] or [_("The outbox is empty.")]
    out.report(document, "\n".join(lines))
    return 0


def run_outbox_send(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.outbox import Route, from_before_the_outbox, send, send_queued
    from treem_desktop.commune.outbox_text import left_out_line, nothing_sent, outcome_line

    with _opened(data_dir) as workspace:
        if args.via:
            outcomes = send(workspace, Route.parse(args.via), args.packet)
        else:
            outcomes = send_queued(workspace)
        left_out = len(from_before_the_outbox(workspace)) if args.via and not args.packet else 0
    lines = [outcome_line(o) for o in outcomes] or [nothing_sent(left_out)]
    if outcomes and left_out:
        lines.append(left_out_line(left_out))
    document = {
        "packets": [
            {
                "sequence": o.sequence,
                "file_name": o.file_name,
                "route": o.route,
                "state": o.state,
                "delivered": o.delivered,
                "warnings": o.warnings,
                "error": o.error.as_json() if o.error else None,
            }
            for o in outcomes
        ]
    }
    out.report(document, "\n".join(lines))
    return EXIT_USER if any(o.error for o in outcomes) else 0


def run_outbox_receipt(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.outbox_text import receipt_line
    from treem_desktop.commune.receipts import import_receipts

    with _opened(data_dir) as workspace:
        outcomes = import_receipts(workspace, [Path(f).expanduser() for f in args.files])
    lines = [receipt_line(o) for o in outcomes]
    document = {
        "receipts": [
            {
                "source": o.source,
                "sequence": o.sequence,
                "file_name": o.file_name,
                "office": o.office,
                "error": o.error.as_json() if o.error else None,
            }
            for o in outcomes
        ]
    }
    out.report(document, "\n".join(lines) or _("No receipt was found."))
    return EXIT_VERIFY if any(o.error for o in outcomes) else 0


def run_outbox_add(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.outbox import keep_packet

    with _opened(data_dir) as workspace:
        entry = keep_packet(workspace, Path(args.file).expanduser())
    out.report(
        {"sequence": entry.sequence, "file_name": entry.file_name},
        _("{name} is in the outbox.").format(name=entry.file_name),
    )
    return 0


def run_outbox_eml(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.outbox import save_eml

    with _opened(data_dir) as workspace:
        target = save_eml(workspace, args.packet, Path(args.out).expanduser().resolve())
    out.report(
        {"path": str(target)},
        _("The message with the packet attached was saved to {path}; send it from webmail.").format(
            path=target
        ),
    )
    return 0


def run_recipient_trust(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.receipts import trust_recipient
    from treem_desktop.signing.keys import fingerprint

    with _opened(data_dir) as workspace:
        certificate = trust_recipient(workspace, Path(args.file).expanduser(), args.fingerprint)
    subject = certificate.subject.rfc4514_string()
    out.report(
        {"subject": subject, "fingerprint_sha256": fingerprint(certificate)},
        _("The receiving office's certificate is registered: {subject}.").format(subject=subject),
    )
    return 0


def run_settings_show(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.handoff_settings import handoff_settings
    from treem_desktop.commune.preferences import stored_language

    with _opened(data_dir) as workspace:
        shown = {"language": stored_language(workspace) or "vi", **handoff_settings(workspace)}
    out.report(shown, "\n".join(f"{key} = {value}" for key, value in shown.items()))
    return 0


def run_settings_set(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.handoff_settings import SPECS, set_handoff_setting

    value = args.value
    spec = SPECS.get(args.key)
    if value is None:
        value = _ask_secret(args.key) if spec is not None and spec.secret else ""
    from treem_desktop.commune.preferences import store_language

    with _opened(data_dir) as workspace:
        if args.key == "language":
            store_language(workspace, value)
        else:
            set_handoff_setting(workspace, args.key, value)
    shown = "***" if spec is not None and spec.secret and value else value
    out.report({args.key: shown}, f"{args.key} = {shown}")
    return 0


def _ask_secret(key: str, ask: Callable[[str], str] = getpass.getpass) -> str:
    """A password typed at a terminal, or the first line of standard input."""
    if sys.stdin.isatty():
        return ask(_("Password for {key}: ").format(key=key))
    return sys.stdin.readline().rstrip("\r\n")
