"""Data inserted into documents as model tables: nothing is retyped.

``build(insert, source)`` gives the blocks (a table, then its notes) of one insert of a
template (:mod:`treem_desktop.documents.templates`):

* ``evaluation_score_table``: each criterion's maximum and points of the evaluation round.
* ``indicator_targets``: the indicators a commune can measure with the target in force for
  the year, from the active set (the national one, or the province's targets when a target
  file was imported), by objective, with the document each target comes from.
* ``indicator_results_summary``: the targets met and not met in the year, as two sentences.
* ``report_table:<form>/<table>``: a table of a report form (Bảng 2.1…) with its merged
  header (row and column spans, the column numbers "(1a)"), the stored values, computed sums
  and totals; for a table of indicators (Phụ lục 2), the target, the result and the verdict.

Without the commune's data (a blank form to fill by hand) the tables keep their shape: grids and
fixed rows empty, a few empty rows for lists, the national targets. Widths are millimetres
that add up to at most 165 mm, the text width of a portrait A4 page under Decree 30.
Documents are Vietnamese whatever the interface language: :func:`compose.compose` calls
this module with Vietnamese switched on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from treem_desktop.documents.model import Block, Cell, Paragraph, Run, Table
from treem_desktop.documents.sources import CommuneData
from treem_desktop.documents.templates import (
    EVALUATION_SCORE_TABLE,
    INDICATOR_RESULTS_SUMMARY,
    INDICATOR_TARGETS,
    report_table_id,
)
from treem_desktop.formatting import format_number
from treem_desktop.indicators import model as im
from treem_desktop.indicators.tables import (
    CellValue,
    Row,
    expand_rows,
    header_cells,
    row_label,
    totals_row,
    with_computed,
    yes_no_text,
)
from treem_desktop.indicators.targets import (
    TargetStatus,
    describe_target,
    on_track,
    target_for_period,
    target_status,
)
from treem_desktop.standards.model import tr
from treem_desktop.standards.round import EvaluationRound
from treem_desktop.standards.scoring import Score

TEXT_WIDTH_MM = 165.0  # A4 portrait less the 30 mm and 15 mm margins
UNCONFIRMED = "*"
BLANK_ROWS = 3  # empty rows of a list table with nothing stored, to fill by hand
# The verdicts in the words of the reports (Đạt / Không đạt), whatever the interface says.
STATUS_WORDS = {
    TargetStatus.MET: "Đạt",
    TargetStatus.NOT_MET: "Không đạt",
    TargetStatus.NO_DATA: "Chưa có số liệu",
    TargetStatus.UNKNOWN_TARGET: "Chưa có chỉ tiêu",
}


# Before a milestone year a result is judged on the path to it, not as met / not met.
ON_TRACK, BEHIND = "Đúng tiến độ", "Chậm tiến độ"


@dataclass(frozen=True)
class InsertSource:
    """Where inserts read their data: the document's year, the commune's data, the round."""

    year: int
    data: CommuneData | None = None
    evaluation: EvaluationRound | None = None

    @property
    def period(self) -> str:
        return str(self.year)


def build(insert: str, source: InsertSource) -> list[Block]:
    """The blocks of ``insert`` (checked when the template was loaded)."""
    if insert == EVALUATION_SCORE_TABLE:
        return score_table(source.evaluation) if source.evaluation is not None else []
    if insert == INDICATOR_TARGETS:
        return indicator_targets(source)
    if insert == INDICATOR_RESULTS_SUMMARY:
        return indicator_results_summary(source)
    found = report_table_id(insert)
    if found is None:
        raise ValueError(f"unknown insert {insert!r}")
    return report_table(source, *found)


# --- Shared --------------------------------------------------------------------------------


def head(*titles: str) -> tuple[tuple[Cell, ...], ...]:
    return (tuple(Cell(t, bold=True, align="center") for t in titles),)


def note(text: str) -> Paragraph:
    """A note under a table, in italics."""
    return Paragraph((Run(text, italic=True),))


def notes_block(lines: Sequence[str]) -> list[Block]:
    """ "Ghi chú:" and the notes of a table, or nothing."""
    if not lines:
        return []
    if len(lines) == 1:
        return [note(f"Ghi chú: {lines[0]}")]
    return [note("Ghi chú:"), *(note(line) for line in lines)]


def fit_widths(weights: Sequence[float], fixed: Sequence[float | None]) -> tuple[float, ...]:
    """Widths in mm: the ``fixed`` ones as given, the rest sharing what is left by ``weights``;
    rounded down to half millimetres so that they never add up to more than 165 mm."""
    left = TEXT_WIDTH_MM - sum(f for f in fixed if f is not None)
    share = sum(w for w, f in zip(weights, fixed, strict=True) if f is None)
    raw = [f if f is not None else left * w / share for w, f in zip(weights, fixed, strict=True)]
    return tuple(int(w * 2) / 2 for w in raw)


def number_text(value: float | int) -> str:
    return format_number(int(value)) if float(value).is_integer() else format_number(value)


# --- The evaluation ------------------------------------------------------------------------


NOT_SET = "chưa xác định"  # a maximum or threshold the official text does not give
NOT_SCORED = "chưa chấm"  # a criterion without the data to score it


def score_table(evaluation: EvaluationRound) -> list[Block]:
    """Each criterion's maximum and points, the total: a number or a word in every cell,
    a number marked * when unconfirmed, and one note for the mark."""
    score = evaluation.score()
    rows = []
    starred = partial = False
    for criterion, result in zip(evaluation.standard.criteria, score.criteria, strict=True):
        maximum = criterion.max_points
        max_text = NOT_SET
        if maximum.known:
            max_text = format_number(maximum.number, 0) + ("" if maximum.confirmed else UNCONFIRMED)
        star = UNCONFIRMED if result.unconfirmed else ""
        if result.points is not None:
            points = format_number(result.points, 0) + star
        elif result.known_points:
            points, partial = f"{format_number(result.known_points, 0)}{star}\n(chưa đủ)", True
        else:
            points = NOT_SCORED
        starred = starred or UNCONFIRMED in max_text + points
        rows.append(
            (
                Cell(str(criterion.number), align="center"),
                Cell(tr(criterion.name)),
                Cell(max_text, align="center"),
                Cell(points, align="center"),
            )
        )
    rows.append(
        (
            Cell("", align="center"),
            Cell("Tổng cộng", bold=True),
            Cell("", align="center"),
            Cell(format_number(score.total, 0), bold=True, align="center"),
        )
    )
    table = Table(
        head("TT", "Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá"),
        tuple(rows),
        (10, 105, 25, 25),
    )
    return [table, *notes_block(score_notes(score, partial, starred))]


def score_notes(score: Score, partial: bool, starred: bool) -> list[str]:
    threshold = (
        f"{format_number(score.threshold.number, 0)} điểm" if score.threshold.known else NOT_SET
    )
    lines = [f"Ngưỡng điểm công nhận: {threshold}."]
    if partial:
        lines.append(
            "Tiêu chí ghi “chưa đủ”: điểm của các chỉ số đã có số liệu, tiêu chí chưa chấm xong; "
            "Tổng cộng gồm các điểm này."
        )
    if starred:
        lines.append(
            "(*) Giá trị chưa được xác nhận từ văn bản chính thức hoặc điểm do cán bộ tự chấm."
        )
    return lines


# --- Indicators ----------------------------------------------------------------------------


def indicator_set(source: InsertSource) -> im.IndicatorSet:
    """The active set (with the province's targets) or, for a blank form, the national one."""
    if source.data is not None:
        return source.data.indicator_set()
    from treem_desktop.indicators.loader import NATIONAL_SET, shipped_indicator_set

    return shipped_indicator_set(NATIONAL_SET)


def commune_indicators(source: InsertSource, indicators: im.IndicatorSet) -> list[im.Indicator]:
    """The indicators the commune reports: not a share of communes (the province's); of a
    split indicator (4c) the row of its area. A blank form (no commune) keeps both rows."""
    from treem_desktop.indicators.levels import commune_indicators as own

    kind = source.data.division_type() if source.data is not None else None
    return list(own(indicators, kind))


def unit_text(indicators: im.IndicatorSet, indicator: im.Indicator) -> str:
    """ "%", or the unit in words ("trên 1.000 trẻ đẻ sống")."""
    unit = indicators.units.get(indicator.unit)
    if unit is None:
        return indicator.unit
    return unit.symbol if unit.symbol == "%" else tr(unit.label)


def indicator_name(indicator: im.Indicator) -> str:
    return tr(indicator.label)


@dataclass(frozen=True)
class TargetInForce:
    """The target in force for the document's year and the milestone year it belongs to."""

    target: im.Target | None
    year: int | None
    text: str  # "≤ 6,8%", "≥ 90%*" (unconfirmed); "Chưa có chỉ tiêu"

    def shown(self, milestone: int | None) -> str:
        """The text, with its own year when it is not the table's milestone."""
        if self.year is None or self.year == milestone:
            return self.text
        return f"{self.text}\n(năm {self.year})"

    @property
    def unconfirmed(self) -> bool:
        return self.text.endswith(UNCONFIRMED)


def target_in_force(
    indicators: im.IndicatorSet, indicator: im.Indicator, year: int
) -> TargetInForce:
    """The target for ``year``: that year's own, else the next milestone (2030 for 2026)."""
    found = target_for_period(indicator, str(year))
    if found is None or not found[1].known:
        return TargetInForce(None, None, STATUS_WORDS[TargetStatus.UNKNOWN_TARGET])
    target_year, target = found
    text = describe_target(target, indicator, indicators.units)
    unit = indicators.units.get(indicator.unit)
    if unit is not None and unit.symbol.startswith("/"):  # "≤ 500/100.000": the unit column
        text = text.replace(unit.symbol, "")  # says "trên 100.000 trẻ em"
    return TargetInForce(target, target_year, text)


def milestone(targets: Sequence[TargetInForce]) -> int | None:
    """The milestone year most targets belong to (the table says it once, in the header)."""
    years = Counter(t.year for t in targets if t.year is not None)
    return years.most_common(1)[0][0] if years else None


def origin_text(target: im.Target | None) -> str:
    """The document a target comes from, by number: "23/QĐ-TTg", "138/KH-UBND"."""
    if target is None or target.origin is None:
        return ""
    return target.origin.legal_number or target.origin.document_id


DOCUMENT_KINDS = {"QĐ": "Quyết định", "KH": "Kế hoạch", "NQ": "Nghị quyết", "CT": "Chỉ thị"}


def _document_words(number: str, date: str | None, issuer: str) -> str:
    """ "Quyết định số 23/QĐ-TTg ngày 07/01/2021 của Thủ tướng Chính phủ" from its number."""
    code = number.partition("/")[2].partition("-")[0]
    words = f"{DOCUMENT_KINDS.get(code, 'Văn bản')} số {number}"
    if date:
        year, month, day = date.split("-")
        words += f" ngày {day}/{month}/{year}"
    return f"{words} của {issuer}" if issuer else words


def origins_note(indicators: im.IndicatorSet, used: set[str]) -> str:
    """What the document numbers of the targets stand for."""
    parts = []
    national = indicators.legal_number
    if national in used:
        issuer = "Thủ tướng Chính phủ" if national.endswith("-TTg") else ""
        parts.append(f"{national}: {_document_words(national, indicators.legal_date, issuer)}")
    for origin in indicators.overrides:
        number = origin.legal_number
        if number and number in used:
            province = tr(origin.province_name) if origin.province_name else ""
            province = province[:1].lower() + province[1:]
            issuer = f"Ủy ban nhân dân {province}" if "UBND" in number else province
            parts.append(f"{number}: {_document_words(number, None, issuer.strip())}")
    return "Nguồn chỉ tiêu: " + "; ".join(parts) + "." if parts else ""


def objective_rows(
    indicators: im.IndicatorSet, columns: int
) -> Callable[[im.Indicator], tuple[Cell, ...] | None]:
    """A full-width "Mục tiêu 1: …" row before the first indicator of each objective."""
    names = {o.number: tr(o.name) for o in indicators.objectives}
    seen: set[int | None] = set()

    def row(indicator: im.Indicator) -> tuple[Cell, ...] | None:
        key = indicator.objective if indicator.objective in names else None
        if key in seen:
            return None
        seen.add(key)
        text = f"Mục tiêu {key}: {names[key]}" if key is not None else "Chỉ tiêu riêng của tỉnh"
        return (Cell(text, column_span=columns, bold=True),)

    return row


def indicator_targets(source: InsertSource) -> list[Block]:
    """The annual plan's target table (:mod:`.plan_targets`): national and commune targets."""
    from treem_desktop.documents.plan_targets import plan_targets

    return plan_targets(source)


def target_notes(indicators: im.IndicatorSet, targets: Sequence[TargetInForce]) -> list[str]:
    lines = [origins_note(indicators, {origin_text(t.target) for t in targets})]
    if any(t.unconfirmed for t in targets):
        lines.append("(*) Mức chỉ tiêu chưa được xác nhận từ văn bản chính thức.")
    return [line for line in lines if line]


@dataclass(frozen=True)
class Result:
    """One indicator in the year: the target in force, the result and the verdict."""

    indicator: im.Indicator
    target: TargetInForce
    actual: float | None
    status: TargetStatus


def indicator_results(
    source: InsertSource, indicators: im.IndicatorSet, typed: Mapping[str, float] | None = None
) -> list[Result]:
    """Each commune indicator's result in the year: ``typed`` (from a report table) first,
    else the value stored for the indicator; reductions compare with the year before."""
    values: dict[str, float] = {}
    before: dict[str, float] = {}
    if source.data is not None:
        values = dict(source.data.indicator_values(source.period))
        before = dict(source.data.indicator_values(str(source.year - 1)))
    values.update(typed or {})
    results = []
    for indicator in commune_indicators(source, indicators):
        target = target_in_force(indicators, indicator, source.year)
        actual = values.get(indicator.id)
        status = target_status(indicator, target.target, actual, before.get(indicator.id))
        results.append(Result(indicator, target, actual, status))
    return results


def verdict_words(result: Result, year: int) -> str:
    """ "Đạt" / "Không đạt" in a milestone year (2025, 2030) and after it; before it, whether
    the result is on the path to the milestone: "Đúng tiến độ" / "Chậm tiến độ"."""
    target, target_year = result.target.target, result.target.year
    judged = result.status in (TargetStatus.MET, TargetStatus.NOT_MET)
    if not judged or target is None or target_year is None or target_year <= year:
        return STATUS_WORDS[result.status]
    assert result.actual is not None
    met = result.status is TargetStatus.MET
    return ON_TRACK if on_track(result.indicator, target, result.actual, year, met) else BEHIND


def indicator_results_summary(source: InsertSource) -> list[Block]:
    """ "- Các mục tiêu, chỉ tiêu đạt so với Kế hoạch: 2 chỉ tiêu (5a, 14)." and not met."""
    results = indicator_results(source, indicator_set(source))
    verdicts = [verdict_words(r, source.year) for r in results]

    def line(verdict: str, words: str) -> Paragraph:
        found = [
            r.indicator.number or r.indicator.id
            for r, v in zip(results, verdicts, strict=True)
            if v == verdict
        ]
        listed = f"{len(found)} chỉ tiêu ({', '.join(found)})" if found else "không có"
        return Paragraph.of(f"- Các chỉ tiêu {words}: {listed}.")

    met, not_met = STATUS_WORDS[TargetStatus.MET], STATUS_WORDS[TargetStatus.NOT_MET]
    lines: list[Block] = [
        line(met, "đạt so với chỉ tiêu"),
        line(not_met, "không đạt so với chỉ tiêu"),
    ]
    if ON_TRACK in verdicts or BEHIND in verdicts:
        lines = [line(ON_TRACK, "đúng tiến độ"), line(BEHIND, "chậm tiến độ")] + [
            x for x, v in zip(lines, (met, not_met), strict=True) if v in verdicts
        ]
    missing = [v for v in verdicts if v == STATUS_WORDS[TargetStatus.NO_DATA]]
    if missing:
        lines.append(Paragraph.of(f"- Các chỉ tiêu chưa có số liệu: {len(missing)} chỉ tiêu."))
    return lines


# --- Report tables -------------------------------------------------------------------------


def report_table(source: InsertSource, form_id: str, table_id: str) -> list[Block]:
    """Bảng 2.1… with its merged header, its rows and values, then its notes."""
    from treem_desktop.indicators.filled_table import find_table

    _form, table = find_table(form_id, table_id)
    values: dict[str, CellValue] = {}
    if source.data is not None:
        values = dict(source.data.table_values(form_id, table_id, source.period))
    notes = [tr(n) for n in table.notes]
    if table.rows.kind is im.RowsKind.INDICATORS:
        body, more = indicator_table_rows(source, table, values)
        notes += more
    else:
        body = data_rows(table, values)
    caption = "" if table.number.startswith("Phụ lục") else f"{table.number}. {tr(table.title)}"
    model = Table(header_rows(table), tuple(body), column_widths(table), caption=caption)
    return [model, *notes_block(notes)]


def header_rows(table: im.Table) -> tuple[tuple[Cell, ...], ...]:
    """The merged header as rows of cells, each with its spans and column number."""
    cells = header_cells(table)
    depth = max(c.row + c.row_span for c in cells)
    rows: list[list[Cell]] = [[] for _ in range(depth)]
    for cell in sorted(cells, key=lambda c: (c.row, c.column)):
        text = tr(cell.label) + (f"\n{cell.number}" if cell.number else "")
        rows[cell.row].append(
            Cell(
                text,
                column_span=cell.column_span,
                row_span=cell.row_span,
                bold=True,
                align="center",
            )
        )
    return tuple(tuple(row) for row in rows)


def has_row_header(table: im.Table) -> bool:
    return table.row_header_label is not None


ROW_HEADER_MM = {"ordinal": 12.0, "period": 18.0, "label": 32.0}
INDICATOR_ROW_HEADER_MM = 62.0


def column_widths(table: im.Table) -> tuple[float, ...]:
    """The row header by its kind; text columns wider than numbers, dates and yes/no."""
    weights: list[float] = []
    fixed: list[float | None] = []
    if has_row_header(table):
        width = (
            INDICATOR_ROW_HEADER_MM
            if table.rows.kind is im.RowsKind.INDICATORS
            else ROW_HEADER_MM.get(table.row_header_kind or "", 30.0)
        )
        weights.append(0)
        fixed.append(width)
    for column in header_columns(table):
        weights.append(_weight(column))
        fixed.append(None)
    return fit_widths(weights, fixed)


COMPUTED_WEIGHTS = {"unit": 1.1, "target": 1.2, "target_status": 1.1}


def _weight(column: im.Column) -> float:
    """How wide a column is against a number's: long texts 3, short ones 1.6, dates 1.2."""
    if column.computed is not None:
        return COMPUTED_WEIGHTS.get(column.computed.op, 1.0)
    if column.kind is im.ColumnKind.TEXT:
        return 3.0 if (column.max_length or 300) >= 1000 else 1.6
    if column.kind is im.ColumnKind.DATE:
        return 1.2
    return 1.0


def header_columns(table: im.Table) -> list[im.Column]:
    """The column ids under the header groups, left to right."""
    ids: list[str] = []

    def walk(item: im.HeaderGroup | str) -> None:
        if isinstance(item, str):
            ids.append(item)
        else:
            for child in item.children:
                walk(child)

    for item in table.header:
        walk(item)
    return [table.column(i) for i in ids]


def cell_text(column: im.Column, value: CellValue) -> str:
    """A stored value as printed: 1.200; 15/03/2013; x for yes; text as typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no_text(value)
    if column.kind is im.ColumnKind.DATE and isinstance(value, str):
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    if isinstance(value, int | float):
        return number_text(value)
    return str(value)


def _align(column: im.Column) -> str:
    return "left" if column.kind is im.ColumnKind.TEXT and column.computed is None else "center"


def _stored(table: im.Table, values: Mapping[str, CellValue]) -> dict[str, dict[str, CellValue]]:
    """The stored cells by row id, then column id."""
    found: dict[str, dict[str, CellValue]] = {}
    for cell, value in values.items():
        table_id, _, rest = cell.partition(".")
        row_id, _, column_id = rest.partition(".")
        if table_id == table.id and value is not None:
            found.setdefault(row_id, {})[column_id] = value
    return found


def data_rows(table: im.Table, values: Mapping[str, CellValue]) -> list[tuple[Cell, ...]]:
    """The rows of a fixed, grid or list table with their values, group rows and totals."""
    stored = _stored(table, values)
    columns = header_columns(table)
    width = len(columns) + (1 if has_row_header(table) else 0)
    if table.rows.kind is im.RowsKind.REPEATABLE:
        used = [int(r[1:]) for r in stored if r[1:].isdigit() and r.startswith("r")]
        count = max(used) if used else BLANK_ROWS
        rows = expand_rows(table, count=min(count, table.rows.max_rows or count))
    else:
        rows = expand_rows(table)
    groups = table.rows.groups or {}
    current_group: str | None = None
    out: list[tuple[Cell, ...]] = []
    for row in rows:
        if row.group and row.group != current_group and row.group in groups:
            current_group = row.group
            out.append((Cell(tr(groups[row.group]), column_span=width, bold=True),))
        if row.total:
            own: Mapping[str, CellValue] = totals_row(table, stored)
        else:
            own = with_computed(table, stored.get(row.id, {}))
        out.append(_row_cells(table, row, columns, own))
    return out


def _row_cells(
    table: im.Table, row: Row, columns: Sequence[im.Column], own: Mapping[str, CellValue]
) -> tuple[Cell, ...]:
    cells = []
    if has_row_header(table):
        align = "left" if table.row_header_kind == "label" else "center"
        cells.append(Cell(row_label(row), bold=row.total, align=align))
    for column in columns:
        cells.append(
            Cell(cell_text(column, own.get(column.id)), bold=row.total, align=_align(column))
        )
    return tuple(cells)


def indicator_table_rows(
    source: InsertSource, table: im.Table, values: Mapping[str, CellValue]
) -> tuple[list[tuple[Cell, ...]], list[str]]:
    """Phụ lục 2 as Word cells: the lines of :mod:`.indicator_lines` (shared with Excel)."""
    from treem_desktop.documents.indicator_lines import indicator_lines

    lines, notes = indicator_lines(source, table, values)
    width = len(header_columns(table)) + 1
    out: list[tuple[Cell, ...]] = []
    for line in lines:
        if line.objective:
            out.append((Cell(line.label, column_span=width, bold=True),))
            continue
        texts = (number_text(v) if isinstance(v, float) else (v or "") for v in line.cells)
        out.append((Cell(line.label), *(Cell(t, align="center") for t in texts)))
    return out, notes
