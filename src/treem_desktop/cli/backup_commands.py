"""``treem backup create|list|restore`` and the damage report of ``treem db check``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from treem_desktop.cli.output import Reporter
from treem_desktop.commune.backup import BackupInfo, Reason, create_backup, find_backup
from treem_desktop.commune.backup import list_backups as backups_of
from treem_desktop.commune.backup_restore import Manifest, preview_backup, restore_with_lock
from treem_desktop.commune.backup_summary import change_words, describe, size_words
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice

DAMAGE_CODES = ("DB_LOST", "DB_CORRUPT")


def run_backup_create(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    target = Path(args.to).expanduser().resolve() if args.to else None
    workspace = open_workspace(data_dir, create=False)
    try:
        reason = Reason.USB if target else Reason.MANUAL
        made = create_backup(data_dir, workspace.conn, reason=reason, to=target)
    finally:
        workspace.close()
    text = _("Backup {id} written to {path} ({size}), checked.").format(
        id=made.id, path=made.path, size=size_words(made.size)
    )
    out.report(backup_json(made), text)
    return 0


def run_backup_list(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    backups = backups_of(data_dir)
    lines = [f"{b.id}  {size_words(b.size)}  {_changes(backups, i)}" for i, b in enumerate(backups)]
    text = "\n".join(lines) if lines else _("There is no backup yet.")
    out.report({"backups": [backup_json(b) for b in backups]}, text)
    return 0


def run_backup_restore(args: argparse.Namespace, data_dir: DataDirChoice, out: Reporter) -> int:
    source = find_backup(data_dir, args.backup)
    manifest = preview_backup(source)
    print(preview_text(manifest), file=sys.stderr if out.as_json else sys.stdout)
    if not args.yes and not _confirmed():
        raise TreemError("RESTORE_CANCELLED")
    outcome = restore_with_lock(data_dir, source)
    kept = str(outcome.kept_as) if outcome.kept_as else None
    text = _("Restored. The data as they were before are kept in {path}.").format(path=kept or "—")
    out.report({"status": "restored", "path": str(source), "kept_as": kept}, text)
    return 0


def report_damage(error: TreemError, data_dir: DataDirChoice, out: Reporter) -> int:
    """``db check`` on a lost or damaged database: the message, and the newest backup."""
    newest = next(iter(backups_of(data_dir)), None)
    print(_("Error: {message}").format(message=error.message()), file=sys.stderr)
    if newest is not None:
        print(
            _("Newest backup: {id}. Command line: treem backup restore {id}").format(id=newest.id),
            file=sys.stderr,
        )
    document: dict[str, Any] = {"status": "damaged", **error.as_json()}
    document["path"] = str(data_dir.database)
    document["newest_backup"] = backup_json(newest) if newest else None
    if out.as_json:
        out.report(document, "")
    return 1


def preview_text(manifest: Manifest) -> str:
    rows = describe(manifest.summary, manifest.created, manifest.reason)
    return "\n".join(f"{label}: {value}" for label, value in rows)


def backup_json(backup: BackupInfo) -> dict[str, Any]:
    manifest = backup.manifest
    return {
        "id": backup.id,
        "path": str(backup.path),
        "size": backup.size,
        "created": manifest.created,
        "reason": manifest.reason,
        "schema_version": manifest.schema_version,
        "summary": manifest.summary,
    }


def _changes(backups: list[BackupInfo], index: int) -> str:
    older = backups[index + 1].manifest.summary if index + 1 < len(backups) else None
    newer = backups[index].manifest.summary
    added = int(newer.get("files", 0)) - int((older or {}).get("files", 0))
    return change_words(newer, older, max(added, 0))


def _confirmed() -> bool:
    prompt = _("Restore this backup? The current data are backed up first. [y/N] ")
    try:
        answer = input(prompt)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes", "c", "co", "có")
