"""Arguments of the ``treem`` command."""

from __future__ import annotations

import argparse
from typing import Any, cast

from treem_desktop._version import __version__
from treem_desktop.cli.receive_commands import add_receive_parser, add_setup_options
from treem_desktop.cli.standard_pack_commands import add_standard_pack_parser
from treem_desktop.i18n import LANGUAGES

_VALUED = ("--data-dir", "--lang")  # the options before a command that take a value


def build_parser(command_line: list[str] | None = None) -> argparse.ArgumentParser:
    """The ``treem`` parser. Given the command line, only the command it names gets its
    options (the others only their name and help, which ``--help`` lists): building every
    command's options costs more than a light command's work."""
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="treem",
        description="Treem Desktop. Without a command, the application window opens.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"treem {__version__}")
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    real = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = None if command_line is None else _command_named(command_line)
    commands = real if named is None else cast(argparse._SubParsersAction, _OnlyNamed(real, named))
    _add_setup(commands, common)
    _add_commune(commands, common)
    _add_db(commands, common)
    _add_eval(commands, common)
    _add_standard(commands, common)
    _add_indicators(commands, common)
    _add_doc(commands, common)
    _add_key(commands, common)
    _add_packet(commands, common)
    _add_token(commands, common)
    _add_trust(commands, common)
    _add_outbox(commands, common)
    add_receive_parser(commands, common)
    return parser


def _command_named(command_line: list[str]) -> str | None:
    """The command the line names (``packet`` in ``--json packet verify X``); None for none,
    or when help is asked before it."""
    words = iter(command_line)
    for word in words:
        if word in ("-h", "--help"):
            return None
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


class _OnlyNamed:
    """The commands' subparsers, with the named command built in full and the others as their
    name and help only (their options go to :class:`_Ignored`)."""

    def __init__(self, real: argparse._SubParsersAction, named: str) -> None:
        self._real = real
        self._named = named

    def add_parser(self, name: str, **options: Any) -> Any:
        if name == self._named:
            return self._real.add_parser(name, **options)
        self._real.add_parser(name, help=options.get("help"), add_help=False)
        return _Ignored()


class _Ignored:
    """A command's parser not built: every call is accepted and does nothing."""

    def __getattr__(self, _name: str) -> Any:
        return lambda *_args, **_options: self


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, help="data folder (else TREEM_HOME, ...)"
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    common.add_argument("--lang", choices=sorted(LANGUAGES), default=argparse.SUPPRESS)
    return common


def _add_setup(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    setup = commands.add_parser("setup", parents=[common], help="set up the commune")
    setup.add_argument("--province", required=True, help="official province code, e.g. 11")
    setup.add_argument("--commune", help="official commune code, e.g. 03325")
    setup.add_argument(
        "--category", help="phuong-tw (900), mien-nui-hai-dao-dbkk (800), con-lai (850)"
    )
    setup.add_argument("--officer", default="")
    setup.add_argument("--signer", default="")
    setup.add_argument("--signer-title", default="Chủ tịch")
    setup.add_argument("--recipient-name", default="")
    setup.add_argument("--recipient-email", default="")
    setup.add_argument(
        "--issuer-abbreviations",
        default="UBND",
        help="document-number suffixes, comma-separated, the default first (UBND)",
    )
    _add_passphrase_file(setup)
    add_setup_options(setup)


def _add_passphrase_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        help="the signing key's passphrase, first line of FILE (else TREEM_PASSPHRASE, a prompt)",
    )


def _add_token_signing(parser: argparse.ArgumentParser) -> None:
    """Signing with a USB token instead of the commune's key (packet build, key enrollment)."""
    parser.add_argument(
        "--token-library", help="sign with a USB token: its PKCS#11 library (.dll / .so)"
    )
    parser.add_argument("--token-key", help="the certificate's key id (hex), from `token list`")
    parser.add_argument("--pin-file", help="the token's PIN, first line of FILE (else TREEM_PIN)")


def _add_key(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    key = commands.add_parser("key", parents=[common], help="the commune's signing key")
    actions = key.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("show", parents=[common], help="the certificate and its fingerprint")
    export = actions.add_parser("export", parents=[common], help="the certificate as PEM")
    export.add_argument("--out", required=True, help="FILE.pem")
    protect = actions.add_parser("protect", parents=[common], help="add a passphrase")
    _add_passphrase_file(protect)
    backup = actions.add_parser("backup", parents=[common], help="back the key up (USB)")
    backup.add_argument("--out", required=True, help="DIR, e.g. the USB stick")
    restore = actions.add_parser("restore", parents=[common], help="restore a backed-up key")
    restore.add_argument("path", help="the backup folder (or a file in it)")
    _add_passphrase_file(restore)
    replace = actions.add_parser("replace", parents=[common], help="a new key, vouched for")
    replace.add_argument("--reason", default="", help="why the key is replaced")
    replace.add_argument("--out", help="DIR: copy the statement and new certificate there")
    _add_passphrase_file(replace)
    replace.add_argument(
        "--new-passphrase-file",
        help="the new key's passphrase, first line of FILE (else TREEM_NEW_PASSPHRASE, a prompt)",
    )
    enrollment = actions.add_parser(
        "enrollment", parents=[common], help="the signed enrollment file for the office"
    )
    enrollment.add_argument("--out", required=True, help="FILE.treem-dangky, or DIR")
    enrollment.add_argument("--phone", help="the officer's telephone (else the last one given)")
    enrollment.add_argument("--email", help="the officer's e-mail (else the last one, mail.from)")
    _add_passphrase_file(enrollment)
    _add_token_signing(enrollment)
    verify = actions.add_parser(
        "change-verify", parents=[common], help="check key-change statements (exit 3 if refused)"
    )
    verify.add_argument("statements", nargs="+", metavar="STATEMENT.json", help="oldest first")
    verify.add_argument("--trust", required=True, help="OLD.pem, the certificate trusted so far")
    verify.add_argument("--out", help="FILE.pem: write the verified new certificate")


def _add_commune(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    commune = commands.add_parser("commune", parents=[common], help="the commune's profile")
    actions = commune.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("show", parents=[common], help="show the profile")


def _add_db(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    db = commands.add_parser("db", parents=[common], help="the database")
    actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("check", parents=[common], help="integrity check")
    backup = commands.add_parser("backup", parents=[common], help="backups of the data folder")
    backup_actions = backup.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = backup_actions.add_parser("create", parents=[common], help="make a backup now")
    create.add_argument("--to", help="DIR, e.g. the USB stick (default: the data folder's)")
    backup_actions.add_parser("list", parents=[common], help="the backups, newest first")
    restore = backup_actions.add_parser("restore", parents=[common], help="restore a backup")
    restore.add_argument("backup", metavar="ID|FILE", help="a backup's id or file")
    restore.add_argument("--yes", action="store_true", help="do not ask")


def _add_eval(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    evaluation = commands.add_parser("eval", parents=[common], help="child-friendly evaluation")
    actions = evaluation.add_subparsers(dest="action", metavar="ACTION", required=True)
    template = actions.add_parser("template", parents=[common], help="criteria and inputs")
    template.add_argument("year", type=int)
    importing = actions.add_parser("import", parents=[common], help="load inputs from JSON")
    importing.add_argument("year", type=int)
    importing.add_argument("file")
    score = actions.add_parser("score", parents=[common], help="points, total and verdict")
    score.add_argument("year", type=int)
    export = actions.add_parser("export", parents=[common], help="the score sheet as xlsx")
    export.add_argument("year", type=int)
    export.add_argument("--out", required=True, help="FILE.xlsx")


def _add_standard(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    standard = commands.add_parser("standard", parents=[common], help="standards as data")
    actions = standard.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import", parents=[common], help="check and keep a standard, or the province's pack"
    )
    importing.add_argument("file", help="a standard's JSON file or a standard pack (.zip)")
    add_standard_pack_parser(actions, common)


def _add_indicators(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    indicators = commands.add_parser("indicators", parents=[common], help="programme indicators")
    actions = indicators.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = actions.add_parser("import", parents=[common], help="values from JSON")
    importing.add_argument("period", help="2026 or 2026-H1")
    importing.add_argument("file")
    show = actions.add_parser("show", parents=[common], help="targets, values, met or not")
    show.add_argument("period", help="2026 or 2026-H1")
    targets = commands.add_parser("targets", parents=[common], help="the province's own targets")
    target_actions = targets.add_subparsers(dest="action", metavar="ACTION", required=True)
    target_import = target_actions.add_parser("import", parents=[common], help="a target file")
    target_import.add_argument("file")


def _add_doc(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    doc = commands.add_parser("doc", parents=[common], help="official documents")
    actions = doc.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[common], help="templates and the outgoing register")
    render = actions.add_parser("render", parents=[common], help="issue a document and write it")
    render.add_argument("template")
    render.add_argument("--period", help="the year the document is about (2027)")
    render.add_argument("--out", required=True, help="FILE.docx")
    render.add_argument("--pdf", help="FILE.pdf, the same pages as the window's PDF")
    render.add_argument(
        "--pdf-engine", choices=("qt", "libreoffice"), default="qt", help="libreoffice: the docx's"
    )
    numbered = render.add_mutually_exclusive_group()
    numbered.add_argument("--draft", action="store_true", help="a draft: no number, no date")
    numbered.add_argument("--number", type=int, help="the number the clerk gave")
    render.add_argument(
        "--issued", "--issue-date", dest="issued", help="the issue date DD/MM/YYYY (else today)"
    )
    render.add_argument(
        "--accept-past-deadlines",
        action="store_true",
        help="issue even when a task's deadline is before the issue date",
    )
    edit = actions.add_parser("edit", parents=[common], help="change a draft's words")
    edit.add_argument("id", type=int, help="the document's id (doc list --json)")
    edit.add_argument("--summary", help="the trích yếu")
    edit.add_argument("--recipient", action="append", help="a Nơi nhận line (repeatable)")
    numbering = actions.add_parser("numbering", parents=[common], help="how numbers are given")
    numbering.add_argument("way", nargs="?", choices=("blank", "typed", "register"))
    numbering.add_argument("--first", type=int, default=1, help="register: the first number")


def _add_packet(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    packet = commands.add_parser("packet", parents=[common], help="signed packets")
    actions = packet.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", parents=[common], help="pre-flight, then a signed packet")
    build.add_argument("--kind", required=True, help="evaluation, indicators or plan")
    build.add_argument("--period", required=True, help="the year (2026); indicators: or 2026-H1")
    build.add_argument("--out", required=True, help="the folder to write the packet in")
    _add_passphrase_file(build)
    _add_token_signing(build)
    verify = actions.add_parser("verify", parents=[common], help="check a packet (exit 3)")
    verify.add_argument("file")
    verify.add_argument(
        "--trust", action="append", help="CERT.pem of a trusted signer (repeatable)"
    )


def _add_token(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    token = commands.add_parser("token", parents=[common], help="USB tokens (PKCS#11)")
    actions = token.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="libraries and certificates")
    listing.add_argument("--library", help="a PKCS#11 library (else the usual places)")


def _add_trust(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    trust = commands.add_parser("trust", parents=[common], help="CA trust anchors")
    actions = trust.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[common], help="the anchors in use")
    add = actions.add_parser("add", parents=[common], help="keep a CA certificate as an anchor")
    add.add_argument("file", help="CA.pem or CA.cer")
    add.add_argument("--fingerprint", required=True, help="its SHA-256, read from the CA")


def _add_outbox(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    outbox = commands.add_parser("outbox", parents=[common], help="packets on their way")
    actions = outbox.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[common], help="every packet, its state and route")
    send = actions.add_parser("send", parents=[common], help="send the waiting packets")
    send.add_argument("--via", help="usb:FOLDER, email or upload (else: what is queued)")
    send.add_argument(
        "--packet", type=int, action="append", help="only this packet number (repeatable)"
    )
    receipt = actions.add_parser("receipt", parents=[common], help="import receipts")
    receipt.add_argument("files", nargs="+", metavar="FILE", help="receipt, folder or .eml")
    add = actions.add_parser("add", parents=[common], help="keep a built packet's file again")
    add.add_argument("file")
    eml = actions.add_parser("eml", parents=[common], help="save a packet's message as .eml")
    eml.add_argument("packet", type=int, help="the packet number")
    eml.add_argument("--out", required=True, help="FILE.eml or a folder")
    recipient = commands.add_parser("recipient", parents=[common], help="the receiving office")
    recipient_actions = recipient.add_subparsers(dest="action", metavar="ACTION", required=True)
    trust = recipient_actions.add_parser("trust", parents=[common], help="register its cert")
    trust.add_argument("file", help="the office's certificate (PEM or DER)")
    trust.add_argument("--fingerprint", required=True, help="its SHA-256, as the office gave it")
    settings = commands.add_parser("settings", parents=[common], help="mail and upload servers")
    setting_actions = settings.add_subparsers(dest="action", metavar="ACTION", required=True)
    setting_actions.add_parser("show", parents=[common], help="every setting (no secrets)")
    set_one = setting_actions.add_parser("set", parents=[common], help="check and keep one")
    set_one.add_argument("key")
    set_one.add_argument("value", nargs="?", help="for a password: omit it to be asked")
