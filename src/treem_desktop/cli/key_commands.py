"""``treem key``: the commune's certificate, shown, exported, protected, backed up, restored."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.cli.output import Reporter
from treem_desktop.cli.secrets import read_passphrase
from treem_desktop.commune.commune_key import (
    KeyFiles,
    KeySummary,
    export_certificate,
    protect_key,
    summarize,
)
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice

if TYPE_CHECKING:
    from treem_desktop.commune.workspace import Workspace
    from treem_desktop.signing.signers import PacketSigner


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


def run_key_backup(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.key_backup import backup_key

    backup = backup_key(KeyFiles.in_data_dir(data_dir.path), Path(args.out).expanduser())
    out.report(
        {"path": str(backup.folder), "fingerprint_sha256": backup.fingerprint},
        _(
            "The key was backed up, encrypted with its passphrase, to {path}. Keep the USB stick "
            "and the passphrase in different safe places. Fingerprint: {fingerprint}"
        ).format(path=backup.folder, fingerprint=backup.fingerprint),
    )
    return 0


def run_key_restore(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.key_backup import read_backup, restore_key
    from treem_desktop.commune.workspace import open_workspace

    source = Path(args.path).expanduser()
    bundle = read_backup(source)  # refused here before a passphrase is asked
    workspace = open_workspace(data_dir, create=False)
    try:
        profile = workspace.require_profile()
        passphrase = read_passphrase(args.passphrase_file, new=False) if bundle.protected else None
        restored = restore_key(KeyFiles.in_data_dir(data_dir.path), source, profile, passphrase)
    finally:
        workspace.close()
    if restored.unchanged:
        text = _("This key is already the one in use; nothing was changed.")
    elif restored.archived is not None:
        text = _("The key was restored. The key used until now was kept in {path}.").format(
            path=restored.archived.paths[0].parent
        )
    else:
        text = _("The key was restored.")
    kept = [str(path) for path in restored.archived.paths] if restored.archived else []
    out.report(
        {"fingerprint_sha256": restored.fingerprint, "unchanged": restored.unchanged, "kept": kept},
        text + "\n" + _("Fingerprint: {fingerprint}").format(fingerprint=restored.fingerprint),
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


def run_key_enrollment(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    """``treem key enrollment --out FILE|DIR [--phone P] [--email E] [--token-library LIB
    [--token-key ID] [--pin-file F]]``: the signed enrollment file the receiving office trusts
    the commune's certificate (or its token's) from."""
    from treem_desktop.commune.enrollment import write_enrollment_file
    from treem_desktop.commune.workspace import open_workspace

    workspace = open_workspace(data_dir, create=False)
    try:
        workspace.require_profile()
        signer = _enrollment_signer(args, workspace)
        target = Path(args.out).expanduser().resolve()
        made = write_enrollment_file(workspace, target, signer, args.phone, args.email)
    finally:
        workspace.close()
    document = {
        "path": str(made.path),
        "fingerprint_sha256": made.fingerprint,
        "contact": made.contact.__dict__,
        "signed_with": "token" if args.token_library else "key",
    }
    if args.token_library:
        text = _(
            "The enrollment file was written to {path}, signed with the token's certificate. "
            "Send it to the receiving office and read it this certificate's fingerprint by "
            "telephone: {fingerprint}"
        )
    else:
        text = _(
            "The enrollment file was written to {path}. Send it to the receiving office and read "
            "it the fingerprint from the key card: {fingerprint}"
        )
    out.report(document, text.format(path=made.path, fingerprint=made.fingerprint))
    return 0


def _enrollment_signer(args: argparse.Namespace, workspace: Workspace) -> PacketSigner:
    """The token named by --token-library (and --token-key) with its PIN, else the commune's key
    (its passphrase asked when it has one)."""
    from treem_desktop.cli.packet_commands import choose_token_certificate
    from treem_desktop.cli.secrets import read_pin
    from treem_desktop.commune.commune_key import key_is_protected
    from treem_desktop.commune.enrollment import enrollment_key_signer
    from treem_desktop.commune.packet_service import token_signer

    if args.token_library:
        chosen = choose_token_certificate(args.token_library, args.token_key)
        return token_signer(workspace, chosen, read_pin(args.pin_file, chosen.token_label))
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    passphrase = (
        read_passphrase(args.passphrase_file, new=False) if key_is_protected(files) else None
    )
    return enrollment_key_signer(workspace, passphrase)
