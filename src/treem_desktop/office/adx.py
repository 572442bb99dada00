"""The consolidation as ADX: IHE's Aggregate Data Exchange XML (2015), which DHIS2 imports at
``/api/dataValueSets`` with ``Content-Type: application/adx+xml``.

One ``group`` per org unit and period, one ``dataValue`` per mapped value; a period is an ISO
8601 start date and duration (``2026-01-01/P1Y``, ``2026-07-01/P6M``); values are decimals; a
category option combo is written as the mapping's ADX category attributes (``sex="F"``).
Checked in the tests against the schema of dhis2/adx (``adx_loose.xsd``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

from treem_desktop.office.consolidate import Consolidation
from treem_desktop.office.dhis2 import DataValue, ExportSummary, data_values, summary
from treem_desktop.office.mapping import Dhis2Mapping

ADX_NAMESPACE = "urn:ihe:qrph:adx:2015"
MEDIA_TYPE = "application/adx+xml"


def adx_period(period: str) -> str:
    """``2026-01-01/P1Y`` for 2026, ``2026-01-01/P6M`` for 2026-H1, ``2026-07-01/P6M`` for H2."""
    year, _, half = period.partition("-")
    if len(year) != 4 or not (year.isascii() and year.isdigit()) or half not in ("", "H1", "H2"):
        raise ValueError(f"not a Treem period: {period!r}")
    if not half:
        return f"{year}-01-01/P1Y"
    return f"{year}-{'01' if half == 'H1' else '07'}-01/P6M"


def adx_bytes(values: Iterable[DataValue], exported: dt.datetime) -> bytes:
    """The ADX message for ``values`` (UTF-8, with its XML declaration)."""
    if exported.tzinfo is None:
        raise ValueError("the export time needs its time zone")
    ElementTree.register_namespace("", ADX_NAMESPACE)
    root = ElementTree.Element(_tag("adx"), exported=exported.isoformat(timespec="seconds"))
    groups: dict[tuple[str, str], ElementTree.Element] = {}
    for value in values:
        key = (value.org_unit, value.period)
        group = groups.get(key)
        if group is None:
            group = ElementTree.SubElement(
                root, _tag("group"), orgUnit=value.org_unit, period=adx_period(value.period)
            )
            groups[key] = group
        attributes = {"dataElement": value.target.data_element, **value.target.adx_categories}
        ElementTree.SubElement(group, _tag("dataValue"), attributes, value=value.value)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def write_adx(
    consolidation: Consolidation, mapping: Dhis2Mapping, path: Path, exported: dt.datetime
) -> ExportSummary:
    """Write the ADX message of the consolidation to ``path`` (whole or not at all)."""
    import os

    data = adx_bytes(data_values(consolidation, mapping), exported)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return summary(consolidation, mapping)


def _tag(name: str) -> str:
    return f"{{{ADX_NAMESPACE}}}{name}"
