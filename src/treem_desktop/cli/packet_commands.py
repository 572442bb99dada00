"""``treem packet verify``: check a packet as the receiving office would (exit 3 if refused,
4 for a demo packet)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.cli.output import Reporter
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.commune.workspace import Workspace
    from treem_desktop.signing.signers import PacketSigner
    from treem_desktop.signing.token import TokenCertificate


def run_packet_build(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.packet_service import BUILDABLE_KINDS, build_packet_of
    from treem_desktop.commune.workspace import open_workspace

    if args.kind not in BUILDABLE_KINDS:
        raise TreemError("PACKET_KIND_NOT_AVAILABLE", kind=args.kind)
    workspace = open_workspace(data_dir, create=False)
    try:
        signer = _signer(args, workspace)
        built, preflight = build_packet_of(
            workspace, args.kind, args.period, Path(args.out).expanduser().resolve(), signer
        )
    finally:
        workspace.close()
    lines = [
        _("Built the signed packet {path}").format(path=built.path),
        _("SHA-256: {sha256}").format(sha256=built.sha256),
    ]
    if built.manifest.get("demo"):
        lines.append(_("This is a demo packet: a receiving office refuses it."))
    for item in preflight:
        lines.append(_preflight_text(item.code, item.target, item.detail))
    out.report(
        {
            "path": str(built.path),
            "sha256": built.sha256,
            "sequence": built.manifest["sequence"],
            "packet_id": built.manifest["packet_id"],
            "demo": bool(built.manifest.get("demo")),
            "preflight": [item.as_json() for item in preflight],
        },
        "\n".join(lines),
    )
    return 0


def _signer(args: argparse.Namespace, workspace: Workspace) -> PacketSigner:
    """The commune's key, or the token named by --token-library (and --token-key)."""
    from treem_desktop.cli.secrets import read_passphrase, read_pin
    from treem_desktop.commune.commune_key import KeyFiles, key_is_protected
    from treem_desktop.commune.packet_service import key_signer, token_signer

    if args.token_library:
        chosen = choose_token_certificate(args.token_library, args.token_key)
        return token_signer(workspace, chosen, read_pin(args.pin_file, chosen.token_label))
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    passphrase = None
    if files.key.exists() and key_is_protected(files):
        passphrase = read_passphrase(args.passphrase_file, new=False)
    return key_signer(workspace, passphrase)


def choose_token_certificate(library: str, key_id: str | None) -> TokenCertificate:
    """The token certificate with CKA_ID ``key_id``, or the only one when none is named."""
    from treem_desktop.signing.token import token_certificates

    found = token_certificates(Path(library).expanduser())
    if key_id:
        found = [c for c in found if c.key_id == key_id.lower()]
    if not found:
        raise TreemError("TOKEN_NO_CERTIFICATE", library=library)
    if len(found) > 1:
        raise TreemError("TOKEN_CERTIFICATE_AMBIGUOUS", ids=", ".join(c.key_id for c in found))
    return found[0]


def _preflight_text(code: str, target: str, detail: tuple[str, ...]) -> str:
    if code == "INPUTS_MISSING":
        return _("Note: criterion {criterion} still lacks {count} input(s): {inputs}.").format(
            criterion=target, count=len(detail), inputs=", ".join(detail)
        )
    if code == "INDICATORS_MISSING":
        return _("Note: {count} indicator(s) have no value for this period: {ids}.").format(
            count=len(detail), ids=", ".join(detail)
        )
    if code == "RATES_WITHOUT_PARTS":
        return _(
            "{count} rate indicator(s) have only a result, without numerator and "
            "denominator: the province cannot add them into its totals ({numbers})."
        ).format(count=len(detail), numbers=", ".join(detail))
    if code == "REPORT_NOT_ISSUED":
        return _("Note: the self-assessment report of the year is not issued yet; left out.")
    if code == "DOCUMENTS_NOT_ISSUED":
        return _("Note: {count} draft(s) not issued yet, left out: {summaries}.").format(
            count=len(detail), summaries="; ".join(detail)
        )
    return _(
        "Note: the points of {criteria} rest on values not confirmed from the official text."
    ).format(criteria=", ".join(detail))


def run_packet_verify(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.packets.receiving import verify_for_receiving
    from treem_desktop.signing.keys import fingerprint

    trusted = _trusted_certificates(args.trust or [], data_dir)
    packet = Path(args.file)
    verified = verify_for_receiving(packet, trusted or None)  # a demo packet: PACKET_DEMO, exit 3
    manifest = verified.manifest
    commune = manifest["commune"]
    document = {
        "status": "ok",
        "file": str(packet),
        "sha256": verified.sha256,
        "packet_id": manifest["packet_id"],
        "commune": commune,
        "kind": manifest["kind"],
        "period": manifest["period"],
        "sequence": manifest["sequence"],
        "created": manifest["created"],
        "signing_time": verified.signing_time.isoformat(),
        "signer_fingerprint_sha256": fingerprint(verified.signer),
        "trusted": verified.trusted,
        "through_key_change": verified.through_key_change,
        "files": [entry["name"] for entry in manifest["files"]],
    }
    lines = [
        _("The packet is intact and signed by {commune} ({code}), {province}.").format(
            commune=commune["name"], code=commune["code"], province=commune["province_name"]
        ),
        _("Kind: {kind}; period: {period}; number {sequence}; made {created}.").format(
            kind=manifest["kind"],
            period=manifest["period"],
            sequence=manifest["sequence"],
            created=manifest["created"],
        ),
        _("Files: {files}").format(files=", ".join(document["files"])),
    ]
    if verified.through_key_change:
        lines.append(
            _(
                "The commune has replaced its key: the trusted old key vouches for the new one "
                "in the statements the packet carries. Trust the new certificate from now on "
                "(compare its fingerprint with the new key card): {fingerprint}"
            ).format(fingerprint=document["signer_fingerprint_sha256"])
        )
    elif verified.trusted:
        lines.append(_("The signer's certificate is among the trusted certificates."))
    else:
        lines.append(
            _(
                "Not checked against a trusted certificate (none given with --trust). Compare "
                "the signer's fingerprint with the commune's key card: {fingerprint}"
            ).format(fingerprint=document["signer_fingerprint_sha256"])
        )
    out.report(document, "\n".join(lines))
    return 0


def _trusted_certificates(paths: list[str], data_dir: DataDirChoice) -> list[x509.Certificate]:
    """The certificates given with --trust, this folder's commune certificate, the CA anchors."""
    from cryptography import x509

    from treem_desktop.commune.commune_key import KeyFiles, load_certificate

    trusted: list[x509.Certificate] = []
    for name in paths:
        try:
            trusted.extend(x509.load_pem_x509_certificates(Path(name).read_bytes()))
        except OSError as exc:
            raise TreemError("FILE_UNREADABLE", path=name, detail=exc.strerror) from exc
        except ValueError as exc:
            raise TreemError("KEY_CERT_UNREADABLE", path=name) from exc
    files = KeyFiles.in_data_dir(data_dir.path)
    if files.certificate.exists():
        trusted.append(load_certificate(files))
    from treem_desktop.commune.trust_anchors import load_anchors

    trusted.extend(anchor.certificate for anchor in load_anchors(data_dir.path))
    return trusted
