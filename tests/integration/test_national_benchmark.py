"""The national receiving benchmark's packets, end to end on 20 communes: each with its own key,
trusted in one transaction, imported whole; an import killed halfway and run again counts each
packet once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.national_packets import national_packets, trust_all

from treem_desktop.office.folder import open_office
from treem_desktop.office.intake import ACCEPTED, import_packets
from treem_desktop.office.profile import build_office_profile, save_profile
from treem_desktop.office.sources import packet_sources
from treem_desktop.office.status import period_status
from treem_desktop.paths import resolve_data_dir

pytestmark = pytest.mark.integration
PROVINCE = "11"
COMMUNES = 20


def set_up_office(path: Path, trusted: list[dict[str, str]]) -> None:
    with open_office(resolve_data_dir(path), create=True) as office:
        save_profile(office.conn, build_office_profile(PROVINCE, "Sở Y tế tỉnh Điện Biên"))
        assert trust_all(office, trusted) == COMMUNES


def import_command(data_dir: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "treem_desktop", "--data-dir", str(data_dir),
            "receive", "import", str(folder), "--progress", "--json"]  # fmt: skip


def test_the_generated_packets_are_imported_and_counted(tmp_path: Path) -> None:
    packets = national_packets(COMMUNES, province=PROVINCE, cache_root=tmp_path / "cache")
    assert packets.generated_s is not None
    again = national_packets(COMMUNES, province=PROVINCE, cache_root=tmp_path / "cache")
    assert again.generated_s is None and again.folder == packets.folder  # read from the cache
    names = sorted(p.name for p in packets.folder.iterdir())
    assert len(names) == COMMUNES
    trusted = packets.trusted()
    assert len({t["pem"] for t in trusted}) == COMMUNES  # a key of its own each
    set_up_office(tmp_path / "so-y-te", trusted)

    with open_office(resolve_data_dir(tmp_path / "so-y-te")) as office:
        outcomes = import_packets(office, packet_sources([packets.folder]))
        assert [o.result for o in outcomes] == [ACCEPTED] * COMMUNES
        status = period_status(office.conn, office.require_profile(), "2026")
    assert status.counts["received"] == COMMUNES
    assert status.counts["missing"] == status.counts["expected"] - COMMUNES
    scored = [c for c in status.communes if c.state != "missing"]
    assert len(scored) == COMMUNES
    assert all(c.total is not None and c.verdict for c in scored)  # the engine's score


def test_a_killed_import_of_them_counts_each_packet_once(tmp_path: Path) -> None:
    packets = national_packets(COMMUNES, province=PROVINCE, cache_root=tmp_path / "cache")
    data_dir = tmp_path / "so-y-te"
    set_up_office(data_dir, packets.trusted())
    env = {k: v for k, v in os.environ.items() if k != "TREEM_HOME"}
    child = subprocess.Popen(
        import_command(data_dir, packets.folder),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert child.stderr is not None
    for line in child.stderr:
        if line.startswith("5/"):
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(60)
    assert child.returncode == -signal.SIGKILL
    with open_office(resolve_data_dir(data_dir)) as office:
        halfway = office.conn.execute("SELECT count(*) FROM received_packet").fetchone()[0]
    assert 5 <= halfway < COMMUNES

    done = subprocess.run(
        import_command(data_dir, packets.folder),
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)["counts"]
    assert counts["accepted"] + counts["known"] == COMMUNES
    assert counts["known"] >= halfway
    with open_office(resolve_data_dir(data_dir)) as office:
        rows = office.conn.execute(
            "SELECT count(*), count(DISTINCT sha256), count(DISTINCT commune_code) "
            "FROM received_packet WHERE state = 'current'"
        ).fetchone()
        status = period_status(office.conn, office.require_profile(), "2026")
    assert tuple(rows) == (COMMUNES, COMMUNES, COMMUNES)
    assert status.counts["received"] == COMMUNES
    assert len(list((data_dir / "goi-nhan").rglob("*.zip"))) == COMMUNES


def test_the_same_packets_twice_in_one_import_are_stored_once(tmp_path: Path) -> None:
    """Verified ahead while earlier files are still being written: a copy met in the same
    import is known, not stored twice."""
    packets = national_packets(COMMUNES, province=PROVINCE, cache_root=tmp_path / "cache")
    set_up_office(tmp_path / "so-y-te", packets.trusted())
    first = sorted(packets.folder.iterdir())[:3]
    with open_office(resolve_data_dir(tmp_path / "so-y-te")) as office:
        outcomes = import_packets(office, packet_sources([*first, *first, packets.folder]))
        rows = office.conn.execute("SELECT count(*) FROM received_packet").fetchone()[0]
    results = [o.result for o in outcomes]
    assert results[:6] == [ACCEPTED] * 3 + ["known"] * 3
    assert results[6:] == ["known"] * 3 + [ACCEPTED] * (COMMUNES - 3)
    assert rows == COMMUNES
