"""A commune with 1, 5 or 20 years of realistic data, made through the application's services.

    python benchmarks/generate.py [--years N] [--out FOLDER]

Every year has an evaluation round typed value by value (one ``set_value`` per field, as the
window saves them), the programme indicators of the year and of its first half, the yearly
plan and the evaluation plan issued with their tasks, and an evaluation packet built and
signed by the real packet service. The outbox then holds 1,000 packets: the real ones, and as
many more logged and moved through sent / acknowledged / failed by the storage calls the packet
and outbox services use (building 1,000 signed packets would take minutes per run; the outbox
list reads only the log and the outbox tables, not the files).

:func:`commune` caches each folder under one temporary directory per process, so every
benchmark of a run uses the same data (``TREEM_BENCH_CACHE=folder`` keeps them between runs).
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from treem_desktop.commune import documents as docs
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.demo import DEMO_REQUEST
from treem_desktop.commune.demo_data import INDICATORS, LAST_YEAR, THIS_YEAR
from treem_desktop.commune.workspace import Workspace

OUTBOX_SIZE = 1000
HISTORIES = (1, 5, 20)
TODAY = dt.date.today()
_cache: dict[int, Path] = {}
_root: Path | None = None


def commune(years: int) -> Path:
    """The data folder of a commune with ``years`` years of data (made once per process)."""
    global _root
    if years not in _cache:
        if _root is None:
            _root = _cache_root()
        folder = _root / f"xa-{years}-nam"
        _cache[years] = folder if folder.exists() else make_commune(folder, years)
    return _cache[years]


def _cache_root() -> Path:
    """A temporary folder removed at exit, or ``$TREEM_BENCH_CACHE`` kept between runs."""
    kept = os.environ.get("TREEM_BENCH_CACHE")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        return Path(kept)
    root = Path(tempfile.mkdtemp(prefix="treem-bench-"))
    atexit.register(shutil.rmtree, root, True)
    return root


def open_commune(folder: Path) -> Workspace:
    from treem_desktop.commune.workspace import open_workspace
    from treem_desktop.paths import resolve_data_dir

    return open_workspace(resolve_data_dir(folder), create=False)


def make_commune(folder: Path, years: int, outbox_size: int = OUTBOX_SIZE) -> Path:
    """Set up the commune in ``folder`` and fill ``years`` years ending this year."""
    from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
    from treem_desktop.commune.setup import build_profile, save_commune
    from treem_desktop.commune.workspace import open_workspace
    from treem_desktop.paths import resolve_data_dir

    workspace = open_workspace(resolve_data_dir(folder), create=True)
    try:
        profile = save_commune(workspace, build_profile(DEMO_REQUEST))
        files = KeyFiles.in_data_dir(workspace.data_dir.path)
        ensure_commune_key(files, profile, None)
        for year in range(TODAY.year - years + 1, TODAY.year + 1):
            fill_year(workspace, year, years_ago=TODAY.year - year)
        fill_outbox(workspace, outbox_size)
    finally:
        workspace.close()
    return folder


def fill_year(workspace: Workspace, year: int, years_ago: int) -> None:
    type_round(workspace, year, LAST_YEAR if years_ago % 2 else THIS_YEAR)
    known = {i.id for i in ind.active_set(workspace).indicators}
    values = {k: (last if years_ago % 2 else now) for k, (last, now) in INDICATORS.items()}
    values = {k: v for k, v in values.items() if k in known}
    ind.import_values(workspace, f"{year}-H1", values)
    ind.import_values(workspace, str(year), values)
    for template, issued_on in (
        ("ke-hoach-bao-ve-cham-soc-tre-em-nam", dt.date(year, 1, 15)),
        ("ke-hoach-danh-gia-xa-phu-hop-tre-em", dt.date(year, 2, 20)),
    ):
        entry = docs.new_document(workspace, template, year)
        docs.issue(workspace, entry, min(issued_on, TODAY), accept_past=True)
    build_evaluation_packet(workspace, year)


def type_round(workspace: Workspace, year: int, values: dict[str, object]) -> None:
    """Start the round and type each value on its own, denominators first."""
    evaluation = ev.start_round(workspace, year)
    flat = ev.flatten_import(values)
    order = sorted(flat, key=lambda k: (not k.endswith("denominator"), k))
    for input_id in order:
        ev.set_value(workspace, evaluation, input_id, flat[input_id])


def build_evaluation_packet(workspace: Workspace, year: int) -> None:
    from treem_desktop.commune.outbox import outbox_folder
    from treem_desktop.commune.packet_service import build_evaluation_packet, key_signer

    build_evaluation_packet(workspace, year, outbox_folder(workspace), key_signer(workspace, None))


def fill_outbox(workspace: Workspace, size: int) -> None:
    """Log packets until the outbox holds ``size``, in every state a packet goes through."""
    from treem_desktop.storage import outbox_repo, packet_repo
    from treem_desktop.storage.outbox_repo import Change

    states = ("acknowledged", "acknowledged", "sent", "failed", "queued", "built")
    first, previous = packet_repo.next_sequence(workspace.conn)
    for sequence in range(first, size + 1):
        year = TODAY.year - (size - sequence) * 20 // size
        day = f"{year}-{1 + sequence % 12:02d}-{1 + sequence % 28:02d}"
        at = f"{day}T09:{sequence % 60:02d}:00+07:00"
        sha256 = hashlib.sha256(f"packet {sequence}".encode()).hexdigest()
        kind = ("evaluation", "indicators", "plan")[sequence % 3]
        packet_repo.record_packet(
            workspace.conn,
            packet_repo.PacketRecord(
                sequence,
                f"11-03325-{sequence:06d}",
                kind,
                str(year),
                f"goi-{kind}-{year}-{sequence:06d}.treem",
                sha256,
                previous,
                at,
                "bench",
            ),
        )
        previous = sha256
        record_attempts(workspace, sequence, states[sequence % len(states)], at, Change)
    del outbox_repo


def record_attempts(workspace: Workspace, sequence: int, state: str, at: str, change: type) -> None:
    from treem_desktop.storage import outbox_repo

    def record(**fields: str) -> None:
        outbox_repo.record(workspace.conn, sequence, change(at=at, **fields))

    record(action="kept", detail="goi-di")
    if state == "built":
        return
    if state in ("queued", "failed"):
        record(action="queued", state="queued", route="email", destination="syt@example.com")
        if state == "failed":
            record(action="failed", state="failed", route="email", code="MAIL_REFUSED")
        return
    record(action="sent", state="sent", route="usb", destination="E:\\")
    if state == "acknowledged":
        record(action="acknowledged", state="acknowledged", receipt_office="Sở Y tế")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    import time

    start = time.perf_counter()
    folder = args.out or Path(tempfile.mkdtemp(prefix="treem-bench-")) / "data"
    make_commune(folder, args.years)
    print(f"{args.years} year(s) in {folder} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
