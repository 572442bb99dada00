"""Indicators: type a value, see met or not met, the trend, and the province's own targets."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from treem_desktop.services import indicators as ind
from treem_desktop.services.workspace import Workspace
from treem_desktop.ui.indicators.indicators_page import IndicatorsPage

TARGETS = Path(__file__).resolve().parents[1] / "data" / "targets" / "ha-noi-138-2021-example.json"


def row_of(page: IndicatorsPage, indicator: str) -> int:
    assert page.grid is not None
    return next(
        r for r in range(page.grid.table.rowCount()) if page.grid.cell_id(r, 0)[0] == indicator
    )


def cell(page: IndicatorsPage, row: int, column: int) -> str:
    assert page.grid is not None
    item = page.grid.table.item(row, column)
    assert item is not None
    return item.text()


def test_typing_a_value_gives_its_assessment_and_trend(qtbot: QtBot, workspace: Workspace) -> None:
    ind.import_values(workspace, "2024", {"ct05a": 95.5})
    page = IndicatorsPage(workspace, year=2025)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    assert page.period() == "2025"
    assert page.grid is not None
    row = row_of(page, "ct05a")
    assert cell(page, row, 1) == "≥ 97%"  # the 2025 target of Decision 23
    assert page.grid.type_into(row, 2, "96,4")
    assert cell(page, row, 3) == "Không đạt"
    assert page.grid.type_into(row, 2, "97,2")
    assert cell(page, row, 3) == "Đạt"
    assert ind.values(workspace, "2025")["ct05a"] == 97.2
    page.grid.table.setCurrentCell(row, 2)
    chart = page.chart.chart
    assert chart is not None
    assert [(p.period, p.value) for p in chart.points] == [("2024", 95.5), ("2025", 97.2)]
    assert chart.target == 97


def test_a_lower_is_better_indicator(qtbot: QtBot, workspace: Workspace) -> None:
    page = IndicatorsPage(workspace, year=2025)
    qtbot.addWidget(page)
    assert page.grid is not None
    row = row_of(page, "ct03a")  # neonatal mortality, < 9.5 per 1,000 in 2025
    assert page.grid.type_into(row, 2, "9,4")
    assert cell(page, row, 3) == "Đạt"
    assert page.grid.type_into(row, 2, "9,5")
    assert cell(page, row, 3) == "Không đạt"
    assert not page.grid.type_into(row, 2, "-1")


def test_the_provinces_targets_replace_the_national_ones(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = IndicatorsPage(workspace, year=2025)
    qtbot.addWidget(page)
    national = cell(page, row_of(page, "ct04a"), 1)
    page.import_targets(TARGETS)
    province = cell(page, row_of(page, "ct04a"), 1)
    assert national == "< 9%" and province != national
    assert "ha-noi" in page.targets_label.text()
