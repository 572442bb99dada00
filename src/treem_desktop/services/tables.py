"""Report tables (Bảng 1.1, 2.1…): their rows for this commune, values, computed cells.

Values are kept per form (``period`` is "" : a report's tables cover its whole period; grid
rows carry their own year in the cell id, ``b2-1.2015.kinh-phi``).
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
    parse_values,
    totals_row,
    with_computed,
)
from treem_desktop.services import indicators as ind
from treem_desktop.services.workspace import Workspace
from treem_desktop.storage import form_repo

WHOLE_FORM = ""
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
class TableSession:
    """One table of one form, open for entry.

    Attributes:
        values: the stored cells by cell id (``<table>.<row>.<column>``).
        period: for tables of indicators, the period whose targets and values are shown.
    """

    workspace: Workspace
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

    def store(self, row: str, column: str, raw: str) -> None:
        """Check and save one cell as typed (an empty cell clears it)."""
        cell = f"{self.table.id}.{row}.{column}"
        if raw.strip() == "":
            change: dict[str, CellValue] = {cell: None}
        else:
            parsed, problems = parse_values(self.table, {cell: raw}, self.rows())
            if problems:
                raise problems[0]
            change = parsed
        form_repo.save_values(
            self.workspace.conn, self.form.id, WHOLE_FORM, change, self.workspace.actor
        )
        for key, value in change.items():
            if value is None:
                self.values.pop(key, None)
            else:
                self.values[key] = value
        self.values_changed()

    def store_comment(self, row: str, column: str, text: str) -> None:
        cell = f"{self.table.id}.{row}.{column}"
        form_repo.save_comment(
            self.workspace.conn, self.form.id, WHOLE_FORM, cell, text, self.workspace.actor
        )
        if text:
            self.comments[cell] = text
        else:
            self.comments.pop(cell, None)


def open_table(workspace: Workspace, form_id: str, table_id: str, period: str = "") -> TableSession:
    form, table = find_table(form_id, table_id)
    needs_set = table.rows.kind is RowsKind.INDICATORS
    return TableSession(
        workspace=workspace,
        form=form,
        table=table,
        values={
            k: v for k, v in form_repo.load_values(workspace.conn, form.id, WHOLE_FORM).items()
        },
        comments=form_repo.load_comments(workspace.conn, form.id, WHOLE_FORM),
        indicator_set=ind.own_set(workspace) if needs_set else None,  # the commune's own
        period=period,
    )


def import_cells(workspace: Workspace, form_id: str, document: object) -> int:
    """Cells of a form's tables from a JSON object keyed by cell id: all, or none."""
    if not isinstance(document, dict):
        raise TreemError("IMPORT_NOT_OBJECT")
    form = next((f for f in table_forms() if f.id == form_id), None)
    if form is None:
        raise TreemError("INPUT_UNKNOWN", input=form_id)
    parsed: dict[str, CellValue] = {}
    for table in form.tables:
        mine = {k: v for k, v in document.items() if str(k).startswith(table.id + ".")}
        rows = (
            None
            if table.rows.kind is not RowsKind.REPEATABLE
            else expand_rows(table, count=table.rows.max_rows or 0)
        )
        if table.rows.kind is RowsKind.INDICATORS:
            continue
        values, problems = parse_values(table, mine, rows)
        if problems:
            raise problems[0]
        parsed.update(values)
    unknown = [k for k in document if k not in parsed]
    if unknown:
        raise TreemError("INPUT_UNKNOWN", field=str(unknown[0]), input=str(unknown[0]))
    form_repo.save_values(workspace.conn, form.id, WHOLE_FORM, dict(parsed), workspace.actor)
    return len(parsed)
