"""The outbox page with 1,000 packets, from opening it until its list is shown, beside a bare
QTreeWidget of the same rows and columns measured in the same run.

    QT_QPA_PLATFORM=offscreen python benchmarks/outbox.py [--runs N]

Timed on the 1-year commune of ``generate.py`` (its outbox holds 1,000 packets in every
state): building the page (reading the outbox, filling the list, fitting the columns),
showing it and processing the events until it has painted.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout: benchmarks.*

from benchmarks.figure import Figure, run_alone  # noqa: E402
from benchmarks.generate import OUTBOX_SIZE, commune, open_commune  # noqa: E402
from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem, QWidget  # noqa: E402

MS_TARGET = 100.0


def timed(app: QApplication, build: Callable[[], QWidget], runs: int) -> float:
    """The median time to build and show a widget; closing it is not timed."""
    samples = []
    for run in range(runs + 1):  # the first one warms up
        app.processEvents()
        start = time.perf_counter()
        widget = build()
        widget.resize(1100, 700)
        widget.show()
        app.processEvents()
        if run:
            samples.append((time.perf_counter() - start) * 1000)
        widget.close()
        widget.deleteLater()
    app.processEvents()
    return statistics.median(samples)


def outbox_ms(app: QApplication, runs: int) -> float:
    from treem_desktop.ui.outbox_page import OutboxPage

    workspace = open_commune(commune(1))

    def open_page() -> QWidget:
        page = OutboxPage(workspace)
        assert page.list.topLevelItemCount() == OUTBOX_SIZE
        return page

    try:
        return timed(app, open_page, runs)
    finally:
        workspace.close()


def bare_ms(app: QApplication, runs: int) -> float:
    def bare() -> QWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels(["1", "2", "3", "4", "5", "6"])
        items = [
            QTreeWidgetItem([str(i), f"Gói {i}", "Đã gửi", "", "USB", "01/02/2026 09:00"])
            for i in range(OUTBOX_SIZE)
        ]
        tree.addTopLevelItems(items)
        return tree

    return timed(app, bare, runs)


def figures(runs: int) -> list[Figure]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    floor = bare_ms(app, runs)
    value = outbox_ms(app, runs)
    return [
        Figure(
            f"outbox page with {OUTBOX_SIZE:,} packets shown",
            value,
            floor,
            f"a bare QTreeWidget of {OUTBOX_SIZE:,} rows × 6 columns shown",
            ms_target=MS_TARGET,
        )
    ]


def main() -> int:
    return run_alone(figures, __doc__, runs=15)


if __name__ == "__main__":
    sys.exit(main())
