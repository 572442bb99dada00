"""An import killed halfway, run again, finishes the job and counts each packet once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.office_support import communes_of, evaluation_data, office_dir, trust
from treem_desktop.office.folder import open_office
from treem_desktop.office.profile import build_office_profile, save_profile

pytestmark = pytest.mark.integration
KINDS = ("evaluation", "indicators", "plan")
PERIODS = ("2026", "2027")


def import_command(data_dir: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir),
            "receive", "import", str(folder), "--progress", "--json"]  # fmt: skip


def test_a_killed_import_run_again_counts_each_packet_once(tmp_path: Path) -> None:
    data_dir = office_dir(tmp_path)
    folder = tmp_path / "USB"
    with open_office(data_dir, create=True) as office:
        save_profile(office.conn, build_office_profile("11", "Sở Y tế tỉnh Điện Biên"))
        for commune in communes_of(45):
            trust(office, commune)
            for kind in KINDS:
                for period in PERIODS:
                    commune.packet(folder, evaluation_data(850, "recognised"), kind, period)
    total = 45 * len(KINDS) * len(PERIODS)
    env = {k: v for k, v in os.environ.items() if k != "TREEM_HOME"}
    child = subprocess.Popen(
        import_command(data_dir.path, folder),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert child.stderr is not None
    for line in child.stderr:  # killed once a few packets are in
        if line.startswith("5/"):
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(60)
    assert child.returncode == -signal.SIGKILL
    with open_office(data_dir) as office:
        halfway = office.conn.execute("SELECT count(*) FROM received_packet").fetchone()[0]
    assert 5 <= halfway < total

    done = subprocess.run(
        import_command(data_dir.path, folder), capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)["counts"]
    assert counts["accepted"] + counts["known"] == total
    assert counts["known"] >= halfway  # what was in before the kill was not counted again
    with open_office(data_dir) as office:
        rows = office.conn.execute(
            "SELECT count(*), count(DISTINCT sha256), "
            "count(DISTINCT commune_code || kind || period) "
            "FROM received_packet WHERE state = 'current'"
        ).fetchone()
    assert tuple(rows) == (total, total, total)
    stored = [p for p in (data_dir.path / "goi-nhan").rglob("*.zip")]
    assert len(stored) == total
