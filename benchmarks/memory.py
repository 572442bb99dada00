"""Peak memory of the window with every page opened, on the 1-year commune of ``generate.py``.

    python benchmarks/memory.py [--runs N]

A fresh process opens the main window offscreen, shows every page in turn (each is built the
first time it is shown) and prints its peak resident size (``VmHWM``; ``ru_maxrss`` keeps the
parent's peak across ``exec``), in MB. The floor, in the same run: a bare PySide6 QMainWindow
shown the same way. The target: at most 150 MB (issue 16; 114 MB when it was set).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout: benchmarks.*

from benchmarks.figure import Figure, run_alone  # noqa: E402

MB_TARGET = 150.0
EVERY_PAGE = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from treem_desktop.paths import resolve_data_dir
from treem_desktop.commune.workspace import open_workspace
from treem_desktop.ui.main_window import PAGES, MainWindow
workspace = open_workspace(resolve_data_dir(sys.argv[1]), create=False)
window = MainWindow(workspace)
window.show()
for index in range(len(PAGES)):
    window.show_page(index)
    app.processEvents()
window.show_page(0)
app.processEvents()
peak = next(x for x in open("/proc/self/status") if x.startswith("VmHWM:"))
print(f"peak {int(peak.split()[1]) / 1024:.1f}", flush=True)
window.close()
workspace.close()
"""
BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
peak = next(x for x in open("/proc/self/status") if x.startswith("VmHWM:"))
print(f"peak {int(peak.split()[1]) / 1024:.1f}", flush=True)
"""


def peak_mb(command: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    line = next(x for x in result.stdout.splitlines() if x.startswith("peak "))
    return float(line.split()[1])


def figures(runs: int) -> list[Figure]:
    from benchmarks.generate import commune

    folder = commune(1)
    app = [peak_mb([sys.executable, "-c", EVERY_PAGE, str(folder)]) for _ in range(runs)]
    bare = [peak_mb([sys.executable, "-c", BARE]) for _ in range(runs)]
    return [
        Figure(
            "peak memory, every page opened, 1 yr of data",
            statistics.median(app),
            statistics.median(bare),
            "a bare PySide6 QMainWindow shown",
            target=MB_TARGET,
            unit="MB",
        )
    ]


def main() -> int:
    return run_alone(figures, __doc__, runs=5)


if __name__ == "__main__":
    sys.exit(main())
