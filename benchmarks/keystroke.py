"""One value typed in the evaluation and committed (Enter) until the score panel shows the new
score, through the real main window, on communes with 1, 5 and 20 years of history.

    QT_QPA_PLATFORM=offscreen python benchmarks/keystroke.py [--runs N]

Timed: the key events of the value and Enter sent to the field in the main window (the page
saves on Enter), the save, the score and every slot the window runs before control returns
to the event loop, until the score panel's total has changed. The floor, measured in the same
run: the same key events in a bare QLineEdit, the round's score computed once, and one
committed one-row write to the same database.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout: benchmarks.*

from benchmarks.figure import Figure, median_ms, run_alone  # noqa: E402
from benchmarks.generate import HISTORIES, TODAY, commune, open_commune  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

FIELD = "c6.a.numerator"
VALUES = ("57", "31")  # of 59: the sub-indicator's points change between them
MS_TARGET = 16.0


def type_and_commit(editor: QLineEdit, text: str) -> None:
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def keystroke_ms(app: QApplication, folder: Path, runs: int) -> float:
    from treem_desktop.ui.main_window import MainWindow

    workspace = open_commune(folder)
    window = MainWindow(workspace, today=TODAY)
    window.show()
    window.show_page(window.page_index("evaluation"))
    page = window.evaluation_page
    view = page.show_criterion(FIELD.split(".")[0])
    editor = view.fields[FIELD].editor
    assert isinstance(editor, QLineEdit)
    editor.setFocus()
    app.processEvents()

    def one_value() -> None:
        before = page.panel.total.text()
        type_and_commit(editor, VALUES[editor.text() == VALUES[0]])
        if page.panel.total.text() == before:
            raise AssertionError("the score panel did not change")

    try:
        return median_ms(one_value, runs, warmup=2)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        workspace.close()


def floor_ms(app: QApplication, folder: Path, runs: int) -> float:
    from treem_desktop.commune import evaluation as ev
    from treem_desktop.storage.database import transaction

    workspace = open_commune(folder)
    evaluation = ev.open_round(workspace, TODAY.year)
    line = QLineEdit()
    line.show()
    turn = [0]

    def bare() -> None:
        turn[0] += 1
        type_and_commit(line, VALUES[turn[0] % 2])
        evaluation.score()
        with transaction(workspace.conn):
            workspace.conn.execute(
                "UPDATE eval_value SET updated_at = ? WHERE round_id = ? AND input_id = ?",
                (str(time.time()), evaluation.row.id, FIELD),
            )

    try:
        return median_ms(bare, runs, warmup=2)
    finally:
        line.close()
        workspace.close()


def figures(runs: int) -> list[Figure]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    found = []
    for years in HISTORIES:
        folder = commune(years)
        floor = floor_ms(app, folder, runs)
        value = keystroke_ms(app, folder, runs)
        found.append(
            Figure(
                f"evaluation value typed + Enter → score shown, {years} yr",
                value,
                floor,
                "key events in a bare QLineEdit + the score + one commit",
                ms_target=MS_TARGET,
            )
        )
    return found


def main() -> int:
    return run_alone(figures, __doc__, runs=15)


if __name__ == "__main__":
    sys.exit(main())
