"""The consolidated workbook of a period (bảng tổng hợp): one xlsx, three sheets.

1. Evaluation: communes × criteria points, total, verdict, provisional; then how many communes
   score 0 on each criterion and how many are recognised.
2. Indicators: communes × indicator values, with the province's row computed by each
   indicator's rule (:mod:`.consolidate`).
3. How the province row was computed: rule, numerator, denominator, how many communes were
   counted, which were left out because they sent a rate without its numerator and denominator,
   and why a value is empty.

Styles are made once and shared by reference (openpyxl's style arrays), so that 3,321 communes
take a few seconds, not minutes.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from treem_desktop.exports.text_fit import FONT_NAME
from treem_desktop.exports.xlsx_sheet import print_setup, save_atomically, use_default_font
from treem_desktop.i18n import _
from treem_desktop.office.consolidate import Consolidation, Gap, ProvinceTotal, Rule
from treem_desktop.office.consolidation_input import CommuneSubmission
from treem_desktop.standards.model import tr

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CellValue = str | float | int | None
HEADER_ROW = 4  # title, province, blank, then the column heads
FIRST_BODY_ROW = HEADER_ROW + 1


class _Styles:
    """Cell styles built once on a scratch cell and copied as style arrays."""

    def __init__(self, sheet: Worksheet) -> None:
        self._arrays: dict[str, StyleArray] = {}
        self._scratch: Any = sheet.cell(row=1, column=1)
        self._make("title", Font(name=FONT_NAME, size=14, bold=True), "center", box=False)
        self._make("subtitle", Font(name=FONT_NAME, size=13, italic=True), "center", box=False)
        self._make("head", Font(name=FONT_NAME, size=12, bold=True), "center")
        self._make("text", Font(name=FONT_NAME, size=12), "left")
        self._make("code", Font(name=FONT_NAME, size=12), "center")
        self._make("number", Font(name=FONT_NAME, size=12), "right", "#,##0.##")
        self._make("strong", Font(name=FONT_NAME, size=12, bold=True), "left")
        self._make("strong_number", Font(name=FONT_NAME, size=12, bold=True), "right", "#,##0.##")
        self._scratch.value = None

    def _make(
        self, name: str, font: Font, align: str, number_format: str = "General", box: bool = True
    ) -> None:
        cell = self._scratch
        cell.font = font
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        cell.border = _BOX if box else Border()
        cell.number_format = number_format
        self._arrays[name] = copy.copy(cell._style)

    def put(self, sheet: Worksheet, row: int, column: int, value: CellValue, style: str) -> None:
        cell: Any = sheet.cell(row=row, column=column, value=value)
        cell._style = copy.copy(self._arrays[style])


def write_consolidation_xlsx(consolidation: Consolidation, path: Path) -> Path:
    """Write the consolidated workbook to ``path`` (whole or not at all) and return it."""
    workbook = Workbook()
    use_default_font(workbook)
    first = workbook.active
    assert first is not None  # a new workbook has one sheet
    first.title = _("Evaluation")
    _evaluation_sheet(first, consolidation)
    _indicator_sheet(workbook.create_sheet(_("Indicators")), consolidation)
    _method_sheet(workbook.create_sheet(_("How totals are computed")), consolidation)
    return save_atomically(workbook, path)


def _title(
    sheet: Worksheet, styles: _Styles, text: str, consolidation: Consolidation, width: int
) -> None:
    for row, (value, style) in enumerate(
        ((text.upper(), "title"), (_province_line(consolidation), "subtitle")), start=1
    ):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        styles.put(sheet, row, 1, value, style)
        sheet.row_dimensions[row].height = 22


def _province_line(consolidation: Consolidation) -> str:
    return _("{province} · period {period}").format(
        province=consolidation.province_name or "—", period=consolidation.period
    )


def _heads(
    sheet: Worksheet, styles: _Styles, heads: Sequence[str], widths: Sequence[float]
) -> None:
    for column, (head, width) in enumerate(zip(heads, widths, strict=True), start=1):
        styles.put(sheet, HEADER_ROW, column, head, "head")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[HEADER_ROW].height = 48


def _commune_cells(
    sheet: Worksheet, styles: _Styles, row: int, index: int, s: CommuneSubmission
) -> None:
    styles.put(sheet, row, 1, index, "code")
    styles.put(sheet, row, 2, s.commune_code, "code")
    styles.put(sheet, row, 3, s.commune_name, "text")


def _evaluation_sheet(sheet: Worksheet, consolidation: Consolidation) -> None:
    styles = _Styles(sheet)
    criteria = consolidation.criteria
    heads = [_("No."), _("Code"), _("Commune or ward")]
    heads += [_("Criterion {number}").format(number=c.number) for c in criteria]
    heads += [_("Total points"), _("Verdict"), _("Provisional")]
    widths = [6, 8, 26] + [9] * len(criteria) + [10, 14, 10]
    _title(sheet, styles, _("Consolidated evaluation results"), consolidation, len(heads))
    _heads(sheet, styles, heads, widths)
    row = HEADER_ROW
    for index, s in enumerate(consolidation.evaluations, start=1):
        row += 1
        _commune_cells(sheet, styles, row, index, s)
        points = {c.id: c.points for c in s.criteria}
        for column, criterion in enumerate(criteria, start=4):
            styles.put(sheet, row, column, points.get(criterion.id), "number")
        after = 4 + len(criteria)
        styles.put(sheet, row, after, s.total, "number")
        styles.put(sheet, row, after + 1, s.verdict_text or s.verdict, "text")
        styles.put(sheet, row, after + 2, _("yes") if s.provisional else "", "code")
    _evaluation_summary(sheet, styles, consolidation, row + 1)
    print_setup(sheet, (HEADER_ROW, HEADER_ROW), len(heads))


def _evaluation_summary(
    sheet: Worksheet, styles: _Styles, consolidation: Consolidation, row: int
) -> None:
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    styles.put(sheet, row, 1, _("Communes with 0 points"), "strong")
    for column, criterion in enumerate(consolidation.criteria, start=4):
        styles.put(sheet, row, column, consolidation.zero_points(criterion.id), "strong_number")
    row += 1
    recognised = len(consolidation.recognised)
    line = _("Communes recognised: {recognised} of {evaluated} evaluated").format(
        recognised=recognised, evaluated=len(consolidation.evaluations)
    )
    if consolidation.expected_communes:
        line += _(" ({expected} communes in the province)").format(
            expected=consolidation.expected_communes
        )
    last = 3 + len(consolidation.criteria) + 3
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    styles.put(sheet, row, 1, line, "strong")
    sheet.row_dimensions[row].height = 20


def _indicator_sheet(sheet: Worksheet, consolidation: Consolidation) -> None:
    styles = _Styles(sheet)
    indicators = consolidation.indicators
    heads = [_("No."), _("Code"), _("Commune or ward")] + [
        _indicator_head(i.number or i.id, i.unit) for i in indicators
    ]
    widths = [6, 8, 26] + [10] * len(indicators)
    _title(sheet, styles, _("Consolidated programme indicators"), consolidation, len(heads))
    _heads(sheet, styles, heads, widths)
    row = HEADER_ROW
    for index, s in enumerate(consolidation.indicator_reports, start=1):
        row += 1
        _commune_cells(sheet, styles, row, index, s)
        values = {v.id: v.value for v in s.indicators}
        for column, indicator in enumerate(indicators, start=4):
            styles.put(sheet, row, column, values.get(indicator.id), "number")
    row += 1
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    styles.put(sheet, row, 1, _("Whole province"), "strong")
    for column, indicator in enumerate(indicators, start=4):
        total = consolidation.totals[indicator.id]
        styles.put(sheet, row, column, total.value, "strong_number")
    print_setup(sheet, (HEADER_ROW, HEADER_ROW), len(heads))


def _indicator_head(number: str, unit: str) -> str:
    symbol = {"percent": "%", "per_1000_live_births": "‰", "per_100000_children": "/100.000"}
    suffix = f" ({symbol[unit]})" if unit in symbol else ""
    return _("Indicator {number}").format(number=number) + suffix


def _method_sheet(sheet: Worksheet, consolidation: Consolidation) -> None:
    styles = _Styles(sheet)
    heads = [
        _("Indicator"), _("Name"), _("How the province value is computed"),
        _("Numerator"), _("Denominator"), _("Province value"), _("Communes counted"),
        _("Note"), _("Communes left out (sent the rate only)"),
    ]  # fmt: skip
    _title(sheet, styles, _("How the province totals are computed"), consolidation, len(heads))
    _heads(sheet, styles, heads, [10, 40, 30, 12, 12, 12, 10, 40, 30])
    for row, indicator in enumerate(consolidation.indicators, start=FIRST_BODY_ROW):
        total = consolidation.totals[indicator.id]
        styles.put(sheet, row, 1, indicator.number or indicator.id, "code")
        styles.put(sheet, row, 2, tr(indicator.label), "text")
        styles.put(sheet, row, 3, rule_text(total.rule), "text")
        styles.put(sheet, row, 4, total.numerator, "number")
        styles.put(sheet, row, 5, total.denominator, "number")
        styles.put(sheet, row, 6, total.value, "number")
        styles.put(sheet, row, 7, total.communes, "number")
        styles.put(sheet, row, 8, note_text(total), "text")
        styles.put(sheet, row, 9, "; ".join(total.left_out), "text")
    print_setup(sheet, (HEADER_ROW, HEADER_ROW), len(heads))


def rule_text(rule: Rule) -> str:
    """The rule in words, for the officer."""
    return {
        Rule.SUM: _("Sum of the communes' numbers"),
        Rule.RATE: _("Recomputed from the summed numerators and denominators"),
        Rule.RECOGNISED_SHARE: _("Communes recognised out of the province's communes"),
        Rule.NONE: _("Not added up"),
    }[rule]


def note_text(total: ProvinceTotal) -> str:
    """Why the value is empty, or how many communes it leaves out ("" when neither)."""
    if total.gap is not None:
        return gap_text(total)
    if total.left_out:
        return _(
            "Computed from the {counted} communes that sent the numerator and denominator; "
            "{left} communes sent the rate only and are not counted."
        ).format(counted=total.communes, left=len(total.left_out))
    return ""


def gap_text(total: ProvinceTotal) -> str:
    """Why the province value is empty ("" when it is not)."""
    if total.gap is None:
        return ""
    return {
        Gap.NO_VALUES: _("No commune sent a value."),
        Gap.RATE_PARTS_MISSING: _(
            "No commune sent the numerator and denominator, only the rate; an average of "
            "rates would be wrong, so the province value is left empty."
        ),
        Gap.NO_RULE: _("This unit is not added up."),
    }[total.gap]
