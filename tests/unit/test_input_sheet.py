"""The inputs sheet of the exported workbook reads back into a round; other files are refused."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.exports.input_sheet import MARKER, read_input_sheet

YEARS = itertools.count(2030, 2)  # a fresh pair of years for every example
SAMPLE = {
    "c1.a.has": True,
    "c1.d.has": False,
    "c6.a.numerator": 19,
    "c6.a.denominator": 20,
    "c13.x.percent": 85.5,
    "c2.x.points": 80,
}


def export(workspace: Workspace, year: int, values: Mapping[str, object], path: Path) -> Path:
    evaluation = ev.import_values(workspace, year, dict(values))
    return ev.export_score_sheet(workspace, evaluation, path, dt.date(2026, 11, 23))


def test_an_exported_round_reads_back_the_same(workspace: Workspace, tmp_path: Path) -> None:
    path = export(workspace, 2026, SAMPLE, tmp_path / "round.xlsx")
    raw = read_input_sheet(path)
    ev.import_values(workspace, 2027, raw)
    assert ev.open_round(workspace, 2027).values == SAMPLE


def test_values_filled_in_a_spreadsheet_are_imported(workspace: Workspace, tmp_path: Path) -> None:
    path = export(workspace, 2026, {"c7.a.denominator": 50}, tmp_path / "round.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = next(s for s in book.worksheets if s.cell(1, 1).value == MARKER)
    rows = {sheet.cell(r, 1).value: r for r in range(3, sheet.max_row + 1)}
    sheet.cell(rows["c7.a.numerator"], 5, 49)
    sheet.cell(rows["c12.x.play_space"], 5, "có")
    book.save(path)
    ev.import_values(workspace, 2026, read_input_sheet(path))
    values = ev.open_round(workspace, 2026).values
    assert values["c7.a.numerator"] == 49 and values["c12.x.play_space"] is True
    assert ev.open_round(workspace, 2026).score().criterion("c7").points == 50


def test_a_workbook_without_the_inputs_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "Danh sách trẻ em"  # type: ignore[index]
    book.save(path)
    with pytest.raises(TreemError) as caught:
        read_input_sheet(path)
    assert caught.value.code == "IMPORT_NO_INPUT_SHEET"


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken zip", b""])
def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(content)
    with pytest.raises(TreemError) as caught:
        read_input_sheet(path)
    assert caught.value.code == "IMPORT_NOT_XLSX"
    assert str(path) in caught.value.message()


def test_a_bad_value_in_the_sheet_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    path = export(workspace, 2026, SAMPLE, tmp_path / "round.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = next(s for s in book.worksheets if s.cell(1, 1).value == MARKER)
    rows = {sheet.cell(r, 1).value: r for r in range(3, sheet.max_row + 1)}
    sheet.cell(rows["c6.a.numerator"], 5, 25)  # above its denominator
    book.save(path)
    with pytest.raises(TreemError) as caught:
        ev.import_values(workspace, 2026, read_input_sheet(path))
    assert caught.value.code == "NUMERATOR_ABOVE_DENOMINATOR"
    assert ev.open_round(workspace, 2026).values == SAMPLE


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.integers(0, 100_000),
    st.integers(0, 100_000),
    st.booleans(),
    st.decimals(0, 100, places=1).map(float),
)
def test_round_trip_property(
    workspace: Workspace, tmp_path: Path, a: int, b: int, yes: bool, percent: float
) -> None:
    values = {
        "c9.x.numerator": min(a, b),
        "c9.x.denominator": max(a, b),
        "c1.b.has": yes,
        "c13.y.percent": percent,
    }
    year = next(YEARS)
    path = export(workspace, year, values, tmp_path / f"r{year}.xlsx")
    ev.import_values(workspace, year + 1, read_input_sheet(path))
    assert ev.open_round(workspace, year + 1).values == values
