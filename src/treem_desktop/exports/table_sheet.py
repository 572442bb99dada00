"""A report table (Bảng 2.1…) as xlsx, laid out like the outline's own table.

The Decree 30 header, the table's number and title, the header with its merged groups and
column numbers ("(1a)"), the rows (group headings, totals in bold), the table's notes, then
the place, date and signature block; A4 landscape, one page wide, the header repeated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.core.commune import CommuneProfile
from treem_desktop.documents.sources import CommuneData
from treem_desktop.exports import official_blocks
from treem_desktop.exports.page_breaks import keep_with_last_rows
from treem_desktop.exports.text_fit import Look, text_height
from treem_desktop.indicators.filled_table import FilledTable
from treem_desktop.indicators.model import ColumnKind, RowsKind, Table, period_year
from treem_desktop.indicators.tables import header_cells, row_label, yes_no_text
from treem_desktop.standards.model import tr

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from treem_desktop.exports.xlsx_sheet import SheetWriter

WIDTHS = {
    ColumnKind.TEXT: 34.0,
    ColumnKind.DATE: 13.0,
    ColumnKind.YES_NO: 11.0,
    ColumnKind.INTEGER: 14.0,
    ColumnKind.DECIMAL: 13.0,
    ColumnKind.MONEY: 15.0,
}
ROW_HEADER_WIDTHS = {"ordinal": 6.0, "period": 10.0, "label": 28.0}
HEADER = Look(size=12, bold=True, align="center", box=True)
CELL = Look(size=12, box=True)
NUMBER = Look(size=12, align="right", box=True, number_format="#,##0")
MAX_DECIMALS = 2
DATE = "DD/MM/YYYY"  # 10/02/2026, a real date in Excel and LibreOffice alike
BOLD_CELL = Look(size=12, bold=True, box=True)
CENTRED = Look(size=12, align="center", box=True)


def number_format(value: object) -> str:
    """ "#,##0" for 3, "#,##0.0" for 8,5: Excel and LibreOffice print both alike.

    (``#,##0.##`` leaves "3." in Microsoft Excel.) The separators follow the reader's
    locale: 1.234,5 on a Vietnamese Windows.
    """
    if not isinstance(value, float) or value.is_integer():
        return "#,##0"
    decimals = len(f"{value:.{MAX_DECIMALS}f}".rstrip("0").partition(".")[2])
    return "#,##0." + "0" * max(decimals, 1)


def number_look(value: object, look: Look) -> Look:
    return replace(look, number_format=number_format(value))


def widths(table: Table) -> list[float]:
    found = [WIDTHS[c.kind] for c in table.columns]
    if table.row_header_label is not None:
        found.insert(0, ROW_HEADER_WIDTHS.get(table.row_header_kind or "", 20.0))
    while len(found) < official_blocks.LEFT_COLUMNS + official_blocks.RIGHT_COLUMNS:
        found.append(4.0)  # room for the header and signature blocks on narrow tables
    return found


def write_table_sheet(
    path: Path,
    session: FilledTable,
    profile: CommuneProfile,
    today: dt.date,
    data: CommuneData | None = None,
) -> Path:
    """Write one table of a report outline to ``path`` (atomically); ``data`` gives the
    indicators' values to a table of indicators (Phụ lục 2)."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from treem_desktop.exports.xlsx_sheet import (
        SheetWriter,
        print_setup,
        save_atomically,
        use_default_font,
    )

    table = session.table
    workbook = Workbook()
    use_default_font(workbook)
    worksheet = workbook.active
    assert isinstance(worksheet, Worksheet)
    worksheet.title = table.number[:31]
    sheet = SheetWriter(worksheet, widths(table))
    official_blocks.header(sheet, profile)
    used = len(table.columns) + (1 if table.row_header_label is not None else 0)
    sheet.next_row()
    sheet.put(
        1,
        sheet.last_column,
        f"{table.number}. {tr(table.title)}",
        Look(13, bold=True, align="center"),
    )
    sheet.next_row(height=8)
    first, last = _header(sheet, worksheet, table)
    notes = [tr(n) for n in table.notes]
    if table.rows.kind is RowsKind.INDICATORS:
        notes += _indicator_rows(sheet, session, used, today, data)
    else:
        _rows(sheet, session, used)
    block = sheet.row + 1  # the notes and the signature stay with the last rows
    for note in notes:
        sheet.next_row()
        sheet.put(1, sheet.last_column, note, Look(11, italic=True))
    official_blocks.signature(sheet, profile, today)
    sheet.finish()
    print_setup(worksheet, (first, last), sheet.last_column)
    keep_with_last_rows(worksheet, sheet.widths, (first, last), block, last + 1)
    return save_atomically(workbook, path)


def _header(sheet: SheetWriter, worksheet: Worksheet, table: Table) -> tuple[int, int]:
    """The merged header cells: groups over their columns, leaves down to the last row."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    cells = header_cells(table)
    depth = max(c.row + c.row_span for c in cells)
    top = sheet.row + 1
    for _level in range(depth):
        sheet.next_row()
    for cell in cells:
        row, first = top + cell.row, cell.column + 1
        last_column, last_row = first + cell.column_span - 1, row + cell.row_span - 1
        text = tr(cell.label) + (f"\n{cell.number}" if cell.number else "")
        sheet.row = row
        sheet.put(first, first, text, HEADER)
        for r in range(row, last_row + 1):
            for c in range(first, last_column + 1):
                worksheet.cell(r, c).border = box
        if (last_row, last_column) != (row, first):
            worksheet.merge_cells(
                start_row=row, start_column=first, end_row=last_row, end_column=last_column
            )
        width = sum(sheet.widths[first - 1 : last_column])
        sheet.fit(row, text_height(text, width, HEADER) / cell.row_span)
    sheet.row = top + depth - 1
    return top, top + depth - 1


def _rows(sheet: SheetWriter, session: FilledTable, used: int) -> None:
    table = session.table
    groups = table.rows.groups or {}
    group = None
    has_row_header = table.row_header_label is not None
    for row in session.rows():
        if row.group is not None and row.group != group:
            group = row.group
            sheet.next_row()
            sheet.put(1, used, tr(groups[group]), BOLD_CELL)
        sheet.next_row()
        values = session.row_values(row)
        column = 1
        if has_row_header:
            sheet.put(1, 1, row_label(row), BOLD_CELL if row.total else CELL)
            column = 2
        for spec in table.columns:
            value: str | float | dt.date | None = values.get(spec.id)
            look = number_look(value, NUMBER) if spec.numeric else CELL
            if row.total:
                look = Look(
                    12, bold=True, align=look.align, box=True, number_format=look.number_format
                )
            if isinstance(value, bool):
                value = yes_no_text(value)
            elif spec.kind is ColumnKind.DATE and isinstance(value, str):
                value, look = dt.date.fromisoformat(value), replace(look, number_format=DATE)
            sheet.put(column, column, value, look)
            column += 1


def _indicator_rows(
    sheet: SheetWriter,
    session: FilledTable,
    used: int,
    today: dt.date,
    data: CommuneData | None,
) -> list[str]:
    """Phụ lục 2 with the Word appendix's lines: the same indicators, objective rows,
    numbering, "%" and results (the indicator's value when the table has none)."""
    from treem_desktop.documents.compose import vietnamese
    from treem_desktop.documents.indicator_lines import indicator_lines
    from treem_desktop.documents.inserts import InsertSource

    year = period_year(session.period) if session.period else today.year
    source = InsertSource(year, data)
    with vietnamese():
        lines, notes = indicator_lines(source, session.table, session.values)
    for line in lines:
        sheet.next_row()
        if line.objective:
            sheet.put(1, used, line.label, BOLD_CELL)
            continue
        sheet.put(1, 1, line.label, CELL)
        for column, value in enumerate(line.cells, start=2):
            look = number_look(value, NUMBER) if isinstance(value, float) else CENTRED
            sheet.put(column, column, value, look)
    return notes
