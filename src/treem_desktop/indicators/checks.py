"""The checks a form file must pass after its schema: references, duplicates, sums, periods.

Each returns (where, what) pairs; the loader refuses the file with the first one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from treem_desktop.indicators.model import (
    Column,
    ColumnKind,
    HeaderGroup,
    Indicator,
    IndicatorSet,
    RowsKind,
    RowsSpec,
    Table,
    TableForm,
    TargetOverride,
    Totals,
    period_ids,
)
from treem_desktop.indicators.target_words import (
    TargetsProblem,
    legal_year_reason,
    reason,
    targets_place,
)
from treem_desktop.indicators.targets import fault_problems, target_problems
from treem_desktop.schema_words import json_place


def source_problems(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Every ``source`` (and ``label_source``) names an entry of the ``sources`` table."""
    return [
        (json_place(path), f"unknown source {name}") for path, name in unknown_sources(document)
    ]


def unknown_sources(document: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """(the path, the source named) of each ``source`` the ``sources`` table does not have."""
    known = set(document.get("sources", {}))
    found: list[tuple[tuple[Any, ...], str]] = []

    def walk(node: object, path: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for key, child in node.items():
                if key in ("source", "label_source") and isinstance(child, str):
                    if child not in known:
                        found.append(((*path, key), child))
                else:
                    walk(child, (*path, key))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, (*path, index))

    walk(document, ())
    return found


def duplicates(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    twice = []
    for item in ids:
        if item in seen:
            twice.append(item)
        seen.add(item)
    return twice


def indicator_set_problems(document: dict[str, Any], s: IndicatorSet) -> list[tuple[str, str]]:
    problems = source_problems(document)
    first, last = s.period
    if first > last:
        problems.append(("$.period", f"the period starts in {first}, after {last}"))
    problems += [
        ("$.target_years", f"the target year {y} is outside the period {first}-{last}")
        for y in s.target_years
        if not first <= y <= last
    ]
    numbers = [o.number for o in s.objectives]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(("$.objectives", "objectives must be numbered 1, 2, 3… in order"))
    problems += [(i, f"id {i} is used twice") for i in duplicates(s.ids())]
    for indicator in s.indicators:
        problems += _indicator_problems(indicator, s, numbers)
    return problems


def _indicator_problems(
    indicator: Indicator, s: IndicatorSet, objectives: list[int]
) -> list[tuple[str, str]]:
    where = indicator.id
    problems = target_problems(indicator, where)
    if indicator.objective not in objectives:
        problems.append((where, f"unknown objective {indicator.objective}"))
    if indicator.unit not in s.units:
        problems.append((where, f"unknown unit {indicator.unit}"))
    problems += [
        (where, f"no target for {year}: give one, with status unknown when it is not known")
        for year in s.target_years
        if year not in indicator.targets
    ]
    unit = s.units.get(indicator.unit)
    if indicator.parts is not None and unit is not None and unit.per is None:
        problems.append((where, f"a numerator and denominator, but {unit.id} is not a rate"))
    return problems


def override_problems(
    document: dict[str, Any], o: TargetOverride, s: IndicatorSet | None
) -> list[TargetsProblem]:
    """What can be checked without applying the file (see ``targets.apply_override``);
    ``s``, the national set, only names the indicators."""
    problems = [
        TargetsProblem(
            json_place(path),
            f"unknown source {name}",
            targets_place(document, path, s),
            reason("SOURCE_UNKNOWN"),
        )  # fmt: skip
        for path, name in unknown_sources(document)
    ]
    pairs = [f"{e.indicator} in {e.year}" for e in o.entries]
    for pair in duplicates(pairs):
        index = len(pairs) - 1 - pairs[::-1].index(pair)  # the second of the two
        place = targets_place(document, ("targets", index), s)
        technical = f"two targets for {pair}"
        problems.append(
            TargetsProblem(f"$.targets[{index}]", technical, place, reason("TARGET_TWICE"))
        )
    ids = [x.id for x in o.extra_indicators]
    for twice in duplicates(ids):
        index = len(ids) - 1 - ids[::-1].index(twice)
        where = f"$.extra_indicators[{index}].id"
        place = targets_place(document, ("extra_indicators", index), s)
        problems.append(
            TargetsProblem(where, f"id {twice} is used twice", place, reason("ID_TWICE"))
        )
    for index, extra in enumerate(o.extra_indicators):
        name = targets_place(document, ("extra_indicators", index), s)
        problems += fault_problems(extra, f"$.extra_indicators[{index}]", name, s)
    if o.legal_date and o.legal_year and int(o.legal_date[:4]) != o.legal_year:
        technical = f"{o.legal_year} is not the year of {o.legal_date}"
        place = targets_place(document, ("legal_basis", "year"), s)
        words = legal_year_reason(o.legal_year, o.legal_date)
        problems.append(TargetsProblem("$.legal_basis.year", technical, place, words))
    return problems


# --- Table forms ---------------------------------------------------------------------------


def table_form_problems(
    document: dict[str, Any], form: TableForm, known_sets: frozenset[str]
) -> list[tuple[str, str]]:
    problems = source_problems(document)
    problems += [(t, f"table id {t} is used twice") for t in duplicates(t.id for t in form.tables)]
    for table in form.tables:
        problems += _table_problems(table, known_sets)
    return problems


def header_leaves(items: Iterable[HeaderGroup | str]) -> list[str]:
    """The column ids under a header tree, left to right."""
    leaves: list[str] = []
    for item in items:
        leaves += [item] if isinstance(item, str) else header_leaves(item.children)
    return leaves


def _table_problems(table: Table, known_sets: frozenset[str]) -> list[tuple[str, str]]:
    ids = [c.id for c in table.columns]
    problems = [(f"{table.id}.{c}", f"column id {c} is used twice") for c in duplicates(ids)]
    if header_leaves(table.header) != ids:
        problems.append((table.id, "the header must name every column once, in column order"))
    for column in table.columns:
        problems += _column_problems(table, column, ids)
    problems += _rows_problems(table, known_sets)
    if table.totals is not None:
        problems += _totals_problems(table, table.totals, ids)
    return problems


def _column_problems(table: Table, column: Column, ids: list[str]) -> list[tuple[str, str]]:
    at, rule = f"{table.id}.{column.id}", column.computed
    problems = []
    if column.max_length is not None and column.kind is not ColumnKind.TEXT:
        problems.append((at, "max_length is only for text columns"))
    if rule is None:
        return problems
    if rule.op != "sum" and table.rows.kind is not RowsKind.INDICATORS:
        problems.append((at, f"{rule.op} needs a table with indicator rows"))
    if rule.op == "sum" and not column.numeric:
        problems.append((at, "a sum needs a number column"))
    reads = rule.columns if rule.op == "sum" else (rule.actual,) if rule.actual else ()
    for ref in reads:
        if ref == column.id or ref not in ids:
            problems.append((at, f"it reads {ref}, which is not another column"))
        elif not (table.column(ref).numeric and table.column(ref).editable):
            problems.append((at, f"it reads {ref}, which is not a number column filled by hand"))
    return problems


def _rows_problems(table: Table, known_sets: frozenset[str]) -> list[tuple[str, str]]:
    rows, at = table.rows, f"{table.id}.rows"
    problems = []
    if rows.kind is RowsKind.FIXED:
        problems += [(at, f"row id {r} is used twice") for r in duplicates(r.id for r in rows.rows)]
        groups = [r.group for r in rows.rows]
        problems += [
            (at, f"unknown group {g}") for g in groups if g and g not in (rows.groups or {})
        ]
        runs = [g for n, g in enumerate(groups) if n == 0 or groups[n - 1] != g]
        if len(runs) != len(set(runs)):
            problems.append((at, "the rows of a group must follow each other"))
    elif rows.kind is RowsKind.GRID:
        problems += _grid_problems(rows, at)
    elif rows.kind is RowsKind.INDICATORS and rows.indicator_set:
        if rows.indicator_set not in known_sets:
            problems.append((at, f"unknown indicator set {rows.indicator_set}"))
    header_needs = {"period": RowsKind.GRID, "ordinal": RowsKind.REPEATABLE}
    needed = header_needs.get(table.row_header_kind or "")
    if needed and rows.kind is not needed:
        problems.append((at, f"a {table.row_header_kind} row header needs {needed} rows"))
    return problems


def _grid_problems(rows: RowsSpec, at: str) -> list[tuple[str, str]]:
    if rows.first is None and rows.last is None:
        return []
    if rows.first is None or rows.last is None:
        return [(at, "give both first and last, or neither")]
    try:
        periods = period_ids(rows.period_type or "", rows.first, rows.last)
    except ValueError:
        periods = []
    return (
        [] if periods else [(at, f"no {rows.period_type} period from {rows.first} to {rows.last}")]
    )


def _totals_problems(table: Table, totals: Totals, ids: list[str]) -> list[tuple[str, str]]:
    at = f"{table.id}.{totals.id}"
    problems = []
    if totals.id in {r.id for r in table.rows.rows}:
        problems.append((at, f"row id {totals.id} is used twice"))
    for ref in totals.columns:
        if ref not in ids or not table.column(ref).numeric:
            problems.append((at, f"the totals row sums {ref}, which is not a number column"))
    return problems
