"""Start-up time of Treem against a bare PySide6 window, measured in the same run.

    python benchmarks/startup.py [--runs N]

Each sample is the wall time from starting the process to the moment its first window has
been shown (the process prints ``shown <time>`` from the event loop right after ``show()``,
then quits). Runs of Treem (offscreen, on a data folder with a commune set up) alternate with
runs of a bare ``QMainWindow``, so both see the same machine load. Prints both medians and
their ratio; the target is a ratio of at most 1.5.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1100, 720)
window.show()
def shown():
    print(f"shown {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""
TARGET_RATIO = 1.5


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    start = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    line = next(x for x in result.stdout.splitlines() if x.startswith("shown "))
    return float(line.split()[1]) - start


def set_up_commune(data_dir: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "treem_desktop",
            "--data-dir",
            str(data_dir),
            "setup",
            "--province",
            "11",
            "--commune",
            "03325",
            "--category",
            "mien-nui-hai-dao-dbkk",
            "--officer",
            "Nguyễn Thị Hà",
            "--signer",
            "Lò Văn Tâm",
        ],
        env=env,
        check=True,
        capture_output=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    import treem_desktop

    compileall.compile_dir(Path(treem_desktop.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        set_up_commune(data_dir, env)
        app = [
            sys.executable,
            "-m",
            "treem_desktop",
            "--data-dir",
            str(data_dir),
            "--startup-probe",
        ]
        bare = [sys.executable, "-c", BARE_WINDOW]
        for command in (app, bare):  # warm the disk cache
            time_to_window(command, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):
            app_times.append(time_to_window(app, env))
            bare_times.append(time_to_window(bare, env))
    app_median = statistics.median(app_times) * 1000
    bare_median = statistics.median(bare_times) * 1000
    ratio = app_median / bare_median
    print(f"runs: {args.runs} each, alternating")
    print(f"bare PySide6 QMainWindow: median {bare_median:.1f} ms")
    print(f"Treem main window:        median {app_median:.1f} ms")
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(f"ratio: {ratio:.2f} ({verdict} the target of {TARGET_RATIO})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
