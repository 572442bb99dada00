"""The typed form of indicator sets, province target files and table forms.

Every official number is a :class:`~treem_desktop.standards.model.Value` with its provenance
(confirmed, single-source, inferred or unknown), as in the standards. A target also records its
:class:`Origin`: the national indicator set, or the province file that replaced it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from treem_desktop.standards.model import Direction, Status, Text, Value


class Comparison(StrEnum):
    """How an actual value is held against a target value."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    BELOW = "below"
    ABOVE = "above"
    EQUAL = "equal"


class TargetKind(StrEnum):
    THRESHOLD = "threshold"
    REDUCE_BY_PERCENT_PER_YEAR = "reduce_by_percent_per_year"


class OriginKind(StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"


@dataclass(frozen=True)
class Origin:
    """Where a target comes from: the indicator set itself or a province's target file."""

    kind: OriginKind
    document_id: str
    version: int
    sha256: str
    legal_number: str | None
    province_code: str | None = None
    province_name: Text | None = field(default=None, hash=False)


@dataclass(frozen=True)
class Target:
    """A target (chỉ tiêu) for one year.

    Attributes:
        kind: a threshold, or a yearly reduction of a count (child marriage).
        value: the threshold; for a reduction, the smallest reduction in percent that meets it.
        comparison: None when the text gives a plain value: the indicator's direction decides.
        high: for a reduction, the top of the range (informative).
        note: what the text says, when it needs reading.
        origin: the document the target comes from.
    """

    kind: TargetKind
    value: Value
    comparison: Comparison | None = None
    high: Value | None = None
    note: str | None = None
    origin: Origin | None = None

    @property
    def known(self) -> bool:
        return self.value.known

    @property
    def confirmed(self) -> bool:
        return self.value.confirmed and (self.high is None or self.high.confirmed)

    def comparison_for(self, direction: Direction) -> Comparison:
        """The comparison to use: the stated one, else at least / at most by direction."""
        if self.comparison is not None:
            return self.comparison
        return Comparison.AT_LEAST if direction is Direction.HIGHER else Comparison.AT_MOST


@dataclass(frozen=True)
class Unit:
    """A unit of measure; ``per`` is a rate's multiplier (100 for %, 1000 for ‰), else None."""

    id: str
    symbol: str
    label: Text
    whole: bool
    per: int | None = None


@dataclass(frozen=True)
class RateParts:
    """What a rate is made of, in words: its numerator (tử số) and denominator (mẫu số).

    ``share``: the numerator is part of the denominator, so never larger (not so for deaths
    in a year against the year's live births). ``status`` says whether the wording is the
    official text's or Treem's own (``inferred``), with ``note`` saying why.
    """

    numerator: Text
    denominator: Text
    share: bool
    status: Status
    note: str | None = None


@dataclass(frozen=True)
class Objective:
    number: int
    name: Text
    status: Status


@dataclass(frozen=True)
class Indicator:
    """One measure with its targets by year (id ``ct03a``; a province's own: ``p-…``).

    ``number`` is the official number as printed (``3a``) and ``number_status`` how sure the
    numbering and the objective are. ``levels`` are the levels that report it (``commune``,
    ``province``, ``national``: see :mod:`.levels`), with how sure that is and why; ``area``
    is ``rural`` or ``urban`` for one row of a split indicator (4c). ``level`` is version 1's
    older mark: ``province`` when a commune cannot compute the indicator itself.
    """

    id: str
    label: Text
    unit: str
    direction: Direction
    targets: Mapping[int, Target]
    number: str | None = None
    number_status: Status = Status.CONFIRMED
    objective: int | None = None
    label_status: Status = Status.CONFIRMED
    caveat: Text | None = None
    level: str | None = None
    level_status: Status | None = None
    levels: tuple[str, ...] = ("commune", "province", "national")
    levels_status: Status | None = None
    levels_note: str | None = None
    area: str | None = None
    province_only: bool = False
    clause: str | None = None
    related: str | None = None
    note: str | None = None
    parts: RateParts | None = None

    def target(self, year: int) -> Target | None:
        return self.targets.get(year)

    @property
    def target_years(self) -> tuple[int, ...]:
        return tuple(sorted(self.targets))


@dataclass(frozen=True)
class IndicatorSet:
    """A published indicator set, identified by (id, version, sha256).

    ``overrides`` lists the province files applied to it, in order (empty as shipped).
    """

    id: str
    version: int
    sha256: str
    title: Text
    legal_number: str
    legal_date: str
    notes: Text | None
    sources: Mapping[str, Mapping[str, str]]
    period: tuple[int, int]
    target_years: tuple[int, ...]
    units: Mapping[str, Unit]
    objectives: tuple[Objective, ...]
    indicators: tuple[Indicator, ...]
    overrides: tuple[Origin, ...] = ()

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id (KeyError when there is none)."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    @property
    def origin(self) -> Origin:
        return Origin(OriginKind.NATIONAL, self.id, self.version, self.sha256, self.legal_number)


@dataclass(frozen=True)
class OverrideEntry:
    """A province's target for one indicator of the set in one year."""

    indicator: str
    year: int
    target: Target
    mapping_status: Status
    clause: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class TargetOverride:
    """A province's own targets (one file per version), applied with ``apply_override``."""

    id: str
    version: int
    sha256: str
    title: Text
    indicator_set: str
    province_code: str
    province_name: Text
    legal_number: str | None
    legal_date: str | None
    legal_year: int | None
    legal_title: str
    issuer: str
    notes: Text | None
    sources: Mapping[str, Mapping[str, str]]
    units: Mapping[str, Unit]
    entries: tuple[OverrideEntry, ...]
    extra_indicators: tuple[Indicator, ...]

    @property
    def origin(self) -> Origin:
        return Origin(
            OriginKind.PROVINCE,
            self.id,
            self.version,
            self.sha256,
            self.legal_number,
            self.province_code,
            self.province_name,
        )


# --- Table forms -------------------------------------------------------------------------


class RowsKind(StrEnum):
    FIXED = "fixed"
    REPEATABLE = "repeatable"
    GRID = "grid"
    INDICATORS = "indicators"


class ColumnKind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    MONEY = "money"  # thousand đồng
    DATE = "date"
    YES_NO = "yes_no"


NUMERIC_KINDS = (ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.MONEY)


@dataclass(frozen=True)
class Computed:
    """A cell Treem fills: ``sum`` of ``columns``, or ``unit`` / ``target`` / ``target_status``
    of the row's indicator (the status reads the ``actual`` column)."""

    op: str
    columns: tuple[str, ...] = ()
    actual: str | None = None


@dataclass(frozen=True)
class Column:
    id: str
    label: Text
    kind: ColumnKind
    number: str | None = None
    max_length: int | None = None
    hint: Text | None = None
    computed: Computed | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def editable(self) -> bool:
        return self.computed is None


@dataclass(frozen=True)
class HeaderGroup:
    """A merged header cell over its children (column ids or further groups)."""

    label: Text
    children: tuple[HeaderGroup | str, ...]
    number: str | None = None


@dataclass(frozen=True)
class RowSpec:
    id: str
    label: Text
    group: str | None = None


@dataclass(frozen=True)
class RowsSpec:
    """Where a table's rows come from.

    fixed: ``rows`` (in ``groups``); repeatable: up to ``max_rows`` rows the officer adds;
    grid: one row per period of ``period_type`` (from ``first`` to ``last`` when given);
    indicators: one row per indicator of a set (``indicator_set`` when the form names it).
    """

    kind: RowsKind
    rows: tuple[RowSpec, ...] = ()
    groups: Mapping[str, Text] | None = None
    max_rows: int | None = None
    period_type: str | None = None
    first: str | None = None
    last: str | None = None
    indicator_set: str | None = None
    target_year: int | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Totals:
    """A totals row: the sum of ``columns`` over the table's rows."""

    id: str
    label: Text
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table of a form (Bảng 2.1). Cell ids are ``<table>.<row>.<column>``."""

    id: str
    number: str
    title: Text
    layout_status: Status
    rows: RowsSpec
    columns: tuple[Column, ...]
    header: tuple[HeaderGroup | str, ...]
    row_header_kind: str | None = None
    row_header_label: Text | None = None
    totals: Totals | None = None
    notes: tuple[Text, ...] = ()
    part: Text | None = None
    layout_note: Text | None = None
    source: str | None = None

    def column(self, column_id: str) -> Column:
        """The column with this id (KeyError when there is none)."""
        for column in self.columns:
            if column.id == column_id:
                return column
        raise KeyError(column_id)

    def cell_id(self, row_id: str, column_id: str) -> str:
        return f"{self.id}.{row_id}.{column_id}"


@dataclass(frozen=True)
class TableForm:
    """A published set of report tables, identified by (id, version, sha256)."""

    id: str
    version: int
    sha256: str
    title: Text
    legal_number: str
    legal_date: str
    notes: Text | None
    sources: Mapping[str, Mapping[str, str]]
    tables: tuple[Table, ...]

    def table(self, table_id: str) -> Table:
        """The table with this id (KeyError when there is none)."""
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)


# --- Periods -------------------------------------------------------------------------------


class PeriodType(StrEnum):
    """Reporting periods: a year (``2026``) or a half-year (``2026-H1``, ``2026-H2``)."""

    YEAR = "year"
    HALF_YEAR = "half_year"


def period_type(period: str) -> PeriodType:
    """The type of a period id (ValueError for anything else)."""
    year, _, half = period.partition("-")
    if len(year) != 4 or not (year.isascii() and year.isdigit()):
        raise ValueError(f"not a period: {period!r}")
    if not half:
        return PeriodType.YEAR
    if half in ("H1", "H2"):
        return PeriodType.HALF_YEAR
    raise ValueError(f"not a period: {period!r}")


def period_year(period: str) -> int:
    period_type(period)
    return int(period[:4])


def period_ids(kind: PeriodType | str, first: str, last: str) -> list[str]:
    """Every period of ``kind`` from ``first`` to ``last``, in order."""
    kind = PeriodType(kind)
    if period_type(first) is not kind or period_type(last) is not kind:
        raise ValueError(f"{first}..{last} are not {kind} periods")
    years = range(period_year(first), period_year(last) + 1)
    if kind is PeriodType.YEAR:
        return [str(y) for y in years]
    ids = [f"{y}-H{h}" for y in years for h in (1, 2)]
    return ids[ids.index(first) : ids.index(last) + 1]


def year_before(period: str) -> str:
    """The same period one year earlier: ``2025-H1`` for ``2026-H1``."""
    return f"{period_year(period) - 1}{period[4:]}"
