"""The "inputs" sheet of the score-sheet workbook: one row per input, readable back.

The score sheet is for people; this second sheet is for both: an officer can fill its value
column in any spreadsheet program, and ``treem eval import YEAR FILE.xlsx`` reads it back. It is
hidden so that printing the workbook prints the score sheet only. Its first cell holds a marker
with the layout's version, so another workbook is refused instead of being misread.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.standards.model import tr
from treem_desktop.standards.round import EvaluationRound

if TYPE_CHECKING:
    from openpyxl import Workbook

MARKER = "treem-inputs-v1"
FIRST_ROW = 3  # row 1: marker and title; row 2: column headers
MAX_ROWS = 5000
MAX_BYTES = 20_000_000
ID, CRITERION, LABEL, UNIT, VALUE, EXPLANATION = range(1, 7)


def add_input_sheet(workbook: Workbook, evaluation: EvaluationRound) -> None:
    """Append the inputs sheet: id, criterion, label, unit, value, reason (far from last year)."""
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(_("Inputs")[:31])
    sheet.cell(1, ID, MARKER).font = Font(color="808080", size=8)
    sheet.cell(
        1,
        LABEL,
        _("Figures of the {year} round (fill column E, then import)").format(year=evaluation.year),
    ).font = Font(bold=True)
    headers = (_("Input id"), _("Criterion"), _("Content"), _("Unit"), _("Value"), _("Reason"))
    for column, text in enumerate(headers, start=1):
        sheet.cell(2, column, text).font = Font(bold=True)
    row = FIRST_ROW
    inputs = evaluation.standard.inputs()
    for criterion in evaluation.standard.criteria:
        for sub in criterion.sub_indicators:
            for item in (*sub.inputs, inputs[sub.manual_input_id]):
                stored = evaluation.values.get(item.id)
                value: object = (
                    (_("yes") if stored else _("no")) if isinstance(stored, bool) else stored
                )
                cells = (
                    item.id,
                    criterion.number,
                    tr(item.label),
                    tr(item.unit),
                    value,
                    evaluation.explanations.get(item.id, ""),
                )
                for column, content in enumerate(cells, start=1):
                    sheet.cell(row, column, content).alignment = Alignment(
                        wrap_text=True, vertical="top"
                    )
                row += 1
    for letter, width in zip("ABCDEF", (16, 9, 60, 14, 12, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    sheet.sheet_state = "hidden"  # kept out of print; "Unhide" shows it to fill it in


def read_input_sheet(path: Path) -> dict[str, object]:
    """The values filled in a workbook's inputs sheet, by input id (empty cells skipped)."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    damage: tuple[type[BaseException], ...] = (
        zipfile.BadZipFile,
        InvalidFileException,
        *WORKBOOK_DAMAGE,
    )
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TreemError("IMPORT_NOT_XLSX", path=path, detail="larger than 20 MB")
        workbook = load_workbook(path, read_only=True, data_only=True)
    except damage as error:
        raise TreemError("IMPORT_NOT_XLSX", path=path, detail=str(error)[:200]) from error
    try:
        return _values(workbook, path)  # read_only: the sheets are parsed only here
    except damage as error:
        raise TreemError("IMPORT_NOT_XLSX", path=path, detail=str(error)[:200]) from error
    finally:
        workbook.close()


WORKBOOK_DAMAGE: tuple[type[BaseException], ...] = (
    OSError,  # a member cut short, a bad CRC-32 (zipfile raises BadZipFile, an OSError kin)
    EOFError,
    KeyError,  # a part the workbook names is missing
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    NotImplementedError,  # a ZIP feature Python does not read
    RuntimeError,  # a member marked encrypted: "password required" (RecursionError too)
    SyntaxError,  # broken XML (ElementTree's ParseError and lxml's are SyntaxErrors)
    zlib.error,
    struct.error,
)
"""What openpyxl raises on a damaged or hostile workbook: refused, never a crash."""


def _values(workbook: Workbook, path: Path) -> dict[str, object]:
    for sheet in workbook.worksheets:
        if sheet.cell(1, ID).value != MARKER:
            continue
        found: dict[str, object] = {}
        for index, row in enumerate(sheet.iter_rows(min_row=FIRST_ROW, values_only=True)):
            if index >= MAX_ROWS:
                raise TreemError("IMPORT_NOT_XLSX", path=path, detail="too many rows")
            if not row or row[ID - 1] is None:
                continue
            value = row[VALUE - 1] if len(row) >= VALUE else None
            if value is not None and str(value).strip() != "":
                found[str(row[ID - 1]).strip()] = value
        return found
    raise TreemError("IMPORT_NO_INPUT_SHEET", path=path)
