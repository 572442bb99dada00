"""``treem token list`` and ``treem trust list|add``: USB tokens and the CAs trusted for them."""

from __future__ import annotations

import argparse
from pathlib import Path

from treem_desktop.cli.output import Reporter
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice


def run_token_list(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.signing.keys import fingerprint
    from treem_desktop.signing.token import token_certificates
    from treem_desktop.signing.token_libraries import installed_libraries

    if args.library:
        libraries = [Path(args.library).expanduser()]
    else:
        libraries = [library.path for library in installed_libraries()]
    document: list[dict[str, object]] = []
    lines: list[str] = []
    if not libraries:
        lines.append(_("No token library was found; give one with --library."))
    for library in libraries:
        certificates = token_certificates(library)
        lines.append(
            _("Library {path}: {count} certificate(s)").format(
                path=library, count=len(certificates)
            )
        )
        for found in certificates:
            entry = {
                "library": str(library),
                "token": found.token_label,
                "token_serial": found.token_serial,
                "key_id": found.key_id,
                "subject": found.certificate.subject.rfc4514_string(),
                "issuer": found.certificate.issuer.rfc4514_string(),
                "valid_until": found.certificate.not_valid_after_utc.isoformat(),
                "fingerprint_sha256": fingerprint(found.certificate),
                "chain": len(found.chain),
            }
            document.append(entry)
            lines.append(
                _("  token “{token}”, key {key_id}: {subject} (issued by {issuer})").format(
                    token=found.token_label,
                    key_id=found.key_id,
                    subject=found.subject,
                    issuer=found.issuer,
                )
            )
    out.report({"certificates": document}, "\n".join(lines))
    return 0


def run_trust_list(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.trust_anchors import load_anchors

    anchors = load_anchors(data_dir.path)
    document = [
        {
            "subject": a.certificate.subject.rfc4514_string(),
            "fingerprint_sha256": a.fingerprint,
            "file": str(a.path),
            "shipped": a.shipped,
        }
        for a in anchors
    ]
    lines = [
        _("{subject}\n  SHA-256 {fingerprint}").format(
            subject=entry["subject"], fingerprint=entry["fingerprint_sha256"]
        )
        for entry in document
    ] or [_("No CA is trusted yet; add one with “treem trust add CA.pem --fingerprint …”.")]
    out.report({"anchors": document}, "\n".join(lines))
    return 0


def run_trust_add(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.trust_anchors import add_anchor
    from treem_desktop.commune.workspace import open_workspace

    workspace = open_workspace(data_dir, create=True)  # the folder's lock while writing
    try:
        anchor = add_anchor(data_dir.path, Path(args.file).expanduser(), args.fingerprint)
    finally:
        workspace.close()
    out.report(
        {"file": str(anchor.path), "fingerprint_sha256": anchor.fingerprint},
        _("Trusted from now on: {subject}").format(
            subject=anchor.certificate.subject.rfc4514_string()
        ),
    )
    return 0
