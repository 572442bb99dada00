"""Opening an entry form of 300 cells until it is ready for typing (target: at most 50 ms).

    QT_QPA_PLATFORM=offscreen python benchmarks/grid.py [--runs N]

The form is Bảng 2.1 (five measures per year) stretched to 60 years = 300 cells, every cell
filled, read from a real database. Timed: loading the values, building the grid with its
computed cells and comments, showing it and putting the cursor in the first cell. Printed
beside a floor measured in the same run: a bare QTableWidget of the same size with its 300
items shown.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout: benchmarks.*
from benchmarks.figure import Figure, run_alone  # noqa: E402

from treem_desktop.commune import tables as tb  # noqa: E402
from treem_desktop.commune.demo import set_up_demo  # noqa: E402
from treem_desktop.commune.workspace import Workspace, open_workspace  # noqa: E402
from treem_desktop.indicators.tables import Row, expand_rows  # noqa: E402
from treem_desktop.paths import resolve_data_dir  # noqa: E402
from treem_desktop.storage import form_repo  # noqa: E402
from treem_desktop.ui.grid import EntryGrid  # noqa: E402
from treem_desktop.ui.indicators.sources import TableSource  # noqa: E402

YEARS = [str(y) for y in range(1990, 2050)]
BUDGET_MS = 50.0


class SixtyYears(tb.TableSession):
    def rows(self) -> list[Row]:
        return expand_rows(self.table, YEARS)


def fill(workspace: Workspace) -> None:
    _form, table = tb.find_table("report-1555-2020", "b2-1")
    cells = {
        f"b2-1.{year}.{column.id}": index + 7 * position
        for index, year in enumerate(YEARS)
        for position, column in enumerate(table.columns)
    }
    form_repo.save_values(workspace.conn, "report-1555-2020", "", dict(cells), "bench")


def open_form(app: QApplication, workspace: Workspace) -> float:
    start = time.perf_counter()
    base = tb.open_table(workspace, "report-1555-2020", "b2-1")
    session = SixtyYears(**{f: getattr(base, f) for f in base.__dataclass_fields__})
    grid = EntryGrid(TableSource(session))
    grid.resize(1000, 700)
    grid.show()
    grid.table.setCurrentCell(0, 0)
    app.processEvents()
    elapsed = (time.perf_counter() - start) * 1000
    assert grid.table.rowCount() * grid.table.columnCount() == 300
    grid.close()
    grid.deleteLater()
    return elapsed


def bare_table(app: QApplication) -> float:
    start = time.perf_counter()
    table = QTableWidget(60, 5)
    for r in range(60):
        for c in range(5):
            table.setItem(r, c, QTableWidgetItem(str(r * c)))
    table.resize(1000, 700)
    table.show()
    table.setCurrentCell(0, 0)
    app.processEvents()
    elapsed = (time.perf_counter() - start) * 1000
    table.close()
    table.deleteLater()
    return elapsed


def medians(runs: int) -> tuple[float, float]:
    """(the form ready, the bare table shown), medians in ms, alternating."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(resolve_data_dir(Path(folder) / "data"), create=True)
        set_up_demo(workspace)
        fill(workspace)
        open_form(app, workspace)  # warm: the first grid builds Qt's types
        bare_table(app)
        form_ms, bare_ms = [], []
        for _ in range(runs):
            form_ms.append(open_form(app, workspace))
            bare_ms.append(bare_table(app))
        workspace.close()
    return statistics.median(form_ms), statistics.median(bare_ms)


def figures(runs: int) -> list[Figure]:
    form, bare = medians(runs)
    return [
        Figure(
            "300-cell indicator form ready for typing",
            form,
            bare,
            "a bare 60×5 QTableWidget with its items shown",
            ms_target=BUDGET_MS,
        )
    ]


def main() -> int:
    return run_alone(figures, __doc__, runs=15)


if __name__ == "__main__":
    sys.exit(main())
