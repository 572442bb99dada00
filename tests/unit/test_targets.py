"""Target against actual, respecting direction and comparison; province files override targets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treem_desktop.errors import TreemError
from treem_desktop.i18n import set_language
from treem_desktop.indicators import (
    TargetStatus,
    apply_override,
    override_from_bytes,
    shipped_indicator_set,
    status_across_periods,
    target_status,
)
from treem_desktop.indicators.model import (
    Comparison,
    Direction,
    Indicator,
    OriginKind,
    Status,
    Target,
    TargetKind,
    TargetOverride,
)
from treem_desktop.indicators.targets import describe_target, status_label, target_for_period
from treem_desktop.standards.model import Value

DATA = Path(__file__).resolve().parents[1] / "data" / "targets"
HANOI = DATA / "ha-noi-138-2021-example.json"
HUE = DATA / "thua-thien-hue-2020-example.json"
NAP = shipped_indicator_set("nap-2021-2030")
MET, NOT_MET = TargetStatus.MET, TargetStatus.NOT_MET
NO_DATA, UNKNOWN = TargetStatus.NO_DATA, TargetStatus.UNKNOWN_TARGET


def indicator(direction: str) -> Indicator:
    return Indicator("ct99", {"vi": "thử"}, "percent", Direction(direction), {})


def threshold(value: float | None, comparison: str | None = None) -> Target:
    status = Status.UNKNOWN if value is None else Status.CONFIRMED
    return Target(
        TargetKind.THRESHOLD, Value(value, status), Comparison(comparison) if comparison else None
    )


def reduction(low: float = 2, high: float = 3) -> Target:
    return Target(
        TargetKind.REDUCE_BY_PERCENT_PER_YEAR,
        Value(low, Status.CONFIRMED),
        high=Value(high, Status.CONFIRMED),
    )


def override_doc(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def load_override(doc: dict[str, Any]) -> TargetOverride:
    return override_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), "test.json")


# --- target_status ---------------------------------------------------------------------

CASES = [
    # direction, comparison, target, actual, expected
    ("higher", "at_least", 90, 90, MET),
    ("higher", "at_least", 90, 90.01, MET),
    ("higher", "at_least", 90, 89.99, NOT_MET),
    ("higher", "above", 60, 60, NOT_MET),
    ("higher", "above", 60, 60.1, MET),
    ("higher", "equal", 100, 100, MET),
    ("higher", "equal", 100, 99.9, NOT_MET),
    ("higher", None, 95, 95, MET),  # plain value: at least
    ("higher", None, 95, 94, NOT_MET),
    ("lower", "below", 9.5, 9.4, MET),  # "< 9.5 per 1,000"
    ("lower", "below", 9.5, 9.5, NOT_MET),
    ("lower", "below", 9.5, 9.6, NOT_MET),
    ("lower", "at_most", 4.9, 4.9, MET),
    ("lower", "at_most", 4.9, 4.91, NOT_MET),
    ("lower", None, 12.5, 12.5, MET),  # plain value: at most
    ("lower", None, 12.5, 12.6, NOT_MET),
    ("lower", "equal", 0, 0, MET),
    ("higher", "at_least", 90, None, NO_DATA),
    ("lower", "below", 9.5, None, NO_DATA),
    ("higher", None, None, 50, UNKNOWN),
    ("lower", None, None, None, UNKNOWN),  # no target comes first: nothing can be judged
]


@pytest.mark.parametrize(("direction", "comparison", "limit", "actual", "expected"), CASES)
def test_target_status(
    direction: str,
    comparison: str | None,
    limit: float | None,
    actual: float | None,
    expected: TargetStatus,
) -> None:
    status = target_status(indicator(direction), threshold(limit, comparison), actual)
    assert status is expected


def test_no_target_at_all_is_an_unknown_target() -> None:
    assert target_status(indicator("higher"), None, 50) is UNKNOWN


def test_rounding_noise_does_not_flip_a_boundary() -> None:
    computed = 19 / 2000 * 1000  # 9.5 per 1,000 from the counts
    assert target_status(indicator("lower"), threshold(9.5, "below"), computed) is NOT_MET
    assert target_status(indicator("higher"), threshold(0.3, "at_least"), 0.1 + 0.2) is MET


def test_the_shipped_neonatal_target_below_9_5() -> None:
    neonatal = NAP.indicator("ct03a")
    assert target_status(neonatal, neonatal.target(2025), 9.4) is MET
    assert target_status(neonatal, neonatal.target(2025), 9.5) is NOT_MET
    assert target_status(neonatal, neonatal.target(2030), 9.4) is NOT_MET  # below 9 by 2030
    hiv = NAP.indicator("ct06")
    assert target_status(hiv, hiv.target(2025), 1.0) is UNKNOWN


@pytest.mark.parametrize(
    ("previous", "actual", "expected"),
    [
        (100, 98, MET),  # 2% fewer child marriages
        (100, 97.5, MET),
        (100, 99, NOT_MET),  # 1%
        (50, 49, MET),  # 2%
        (40, 45, NOT_MET),  # more than last year
        (0, 0, MET),  # none last year, none this year
        (0, 1, NOT_MET),
        (None, 10, NO_DATA),
    ],
)
def test_yearly_reduction(previous: float | None, actual: float, expected: TargetStatus) -> None:
    marriage = NAP.indicator("ct13")
    assert target_status(marriage, marriage.target(2025), actual, previous) is expected


@given(
    limit=st.floats(0, 1000, allow_nan=False),
    actual=st.floats(0, 1000, allow_nan=False),
    rise=st.floats(0, 1000, allow_nan=False),
)
def test_raising_the_actual_never_turns_met_into_not_met(
    limit: float, actual: float, rise: float
) -> None:
    higher, target = indicator("higher"), threshold(limit, "at_least")
    if target_status(higher, target, actual) is MET:
        assert target_status(higher, target, actual + rise) is MET


@given(
    limit=st.floats(0, 1000, allow_nan=False),
    actual=st.floats(0, 1000, allow_nan=False),
    fall=st.floats(0, 1000, allow_nan=False),
)
def test_lowering_the_actual_never_turns_met_into_not_met_when_lower_is_better(
    limit: float, actual: float, fall: float
) -> None:
    lower, target = indicator("lower"), threshold(limit, "below")
    if target_status(lower, target, actual) is MET:
        assert target_status(lower, target, max(0.0, actual - fall)) is MET


def test_the_target_of_a_period_is_its_own_year_or_the_next_milestone() -> None:
    neonatal = NAP.indicator("ct03a")
    assert target_for_period(neonatal, "2023") == (2025, neonatal.targets[2025])
    assert target_for_period(neonatal, "2025-H1") == (2025, neonatal.targets[2025])
    assert target_for_period(neonatal, "2026-H2") == (2030, neonatal.targets[2030])
    assert target_for_period(neonatal, "2031") is None


def test_status_across_years_and_half_years() -> None:
    neonatal = NAP.indicator("ct03a")
    actuals = {"2024": 9.8, "2025": 9.4, "2026-H1": 9.2, "2027": None, "2031": 8.0}
    trend = status_across_periods(neonatal, actuals)
    assert [(p.period, p.target_year, p.status) for p in trend] == [
        ("2024", 2025, NOT_MET),
        ("2025", 2025, MET),
        ("2026-H1", 2030, NOT_MET),
        ("2027", 2030, NO_DATA),
        ("2031", None, UNKNOWN),
    ]


def test_child_marriage_across_years_compares_with_the_year_before() -> None:
    trend = status_across_periods(NAP.indicator("ct13"), {"2025": 100, "2026": 97, "2027": 96})
    assert [p.status for p in trend] == [NO_DATA, MET, NOT_MET]


def test_describing_targets_and_statuses() -> None:
    set_language("en")
    assert (
        describe_target(NAP.indicator("ct03a").target(2025), NAP.indicator("ct03a"), NAP.units)
        == "< 9.5‰"
    )
    assert (
        describe_target(NAP.indicator("ct01").target(2025), NAP.indicator("ct01"), NAP.units)
        == "≥ 65%"
    )
    ct22 = NAP.indicator("ct22")
    assert describe_target(ct22.target(2025), ct22, NAP.units) == "≥ 30%*"  # single source
    assert (
        describe_target(NAP.indicator("ct06").target(2025), NAP.indicator("ct06"), NAP.units)
        == "No official target"
    )
    ct13 = NAP.indicator("ct13")
    assert describe_target(ct13.target(2025), ct13, NAP.units) == "reduce by 2–3% a year"
    assert [status_label(s) for s in TargetStatus] == [
        "Met",
        "Not met",
        "No data",
        "No official target",
    ]
    set_language("vi")
    assert (
        describe_target(NAP.indicator("ct11a").target(2025), NAP.indicator("ct11a"), NAP.units)
        == "≤ 550/100.000"
    )
    assert (
        describe_target(NAP.indicator("ct03a").target(2025), NAP.indicator("ct03a"), NAP.units)
        == "< 9,5‰"
    )


# --- Province targets ------------------------------------------------------------------


def test_a_province_file_overrides_national_targets_and_records_the_province() -> None:
    hanoi = load_override(override_doc(HANOI))
    applied = apply_override(NAP, hanoi)
    underweight = applied.indicator("ct04a")
    assert underweight.targets[2025].value.value == 7.3
    assert underweight.targets[2030].value.value == 6.8
    origin = underweight.targets[2025].origin
    assert origin is not None and origin.kind is OriginKind.PROVINCE
    assert (origin.province_code, origin.legal_number) == ("01", "138/KH-UBND")
    assert applied.indicator("ct04b").targets[2025].comparison is Comparison.BELOW
    assert applied.indicator("ct04b").targets[2025].value.value == 12
    # Untouched indicators keep the national target; the set itself never changes.
    assert applied.indicator("ct03a").targets[2025].origin == NAP.origin
    assert NAP.indicator("ct04a").targets[2025].value.value == 9
    assert applied.overrides == (hanoi.origin,) and applied.sha256 == NAP.sha256
    origins = {t.origin for i in applied.indicators for t in i.targets.values()}
    assert origins == {NAP.origin, hanoi.origin}


def test_the_same_value_can_meet_the_national_target_and_miss_the_provinces() -> None:
    applied = apply_override(NAP, load_override(override_doc(HANOI)))
    national, hanoi = NAP.indicator("ct04a"), applied.indicator("ct04a")
    assert target_status(national, national.target(2025), 8.0) is MET  # below 9%
    assert target_status(hanoi, hanoi.target(2025), 8.0) is NOT_MET  # at most 7.3%


def test_seed_003_adds_its_2020_targets_and_its_own_indicators() -> None:
    hue = load_override(override_doc(HUE))
    assert (hue.province_code, hue.legal_year) == ("46", 2020)
    assert hue.legal_number is None and hue.legal_date is None  # not in the seed's copy
    applied = apply_override(NAP, hue)
    play = applied.indicator("ct21")
    assert (
        play.targets[2020].comparison is Comparison.ABOVE and play.targets[2025].value.value == 40
    )
    assert target_status(play, play.target(2020), 60) is NOT_MET  # "trên 60%"
    assert target_status(play, play.target(2020), 60.5) is MET
    injuries = applied.indicator("ct11a")
    assert target_status(injuries, injuries.target(2020), 600) is MET
    own = [i for i in applied.indicators if i.province_only]
    assert len(own) == 12 and all(i.id.startswith("p-") for i in own)
    assert len(hue.entries) + len(own) == 18  # the plan's 14 items, some with two measures
    level = applied.indicator("p-pcgd-tieu-hoc-muc-do")
    assert applied.units[level.unit].label["vi"] == "mức độ"
    assert target_status(level, level.target(2020), 3) is MET
    assert applied.indicator("p-khai-sinh-dung-han").related == "ct14"


def test_an_override_with_an_unknown_indicator_is_refused_naming_it() -> None:
    doc = override_doc(HUE)
    doc["targets"][2]["indicator"] = "ct99"
    with pytest.raises(TreemError) as caught:
        apply_override(NAP, load_override(doc))
    error = caught.value
    assert error.code == "TARGETS_INVALID" and error.field == "$.targets[2].indicator"
    assert "ct99" in error.params["technical"] and "ct99" not in error.message()
    assert "Mục chỉ tiêu thứ 3 của tệp, năm 2020: chỉ tiêu được nêu không có trong" in (
        error.message()
    )
    assert "ct99" not in NAP.ids()


def test_an_override_for_another_set_or_against_the_direction_is_refused() -> None:
    doc = override_doc(HANOI)
    doc["applies_to"]["indicator_set"] = "nap-2012-2020"
    with pytest.raises(TreemError) as caught:
        apply_override(NAP, load_override(doc))
    assert caught.value.field == "$.applies_to.indicator_set"
    assert "nap-2012-2020" in caught.value.params["technical"]
    assert "tệp dành cho một bộ chỉ tiêu khác" in caught.value.message()
    doc = override_doc(HANOI)
    doc["targets"][0]["target"]["comparison"] = "at_least"  # underweight: lower is better
    with pytest.raises(TreemError) as caught:
        apply_override(NAP, load_override(doc))
    assert "lower-is-better" in caught.value.params["technical"]
    assert caught.value.field == "$.targets[0]"
    assert "Chỉ tiêu 4a, năm 2025: mức chỉ tiêu “ít nhất” không phù hợp" in caught.value.message()


def test_province_indicators_may_not_take_national_ids_or_unknown_references() -> None:
    doc = override_doc(HUE)
    doc["extra_indicators"][0]["id"] = "ct01"
    with pytest.raises(TreemError) as caught:
        load_override(doc)
    assert caught.value.field == "$.extra_indicators[0].id"
    assert caught.value.params["where"].startswith("Chỉ tiêu riêng của tỉnh “")
    doc = override_doc(HUE)
    doc["extra_indicators"][0]["related"] = "ct98"
    with pytest.raises(TreemError) as caught:
        apply_override(NAP, load_override(doc))
    assert caught.value.field == "$.extra_indicators[0].related"
    assert "ct98" in caught.value.params["technical"]
    assert "chỉ tiêu liên quan được nêu không có trong" in caught.value.message()
    doc = override_doc(HUE)
    doc["extra_indicators"][0]["unit"] = "bananas"
    with pytest.raises(TreemError) as caught:
        apply_override(NAP, load_override(doc))
    assert caught.value.field == "$.extra_indicators[0].unit"
    assert "bananas" in caught.value.params["technical"]
    assert "đơn vị tính không có trong" in caught.value.message()


def test_broken_province_files_are_refused_with_the_reason() -> None:
    doc = override_doc(HANOI)
    doc["legal_basis"]["number"] = {"value": None, "status": "confirmed"}
    with pytest.raises(TreemError) as caught:
        load_override(doc)
    assert caught.value.field is not None and caught.value.field.startswith("$.legal_basis")
    assert caught.value.params["where"].startswith("Căn cứ pháp lý")
    doc = override_doc(HANOI)
    doc["targets"].append(doc["targets"][0])
    with pytest.raises(TreemError) as caught:
        load_override(doc)
    assert "two targets for ct04a in 2025" in caught.value.params["technical"]
    assert "Chỉ tiêu 4a, năm 2025: tệp nêu hai mức chỉ tiêu" in caught.value.message()
    doc = override_doc(HANOI)
    doc["targets"][0]["target"]["value"]["source"] = "rumour"
    with pytest.raises(TreemError) as caught:
        load_override(doc)
    assert caught.value.field == "$.targets[0].target.value.source"
    assert "rumour" in caught.value.params["technical"]
    assert "nêu một nguồn không có trong danh sách nguồn" in caught.value.message()
    with pytest.raises(TreemError) as caught:
        override_from_bytes(b"[1, 2", "x.json")
    assert caught.value.code == "STANDARD_NOT_JSON"


def test_both_example_files_pass_their_schema_and_every_source_exists() -> None:
    import jsonschema

    from treem_desktop.paths import forms_dir

    schema = json.loads((forms_dir() / "schema" / "target-override.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in (HANOI, HUE):
        doc = override_doc(path)
        jsonschema.Draft202012Validator(schema).validate(doc)
        loaded = override_from_bytes(path.read_bytes(), str(path))
        cited = {e.target.value.source for e in loaded.entries if e.target.value.source is not None}
        assert cited and cited <= set(doc["sources"])
