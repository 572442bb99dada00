"""Start-up until the home page is filled, on a commune with a year of data, beside a bare
PySide6 window measured in the same run.

    python benchmarks/startup.py [--runs N]

Each sample is the wall time from starting the process (``python -m treem_desktop``'s own
module and ``main``, in that order, offscreen) until the home page shows the year's
evaluation, the deadlines and the outbox line: a timer started with the application polls
every 2 ms from the event loop and the process prints ``shown <time>`` and quits. Runs of
Treem alternate with runs of a bare ``QMainWindow`` shown the same way, so both see the same
machine load. The target is a ratio of at most 1.5 to that floor; the bare window timed after
its first paint is printed beside it, for the reader.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout: benchmarks.*

from benchmarks.figure import Figure, run_alone  # noqa: E402

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
BARE_WINDOW_PAINTED = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
class Window(QMainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        QTimer.singleShot(0, shown)
def shown():
    print(f"shown {time.time():.6f}", flush=True)
    app.quit()
window = Window()
window.resize(1100, 720)
window.show()
app.exec()
"""
"""The same bare window, timed once its first paint is done (the floor above times it before):
a second floor for the reader, not the target's."""
TREEM_TO_HOME_FILLED = """
import sys, time
from importlib.util import find_spec
from treem_desktop.__main__ import main  # as `python -m treem_desktop`: its imports, then main


def filled(app):
    from treem_desktop.ui.main_window import MainWindow
    for widget in app.topLevelWidgets():
        home = getattr(widget, "home", None)
        if isinstance(widget, MainWindow) and widget.isVisible() and home is not None:
            if home.evaluation_text.text() and home.open_outbox_button is not None:
                print(f"shown {time.time():.6f}", flush=True)
                app.quit()


class PollFromTheApplication:
    # The poll starts with run_gui's own application; nothing of the window is imported
    # before main runs (main pauses the garbage collector before its imports, say).
    def find_spec(self, name, path=None, target=None):
        if name != "treem_desktop.ui.app":
            return None
        sys.meta_path.remove(self)
        spec = find_spec(name)
        run_module = spec.loader.exec_module

        def exec_module(module):
            run_module(module)
            make = module._new_application

            def new_application():
                from treem_desktop.ui.qt import QTimer

                app = make()
                app.poll = QTimer()
                app.poll.timeout.connect(lambda: filled(app))
                app.poll.start(2)
                return app

            module._new_application = new_application

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, PollFromTheApplication())
sys.exit(main(["--data-dir", sys.argv[1]]))
"""
RATIO_TARGET = 1.5


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    start = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    line = next(x for x in result.stdout.splitlines() if x.startswith("shown "))
    return float(line.split()[1]) - start


def medians(runs: int, years: int = 1) -> tuple[float, float, float]:
    """(Treem to the home page filled, bare window shown, bare window painted), medians in
    ms, alternating."""
    import statistics

    from benchmarks.generate import commune

    import treem_desktop

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    compileall.compile_dir(Path(treem_desktop.__file__).parent, quiet=1)
    folder = commune(years)
    commands = (
        [sys.executable, "-c", TREEM_TO_HOME_FILLED, str(folder)],
        [sys.executable, "-c", BARE_WINDOW],
        [sys.executable, "-c", BARE_WINDOW_PAINTED],
    )
    for command in commands:  # warm the disk cache
        time_to_window(command, env)
    times: tuple[list[float], ...] = ([], [], [])
    for _ in range(runs):
        for command, samples in zip(commands, times, strict=True):
            samples.append(time_to_window(command, env))
    app_ms, bare_ms, painted_ms = (statistics.median(t) * 1000 for t in times)
    return app_ms, bare_ms, painted_ms


def figures(runs: int) -> list[Figure]:
    app_ms, bare_ms, painted_ms = medians(runs)
    return [
        Figure(
            "start-up until the home page is filled, 1 yr of data",
            app_ms,
            bare_ms,
            "a bare PySide6 QMainWindow shown (before its first paint); "
            f"second floor, the same window with its first paint done: {painted_ms:.1f} ms "
            f"({app_ms / painted_ms:.2f}×)",
            ratio_target=RATIO_TARGET,
        )
    ]


def main() -> int:
    return run_alone(figures, __doc__, runs=15)


if __name__ == "__main__":
    sys.exit(main())
