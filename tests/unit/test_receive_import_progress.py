"""``treem receive import --progress``: one line per packet on stderr; Ctrl+C stops it
cleanly between packets (exit 130, what was stored stays, the same command finishes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.office_support import communes_of, evaluation_data, office_dir, opened_office, trust


def command(tmp_path: Path, folder: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "treem_desktop", "--data-dir", str(office_dir(tmp_path).path),
            "receive", "import", str(folder), *more]  # fmt: skip


def packets(tmp_path: Path, communes: int, periods: tuple[str, ...]) -> Path:
    folder = tmp_path / "USB"
    with opened_office(tmp_path) as office:
        for commune in communes_of(communes):
            trust(office, commune)
            for period in periods:
                commune.packet(folder, evaluation_data(850, "recognised"), period=period)
    return folder


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "TREEM_HOME"}


def test_progress_prints_one_line_per_packet_on_stderr(tmp_path: Path) -> None:
    folder = packets(tmp_path, 3, ("2026",))
    done = subprocess.run(
        command(tmp_path, folder, "--progress", "--json"),
        capture_output=True, text=True, env=environment(), timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert [line.split(" ")[0] for line in lines] == ["1/3", "2/3", "3/3"]
    assert all(line.split(" ")[1].startswith("TREEM_") for line in lines)
    assert json.loads(done.stdout)["counts"]["accepted"] == 3


def test_ctrl_c_stops_between_packets_with_130_and_a_rerun_finishes(tmp_path: Path) -> None:
    folder = packets(tmp_path, 6, ("2026", "2027", "2028", "2029", "2030"))
    total = 30
    child = subprocess.Popen(
        command(tmp_path, folder, "--progress", "--json"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment(),
    )  # fmt: skip
    assert child.stderr is not None
    for line in child.stderr:
        if line.startswith("2/"):
            child.send_signal(signal.SIGINT)
            break
    out, rest = child.communicate(timeout=120)
    assert child.returncode == 130, rest
    assert "Đã dừng theo yêu cầu" in rest
    first = json.loads(out)
    assert first["stopped"] is True
    assert 2 <= first["counts"]["accepted"] < total

    again = subprocess.run(
        command(tmp_path, folder, "--json"),
        capture_output=True, text=True, env=environment(), timeout=120,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    counts = json.loads(again.stdout)["counts"]
    assert counts["known"] == first["counts"]["accepted"]
    assert counts["accepted"] + counts["known"] == total
