"""The consolidation as DHIS2 data values, and as a DHIS2 data value set (JSON).

DHIS2's Web API takes ``{"dataValues": [{"dataElement", "period", "orgUnit",
"categoryOptionCombo", "attributeOptionCombo", "value"}]}`` at ``/api/dataValueSets``, with
period and org unit on each value when one file carries many of them ("Sending large bulks of
data values", docs.dhis2.org, Web API, Data values). Periods are DHIS2's ISO forms: a year
``2026``, a half-year ``2026S1`` / ``2026S2`` (Web API, "Date and period format"). Values are
strings of a plain decimal number (no exponent, a dot as the decimal mark: machine text, not
shown to the officer).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from treem_desktop.office.consolidate import Consolidation
from treem_desktop.office.consolidation_input import CommuneSubmission
from treem_desktop.office.mapping import Dhis2Mapping, ElementTarget

TOTAL = "total"
RECOGNISED = "recognised"


@dataclass(frozen=True)
class DataValue:
    """One value for DHIS2: a Treem value placed by the mapping."""

    org_unit: str
    period: str  # Treem's period: 2026, 2026-H1
    target: ElementTarget
    value: str


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote and what the mapping left out."""

    values: int
    unmapped_communes: tuple[str, ...]
    unmapped_ids: tuple[str, ...]


def dhis2_period(period: str) -> str:
    """DHIS2's period id: ``2026`` for a year, ``2026S1`` / ``2026S2`` for a half-year."""
    year, _, half = period.partition("-")
    if half in ("H1", "H2"):
        return f"{year}S{half[1]}"
    if half or len(year) != 4 or not (year.isascii() and year.isdigit()):
        raise ValueError(f"not a Treem period: {period!r}")
    return year


def decimal_text(number: float) -> str:
    """``865``, ``92.5``, ``0.0123``: at most 6 decimals, no exponent, no trailing zeros."""
    exact = Decimal(repr(round(number, 6))).normalize()
    text = format(exact, "f")
    return "0" if text in ("-0", "") else text


def data_values(consolidation: Consolidation, mapping: Dhis2Mapping) -> list[DataValue]:
    """Every mapped value of the consolidation: the communes' evaluations and indicators,
    then the province's totals (when the mapping names the province's org unit)."""
    return [v for v, _unmapped in _placed(consolidation, mapping) if v is not None]


def summary(consolidation: Consolidation, mapping: Dhis2Mapping) -> ExportSummary:
    placed = list(_placed(consolidation, mapping))
    communes = {s.commune_code for s in consolidation.evaluations + consolidation.indicator_reports}
    return ExportSummary(
        values=sum(1 for v, _u in placed if v is not None),
        unmapped_communes=tuple(sorted(communes - set(mapping.org_units))),
        unmapped_ids=tuple(sorted({u for v, u in placed if v is None and u})),
    )


def data_value_set(consolidation: Consolidation, mapping: Dhis2Mapping) -> dict[str, Any]:
    """The JSON document DHIS2 imports at ``/api/dataValueSets``."""
    return {"dataValues": [_json_value(v, mapping) for v in data_values(consolidation, mapping)]}


def write_data_value_set(
    consolidation: Consolidation, mapping: Dhis2Mapping, path: Path
) -> ExportSummary:
    document = data_value_set(consolidation, mapping)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    _write_atomically(path, text.encode("utf-8"))
    return summary(consolidation, mapping)


def _json_value(value: DataValue, mapping: Dhis2Mapping) -> dict[str, str]:
    item = {
        "dataElement": value.target.data_element,
        "period": dhis2_period(value.period),
        "orgUnit": value.org_unit,
    }
    if value.target.category_option_combo:
        item["categoryOptionCombo"] = value.target.category_option_combo
    if mapping.attribute_option_combo:
        item["attributeOptionCombo"] = mapping.attribute_option_combo
    item["value"] = value.value
    return item


Placed = tuple[DataValue | None, str]


def _placed(consolidation: Consolidation, mapping: Dhis2Mapping) -> Iterator[Placed]:
    """Each Treem value with its place, or (None, the Treem id not mapped)."""
    period = consolidation.period
    for s in consolidation.evaluations:
        org_unit = mapping.org_units.get(s.commune_code)
        if org_unit is not None:
            yield from _values(org_unit, period, _evaluation_numbers(s), mapping)
    for s in consolidation.indicator_reports:
        org_unit = mapping.org_units.get(s.commune_code)
        if org_unit is not None:
            numbers = [(v.id, v.value) for v in s.indicators]
            yield from _values(org_unit, period, numbers, mapping)
    if mapping.province_org_unit:
        totals = [(t.indicator_id, t.value) for t in consolidation.totals.values()]
        yield from _values(mapping.province_org_unit, period, totals, mapping)


def _evaluation_numbers(s: CommuneSubmission) -> list[tuple[str, float | None]]:
    numbers: list[tuple[str, float | None]] = [(c.id, c.points) for c in s.criteria]
    numbers.append((TOTAL, s.total))
    numbers.append((RECOGNISED, 1.0 if s.recognised else 0.0))
    return numbers


def _values(
    org_unit: str, period: str, numbers: list[tuple[str, float | None]], mapping: Dhis2Mapping
) -> Iterator[Placed]:
    for treem_id, number in numbers:
        if number is None:
            continue
        target = mapping.data_elements.get(treem_id)
        if target is None:
            yield None, treem_id
            continue
        yield DataValue(org_unit, period, target, decimal_text(number)), ""


def _write_atomically(path: Path, data: bytes) -> None:
    import os

    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
