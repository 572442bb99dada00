"""Writing an official Vietnamese table with openpyxl: fonts, merges, borders, row heights.

Import this module only when a document is written: it loads openpyxl (kept out of start-up).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Sequence
from copy import copy
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from treem_desktop.errors import TreemError
from treem_desktop.exports.text_fit import BODY_SIZE, FONT_NAME, Look, text_height

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MM = 1 / 25.4  # openpyxl's margins are in inches


def use_default_font(workbook: Workbook) -> None:
    """Make Times New Roman 12 the workbook's default font (the Normal style).

    Spreadsheets measure column widths in digits of the default font. Left at Calibri, the
    widths differ between Excel and LibreOffice without Carlito, and the text estimates
    would be wrong; Times New Roman has the same metrics everywhere (Liberation Serif).
    openpyxl has no public call for this: the first font is the default (openpyxl 3.1).
    """
    default = Font(name=FONT_NAME, size=BODY_SIZE, family=1)
    workbook._fonts = IndexedList([default])  # type: ignore[attr-defined]
    workbook._named_styles["Normal"].font = default  # type: ignore[attr-defined]


class SheetWriter:
    """Writes rows top to bottom and sizes each row to the tallest text written in it."""

    def __init__(self, worksheet: Worksheet, widths: Sequence[float]) -> None:
        self.sheet = worksheet
        self.widths = list(widths)
        self.row = 0
        self._heights: dict[int, float] = {}
        self._fixed: set[int] = set()
        self._styles: dict[Look, StyleArray] = {}
        for index, width in enumerate(self.widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width

    @property
    def last_column(self) -> int:
        return len(self.widths)

    def next_row(self, height: float | None = None) -> int:
        """Move to a new row; ``height`` fixes it (a spacer), else its text decides."""
        self.row += 1
        if height is not None:
            self._heights[self.row] = height
            self._fixed.add(self.row)
        return self.row

    def put(self, first: int, last: int, value: str | float | dt.date | None, look: Look) -> Cell:
        """Write ``value`` in columns ``first``..``last`` (1-based, merged) of the current row."""
        sheet, row = self.sheet, self.row
        if last > first:
            sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = sheet.cell(row=row, column=first, value=None if value == "" else value)
        self.style(cell, look)
        if look.box:
            for column in range(first, last + 1):
                sheet.cell(row=row, column=column).border = _BOX
        if row not in self._fixed:
            text = value if isinstance(value, str) else "0"
            needed = text_height(text, sum(self.widths[first - 1 : last]), look)
            self._heights[row] = max(self._heights.get(row, 0.0), needed)
        return cell

    def style(self, cell: Cell, look: Look) -> None:
        """Give ``cell`` the font, alignment and number format of ``look``.

        The first cell of each look gets them through openpyxl (a Font and an Alignment,
        added to the workbook once); every later one copies that cell's style indexes.
        """
        known = self._styles.get(look)
        if known is not None:
            cell._style = copy(known)  # type: ignore[attr-defined]
            return
        cell.font = Font(
            name=FONT_NAME,
            size=look.size,
            bold=look.bold,
            italic=look.italic,
            underline="single" if look.underline else None,
        )
        cell.alignment = Alignment(horizontal=look.align, vertical="center", wrap_text=True)
        cell.number_format = look.number_format
        self._styles[look] = copy(cell._style)  # type: ignore[attr-defined]

    def fit(self, row: int, height: float) -> None:
        """Make ``row`` at least ``height`` points high (for text merged over several rows)."""
        self._heights[row] = max(self._heights.get(row, 15.0), height)

    def finish(self) -> None:
        """Give every row written its height (openpyxl would leave them all at the default)."""
        for row, height in self._heights.items():
            self.sheet.row_dimensions[row].height = height


def print_setup(worksheet: Worksheet, title_rows: tuple[int, int], last_column: int) -> None:
    """A4 landscape one page wide, ``title_rows`` repeated on every page and frozen on screen.

    Page numbers from page 2, centred at the top (Decree 30/2020, Annex I §I).
    """
    first, last = title_rows
    setup = worksheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = worksheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    left, right, top_bottom, header = (m * _MM for m in (20, 15, 20, 10))
    worksheet.page_margins = PageMargins(
        left=left, right=right, top=top_bottom, bottom=top_bottom, header=header, footer=header
    )
    worksheet.print_options.horizontalCentered = True
    worksheet.print_title_rows = f"{first}:{last}"
    worksheet.print_area = f"A1:{get_column_letter(last_column)}{worksheet.max_row}"
    worksheet.freeze_panes = f"A{last + 1}"
    worksheet.sheet_view.showGridLines = False
    page_header = worksheet.HeaderFooter
    page_header.differentFirst = True
    assert page_header.oddHeader is not None  # openpyxl makes it with the sheet
    number = page_header.oddHeader.center
    number.text, number.font, number.size = "&P", f"{FONT_NAME},Regular", 13


def packet_footer(worksheet: Worksheet, line: str) -> None:
    """The signed packet's line (file, id, short hash) at the foot of every printed page."""
    page = worksheet.HeaderFooter
    for footer in (page.firstFooter, page.oddFooter):
        assert footer is not None  # openpyxl makes them with the sheet
        footer.left.text, footer.left.font, footer.left.size = line, f"{FONT_NAME},Regular", 8


def save_atomically(workbook: Workbook, path: Path) -> Path:
    """Save beside ``path`` under a temporary name, then rename over it: never half a file."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        workbook.save(partial)
        os.replace(partial, path)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            raise TreemError("DISK_FULL") from error
        raise
    return path
