"""A bug on a full disk (issue 14, defect 4): the crash log cannot be written either, so one
line says so and the message still shows — never a second traceback."""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys

import pytest

from treem_desktop.cli import main as cli_main
from treem_desktop.cli.output import Reporter
from treem_desktop.commune.workspace import Workspace
from treem_desktop.paths import DataDirChoice

CHILD = """
import argparse, sys
from pathlib import Path
from treem_desktop.cli import main as cli_main
from treem_desktop.i18n import set_language
from treem_desktop.paths import resolve_data_dir

def broken(args, folder, out):
    raise RuntimeError("lỗi lập trình")

set_language("vi")
cli_main.COMMANDS[("db", "check")] = broken
args = argparse.Namespace(command="db", action="check", json=False)
sys.exit(cli_main.run_command(args, resolve_data_dir(Path(sys.argv[1]))))
"""


def test_a_bug_on_a_full_disk_says_the_crash_log_could_not_be_written(
    workspace: Workspace, data_dir: DataDirChoice
) -> None:
    workspace.close()
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir.path)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0)),  # noqa: PLW1509
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr, run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines == [
        "Treem đã dừng vì một lỗi không lường trước: lỗi lập trình",
        f"Không ghi được nhật ký lỗi vào {data_dir.log_dir} (ổ đĩa đã đầy).",
    ]
    assert not [p for p in data_dir.log_dir.glob("crash-*.log") if p.stat().st_size]


def test_a_crash_log_folder_that_cannot_be_made_is_named_in_one_line(
    workspace: Workspace,
    data_dir: DataDirChoice,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(args: argparse.Namespace, folder: DataDirChoice, out: Reporter) -> int:
        raise RuntimeError("lỗi lập trình")

    shutil.rmtree(data_dir.log_dir)
    data_dir.log_dir.write_text("a file where the logs folder should be")
    monkeypatch.setitem(cli_main.COMMANDS, ("db", "check"), broken)
    args = argparse.Namespace(command="db", action="check", json=False)
    assert cli_main.run_command(args, data_dir) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "Treem đã dừng vì một lỗi không lường trước: lỗi lập trình" in err
    assert f"Không ghi được nhật ký lỗi vào {data_dir.log_dir}" in err
