"""DHIS2 data value sets (JSON) from the consolidation, checked against DHIS2's documented
shape (tests/data/dhis2/data-value-set.schema.json, written from the Web API guide)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.unit.dhis2_fixtures import MAPPING, small_consolidation, write_mapping
from treem_desktop.errors import TreemError
from treem_desktop.office.dhis2 import (
    data_value_set,
    decimal_text,
    dhis2_period,
    summary,
    write_data_value_set,
)
from treem_desktop.office.mapping import mapping_from_json, read_mapping

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "data" / "dhis2" / "data-value-set.schema.json").read_text()
)


def test_periods_are_dhis2_iso_periods() -> None:
    assert [dhis2_period(p) for p in ("2026", "2026-H1", "2026-H2")] == ["2026", "2026S1", "2026S2"]
    with pytest.raises(ValueError):
        dhis2_period("2026-Q1")


def test_numbers_are_plain_decimals() -> None:
    assert [decimal_text(x) for x in (865.0, 92.5, 100.0, 0.0, 1e-7, 2 / 3)] == [
        "865", "92.5", "100", "0", "0", "0.666667",
    ]  # fmt: skip


def test_the_value_set_has_dhis2s_shape_and_the_mapped_values(tmp_path: Path) -> None:
    consolidation = small_consolidation("2026-H1")
    mapping = read_mapping(write_mapping(tmp_path))
    path = tmp_path / "values.json"
    done = write_data_value_set(consolidation, mapping, path)
    document = json.loads(path.read_text("utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    values = {(v["orgUnit"], v["dataElement"]): v for v in document["dataValues"]}
    assert values["ouMuongPhan", "deTotalPts1"]["value"] == "865"
    assert values["ouMuongPhan", "deRecognis1"]["value"] == "1"
    assert values["ouBungLao01", "deRecognis1"]["value"] == "0"
    assert values["ouMuongPhan", "deChildMarr"] == {
        "dataElement": "deChildMarr", "period": "2026S1", "orgUnit": "ouMuongPhan",
        "categoryOptionCombo": "cocDefault1", "value": "3",
    }  # fmt: skip
    assert values["ouDienBien1", "deChildMarr"]["value"] == "5"  # 3 + 2, Chà Tở unmapped
    assert values["ouDienBien1", "deNeonatal1"]["value"] == "10"  # 1 / 100 × 1000
    assert ("ouBungLao01", "deChildMarr") not in values
    assert done.unmapped_communes == ("03175",) and "c2" in done.unmapped_ids
    assert done.values == len(document["dataValues"])


def test_an_invalid_value_set_would_fail_the_schema() -> None:
    good = data_value_set(small_consolidation(), mapping_from_json(MAPPING))
    bad = {"dataValues": [dict(good["dataValues"][0], value=865)]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(bad)


def test_without_a_province_org_unit_only_communes_are_sent() -> None:
    mapping = mapping_from_json({k: v for k, v in MAPPING.items() if k != "province_org_unit"})
    org_units = {v["orgUnit"] for v in data_value_set(small_consolidation(), mapping)["dataValues"]}
    assert org_units == {"ouMuongPhan", "ouBungLao01"}
    assert summary(small_consolidation(), mapping).unmapped_communes == ("03175",)


@pytest.mark.parametrize(
    ("change", "place"),
    [
        ({"format": "other"}, "$.format"),
        ({"org_units": {"3325": "x"}}, "$.org_units"),
        ({"data_elements": {"ct13": {}}}, "$.data_elements.ct13"),
        ({"data_elements": {"ct13": {"data_element": "a b"}}}, "$.data_elements.ct13.data_element"),
        (
            {"data_elements": {"ct13": {"data_element": "x", "adx_categories": {"value": "1"}}}},
            "$.data_elements.ct13.adx_categories",
        ),
    ],
)
def test_a_mapping_outside_its_format_is_refused_with_the_place(
    tmp_path: Path, change: dict[str, object], place: str
) -> None:
    path = write_mapping(tmp_path, {**MAPPING, **change})
    with pytest.raises(TreemError) as caught:
        read_mapping(path)
    assert caught.value.code == "DHIS2_MAPPING_INVALID"
    assert caught.value.params["place"] == place


def test_a_mapping_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mapping.json"
    path.write_bytes(b"\xff{")
    with pytest.raises(TreemError, match="DHIS2_MAPPING_INVALID"):
        read_mapping(path)
