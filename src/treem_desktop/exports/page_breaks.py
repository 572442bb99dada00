"""Keeping a sheet's signature block on the page of its last rows.

Spreadsheets break pages by themselves; left alone, the place, date and signature of a long
table can fall alone onto a last page under an empty repeated header. The pages are estimated
from the row heights the writer set and the scale of "one page wide" (A4 landscape, the margins
of :func:`xlsx_sheet.print_setup`); when the block would not fit under the last rows, a page
break is put a few rows above it, so that those rows go over with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from treem_desktop.exports.text_fit import DIGIT_PX

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

PT_PER_MM = 72 / 25.4
PRINTABLE_WIDTH_PT = (297 - 20 - 15) * PT_PER_MM  # A4 landscape less the left and right margins
PRINTABLE_HEIGHT_PT = (210 - 20 - 20) * PT_PER_MM * 0.97  # less the top and bottom, a safety
DEFAULT_ROW_PT = 15.0
ROWS_CARRIED = 2  # table rows that go over with the signature block


def scale(widths: Sequence[float]) -> float:
    """The print scale of "one page wide" for columns ``widths`` (in digits)."""
    width_pt = sum(widths) * DIGIT_PX * 0.75
    return min(1.0, PRINTABLE_WIDTH_PT / width_pt) if width_pt else 1.0


def page_starts(heights: Sequence[float], title_rows: tuple[int, int], page_pt: float) -> list[int]:
    """The first row of every page after the first (rows are 1-based; ``heights`` by row - 1),
    with the title rows repeated at the top of each later page."""
    first, last = title_rows
    repeated = sum(heights[first - 1 : last])
    starts: list[int] = []
    used = 0.0
    for row, height in enumerate(heights, start=1):
        if used + height > page_pt and used > 0:
            starts.append(row)
            used = repeated
        used += height
    return starts


def keep_with_last_rows(
    worksheet: Worksheet,
    widths: Sequence[float],
    title_rows: tuple[int, int],
    block_first_row: int,
    table_first_row: int,
) -> int | None:
    """Put a page break before the last table rows when the block from ``block_first_row`` to
    the end would be split from them; the row the new page starts at, or None."""
    from openpyxl.worksheet.pagebreak import Break

    last_row = worksheet.max_row
    heights = [worksheet.row_dimensions[r].height or DEFAULT_ROW_PT for r in range(1, last_row + 1)]
    starts = page_starts(heights, title_rows, PRINTABLE_HEIGHT_PT / scale(widths))
    if not any(block_first_row <= s <= last_row for s in starts):
        return None
    carried = max(block_first_row - ROWS_CARRIED, table_first_row + 1)
    worksheet.row_breaks.append(Break(id=carried - 1))
    return carried
