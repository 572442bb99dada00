"""What each command does: parse, call the services, report. No logic of its own."""

from __future__ import annotations

import argparse
from typing import Any

from treem_desktop.cli.output import Reporter
from treem_desktop.cli.secrets import read_passphrase
from treem_desktop.commune.commune_key import (
    KeyFiles,
    check_passphrase,
    ensure_commune_key,
    summarize,
)
from treem_desktop.commune.setup import SetupRequest, build_profile, save_commune
from treem_desktop.commune.workspace import integrity_report, open_workspace
from treem_desktop.core.categories import load_categories
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice


def run_setup(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    request = SetupRequest(
        province_code=args.province,
        commune_code=args.commune,
        category=args.category,
        officer_name=args.officer,
        signer_name=args.signer,
        signer_title=args.signer_title,
        recipient_name=args.recipient_name,
        recipient_email=args.recipient_email,
        issuer_abbreviations=tuple(args.issuer_abbreviations.split(",")),
    )
    profile = build_profile(request)  # validated before anything is created
    files = KeyFiles.in_data_dir(data_dir.path)
    passphrase = None if files.exist() else read_passphrase(args.passphrase_file, new=True)
    if passphrase is not None:
        check_passphrase(passphrase)  # refused before the folder is touched
    workspace = open_workspace(data_dir, create=True)
    try:
        save_commune(workspace, profile)
        _certificate, created = ensure_commune_key(files, profile, passphrase)
    finally:
        workspace.close()
    summary = summarize(files)
    lines = [
        _("Set up {commune}, {province}. Recognition threshold: {threshold} points.").format(
            commune=profile.commune.name,
            province=profile.province_name,
            threshold=profile.threshold,
        )
    ]
    if created:
        lines.append(_("A signing key and certificate were created for the commune."))
    lines.append(
        _("Certificate fingerprint (SHA-256): {fingerprint}").format(
            fingerprint=summary.fingerprint
        )
    )
    if not summary.protected:
        lines.append(
            _(
                "Warning: the signing key is NOT protected by a passphrase. Anyone who copies the "
                "data folder can sign as the commune. Run “treem key protect” to add one."
            )
        )
    document = profile_json(profile, data_dir)
    document["key"] = {**summary.as_json(), "created": created}
    out.report(document, "\n".join(lines))
    return 0


def run_commune_show(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    workspace = open_workspace(data_dir, create=False)
    try:
        profile = workspace.require_profile()
    finally:
        workspace.close()
    out.report(profile_json(profile, data_dir), _profile_text(profile))
    return 0


def run_db_check(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    from treem_desktop.cli.backup_commands import DAMAGE_CODES, report_damage

    try:
        workspace = open_workspace(data_dir, create=False)
    except TreemError as error:
        if error.code not in DAMAGE_CODES:
            raise
        return report_damage(error, data_dir, out)
    try:
        report = integrity_report(workspace.conn)
    finally:
        workspace.close()
    report["path"] = str(data_dir.database)
    ok = report["status"] == "ok"
    text = (
        _("The database is sound (schema {version}).").format(version=report["schema_version"])
        if ok
        else _("The database is damaged: {detail}").format(detail=report["integrity_check"])
    )
    out.report(report, text)
    return 0 if ok else 1


def profile_json(profile: CommuneProfile, data_dir: DataDirChoice) -> dict[str, Any]:
    return {
        "data_dir": str(data_dir.path),
        "province": {"code": profile.commune.province_code, "name": profile.province_name},
        "commune": {
            "code": profile.commune.code,
            "name": profile.commune.name,
            "division_type": profile.commune.division_type,
        },
        "category": profile.category,
        "threshold": profile.threshold,
        "officer": profile.officer_name,
        "signer": profile.signer_name,
        "signer_title": profile.signer_title,
        "recipient": {"name": profile.recipient_name, "email": profile.recipient_email},
        "issuer_abbreviations": list(profile.issuer_abbreviations),
    }


def _profile_text(profile: CommuneProfile) -> str:
    category = load_categories().get(profile.category)
    rows = [
        (_("Commune / ward"), f"{profile.commune.name} ({profile.commune.code})"),
        (_("Province / city"), f"{profile.province_name} ({profile.commune.province_code})"),
        (_("Category"), f"{category.label}: {category.threshold}"),
        (_("Officer in charge"), profile.officer_name or _("not entered")),
        (_("Signer"), f"{profile.signer_name or _('not entered')} ({profile.signer_title})"),
        (_("Receiving office"), profile.recipient_name or _("not entered")),
        (_("E-mail"), profile.recipient_email or _("not entered")),
        (_("Document-number suffixes"), ", ".join(profile.issuer_abbreviations)),
    ]
    return "\n".join(f"{label}: {value}" for label, value in rows)
