"""Working with table forms: rows, merged headers, computed cells and checked cell values.

A cell id is ``<table>.<row>.<column>``: ``b2-1.2015.kinh-phi``. Grid rows are periods
(``2015``, ``2026-H1``), fixed rows have the ids of the form, repeatable rows are ``r1``, ``r2``…
(up to the form's maximum) and indicator rows are indicator ids (``ct03a``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from treem_desktop.core.outside_json import MAX_AMOUNT, MAX_COUNT, finite_number
from treem_desktop.core.text import clean, has_unprintable
from treem_desktop.errors import TreemError
from treem_desktop.formatting import format_number
from treem_desktop.i18n import N_, _
from treem_desktop.indicators.model import (
    Column,
    ColumnKind,
    HeaderGroup,
    Indicator,
    IndicatorSet,
    PeriodType,
    RowsKind,
    Table,
    period_ids,
    period_type,
    period_year,
)
from treem_desktop.indicators.targets import (
    describe_target,
    status_label,
    target_for_period,
    target_status,
)
from treem_desktop.standards.model import Text, tr

CellValue = str | int | float | bool | None
TEXT_LIMIT = 2000


class CellProblem(TreemError):
    """A TreemError about one cell (``field`` is the cell id)."""


# --- Rows ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One row of a table as shown and printed.

    Exactly one of ``label`` (fixed, indicator and totals rows), ``period`` (grid rows) and
    ``ordinal`` (repeatable rows: the TT number) says what heads it.
    """

    id: str
    label: Text | None = None
    period: str | None = None
    ordinal: int | None = None
    group: str | None = None
    indicator: Indicator | None = None
    total: bool = False


def period_label(period: str) -> str:
    """``2026``, or ``6 tháng đầu năm 2026`` / ``First half of 2026``."""
    if period_type(period) is PeriodType.YEAR:
        return period
    text = N_("First half of {year}") if period.endswith("H1") else N_("Second half of {year}")
    return _(text).format(year=period_year(period))


def row_label(row: Row) -> str:
    if row.label is not None:
        return tr(row.label)
    if row.period is not None:
        return period_label(row.period)
    return str(row.ordinal)


def repeatable_row_id(ordinal: int) -> str:
    return f"r{ordinal}"


def expand_rows(
    table: Table,
    periods: Sequence[str] | None = None,
    *,
    indicators: IndicatorSet | None = None,
    count: int = 0,
) -> list[Row]:
    """The rows of ``table``, with its totals row last.

    Grids take ``periods`` (default: the form's own range); indicator tables take the set
    (``indicators``); repeatable tables take ``count`` rows. ValueError when what the table
    needs is missing or does not fit.
    """
    rows = _data_rows(table, periods, indicators, count)
    if table.totals is not None:
        rows.append(Row(table.totals.id, label=table.totals.label, total=True))
    return rows


def _data_rows(
    table: Table, periods: Sequence[str] | None, indicators: IndicatorSet | None, count: int
) -> list[Row]:
    spec = table.rows
    if spec.kind is RowsKind.FIXED:
        return [Row(r.id, label=r.label, group=r.group) for r in spec.rows]
    if spec.kind is RowsKind.GRID:
        return [Row(p, period=p) for p in _grid_periods(table, periods)]
    if spec.kind is RowsKind.REPEATABLE:
        if not 0 <= count <= (spec.max_rows or 0):
            raise ValueError(f"{table.id} holds 0 to {spec.max_rows} rows, not {count}")
        return [Row(repeatable_row_id(n), ordinal=n) for n in range(1, count + 1)]
    if indicators is None or (spec.indicator_set and spec.indicator_set != indicators.id):
        raise ValueError(f"{table.id} needs the indicator set {spec.indicator_set or ''}")
    return [Row(i.id, label=i.label, indicator=i) for i in indicators.indicators]


def _grid_periods(table: Table, periods: Sequence[str] | None) -> list[str]:
    spec = table.rows
    if periods is None:
        if spec.first is None or spec.last is None:
            raise ValueError(f"{table.id} needs the periods to show")
        return period_ids(spec.period_type or "", spec.first, spec.last)
    wrong = [p for p in periods if period_type(p) != spec.period_type]
    if wrong:
        raise ValueError(f"{table.id} has {spec.period_type} rows, not {wrong[0]}")
    return list(periods)


def valid_row_ids(table: Table, rows: Sequence[Row] | None = None) -> set[str]:
    """The row ids cells may use; for repeatable tables every ``r1``…``r<max>``."""
    if rows is not None:
        return {r.id for r in rows if not r.total}
    if table.rows.kind is RowsKind.REPEATABLE:
        return {repeatable_row_id(n) for n in range(1, (table.rows.max_rows or 0) + 1)}
    return {r.id for r in _data_rows(table, None, None, 0)}


# --- Header --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderCell:
    """One (possibly merged) header cell: position from the top left of the header, spans."""

    row: int
    column: int
    row_span: int
    column_span: int
    label: Text
    number: str | None = None


def _depth(item: HeaderGroup | str) -> int:
    return 1 if isinstance(item, str) else 1 + max(_depth(c) for c in item.children)


def _width(item: HeaderGroup | str) -> int:
    return 1 if isinstance(item, str) else sum(_width(c) for c in item.children)


def header_cells(table: Table) -> list[HeaderCell]:
    """The header as merged cells, row header first: what the xlsx export and the grid draw."""
    depth = max(_depth(item) for item in table.header)
    cells: list[HeaderCell] = []
    start = 0
    if table.row_header_label is not None:
        cells.append(HeaderCell(0, 0, depth, 1, table.row_header_label))
        start = 1
    for item in table.header:
        _place(table, item, 0, start, depth, cells)
        start += _width(item)
    return cells


def _place(
    table: Table,
    item: HeaderGroup | str,
    level: int,
    column: int,
    depth: int,
    out: list[HeaderCell],
) -> None:
    if isinstance(item, str):
        leaf = table.column(item)
        out.append(HeaderCell(level, column, depth - level, 1, leaf.label, leaf.number))
        return
    out.append(HeaderCell(level, column, 1, _width(item), item.label, item.number))
    for child in item.children:
        _place(table, child, level + 1, column, depth, out)
        column += _width(child)


# --- Cell values ---------------------------------------------------------------------------

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
YES_MARK = "x"  # a yes in a printed table, Word and Excel alike (Bảng 2.2's periods)


def yes_no_text(value: bool) -> str:
    """How a yes/no cell prints: "x" for yes, nothing for no."""
    return YES_MARK if value else ""


_YES = ("1", "có", "co", "yes", "true", "x")
_NO = ("0", "không", "khong", "no", "false")


def parse_number(raw: object, grouped_thousands: bool = False) -> float:
    """A finite number from ``1.234,5``, ``1,234.5``, ``12,5`` or ``12.5`` (ValueError).

    With ``grouped_thousands`` (whole numbers and money), ``150.000`` is 150000, as a
    Vietnamese officer means it.
    """
    if isinstance(raw, bool):
        raise ValueError("a yes/no is not a number")
    if isinstance(raw, int | float):
        return finite_number(raw, maximum=MAX_AMOUNT)  # OutsideDataError is a ValueError
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if len(text) > 40:
        raise ValueError("too many digits")
    if grouped_thousands and _GROUPED.fullmatch(text):
        text = text.replace(".", "")
    elif "," in text and "." in text:
        comma_last = text.rfind(",") > text.rfind(".")
        text = text.replace(".", "").replace(",", ".") if comma_last else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    if not _PLAIN_NUMBER.fullmatch(text):
        raise ValueError(f"not a number: {raw!r}")
    return finite_number(float(text), maximum=MAX_AMOUNT)


def parse_date(raw: object) -> str:
    """An ISO date from ``17/07/2020``, ``17-7-2020``, ``2020-07-17`` or a date (ValueError)."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip()
    if match := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError(f"not a date: {raw!r}")
    return dt.date(year, month, day).isoformat()


def parse_cell(column: Column, raw: object, cell: str) -> CellValue:
    """The stored value of ``raw`` typed in ``cell`` (None clears it), or a CellProblem.

    Numbers are never negative; integers are whole; money is in thousand đồng.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    label = tr(column.label)
    if column.kind is ColumnKind.TEXT:
        return _text(column, raw, cell, label)
    if column.kind is ColumnKind.YES_NO:
        return _yes_no(raw, cell, label)
    if column.kind is ColumnKind.DATE:
        try:
            return parse_date(raw)
        except ValueError as error:
            raise CellProblem("INPUT_NOT_DATE", field=cell, input=cell, label=label) from error
    return _number(column, raw, cell, label)


def _text(column: Column, raw: object, cell: str, label: str) -> str:
    text = clean(str(raw))
    limit = column.max_length or TEXT_LIMIT
    if len(text) > limit:
        raise CellProblem("FIELD_TOO_LONG", field=cell, label=label, limit=limit)
    if has_unprintable(text):
        raise CellProblem("FIELD_BAD_CHARACTERS", field=cell, label=label)
    return text


def _yes_no(raw: object, cell: str, label: str) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().casefold()
    if text in _YES or text in _NO:
        return text in _YES
    raise CellProblem("INPUT_NOT_YES_NO", field=cell, input=cell, label=label)


def _number(column: Column, raw: object, cell: str, label: str) -> int | float:
    whole = column.kind is ColumnKind.INTEGER
    try:
        value = parse_number(raw, grouped_thousands=column.kind is not ColumnKind.DECIMAL)
    except ValueError as error:
        raise CellProblem("INPUT_NOT_NUMBER", field=cell, input=cell, label=label) from error
    if value < 0:
        raise CellProblem("INPUT_NEGATIVE", field=cell, input=cell, label=label)
    if whole and value > MAX_COUNT:
        limit = format_number(MAX_COUNT, 0)
        raise CellProblem("INPUT_TOO_LARGE", field=cell, input=cell, label=label, limit=limit)
    if whole and value != int(value):
        raise CellProblem("INPUT_NOT_WHOLE", field=cell, input=cell, label=label)
    return int(value) if whole else value


def parse_values(
    table: Table, values: Mapping[str, object], rows: Sequence[Row] | None = None
) -> tuple[dict[str, CellValue], list[CellProblem]]:
    """Check every cell of an import: the parsed values, and every problem found.

    Unknown cells, computed cells, rows beyond a repeatable table's maximum and values of the
    wrong kind are problems; an import with any problem should change nothing.
    """
    known_rows = valid_row_ids(table, rows)
    parsed: dict[str, CellValue] = {}
    problems: list[CellProblem] = []
    for cell, raw in values.items():
        try:
            parsed[cell] = _checked_cell(table, known_rows, cell, raw)
        except CellProblem as problem:
            problems.append(problem)
    return parsed, problems


def _checked_cell(table: Table, known_rows: set[str], cell: str, raw: object) -> CellValue:
    table_id, _, rest = cell.partition(".")
    row_id, _, column_id = rest.partition(".")
    if table_id != table.id or column_id not in {c.id for c in table.columns}:
        raise CellProblem("INPUT_UNKNOWN", field=cell, input=cell)
    if row_id not in known_rows:
        if table.rows.kind is RowsKind.REPEATABLE and re.fullmatch(r"r[1-9]\d*", row_id):
            limit = table.rows.max_rows
            raise CellProblem(
                "TABLE_ROWS_LIMIT", field=cell, input=cell, table=table.number, limit=limit
            )
        raise CellProblem("INPUT_UNKNOWN", field=cell, input=cell)
    column = table.column(column_id)
    if not column.editable:
        raise CellProblem("INPUT_COMPUTED", field=cell, input=cell, label=tr(column.label))
    return parse_cell(column, raw, cell)


# --- Computed cells ------------------------------------------------------------------------


def _sum(values: Sequence[CellValue]) -> int | float | None:
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return sum(numbers) if numbers else None


def computed_value(
    table: Table, row_values: Mapping[str, CellValue], column: str | Column
) -> int | float | None:
    """A sum column's value in one row, from that row's values by column id (None when every
    cell it adds is empty): Bảng 2.3's (1c) = (1a) + (1b)."""
    column = table.column(column) if isinstance(column, str) else column
    if column.computed is None or column.computed.op != "sum":
        raise ValueError(f"{column.id} is not a sum column")
    return _sum([row_values.get(ref) for ref in column.computed.columns])


def with_computed(table: Table, row_values: Mapping[str, CellValue]) -> dict[str, CellValue]:
    """One row's values with its sum columns filled."""
    filled = dict(row_values)
    for column in table.columns:
        if column.computed is not None and column.computed.op == "sum":
            filled[column.id] = computed_value(table, row_values, column)
    return filled


def totals_row(
    table: Table, rows: Mapping[str, Mapping[str, CellValue]]
) -> dict[str, int | float | None]:
    """The totals row: each of the form's totals columns summed over ``rows`` (by row id)."""
    if table.totals is None:
        raise ValueError(f"{table.id} has no totals row")
    complete = [with_computed(table, values) for values in rows.values()]
    return {c: _sum([values.get(c) for values in complete]) for c in table.totals.columns}


def indicator_row_values(
    table: Table,
    row: Row,
    indicator_set: IndicatorSet,
    period: str,
    row_values: Mapping[str, CellValue],
    previous: float | None = None,
) -> dict[str, CellValue]:
    """An indicator row with its unit, target and assessment (Đạt / Không đạt…) filled for
    ``period``; the assessment reads the row's actual-value column (and ``previous``, the
    value a year earlier, for yearly reductions)."""
    indicator = row.indicator
    if indicator is None:
        raise ValueError(f"{row.id} is not an indicator row")
    found = target_for_period(indicator, period)
    target = found[1] if found else None
    filled = dict(row_values)
    for column in table.columns:
        rule = column.computed
        if rule is None or rule.op == "sum":
            continue
        if rule.op == "unit":
            unit = indicator_set.units.get(indicator.unit)
            filled[column.id] = tr(unit.label) if unit else indicator.unit
        elif rule.op == "target":
            filled[column.id] = describe_target(target, indicator, indicator_set.units)
        else:
            actual = row_values.get(rule.actual or "")
            number = float(actual) if isinstance(actual, int | float) else None
            status = target_status(indicator, target, number, previous)
            filled[column.id] = status_label(status)
    return filled
