"""``treem key replace`` and ``treem key change-verify``: a new key, and its proof of continuity."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treem_desktop.cli.output import Reporter
from treem_desktop.cli.secrets import read_new_passphrase, read_passphrase
from treem_desktop.commune.commune_key import KeyFiles, key_is_protected
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.signing.key_change import KeyChange


def _check_out_folder(folder: Path) -> None:
    """The folder for the receiving office's copies exists (or can be made) and takes files."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(folder), detail=exc.strerror) from exc


def run_key_replace(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.commune.key_replace import check_reason, copy_key_change, replace_key
    from treem_desktop.commune.workspace import open_workspace

    files = KeyFiles.in_data_dir(data_dir.path)
    reason = check_reason(args.reason)
    workspace = open_workspace(data_dir, create=False)
    try:
        profile = workspace.require_profile()
        old = read_passphrase(args.passphrase_file, new=False) if key_is_protected(files) else None
        new = read_new_passphrase(args.new_passphrase_file)
        if new is None:
            raise TreemError("PASSPHRASE_REQUIRED")
        if args.out:
            _check_out_folder(Path(args.out).expanduser())  # before the key changes, not after
        done = replace_key(files, profile, old, new, reason)
    finally:
        workspace.close()
    copied = copy_key_change(done, files, Path(args.out).expanduser()) if args.out else []
    lines = [
        _("The signing key was replaced. Old fingerprint: {old}").format(old=done.old_fingerprint),
        _("New fingerprint: {new}").format(new=done.new_fingerprint),
        _("The change, signed by the old key: {path}").format(path=done.statement),
        _(
            "Give the receiving office the new key card and this statement with its .p7s "
            "signature; packets signed from now on carry the new certificate."
        ),
    ]
    if copied:
        lines.append(_("Copied to {path}.").format(path=copied[0].parent))
    out.report(
        {
            "old_fingerprint_sha256": done.old_fingerprint,
            "new_fingerprint_sha256": done.new_fingerprint,
            "statement": str(done.statement),
            "signature": str(done.signature),
            "kept": [str(path) for path in done.archived.paths],
            "copied": [str(path) for path in copied],
        },
        "\n".join(lines),
    )
    return 0


def run_key_change_verify(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.signing.key_change import check_key_change

    trusted = _one_certificate(Path(args.trust))
    changes: list[KeyChange] = []
    for name in args.statements:
        statement = Path(name)
        signature = statement.with_name(statement.name + ".p7s")
        change = check_key_change(_read(statement), _read(signature), trusted)
        changes.append(change)
        trusted = change.new_certificate  # the next statement must be signed by this one
    if args.out:
        _write_certificate(trusted, Path(args.out).expanduser())
    out.report(_document(changes), _text(changes))
    return 0


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc


def _one_certificate(path: Path) -> x509.Certificate:
    from cryptography import x509

    try:
        certificates = x509.load_pem_x509_certificates(_read(path))
    except ValueError as exc:
        raise TreemError("KEY_CERT_UNREADABLE", path=str(path)) from exc
    if len(certificates) != 1:
        raise TreemError("KEY_CERT_UNREADABLE", path=str(path))
    return certificates[0]


def _write_certificate(certificate: x509.Certificate, target: Path) -> None:
    from treem_desktop.commune.commune_key import PUBLIC_MODE, certificate_pem
    from treem_desktop.files import write_atomically

    try:
        write_atomically(target, certificate_pem(certificate), mode=PUBLIC_MODE)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc


def _document(changes: list[KeyChange]) -> dict[str, Any]:
    from treem_desktop.signing.keys import fingerprint

    last = changes[-1]
    return {
        "status": "ok",
        "commune": {
            "code": last.commune.commune_code,
            "name": last.commune.commune_name,
            "province_code": last.commune.province_code,
            "province_name": last.commune.province_name,
        },
        "new_fingerprint_sha256": fingerprint(last.new_certificate),
        "changes": [
            {
                "old_fingerprint_sha256": fingerprint(change.old_certificate),
                "new_fingerprint_sha256": fingerprint(change.new_certificate),
                "created": change.created,
                "signing_time": change.signing_time.isoformat(),
                "reason": change.reason,
            }
            for change in changes
        ],
    }


def _text(changes: list[KeyChange]) -> str:
    from treem_desktop.signing.keys import fingerprint

    last = changes[-1]
    lines = [
        _(
            "The key change is signed by the trusted old key of {commune} ({code}), {province}."
        ).format(
            commune=last.commune.commune_name,
            code=last.commune.commune_code,
            province=last.commune.province_name,
        ),
    ]
    for change in changes:
        lines.append(
            _("{created}: {old} → {new}. Reason: {reason}").format(
                created=change.created,
                old=fingerprint(change.old_certificate),
                new=fingerprint(change.new_certificate),
                reason=change.reason or "—",
            )
        )
    lines.append(
        _(
            "The new certificate's fingerprint: {fingerprint}. Compare it with the new key card."
        ).format(fingerprint=fingerprint(last.new_certificate))
    )
    return "\n".join(lines)
