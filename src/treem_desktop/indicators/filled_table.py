"""A report table with its stored cells: the rows it shows and what each row's cells hold.

Plain data (no database): the commune's use cases fill it (``commune.tables.open_table``) and
documents and exports read it. ``period`` is "" for a report's tables (they cover the whole
period); grid rows carry their own year in the cell id, ``b2-1.2015.kinh-phi``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from treem_desktop.errors import TreemError
from treem_desktop.indicators.loader import shipped_table_forms
from treem_desktop.indicators.model import IndicatorSet, RowsKind, Table, TableForm
from treem_desktop.indicators.tables import (
    CellValue,
    Row,
    expand_rows,
    indicator_row_values,
    totals_row,
    with_computed,
)

SPARE_ROWS = 5  # empty rows offered below the filled ones of a list table


def table_forms() -> tuple[TableForm, ...]:
    return shipped_table_forms()


def find_table(form_id: str, table_id: str) -> tuple[TableForm, Table]:
    for form in table_forms():
        if form.id == form_id:
            for table in form.tables:
                if table.id == table_id:
                    return form, table
    raise TreemError("INPUT_UNKNOWN", input=f"{form_id}/{table_id}")


@dataclass
class FilledTable:
    """One table of one form with its stored cells, as plain data (documents and exports read it).

    Attributes:
        values: the stored cells by cell id (``<table>.<row>.<column>``).
        period: for tables of indicators, the period whose targets and values are shown.
    """

    form: TableForm
    table: Table
    values: dict[str, CellValue] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    indicator_set: IndicatorSet | None = None
    period: str = ""

    def __post_init__(self) -> None:
        # What each row shows, worked out once per change (a grid asks once per cell).
        self._by_row: dict[str, dict[str, CellValue]] | None = None
        self._shown: dict[str, dict[str, CellValue]] = {}

    def rows(self) -> list[Row]:
        count = 0
        if self.table.rows.kind is RowsKind.REPEATABLE:
            filled = {cell.split(".")[1] for cell in self.values if cell.startswith(self.table.id)}
            used = max((int(r[1:]) for r in filled if r[1:].isdigit()), default=0)
            count = min(used + SPARE_ROWS, self.table.rows.max_rows or used + SPARE_ROWS)
        return expand_rows(self.table, indicators=self.indicator_set, count=count)

    def row_values(self, row: Row) -> dict[str, CellValue]:
        shown = self._shown.get(row.id)
        if shown is None:
            shown = self._shown[row.id] = self._row_values(row)
        return dict(shown)

    def _row_values(self, row: Row) -> dict[str, CellValue]:
        if row.total:
            return dict(totals_row(self.table, self._data_rows()))
        if "." in row.id:  # not in the index, which splits cell ids at their dots
            prefix = f"{self.table.id}.{row.id}."
            own = {k[len(prefix) :]: v for k, v in self.values.items() if k.startswith(prefix)}
        else:
            own = dict(self._data_rows().get(row.id, {}))
        if row.indicator is not None and self.indicator_set is not None:
            return indicator_row_values(self.table, row, self.indicator_set, self.period, own)
        return with_computed(self.table, own)

    def _data_rows(self) -> dict[str, Mapping[str, CellValue]]:
        if self._by_row is None:
            found: dict[str, dict[str, CellValue]] = {}
            for cell, value in self.values.items():
                table, row, column = cell.split(".", 2)
                if table == self.table.id:
                    found.setdefault(row, {})[column] = value
            self._by_row = found
        return dict(self._by_row)

    def values_changed(self) -> None:
        """Forget what the rows showed (``store`` calls it; so must anyone who edits values)."""
        self._by_row = None
        self._shown = {}
