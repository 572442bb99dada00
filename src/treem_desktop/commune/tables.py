"""Report tables (Bảng 1.1, 2.1…) of this commune: open one for entry, save cells, import.

What a table shows (its rows, computed cells) is ``indicators.filled_table``: plain data that
documents and exports read; here it is loaded from and saved to the commune's database.
"""

from __future__ import annotations

from dataclasses import dataclass

from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.indicators.filled_table import (
    SPARE_ROWS,
    FilledTable,
    find_table,
    table_forms,
)
from treem_desktop.indicators.model import RowsKind
from treem_desktop.indicators.tables import CellValue, expand_rows, parse_values
from treem_desktop.storage import form_repo

__all__ = ["SPARE_ROWS", "FilledTable", "TableSession", "find_table", "open_table", "table_forms"]

WHOLE_FORM = ""


@dataclass(kw_only=True)
class TableSession(FilledTable):
    """A filled table open for entry in the commune's data folder: each cell typed is saved."""

    workspace: Workspace

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
