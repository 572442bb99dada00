"""Dispatching a parsed command line, with errors turned into exit codes and messages."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from treem_desktop.cli.commands import run_commune_show, run_db_check, run_setup
from treem_desktop.cli.doc_commands import run_doc_list, run_doc_render
from treem_desktop.cli.eval_commands import (
    run_eval_export,
    run_eval_import,
    run_eval_score,
    run_eval_template,
    run_standard_import,
)
from treem_desktop.cli.indicator_commands import (
    run_indicators_import,
    run_indicators_show,
    run_targets_import,
)
from treem_desktop.cli.key_change_commands import run_key_change_verify, run_key_replace
from treem_desktop.cli.key_commands import (
    run_key_backup,
    run_key_export,
    run_key_protect,
    run_key_restore,
    run_key_show,
)
from treem_desktop.cli.outbox_commands import (
    run_outbox_add,
    run_outbox_eml,
    run_outbox_list,
    run_outbox_receipt,
    run_outbox_send,
    run_recipient_trust,
    run_settings_set,
    run_settings_show,
)
from treem_desktop.cli.output import Reporter
from treem_desktop.cli.packet_commands import run_packet_build, run_packet_verify
from treem_desktop.cli.token_commands import run_token_list, run_trust_add, run_trust_list
from treem_desktop.errors import EXIT_USER, TreemError
from treem_desktop.logs import write_crash_log
from treem_desktop.paths import DataDirChoice

Command = Callable[[argparse.Namespace, DataDirChoice, Reporter], int]

COMMANDS: dict[tuple[str, str | None], Command] = {
    ("setup", None): run_setup,
    ("commune", "show"): run_commune_show,
    ("db", "check"): run_db_check,
    ("eval", "template"): run_eval_template,
    ("eval", "import"): run_eval_import,
    ("eval", "score"): run_eval_score,
    ("eval", "export"): run_eval_export,
    ("standard", "import"): run_standard_import,
    ("indicators", "import"): run_indicators_import,
    ("indicators", "show"): run_indicators_show,
    ("targets", "import"): run_targets_import,
    ("doc", "list"): run_doc_list,
    ("doc", "render"): run_doc_render,
    ("key", "show"): run_key_show,
    ("key", "export"): run_key_export,
    ("key", "protect"): run_key_protect,
    ("key", "backup"): run_key_backup,
    ("key", "restore"): run_key_restore,
    ("key", "replace"): run_key_replace,
    ("key", "change-verify"): run_key_change_verify,
    ("packet", "build"): run_packet_build,
    ("packet", "verify"): run_packet_verify,
    ("token", "list"): run_token_list,
    ("trust", "list"): run_trust_list,
    ("trust", "add"): run_trust_add,
    ("outbox", "list"): run_outbox_list,
    ("outbox", "send"): run_outbox_send,
    ("outbox", "receipt"): run_outbox_receipt,
    ("outbox", "add"): run_outbox_add,
    ("outbox", "eml"): run_outbox_eml,
    ("recipient", "trust"): run_recipient_trust,
    ("settings", "show"): run_settings_show,
    ("settings", "set"): run_settings_set,
}


def run_command(args: argparse.Namespace, data_dir: DataDirChoice) -> int:
    """Run the command named in ``args``; returns the process exit code."""
    out = Reporter(as_json=getattr(args, "json", False))
    command = COMMANDS[(args.command, getattr(args, "action", None))]
    try:
        return command(args, data_dir, out)
    except TreemError as error:
        out.error(error)
        return error.exit_code
    except BrokenPipeError:  # the reader went away (| head): not an error of ours
        _silence_stdout()
        return 0
    except Exception as bug:
        # A bug: keep the details, in the data folder when it exists (nothing is created there).
        crash_dir = (
            data_dir.log_dir
            if data_dir.path.exists()
            else Path(tempfile.gettempdir()) / "treem-crash"
        )
        out.crash(str(write_crash_log(crash_dir, type(bug), bug, bug.__traceback__)))
        return EXIT_USER


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
