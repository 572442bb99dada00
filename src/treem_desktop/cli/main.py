"""Dispatching a parsed command line, with errors turned into exit codes and messages."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from treem_desktop.cli.output import Reporter
from treem_desktop.disk_full import disk_full_instead, environment_of
from treem_desktop.errors import EXIT_USER, TreemError
from treem_desktop.i18n import _
from treem_desktop.paths import DataDirChoice

Command = Callable[[argparse.Namespace, DataDirChoice, Reporter], int]

# Each command as "module:function" of treem_desktop.cli: its module is imported only when the
# command runs, so that a light command (packet verify) does not load the documents, the
# indicators or the window's libraries. A test may put a function in place of a name.
COMMANDS: dict[tuple[str, str | None], Command | str] = {
    ("setup", None): "receive_commands:run_any_setup",  # sets up a commune or an office
    ("commune", "show"): "commands:run_commune_show",
    ("db", "check"): "commands:run_db_check",
    ("backup", "create"): "backup_commands:run_backup_create",
    ("backup", "list"): "backup_commands:run_backup_list",
    ("backup", "restore"): "backup_commands:run_backup_restore",
    ("eval", "template"): "eval_commands:run_eval_template",
    ("eval", "import"): "eval_commands:run_eval_import",
    ("eval", "score"): "eval_commands:run_eval_score",
    ("eval", "export"): "eval_commands:run_eval_export",
    ("standard", "import"): "standard_pack_commands:run_standard_import_any",  # file or pack
    ("standard", "pack"): "standard_pack_commands:run_standard_pack",
    ("indicators", "import"): "indicator_commands:run_indicators_import",
    ("indicators", "show"): "indicator_commands:run_indicators_show",
    ("targets", "import"): "indicator_commands:run_targets_import",
    ("doc", "list"): "doc_commands:run_doc_list",
    ("doc", "render"): "doc_commands:run_doc_render",
    ("doc", "edit"): "doc_commands:run_doc_edit",
    ("doc", "numbering"): "doc_commands:run_doc_numbering",
    ("key", "show"): "key_commands:run_key_show",
    ("key", "export"): "key_commands:run_key_export",
    ("key", "protect"): "key_commands:run_key_protect",
    ("key", "backup"): "key_commands:run_key_backup",
    ("key", "restore"): "key_commands:run_key_restore",
    ("key", "enrollment"): "key_commands:run_key_enrollment",
    ("key", "replace"): "key_change_commands:run_key_replace",
    ("key", "change-verify"): "key_change_commands:run_key_change_verify",
    ("packet", "build"): "packet_commands:run_packet_build",
    ("packet", "verify"): "packet_commands:run_packet_verify",
    ("token", "list"): "token_commands:run_token_list",
    ("trust", "list"): "token_commands:run_trust_list",
    ("trust", "add"): "token_commands:run_trust_add",
    ("outbox", "list"): "outbox_commands:run_outbox_list",
    ("outbox", "send"): "outbox_commands:run_outbox_send",
    ("outbox", "receipt"): "outbox_commands:run_outbox_receipt",
    ("outbox", "add"): "outbox_commands:run_outbox_add",
    ("outbox", "eml"): "outbox_commands:run_outbox_eml",
    ("recipient", "trust"): "outbox_commands:run_recipient_trust",
    ("settings", "show"): "outbox_commands:run_settings_show",
    ("settings", "set"): "outbox_commands:run_settings_set",
}


def command_of(key: tuple[str, str | None]) -> Command:
    """The function that runs the command ``key``, its module imported now."""
    import importlib

    named = COMMANDS.get(key)
    if named is None:  # receive …: the receiving office's table (and its reports, when present)
        from treem_desktop.cli.receive_commands import receive_command_table

        found: Command = receive_command_table()[key]
        return found
    if not isinstance(named, str):
        return named
    module, function = named.split(":")
    command: Command = getattr(importlib.import_module(f"treem_desktop.cli.{module}"), function)
    return command


def run_command(args: argparse.Namespace, data_dir: DataDirChoice) -> int:
    """Run the command named in ``args``; returns the process exit code."""
    out = Reporter(as_json=getattr(args, "json", False))
    command = command_of((args.command, getattr(args, "action", None)))
    try:
        return command(args, data_dir, out)
    except TreemError as error:
        shown = disk_full_instead(error)
        out.error(shown)
        return shown.exit_code
    except BrokenPipeError:  # the reader went away (| head): not an error of ours
        _silence_stdout()
        return 0
    except Exception as bug:
        environment = environment_of(bug)
        if environment is not None:  # a full disk met outside the storage layer's mapping
            out.error(environment)
            return environment.exit_code
        # A bug: keep the details, in the data folder when it exists (nothing is created there).
        import tempfile

        crash_dir = (
            data_dir.log_dir
            if data_dir.path.exists()
            else Path(tempfile.gettempdir()) / "treem-crash"
        )
        from treem_desktop.logs import try_write_crash_log

        written = try_write_crash_log(crash_dir, type(bug), bug, bug.__traceback__)
        if isinstance(written, Path):
            out.crash(str(written))
        else:  # the message still shows, and one line says why there is no crash log
            print(
                _("An unexpected error stopped Treem: {error}").format(error=bug), file=sys.stderr
            )
            print(written, file=sys.stderr)
        return EXIT_USER


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
