"""``treem setup --receiving`` and ``treem receive …``: the receiving office's commands.

Parse, call the office's use cases (:mod:`treem_desktop.office`), report. The office's modules
are imported inside each command so that starting ``treem`` stays cheap.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.cli.output import Reporter
from treem_desktop.errors import EXIT_OK, EXIT_USAGE, EXIT_VERIFY, TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice

if TYPE_CHECKING:
    from treem_desktop.office.folder import OfficeFolder
    from treem_desktop.office.intake import ImportOutcome
    from treem_desktop.office.signer import OfficeSigner
    from treem_desktop.office.status import PeriodStatus


def add_receive_parser(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """The ``receive`` command and its actions (and those of the consolidation, when present)."""
    receive = commands.add_parser("receive", parents=[common], help="receiving office")
    actions = receive.add_subparsers(dest="action", metavar="ACTION", required=True)
    trust = actions.add_parser("trust", parents=[common], help="trust a commune's certificate")
    trust.add_argument("file", help="certificate (PEM/DER), enrollment file or packet")
    trust.add_argument("--fingerprint", required=True, help="SHA-256, from the commune's key card")
    actions.add_parser("trusted", parents=[common], help="the communes' trusted certificates")
    importing = actions.add_parser("import", parents=[common], help="verify and store packets")
    importing.add_argument("paths", nargs="+", metavar="PATH", help="packet, folder, .eml, .mbox")
    importing.add_argument("--progress", action="store_true", help="one line per packet (stderr)")
    actions.add_parser("quarantine", parents=[common], help="the refused packets and why")
    for name, words in (("diff", "what a resubmission changes"), ("accept", "accept it")):
        one = actions.add_parser(name, parents=[common], help=words)
        one.add_argument("packet", metavar="PACKET-ID", help="the office's number or packet id")
    status = actions.add_parser("status", parents=[common], help="who sent, late, missing")
    _period_and_kind(status)
    deadline = actions.add_parser("deadline", parents=[common], help="set a period's deadline")
    _period_and_kind(deadline)
    deadline.add_argument("date", help="DD/MM/YYYY")
    target = actions.add_parser("target", parents=[common], help="the province's own target")
    target.add_argument("percent", type=float, help="share of communes recognised, e.g. 70")
    receipts = actions.add_parser("receipts", parents=[common], help="signed receipts")
    receipts.add_argument("--out", required=True, help="DIR, e.g. the USB stick")
    receipts.add_argument("--passphrase-file", help="the office key's passphrase, first line")
    _add_report_commands(actions, common)


def _period_and_kind(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, help="2026, or 2026-H1 for indicators")
    parser.add_argument("--kind", default="evaluation", help="evaluation, indicators or plan")


def _add_report_commands(
    actions: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    try:
        from treem_desktop.cli import receive_report_commands as report
    except ImportError:
        return
    adding = getattr(report, "add_report_commands", None)
    if adding is not None:
        adding(actions, common)


SIGNING_CHOICES = {"own": "", "kt": "KT."}  # --signing-as: in his own right, or "KT."


def add_setup_options(setup: argparse.ArgumentParser) -> None:
    """``setup --receiving --province CODE --office-name NAME [--level province|district]
    [--signer NAME] [--signer-title T] [--signing-as own|kt]``."""
    setup.add_argument("--receiving", action="store_true", help="set up a receiving office")
    setup.add_argument("--office-name", help="receiving mode: the office's name")
    setup.add_argument("--level", default="province", choices=("province", "district"))
    setup.add_argument(
        "--signing-as",
        choices=tuple(SIGNING_CHOICES),
        help="receiving mode: the signer signs in his own right or KT. (for the Giám đốc); "
        "a Giám đốc always signs own, a Phó Giám đốc always kt",
    )
    # --signer-title: the commune's default (Chủ tịch) is filled in for a commune only.
    setup.set_defaults(signer_title=None)


def run_any_setup(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    """A commune's setup, or with ``--receiving`` an office's."""
    if getattr(args, "receiving", False):
        if not args.office_name:
            return _usage(_("setup --receiving needs --office-name NAME"))
        return run_office_setup(args, data_dir, out)
    if not getattr(args, "commune", None):
        return _usage(_("setup needs --commune CODE (or --receiving for an office)"))
    from treem_desktop.cli.commands import run_setup
    from treem_desktop.core.commune import CommuneProfile

    if args.signer_title is None:
        args.signer_title = CommuneProfile.signer_title  # "Chủ tịch"

    return run_setup(args, data_dir, out)


def _usage(message: str) -> int:
    print(f"treem setup: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_office_setup(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.cli.secrets import read_passphrase
    from treem_desktop.office.setup import office_key_files, set_up_office
    from treem_desktop.signing.keys import fingerprint

    signer = _signer_of(args, data_dir)  # checked before a passphrase is asked for
    new_key = not office_key_files(data_dir).exist()
    passphrase = read_passphrase(args.passphrase_file, new=True) if new_key else None
    done = set_up_office(data_dir, args.province, args.office_name, args.level, passphrase, signer)
    profile = done.profile
    lines = [
        _("Set up the receiving office {office} for {province}.").format(
            office=profile.name, province=profile.province_name
        ),
        _("Certificate fingerprint (SHA-256): {fingerprint}").format(
            fingerprint=fingerprint(done.certificate)
        ),
    ]
    lines.append(_signer_line(profile.signer))
    if not done.protected:
        lines.append(_("Warning: the office's signing key is NOT protected by a passphrase."))
    document = {
        "data_dir": str(data_dir.path),
        "role": "office",
        "office": asdict(profile),
        "key": {
            "created": done.key_created,
            "protected": done.protected,
            "fingerprint_sha256": fingerprint(done.certificate),
            "certificate": str(office_key_files(data_dir).certificate),
        },
    }
    out.report(document, "\n".join(lines))
    return EXIT_OK


def _signer_of(args: argparse.Namespace, data_dir: DataDirChoice) -> OfficeSigner | None:
    """The signer the options give, over the one stored; None when no option names one."""
    from treem_desktop.office.folder import is_office_folder, open_office
    from treem_desktop.office.signer import OfficeSigner, build_signer

    given = (args.signer, args.signer_title, args.signing_as)
    if all(value is None or value == "" for value in given):
        return None
    stored = OfficeSigner()
    if is_office_folder(data_dir):
        with open_office(data_dir) as office:
            stored = office.require_profile().signer
    name = args.signer or stored.name
    title = args.signer_title or stored.title
    authority = SIGNING_CHOICES[args.signing_as] if args.signing_as else stored.authority
    return build_signer(name, title, authority)


def _signer_line(signer: OfficeSigner) -> str:
    from treem_desktop.office.signer import office_signature_heading

    heading = " / ".join(office_signature_heading(signer))
    if not signer.is_set:
        return _("Signer: name not entered yet ({heading}).").format(heading=heading)
    return _("Signer: {name} ({heading}).").format(name=signer.name, heading=heading)


def _open(data_dir: DataDirChoice) -> OfficeFolder:
    from treem_desktop.office.folder import open_office

    return open_office(data_dir)


def run_receive_trust(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.office.trust import trust_from_file

    with _open(data_dir) as office:
        trusted = trust_from_file(office, Path(args.file).expanduser(), args.fingerprint)
    text = _("The certificate of {commune} ({code}) is trusted from now on.").format(
        commune=trusted.commune_name, code=trusted.commune_code
    )
    if trusted.contact:
        text += "\n" + _("Contact: {contact}").format(contact=trusted.contact)
    out.report({"status": "trusted", **trusted.__dict__}, text)
    return EXIT_OK


def run_receive_trusted(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.office.trust import trusted_communes

    with _open(data_dir) as office:
        found = trusted_communes(office.conn)
    lines = [f"{t.commune_code} {t.commune_name}: {t.fingerprint}" for t in found]
    out.report({"trusted": [t.__dict__ for t in found]}, "\n".join(lines))
    return EXIT_OK


def run_receive_import(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.cli.jobs import cancelled_by_ctrl_c, print_steps
    from treem_desktop.core.jobs import Job, JobCancelled
    from treem_desktop.office.intake import REFUSED, import_packets
    from treem_desktop.office.sources import packet_sources

    sources = packet_sources([Path(p).expanduser() for p in args.paths])
    job = Job(print_steps) if args.progress or sys.stderr.isatty() else Job()
    with _open(data_dir) as office, cancelled_by_ctrl_c(job):
        outcomes = import_packets(office, sources, job)
    refused = [o for o in outcomes if o.result == REFUSED]
    counts = {r: sum(1 for o in outcomes if o.result == r) for r in _RESULT_WORDS}
    stopped = job.cancelled and len(outcomes) < len(sources)
    out.report(
        {"counts": counts, "packets": [o.as_json() for o in outcomes], "stopped": stopped},
        "\n".join([*(_outcome_line(o) for o in outcomes), _counts_line(counts)]),
    )
    if stopped:  # Ctrl+C: what was stored stays; the same command again finishes the job
        print(JobCancelled().message(), file=sys.stderr)
        return JobCancelled.exit_code
    return EXIT_VERIFY if refused else EXIT_OK


_RESULT_WORDS = {
    "accepted": "accepted",
    "resubmission": "resubmission waiting",
    "older": "older than one received",
    "known": "already received",
    "refused": "refused",
}


def _outcome_line(outcome: ImportOutcome) -> str:
    words = {
        "accepted": _("accepted"),
        "resubmission": _("resubmission waiting to be accepted"),
        "older": _("older than a packet already received"),
        "known": _("already received"),
        "refused": _("refused"),
    }[outcome.result]
    line = f"{outcome.name}: {words}"
    if outcome.error is not None:
        line += f" — {outcome.error.message()}"
    elif outcome.packet is not None:
        line += f" (#{outcome.packet.id})"
    return line


def _counts_line(counts: dict[str, int]) -> str:
    return _(
        "Accepted {accepted}, resubmissions {resubmission}, older {older}, already received "
        "{known}, refused {refused}."
    ).format(**counts)


def run_receive_quarantine(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.office.packet_store import quarantined

    with _open(data_dir) as office:
        entries = quarantined(office.conn)
        lines = [
            f"{e.file_name} ({e.stored_name}): {_reason(e.code, e.params, e.member)}"
            for e in entries
        ]
        document = [
            {
                **e.__dict__,
                "path": str(office.path / e.stored_name),
                "reason": _reason(e.code, e.params, e.member),
            }
            for e in entries
        ]
    out.report({"quarantine": document}, "\n".join(lines) or _("The quarantine is empty."))
    return EXIT_OK


def _reason(code: str, params: dict[str, Any], member: str) -> str:
    try:
        return TreemError(code, **{"member": member, **params}).message()
    except (KeyError, IndexError, ValueError):
        return code


def run_receive_diff(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.office.resubmission import find_packet, packet_diff

    with _open(data_dir) as office:
        packet = find_packet(office.conn, args.packet)
        current, changes = packet_diff(office.conn, packet)
    lines = [
        _(
            "Packet {new} (number {sequence}) would replace packet {old} (number {old_sequence}):"
        ).format(
            new=packet.id,
            sequence=packet.sequence,
            old=current.id,
            old_sequence=current.sequence,
        ),  # fmt: skip
        *(f"  {c.path}: {_shown(c.before)} → {_shown(c.after)}" for c in changes),
    ]
    document = {
        "packet": {"id": packet.id, "packet_id": packet.packet_id, "sequence": packet.sequence},
        "replaces": {
            "id": current.id,
            "packet_id": current.packet_id,
            "sequence": current.sequence,
        },
        "changes": [c.as_json() for c in changes],
    }
    out.report(document, "\n".join(lines))
    return EXIT_OK


def _shown(value: Any) -> str:
    from treem_desktop.formatting import format_number

    if value is None:
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def run_receive_accept(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.office.resubmission import accept_packet, find_packet

    with _open(data_dir) as office:
        packet = find_packet(office.conn, args.packet)
        replaced = accept_packet(office.conn, packet)
    out.report(
        {"accepted": packet.id, "superseded": replaced.id},
        _("Packet {new} now counts for {commune}; packet {old} is kept as replaced.").format(
            new=packet.id, commune=packet.commune_name, old=replaced.id
        ),
    )
    return EXIT_OK


def run_receive_status(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.office.status import period_status

    with _open(data_dir) as office:
        status = period_status(office.conn, office.require_profile(), args.period, args.kind)
    out.report(status.as_json(), _status_text(status))
    return EXIT_OK


def _status_text(status: PeriodStatus) -> str:
    from treem_desktop.formatting import format_number, format_percent

    states = {"on-time": _("on time"), "late": _("late"), "missing": _("not received yet")}
    counts = status.counts
    lines = [
        _(
            "Period {period}: {expected} communes expected, {received} received ({on_time} on "
            "time, {late} late), {missing} not sent, {refused} with a refused packet."
        ).format(period=status.period, on_time=counts["on-time"], **counts),
        _("Recognised: {count} communes, {share} (target {target}).").format(
            count=status.recognised,
            share=format_percent(status.recognised_percent),
            target=format_percent(status.target_percent),
        ),
    ]
    for c in status.communes:
        line = f"{c.code} {c.name}: {states[c.state]}"
        if c.total is not None:
            line += (
                f", {format_number(c.total)} " + _("points") + f", {c.verdict_text or c.verdict}"
            )
        if c.criteria_at_zero:
            line += ", " + _("criteria at 0: {ids}").format(ids=", ".join(c.criteria_at_zero))
        if c.refused:
            line += ", " + _("refused packets: {count}").format(count=c.refused)
        lines.append(line)
    return "\n".join(lines)


def run_receive_deadline(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.office.status import set_deadline

    day = parse_day(args.date)
    with _open(data_dir) as office, office.transaction():
        set_deadline(office.conn, args.kind, args.period, day)
    out.report(
        {"period": args.period, "kind": args.kind, "deadline": day.isoformat()},
        _("Deadline for {period}: {date}.").format(
            period=args.period, date=day.strftime("%d/%m/%Y")
        ),
    )
    return EXIT_OK


def parse_day(text: str) -> dt.date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise TreemError("OFFICE_DATE_INVALID", value=text)


def run_receive_target(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.formatting import format_percent
    from treem_desktop.office.status import set_target

    with _open(data_dir) as office, office.transaction():
        set_target(office.conn, args.percent)
    out.report(
        {"target_percent": args.percent},
        _("The province's target: {share} of communes recognised.").format(
            share=format_percent(args.percent)
        ),
    )
    return EXIT_OK


def run_receive_receipts(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.cli.secrets import read_passphrase
    from treem_desktop.office.receipts import packets_without_receipt, write_receipts

    with _open(data_dir) as office:
        needed = bool(packets_without_receipt(office))
        passphrase = read_passphrase(args.passphrase_file, new=False) if needed else None
        written = write_receipts(office, Path(args.out).expanduser(), passphrase)
    out.report(
        {"receipts": [str(p) for p in written]},
        _("{count} receipts written to {path}.").format(count=len(written), path=args.out),
    )
    return EXIT_OK


RECEIVE_COMMANDS: dict[tuple[str, str | None], Any] = {
    ("receive", "trust"): run_receive_trust,
    ("receive", "trusted"): run_receive_trusted,
    ("receive", "import"): run_receive_import,
    ("receive", "quarantine"): run_receive_quarantine,
    ("receive", "diff"): run_receive_diff,
    ("receive", "accept"): run_receive_accept,
    ("receive", "status"): run_receive_status,
    ("receive", "deadline"): run_receive_deadline,
    ("receive", "target"): run_receive_target,
    ("receive", "receipts"): run_receive_receipts,
}


def receive_command_table() -> dict[tuple[str, str | None], Any]:
    """The commands above, the setup dispatcher, and the consolidation's when present."""
    table: dict[tuple[str, str | None], Any] = {("setup", None): run_any_setup}
    table.update(RECEIVE_COMMANDS)
    try:
        from treem_desktop.cli import receive_report_commands as report
    except ImportError:
        return table
    table.update(getattr(report, "REPORT_COMMANDS", {}))
    return table
