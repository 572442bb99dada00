"""The mapping file from Treem's ids to a province's DHIS2 metadata (docs/receiving-exports.md).

Treem's ids are the commune codes of the official list (``03325``) and, for values, the
indicator ids of the set (``ct02``), the criteria ids (``c1``…``c13``, points), ``total``
(total points) and ``recognised`` (1 when the commune is recognised, else 0). The province
says which DHIS2 org unit, data element and category option combo each one is; a value or a
commune the file does not name is left out of the export (and counted).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treem_desktop.errors import TreemError
from treem_desktop.paths import resources_dir
from treem_desktop.schema_check import first_schema_problem

RESERVED_ADX_ATTRIBUTES = frozenset({"dataElement", "value", "orgUnit", "period"})
MAX_MAPPING_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class ElementTarget:
    """Where one Treem value goes in DHIS2."""

    data_element: str
    category_option_combo: str | None = None
    adx_categories: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Dhis2Mapping:
    org_units: Mapping[str, str]
    data_elements: Mapping[str, ElementTarget]
    province_org_unit: str | None = None
    attribute_option_combo: str | None = None


def read_mapping(path: Path) -> Dhis2Mapping:
    """The mapping in ``path``, checked against its schema (DHIS2_MAPPING_INVALID otherwise)."""
    try:
        raw = path.read_bytes()[: MAX_MAPPING_BYTES + 1]
    except OSError as error:
        raise _invalid(path, "$", error.strerror or str(error)) from error
    if len(raw) > MAX_MAPPING_BYTES:
        raise _invalid(path, "$", "file too large")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _invalid(path, "$", str(error)) from error
    return mapping_from_json(document, path)


def mapping_from_json(document: object, path: Path | str = "") -> Dhis2Mapping:
    """The mapping from a parsed document (DHIS2_MAPPING_INVALID when outside the schema)."""
    problem = first_schema_problem(document, _schema())
    if problem is not None:
        raise _invalid(path, *problem)
    assert isinstance(document, dict)
    elements = {key: _element(value, path, key) for key, value in document["data_elements"].items()}
    return Dhis2Mapping(
        org_units=dict(document["org_units"]),
        data_elements=elements,
        province_org_unit=document.get("province_org_unit"),
        attribute_option_combo=document.get("attribute_option_combo"),
    )


def _element(raw: dict[str, Any], path: Path | str, key: str) -> ElementTarget:
    categories = dict(raw.get("adx_categories", {}))
    clash = RESERVED_ADX_ATTRIBUTES & set(categories)
    if clash:
        place = f"$.data_elements.{key}.adx_categories"
        raise _invalid(path, place, f"reserved ADX attribute {sorted(clash)[0]}")
    return ElementTarget(raw["data_element"], raw.get("category_option_combo"), categories)


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (resources_dir() / "schemas" / "dhis2-mapping-1.schema.json").read_text("utf-8")
    )
    return schema


def _invalid(path: Path | str, place: str, detail: str) -> TreemError:
    return TreemError("DHIS2_MAPPING_INVALID", path=str(path), place=place, detail=detail)
