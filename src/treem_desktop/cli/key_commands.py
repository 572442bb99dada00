"""``treem key``: the commune's certificate, shown, exported and protected."""

from __future__ import annotations

import argparse
from pathlib import Path

from treem_desktop.cli.output import Reporter
from treem_desktop.cli.secrets import read_passphrase
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice
from treem_desktop.services.commune_key import (
    KeyFiles,
    KeySummary,
    export_certificate,
    protect_key,
    summarize,
)


def run_key_show(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    summary = summarize(KeyFiles.in_data_dir(data_dir.path))
    out.report(summary.as_json(), key_text(summary))
    return 0


def run_key_export(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    files = KeyFiles.in_data_dir(data_dir.path)
    target = Path(args.out).expanduser().resolve()
    export_certificate(files, target)
    summary = summarize(files)
    out.report(
        {"path": str(target), "fingerprint_sha256": summary.fingerprint},
        _("The certificate was written to {path}. Fingerprint: {fingerprint}").format(
            path=target, fingerprint=summary.fingerprint
        ),
    )
    return 0


def run_key_protect(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    files = KeyFiles.in_data_dir(data_dir.path)
    passphrase = read_passphrase(args.passphrase_file, new=True)
    if passphrase is None:
        raise TreemError("PASSPHRASE_REQUIRED")
    protect_key(files, passphrase)
    out.report(
        {"protected": True},
        _(
            "The signing key is now protected by the passphrase. Keep it safe: without it the "
            "commune cannot sign."
        ),
    )
    return 0


def key_text(summary: KeySummary) -> str:
    rows = [
        (_("Certificate"), summary.subject),
        (_("Commune code"), summary.commune_code),
        (_("Province code"), summary.province_code),
        (_("Valid from"), summary.not_before.strftime("%d/%m/%Y")),
        (_("Valid until"), summary.not_after.strftime("%d/%m/%Y")),
        (_("SHA-256 fingerprint"), summary.fingerprint),
        (
            _("Private key"),
            _("protected by a passphrase")
            if summary.protected
            else _("NOT protected: run “treem key protect”"),
        ),
    ]
    return "\n".join(f"{label}: {value}" for label, value in rows)
