"""Every benchmark that measures a figure, each beside its floor, with the ratio and the target.

    python benchmarks/run_all.py [--runs N | --quick] [--only NAME ...]

Runs each module in ``benchmarks/`` that has ``figures(runs)`` (see ``figure.py``) in a child
process of its own, one after the other (at least 5 runs each; ``--quick``: 2), so that no
benchmark's windows, caches or heap slow the next one down, and prints one table at the end:
median, floor measured in the same run, ratio, target, met or MISSED. A module that fails or
takes longer than ``--timeout`` is reported and the others still run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the checkout: benchmarks.*

from benchmarks.figure import Figure, print_figures  # noqa: E402

SKIP = {"figure", "run_all", "generate"}  # helpers, not benchmarks
TIMEOUT_S = 1800
ERROR_LINES = 12  # of a failed child's output, in the report


def benchmark_names() -> list[str]:
    """The modules beside this one that define ``figures``, in name order."""
    return sorted(
        path.stem
        for path in HERE.glob("*.py")
        if path.stem not in SKIP and "def figures(" in path.read_text(encoding="utf-8")
    )


def run_one(name: str, runs: int, timeout_s: float = TIMEOUT_S) -> tuple[list[Figure], str | None]:
    """The figures of module ``name`` measured in a child process, or why they are missing."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory(prefix="treem-benchmark-") as scratch:
        out = Path(scratch) / "figures.json"
        command = [sys.executable, str(HERE / "run_all.py"), "--child", name]
        command += ["--runs", str(runs), "--out", str(out)]
        try:
            result = subprocess.run(
                command, env=env, capture_output=True, text=True, timeout=timeout_s
            )
        except subprocess.TimeoutExpired:
            return [], f"stopped after {timeout_s:.0f} s"
        if result.returncode != 0 or not out.exists():
            lines = (result.stdout + result.stderr).strip().splitlines()
            return [], "\n".join(lines[-ERROR_LINES:]) or f"exit status {result.returncode}"
        return [Figure.from_json(fields) for fields in json.loads(out.read_text("utf-8"))], None


def measure(name: str, runs: int, out: Path) -> int:
    """In the child: the figures of module ``name``, written to ``out`` as JSON.

    ``name`` is a module beside this one, else any importable module (the tests' own).
    """
    found_here = (HERE / f"{name}.py").is_file()
    module = importlib.import_module(f"benchmarks.{name}" if found_here else name)
    found = [figure.to_json() for figure in module.figures(runs)]
    out.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="2 runs each")
    parser.add_argument("--only", nargs="*", help="only these modules (names without .py)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds per module")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return measure(args.child, args.runs, args.out)
    runs = 2 if args.quick else max(args.runs, 5)
    names = args.only or benchmark_names()
    everything: list[Figure] = []
    failed: dict[str, str] = {}
    for name in names:
        start = time.perf_counter()
        found, error = run_one(name, runs, args.timeout)
        seconds = time.perf_counter() - start
        print(f"# {name}: {len(found)} figure(s) in {seconds:.0f} s", file=sys.stderr, flush=True)
        everything += found
        if error:
            failed[name] = error
    print(
        f"{runs} runs each; medians; floors measured in the same run;"
        " each benchmark in a process of its own\n"
    )
    print_figures(everything)
    missed = [f.what for f in everything if not f.met]
    print(f"\n{len(everything) - len(missed)} of {len(everything)} targets met")
    for name, error in failed.items():
        print(f"\n{name} FAILED:\n{error}")
    return 0 if not missed and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
