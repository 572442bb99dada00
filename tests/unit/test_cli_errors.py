"""The command line turns a bug into a crash log and a plain sentence, not a traceback."""

from __future__ import annotations

import argparse

import pytest

from treem_desktop.cli import main as cli_main
from treem_desktop.cli.output import Reporter
from treem_desktop.commune.workspace import Workspace
from treem_desktop.paths import DataDirChoice


def test_a_bug_in_a_command_leaves_a_crash_log_in_the_data_folder(
    workspace: Workspace,
    data_dir: DataDirChoice,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(args: argparse.Namespace, folder: DataDirChoice, out: Reporter) -> int:
        raise RuntimeError("lỗi lập trình")

    monkeypatch.setitem(cli_main.COMMANDS, ("db", "check"), broken)
    args = argparse.Namespace(command="db", action="check", json=False)
    assert cli_main.run_command(args, data_dir) == 1
    crashes = list(data_dir.log_dir.glob("crash-*.log"))
    assert len(crashes) == 1
    assert "RuntimeError: lỗi lập trình" in crashes[0].read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "Treem gặp lỗi ngoài dự kiến" in err and str(crashes[0]) in err
    assert "Traceback" not in err
