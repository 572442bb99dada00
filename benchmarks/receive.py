"""The office receiving every commune of the country (targets: import ≤ 60 s, xlsx ≤ 10 s).

    python benchmarks/receive.py [--communes N] [--no-resume] [--profile FILE]

3,321 communes (the official list), each with its own key and certificate, send their
evaluation packet for 2026 (:mod:`national_packets`, generated once per code version and kept
in a temporary folder). An office trusts every certificate (one transaction) and imports the
whole folder in one run: every packet verified whole (ZIP layout, manifest, hashes, signature,
trust) and stored (the file, then one transaction). Printed beside a floor measured in the same
run: reading and hashing the same files, the least any import must do. Then the consolidated
xlsx of the period, and a kill-and-resume check: the command line's import killed halfway on a
fresh office, run again, must count each packet once.

With fewer communes (``--communes N``, or ``figures()`` for run_all.py), the targets are scaled
to N.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.figure import Figure, print_figures  # noqa: E402
from benchmarks.national_packets import NationalPackets, national_packets, trust_all  # noqa: E402

from treem_desktop.core.admin_units import load_admin_units  # noqa: E402

if TYPE_CHECKING:
    from treem_desktop.office.folder import OfficeFolder

COUNTRY = len(list(load_admin_units().communes))
RUN_ALL_COMMUNES = 300
IMPORT_BUDGET_S = 60.0
XLSX_BUDGET_S = 10.0
PERIOD = "2026"
PROVINCE = "11"


def figures(runs: int = 1, communes: int = RUN_ALL_COMMUNES) -> list[Figure]:
    """The import, the floor and the consolidated xlsx for ``communes`` communes (run_all.py).

    An import is measured on a fresh office each time (a second import of the same folder would
    find every packet known), at most three times whatever ``runs`` says."""
    packets = national_packets(communes)
    scale = packets.communes / COUNTRY
    found: list[Figure] = []
    if packets.generated_s is not None:
        found.append(Figure(f"generate {packets.communes} packets (keys, sign)",
                            packets.generated_s * 1000))  # fmt: skip
    imports, xlsx = [], []
    for _ in range(min(max(1, runs), 3)):
        with tempfile.TemporaryDirectory(prefix="treem-office-") as folder:
            timed = import_and_consolidate(packets, Path(folder))
        imports.append(timed["import"])
        xlsx.append(timed["xlsx"])
    floor = floor_ms(packets.folder)
    found.append(
        Figure(
            f"import and verify {packets.communes} packets",
            sorted(imports)[len(imports) // 2],
            floor,
            "reading and hashing the same files",
            ms_target=IMPORT_BUDGET_S * 1000 * scale,
        )
    )
    found.append(
        Figure(
            f"consolidated xlsx of {packets.communes} communes",
            sorted(xlsx)[len(xlsx) // 2],
            ms_target=XLSX_BUDGET_S * 1000 * max(scale, 0.1),
        )
    )
    return found


def open_office_in(folder: Path) -> OfficeFolder:
    from treem_desktop.office.folder import open_office
    from treem_desktop.office.profile import build_office_profile, save_profile
    from treem_desktop.paths import resolve_data_dir

    office = open_office(resolve_data_dir(folder), create=True)
    save_profile(office.conn, build_office_profile(PROVINCE, "Sở Y tế tỉnh Điện Biên"))
    return office


def import_and_consolidate(packets: NationalPackets, folder: Path) -> dict[str, float]:
    """Milliseconds of the import of every packet, then of the consolidated xlsx."""
    from treem_desktop.office.consolidate_period import consolidate_office_period
    from treem_desktop.office.consolidate_xlsx import write_consolidation_xlsx
    from treem_desktop.office.intake import ACCEPTED, import_packets
    from treem_desktop.office.sources import packet_sources

    office = open_office_in(folder / "so-y-te")
    try:
        trust_all(office, packets.trusted())
        start = time.perf_counter()
        outcomes = import_packets(office, packet_sources([packets.folder]))
        imported = (time.perf_counter() - start) * 1000
        refused = [o for o in outcomes if o.result != ACCEPTED]
        if len(outcomes) != packets.communes or refused:
            raise SystemExit(
                f"{len(refused)} of {len(outcomes)} packets not accepted: {refused[:1]}"
            )
        start = time.perf_counter()
        consolidation = consolidate_office_period(office, PERIOD)
        write_consolidation_xlsx(consolidation, folder / "tong-hop.xlsx")
        consolidated = (time.perf_counter() - start) * 1000
    finally:
        office.close()
    return {"import": imported, "xlsx": consolidated}


def floor_ms(folder: Path) -> float:
    """Reading and hashing every packet file once (the files are in the page cache by now)."""
    start = time.perf_counter()
    for path in sorted(folder.iterdir()):
        hashlib.sha256(path.read_bytes()).digest()
    return (time.perf_counter() - start) * 1000


def resumed_once(packets: NationalPackets, folder: Path, kill_after: int) -> tuple[bool, str]:
    """The command line's import killed after ``kill_after`` packets, run again: every packet
    counted once?"""
    office = open_office_in(folder / "so-y-te")
    try:
        trust_all(office, packets.trusted())
    finally:
        office.close()
    command = [sys.executable, "-m", "treem_desktop", "--data-dir", str(folder / "so-y-te"),
               "receive", "import", str(packets.folder), "--progress", "--json"]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "TREEM_HOME"}
    child = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    assert child.stderr is not None
    for line in child.stderr:
        if line.startswith(f"{kill_after}/"):
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(600)
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1200)
    counts = json.loads(done.stdout)["counts"]
    from treem_desktop.office.folder import open_office
    from treem_desktop.paths import resolve_data_dir

    with open_office(resolve_data_dir(folder / "so-y-te")) as office:
        rows = office.conn.execute(
            "SELECT count(*), count(DISTINCT sha256) FROM received_packet WHERE state = 'current'"
        ).fetchone()
    ok = tuple(rows) == (packets.communes, packets.communes)
    ok = ok and counts.get("accepted", 0) + counts.get("known", 0) == packets.communes
    ok = ok and counts.get("known", 0) >= kill_after
    return ok, f"rows {rows[0]}, distinct {rows[1]}, second run {counts}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=COUNTRY, help="how many (default: all)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-resume", action="store_true", help="skip the kill-and-resume check")
    parser.add_argument("--profile", type=Path, help="write a cProfile of one import here")
    args = parser.parse_args()
    if args.profile:
        return profile_import(args.communes, args.profile)
    found = figures(args.runs, args.communes)
    print(f"communes: {min(args.communes, COUNTRY)} of {COUNTRY}; {os.cpu_count()} cores")
    print_figures(found)
    ok = all(f.met for f in found)
    if not args.no_resume:
        packets = national_packets(args.communes)
        with tempfile.TemporaryDirectory(prefix="treem-office-") as folder:
            once, detail = resumed_once(packets, Path(folder), max(5, packets.communes // 3))
        print(f"killed and resumed import, each packet counted once: {once} ({detail})")
        ok = ok and once
    print("within targets" if ok else "OVER TARGET")
    return 0 if ok else 1


def profile_import(communes: int, out: Path) -> int:
    import cProfile
    import pstats

    packets = national_packets(communes)
    with tempfile.TemporaryDirectory(prefix="treem-office-") as folder:
        profiler = cProfile.Profile()
        profiler.enable()
        import_and_consolidate(packets, Path(folder))
        profiler.disable()
    profiler.dump_stats(out)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
