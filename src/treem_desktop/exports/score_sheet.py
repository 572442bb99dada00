"""The score sheet of an evaluation round as xlsx (bảng tự đánh giá, chấm điểm).

The layout follows Decree 30/2020/NĐ-CP: the two-column header (issuing body left, national
title and motto right), the title, a table with numbered columns, then the place and date and
the signature block. It prints on A4 landscape at the width of one page, the table's header
repeating on every page. Labels are in the user's language; the Decree 30 formulae and the
signature heading are Vietnamese whatever the language, like every official document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.core.categories import load_categories
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.exports import official_blocks
from treem_desktop.exports.input_sheet import add_input_sheet
from treem_desktop.exports.score_rows import Points, TableRow, max_note, maximum, table_rows
from treem_desktop.exports.text_fit import Look
from treem_desktop.formatting import format_date_short, format_number
from treem_desktop.i18n import N_, _
from treem_desktop.standards.model import tr
from treem_desktop.standards.round import EvaluationRound
from treem_desktop.standards.score_text import reason_text, status_text, verdict_text
from treem_desktop.standards.scoring import Score

if TYPE_CHECKING:
    from treem_desktop.documents.model import PacketStamp
    from treem_desktop.exports.xlsx_sheet import SheetWriter

MARK = "*"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float


def columns(has_last_year: bool) -> list[Column]:
    """The table's columns; last year's results only when there was a round last year."""
    spare = 0 if has_last_year else 10  # A4 landscape within the margins: 123 wide in all
    found = [
        Column("number", N_("No."), 5),
        Column("label", N_("Criterion and content assessed"), 38 + spare // 2),
        Column("unit", N_("Unit"), 12),
        Column("last_year", N_("Result {year}"), 10),
        Column("this_year", N_("Result {year}"), 10),
        Column("rate", N_("Rate (%)"), 7),
        Column("max_points", N_("Max. points"), 9),
        Column("points", N_("Points scored"), 9),
        Column("remarks", N_("Remarks"), 23 + spare // 2),
    ]
    return [c for c in found if has_last_year or c.key != "last_year"]


def write_score_sheet(
    path: Path,
    evaluation: EvaluationRound,
    profile: CommuneProfile,
    today: dt.date,
    stamp: PacketStamp | None = None,
) -> Path:
    """Write the round's score sheet to ``path`` (atomically) and return ``path``; ``stamp``
    is the packet that sent these very values, printed at the foot of every page."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from treem_desktop.exports.xlsx_sheet import (
        SheetWriter,
        packet_footer,
        print_setup,
        save_atomically,
        use_default_font,
    )

    score = evaluation.score()
    table = columns(evaluation.previous_year is not None)
    workbook = Workbook()
    use_default_font(workbook)
    worksheet = workbook.active
    assert isinstance(worksheet, Worksheet)
    worksheet.title = _("Scores {year}").format(year=evaluation.year)[:31]
    workbook.properties.title = _("Self-assessment and score sheet")
    workbook.properties.creator = "Treem Desktop"
    sheet = SheetWriter(worksheet, [c.width for c in table])
    official_blocks.header(sheet, profile)
    _title(sheet, evaluation)
    head = _table_head(sheet, table, evaluation)
    for row in table_rows(evaluation, score):
        _table_row(sheet, table, row)
    _totals(sheet, table, evaluation, score)
    _notes(sheet, evaluation, score)
    official_blocks.signature(sheet, profile, today)
    sheet.finish()
    print_setup(worksheet, (head, head + 1), sheet.last_column)
    if stamp is not None:
        packet_footer(worksheet, stamp.line())
    add_input_sheet(workbook, evaluation)
    return save_atomically(workbook, path)


def _title(sheet: SheetWriter, evaluation: EvaluationRound) -> None:
    standard, last = evaluation.standard, sheet.last_column
    sheet.next_row()
    title = _("Self-assessment and score sheet").upper()
    sheet.put(1, last, title, Look(size=14, bold=True, align="center"))
    sheet.next_row()
    subtitle = _("{standard}, year {year}").format(
        standard=tr(standard.title), year=evaluation.year
    )
    sheet.put(1, last, subtitle, Look(size=13, bold=True, align="center"))
    sheet.next_row()
    decision = _("(Decision No. {number} of {date})").format(
        number=standard.legal_number,
        date=format_date_short(dt.date.fromisoformat(standard.legal_date)),
    )
    sheet.put(1, last, decision, Look(size=12, italic=True, align="center"))
    sheet.next_row(height=10)


def _table_head(sheet: SheetWriter, table: list[Column], evaluation: EvaluationRound) -> int:
    """The column headers and their numbers (1), (2) …; returns the first header row."""
    years = {"last_year": evaluation.previous_year, "this_year": evaluation.year}
    bold = Look(bold=True, align="center", box=True)
    first = sheet.next_row()
    for index, column in enumerate(table, start=1):
        sheet.put(index, index, _(column.header).format(year=years.get(column.key)), bold)
    sheet.next_row()
    numbered = Look(size=11, italic=True, align="center", box=True)
    for index in range(1, len(table) + 1):
        sheet.put(index, index, f"({index})", numbered)
    return first


def _table_row(sheet: SheetWriter, table: list[Column], row: TableRow) -> None:
    sheet.next_row()
    texts = {
        "number": row.number,
        "label": row.label,
        "unit": row.unit,
        "last_year": row.last_year,
        "this_year": row.this_year,
        "remarks": row.remarks,
    }
    for index, column in enumerate(table, start=1):
        key = column.key
        if key in ("max_points", "points"):
            _points(sheet, index, index, getattr(row, key), row.criterion)
        elif key == "rate":
            shown = "" if row.rate is None else format_number(row.rate, 1)
            sheet.put(index, index, shown, Look(align="center", box=True))
        else:
            align = "left" if key in ("label", "remarks") else "center"
            size = 11 if key == "remarks" else 12
            bold = row.criterion and key != "remarks"
            look = Look(size=size, bold=bold, align=align, box=True)
            sheet.put(index, index, texts[key], look)


def _points(sheet: SheetWriter, first: int, last: int, points: Points, bold: bool) -> None:
    """A number of points, kept a number; the mark is in its format (``100*``).

    No thousands separator: "1,000" would read as one point in Vietnamese, "1.000" as one
    thousand, depending on the computer's settings; "1000" reads the same everywhere.
    """
    if points.value is None:
        sheet.put(first, last, points.blank, Look(bold=bold, align="center", box=True))
        return
    pattern = "0" if float(points.value).is_integer() else "0.0"
    if points.marked:
        pattern += f'"{MARK}"'
    look = Look(bold=bold, align="center", box=True, number_format=pattern)
    sheet.put(first, last, points.value, look)


def _totals(
    sheet: SheetWriter, table: list[Column], evaluation: EvaluationRound, score: Score
) -> None:
    """Total, the category's threshold and the verdict, as the last rows of the table."""
    keys = [c.key for c in table]
    label_end, max_at = keys.index("rate") + 1, keys.index("max_points") + 1
    points_at = keys.index("points") + 1
    bold = Look(bold=True, align="center", box=True)
    remarks = Look(size=11, box=True)
    max_total = evaluation.standard.max_total
    sheet.next_row()
    sheet.put(1, label_end, _("Total"), bold)
    _points(sheet, max_at, max_at, maximum(max_total), True)
    _points(sheet, points_at, points_at, Points(score.total, score.provisional), True)
    notes = [max_note(max_total)] if max_total.known and not max_total.confirmed else []
    if score.provisional:
        notes.append(_("Provisional"))
    sheet.put(len(keys), len(keys), "\n".join(notes), remarks)

    category = load_categories().get(score.category).label
    sheet.next_row()
    sheet.put(1, label_end, _("Recognition threshold ({category})").format(category=category), bold)
    sheet.put(max_at, max_at, "", bold)
    _points(sheet, points_at, points_at, maximum(score.threshold), True)
    threshold_note = "" if score.threshold.confirmed else status_text(score.threshold.status)
    sheet.put(len(keys), len(keys), threshold_note, remarks)

    sheet.next_row()
    sheet.put(1, label_end, _("Result of the self-assessment"), bold)
    verdict = verdict_text(score.verdict)
    if score.provisional:
        verdict += " " + _("(provisional)")
    sheet.put(max_at, len(keys), verdict, Look(bold=True, align="center", box=True))


def _notes(sheet: SheetWriter, evaluation: EvaluationRound, score: Score) -> None:
    """The reasons for the verdict, then what the marks mean and which standard was used."""
    last = sheet.last_column
    sheet.next_row(height=8)
    if score.reasons:
        sheet.next_row()
        sheet.put(1, last, _("Reasons:"), Look(bold=True))
        for reason in score.reasons:
            sheet.next_row()
            sheet.put(1, last, f"- {reason_text(reason)}", Look())
    standard = evaluation.standard
    footnotes = [
        _(
            "(*) Not confirmed from the official text of Decision {number} (taken from one "
            "secondary source or inferred), or points entered by hand where the standard has no "
            "official scale: check against the official text before the result is used."
        ).format(number=standard.legal_number),
        _("“?”: no official value. “—”: not scored yet."),
        _("Standard: {id}, version {version}, SHA-256 {sha}.").format(
            id=standard.id, version=standard.version, sha=standard.sha256[:16]
        ),
    ]
    for footnote in footnotes:
        sheet.next_row()
        sheet.put(1, last, footnote, Look(size=11, italic=True))
