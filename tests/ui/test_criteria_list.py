"""The criteria list fits a 1024-pixel screen: narrow, it shows "points / max" in one column."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.workspace import Workspace
from treem_desktop.ui.evaluation.criteria_list import FILLED, MAXIMUM, POINTS, CriteriaList


def test_a_narrow_list_folds_its_columns_and_a_wide_one_shows_them(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a": {"denominator": 20}})
    evaluation = ev.open_round(workspace, 2026)
    tree = CriteriaList(evaluation.standard)
    qtbot.addWidget(tree)
    tree.show_score(evaluation.score())
    tree.resize(220, 400)
    tree.show()
    qtbot.waitUntil(lambda: tree.compact)
    assert tree.isColumnHidden(FILLED) and tree.isColumnHidden(MAXIMUM)
    assert tree.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways
    row = tree.topLevelItem(5)
    assert row is not None and row.text(POINTS).endswith(" / 125")

    tree.resize(520, 400)
    qtbot.waitUntil(lambda: not tree.compact)
    assert not tree.isColumnHidden(FILLED) and not tree.isColumnHidden(MAXIMUM)
    assert "/" not in row.text(POINTS) and row.text(MAXIMUM) == "125"
