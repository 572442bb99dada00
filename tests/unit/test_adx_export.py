"""ADX from the consolidation, validated against IHE's loose ADX schema (dhis2/adx) and the
stricter rules the export promises (one group per org unit and period, decimal values, periods
as ISO 8601 start/duration)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]

from tests.unit.dhis2_fixtures import MAPPING, small_consolidation
from treem_desktop.office.adx import ADX_NAMESPACE, adx_bytes, adx_period, write_adx
from treem_desktop.office.dhis2 import data_values
from treem_desktop.office.mapping import Dhis2Mapping, mapping_from_json

REFERENCE = Path("/work/shared/reference/adx")
ADX_SCHEMA = REFERENCE / "adx_loose.xsd"
EXPORTED = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
NS = {"adx": ADX_NAMESPACE}

pytestmark = pytest.mark.skipif(not ADX_SCHEMA.exists(), reason="the ADX reference schema")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ADX_SCHEMA)))


def test_the_schema_accepts_its_own_sample_and_refuses_a_text_value(
    schema: etree.XMLSchema,
) -> None:
    sample = etree.parse(str(REFERENCE / "adx_data_sample1.xml"))
    assert schema.validate(sample)
    bad = etree.fromstring(adx_bytes(data_values(small_consolidation(), _mapping()), EXPORTED))
    bad.find("adx:group/adx:dataValue", NS).set("value", "865,5")
    assert not schema.validate(bad)


def test_periods_are_iso_start_and_duration() -> None:
    assert adx_period("2026") == "2026-01-01/P1Y"
    assert adx_period("2026-H1") == "2026-01-01/P6M"
    assert adx_period("2026-H2") == "2026-07-01/P6M"


@pytest.mark.parametrize("period", ["2026", "2026-H2"])
def test_the_export_is_valid_adx_with_one_group_per_org_unit(
    schema: etree.XMLSchema, tmp_path: Path, period: str
) -> None:
    path = tmp_path / "tong-hop.adx.xml"
    done = write_adx(small_consolidation(period), _mapping(), path, EXPORTED)
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log
    root = document.getroot()
    assert root.get("exported") == "2026-12-07T09:30:00+07:00"
    groups = root.findall("adx:group", NS)
    keys = [(g.get("orgUnit"), g.get("period")) for g in groups]
    assert len(keys) == len(set(keys)) == 3  # two communes and the province
    assert {p for _o, p in keys} == {adx_period(period)}
    values = root.findall("adx:group/adx:dataValue", NS)
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", v.get("value")) for v in values)
    assert done.values == len(values)
    province = next(g for g in groups if g.get("orgUnit") == "ouDienBien1")
    neonatal = province.find("adx:dataValue[@dataElement='deNeonatal1']", NS)
    assert neonatal.get("value") == "10" and neonatal.get("AREA") == "RURAL"


def test_an_export_time_without_its_zone_is_refused() -> None:
    with pytest.raises(ValueError):
        adx_bytes([], dt.datetime(2026, 12, 7))


def _mapping() -> Dhis2Mapping:
    return mapping_from_json(MAPPING)
