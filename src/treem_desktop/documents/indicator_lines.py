"""The lines of an indicator table (Phụ lục 2), the same in Word and in Excel.

One source of truth for a value: the result of an indicator is the one typed in the report
table when there is one, else the value stored for the indicator in the year (Chỉ tiêu page,
``treem indicators import``). The Word appendix (:mod:`.inserts`) and the xlsx export
(:mod:`treem_desktop.exports.table_sheet`) both print these lines, so they show the same
indicators, numbering, objective rows, units ("%") and numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from treem_desktop.documents import inserts
from treem_desktop.indicators import model as im
from treem_desktop.indicators.tables import CellValue

Value = str | float | None  # a text, a result to print as a number, or nothing


@dataclass(frozen=True)
class IndicatorLine:
    """One line: a full-width objective heading (``cells`` empty), or an indicator's
    label and one value per column of the table."""

    label: str
    cells: tuple[Value, ...] = ()

    @property
    def objective(self) -> bool:
        return not self.cells


def stored_by_row(table: im.Table, values: Mapping[str, CellValue]) -> dict[str, dict[str, Value]]:
    """The table's stored cells by row id, then column id (``pl2.ct04a.ket-qua``)."""
    found: dict[str, dict[str, Value]] = {}
    for cell, value in values.items():
        table_id, _, rest = cell.partition(".")
        row_id, _, column_id = rest.partition(".")
        if table_id == table.id and value is not None and not isinstance(value, bool):
            found.setdefault(row_id, {})[column_id] = value
    return found


def indicator_lines(
    source: inserts.InsertSource, table: im.Table, values: Mapping[str, CellValue]
) -> tuple[list[IndicatorLine], list[str]]:
    """Each commune indicator with its unit, the target in force, the result and the
    verdict, by objective; and the notes saying which targets and where they come from."""
    indicators = inserts.indicator_set(source)
    columns = inserts.header_columns(table)
    stored = stored_by_row(table, values)
    actual = next(
        (c.computed.actual for c in columns if c.computed and c.computed.op == "target_status"),
        None,
    )
    typed = {
        row: float(number)
        for row, cells in stored.items()
        if isinstance(number := cells.get(actual or ""), int | float)
    }
    results = inserts.indicator_results(source, indicators, typed)
    common = inserts.milestone([r.target for r in results])
    group = inserts.objective_rows(indicators, len(columns) + 1)
    lines: list[IndicatorLine] = []
    for result in results:
        objective = group(result.indicator)
        if objective is not None:
            lines.append(IndicatorLine(objective[0].text))
        number = result.indicator.number
        name = inserts.indicator_name(result.indicator)
        cells = tuple(_cell(indicators, result, c, stored, common, source.year) for c in columns)
        lines.append(IndicatorLine(f"{number}. {name}" if number else name, cells))
    notes = []
    if common is not None:
        notes.append(
            f"Mục tiêu: chỉ tiêu đến năm {common} (mốc gần nhất của bộ chỉ tiêu đang áp dụng); "
            f"kết quả thực hiện năm {source.year}."
        )
    notes += inserts.target_notes(indicators, [r.target for r in results])
    return lines, notes


def _cell(
    indicators: im.IndicatorSet,
    result: inserts.Result,
    column: im.Column,
    stored: Mapping[str, Mapping[str, Value]],
    common: int | None,
    year: int,
) -> Value:
    rule = column.computed
    if rule is None:
        if column.numeric:
            return result.actual
        own = stored.get(result.indicator.id, {}).get(column.id)
        return own if isinstance(own, str) else None
    if rule.op == "unit":
        return inserts.unit_text(indicators, result.indicator)
    if rule.op == "target":
        return result.target.shown(common)
    if rule.op == "target_status":
        return inserts.verdict_words(result, year)
    return None
