"""Every benchmark that measures a figure, each beside its floor, with the ratio and the target.

    python benchmarks/run_all.py [--runs N | --quick] [--only NAME ...]

Imports each module in ``benchmarks/`` that has ``figures(runs)`` (see ``figure.py``), runs it
(at least 5 runs each; ``--quick``: 2) and prints one table: median, floor measured in the same
run, ratio, target, met or MISSED. A module that fails is reported and the others still run.
Ends with this process's peak memory (the memory benchmark, when present, reports the app's).
"""

from __future__ import annotations

import argparse
import importlib
import resource
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the checkout: benchmarks.*

from benchmarks.figure import Figure, print_figures  # noqa: E402

SKIP = {"figure", "run_all", "generate"}  # helpers, not benchmarks


def benchmark_names() -> list[str]:
    """The modules beside this one that define ``figures``, in name order."""
    return sorted(
        path.stem
        for path in HERE.glob("*.py")
        if path.stem not in SKIP and "def figures(" in path.read_text(encoding="utf-8")
    )


def run_one(name: str, runs: int) -> tuple[list[Figure], str | None]:
    """The figures of module ``name``, or the error that stopped it."""
    try:
        module = importlib.import_module(f"benchmarks.{name}")
        return list(module.figures(runs)), None
    except Exception:  # one broken benchmark must not hide the others
        return [], traceback.format_exc(limit=3)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="2 runs each")
    parser.add_argument("--only", nargs="*", help="only these modules (names without .py)")
    args = parser.parse_args()
    runs = 2 if args.quick else max(args.runs, 5)
    names = args.only or benchmark_names()
    everything: list[Figure] = []
    failed: dict[str, str] = {}
    for name in names:
        start = time.perf_counter()
        found, error = run_one(name, runs)
        seconds = time.perf_counter() - start
        print(f"# {name}: {len(found)} figure(s) in {seconds:.0f} s", file=sys.stderr, flush=True)
        everything += found
        if error:
            failed[name] = error
    print(f"{runs} runs each; medians; floors measured in the same run\n")
    print_figures(everything)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak_mb:.0f} MB")
    missed = [f.what for f in everything if not f.met]
    print(f"{len(everything) - len(missed)} of {len(everything)} targets met")
    for name, error in failed.items():
        print(f"\n{name} FAILED:\n{error}")
    return 0 if not missed and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
