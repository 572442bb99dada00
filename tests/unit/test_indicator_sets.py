"""Decision 23/QĐ-TTg as data: every shipped indicator set passes its schema and says honestly
what is confirmed; broken files are refused with the reason."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from treem_desktop.errors import TreemError
from treem_desktop.indicators.loader import (
    INDICATOR_SET,
    indicator_set_from_bytes,
    shipped_files,
    shipped_indicator_set,
    shipped_indicator_sets,
)
from treem_desktop.indicators.model import (
    Comparison,
    Direction,
    OriginKind,
    Status,
    TargetKind,
)
from treem_desktop.paths import forms_dir
from treem_desktop.standards.loader import canonical_bytes

SCHEMA = json.loads((forms_dir() / "schema" / "indicator-set.schema.json").read_text("utf-8"))
NAP = forms_dir() / "nap-2021-2030" / "v3.json"  # the newest version
NAP_V2 = forms_dir() / "nap-2021-2030" / "v2.json"  # kept, and still read, for older data
NAP_V1 = forms_dir() / "nap-2021-2030" / "v1.json"  # kept, and still read, for older data

# Every id ever published: ids are stable and never reused, so this list only grows.
NAP_IDS = [
    "ct01", "ct02", "ct03a", "ct03b", "ct03c", "ct04a", "ct04b", "ct04c-rural", "ct04c-urban",
    "ct05a", "ct05b", "ct06", "ct07",
    "ct08a", "ct08b", "ct09", "ct10", "ct11a", "ct11b", "ct12", "ct13", "ct14",
    "ct15", "ct16", "ct17a", "ct17b", "ct18a", "ct18b", "ct19", "ct20a", "ct20b", "ct21",
    "ct22", "ct23", "ct24",
]  # fmt: skip
SINGLE_SOURCE_VALUES = {
    "ct15", "ct17b", "ct18a", "ct18b", "ct19", "ct20a", "ct20b", "ct22", "ct23", "ct24",
}  # fmt: skip


def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(NAP.read_text(encoding="utf-8"))
    return loaded


def refused(doc: object, code: str = "STANDARD_INVALID") -> TreemError:
    raw = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode()
    with pytest.raises(TreemError) as caught:
        indicator_set_from_bytes(raw, "test.json")
    assert caught.value.code == code, caught.value.message()
    return caught.value


def walk(node: object) -> list[object]:
    found: list[object] = [node]
    if isinstance(node, dict):
        for child in node.values():
            found += walk(child)
    elif isinstance(node, list):
        for child in node:
            found += walk(child)
    return found


def indicator_doc(doc: dict[str, Any], indicator_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in doc["indicators"] if i["id"] == indicator_id)
    return found


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", shipped_files(INDICATOR_SET), ids=lambda p: p.parent.name)
def test_every_shipped_indicator_set_passes_the_schema_and_loads(path: Path) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(path.read_bytes()))
    loaded = indicator_set_from_bytes(path.read_bytes(), str(path))
    assert path.name == f"v{loaded.version}.json" and path.parent.name == loaded.id


def test_decision_23_is_shipped_with_its_legal_basis() -> None:
    assert [(s.id, s.version) for s in shipped_indicator_sets()] == [
        ("nap-2021-2030", 1),
        ("nap-2021-2030", 2),
        ("nap-2021-2030", 3),
    ]
    nap = shipped_indicator_set("nap-2021-2030")
    assert (nap.legal_number, nap.legal_date) == ("23/QĐ-TTg", "2021-01-07")
    assert nap.period == (2021, 2030) and nap.target_years == (2025, 2030)
    assert [o.number for o in nap.objectives] == [1, 2, 3, 4]


def test_all_24_indicators_are_there_split_into_their_parts_with_stable_ids() -> None:
    nap = shipped_indicator_set("nap-2021-2030")
    assert nap.ids() == NAP_IDS
    numbers = {int(re.match(r"\d+", i.number or "")[0]) for i in nap.indicators}  # type: ignore[index]
    assert numbers == set(range(1, 25))
    assert all(re.fullmatch(r"ct\d{2}[a-z]?(-[a-z]+)?", i) for i in nap.ids())
    for indicator in nap.indicators:
        digits = re.match(r"ct0?(\d+)", indicator.id)
        assert digits and (indicator.number or "").startswith(digits[1]), indicator.id
    by_objective = {o: [i.number for i in nap.indicators if i.objective == o] for o in (1, 2, 3, 4)}
    assert by_objective[1] == [
        "1",
        "2",
        "3a",
        "3b",
        "3c",
        "4a",
        "4b",
        "4c",
        "4c",
        "5a",
        "5b",
        "6",
        "7",
    ]
    assert by_objective[4] == ["22", "23", "24"]


def test_targets_and_directions_as_the_reference_gives_them() -> None:
    nap = shipped_indicator_set("nap-2021-2030")
    neonatal = nap.indicator("ct03a")
    assert neonatal.direction is Direction.LOWER and neonatal.unit == "per_1000_live_births"
    t2025 = neonatal.targets[2025]
    assert (t2025.comparison, t2025.value.value, t2025.value.status) == (
        Comparison.BELOW,
        9.5,
        Status.CONFIRMED,
    )
    assert nap.indicator("ct03b").targets[2025].comparison is None  # "xuống 12,5": plain value
    assert (
        nap.indicator("ct03b").targets[2025].comparison_for(Direction.LOWER) is Comparison.AT_MOST
    )
    assert nap.indicator("ct01").direction is Direction.HIGHER
    assert nap.indicator("ct01").targets[2030].value.value == 75
    assert nap.indicator("ct11a").unit == "per_100000_children"
    assert nap.indicator("ct11a").targets[2025].value.value == 550
    assert (
        nap.indicator("ct04c-rural").targets[2030].value.value,
        nap.indicator("ct04c-urban").targets[2030].value.value,
    ) == (5, 10)
    assert nap.indicator("ct14").targets[2025].value.value == 98.5
    assert nap.indicator("ct16").targets[2030].value.value == 99.3


def test_child_marriage_is_a_yearly_reduction_not_a_plain_number() -> None:
    marriage = shipped_indicator_set("nap-2021-2030").indicator("ct13")
    assert marriage.unit == "count" and marriage.direction is Direction.LOWER
    for year in (2025, 2030):
        target = marriage.targets[year]
        assert target.kind is TargetKind.REDUCE_BY_PERCENT_PER_YEAR
        assert (target.value.value, target.high and target.high.value) == (2, 3)
        assert target.confirmed


def test_unknown_targets_are_unknown_not_invented() -> None:
    nap = shipped_indicator_set("nap-2021-2030")
    unknown = sorted(
        (i.id, year) for i in nap.indicators for year, t in i.targets.items() if not t.known
    )
    assert unknown == [("ct05b", 2025), ("ct06", 2025), ("ct19", 2030)]
    assert nap.indicator("ct06").targets[2030].value.value == 2


def test_single_source_values_are_marked_and_ct15_is_flagged() -> None:
    nap = shipped_indicator_set("nap-2021-2030")
    single = {
        i.id
        for i in nap.indicators
        for t in i.targets.values()
        if t.known and t.value.status is Status.SINGLE_SOURCE
    }
    assert single == SINGLE_SOURCE_VALUES
    confirmed = {i.id for i in nap.indicators if all(t.confirmed for t in i.targets.values())}
    assert confirmed.isdisjoint(SINGLE_SOURCE_VALUES) and "ct03a" in confirmed
    ct15 = nap.indicator("ct15")
    assert ct15.caveat and "16" in ct15.caveat["vi"] and "16" in (ct15.caveat.get("en") or "")
    assert ct15.targets[2025].value.value == nap.indicator("ct16").targets[2025].value.value
    # Objective 1 numbering is confirmed (lawnet); objectives 2-4 come from one restatement.
    assert {i.number_status for i in nap.indicators if i.objective == 1} == {Status.CONFIRMED}
    assert {i.number_status for i in nap.indicators if i.objective != 1} == {Status.SINGLE_SOURCE}


def test_version_1_still_loads_and_its_province_mark_reads_as_province_and_national() -> None:
    v1 = indicator_set_from_bytes(NAP_V1.read_bytes(), str(NAP_V1))
    assert v1.version == 1 and v1.ids() == NAP_IDS
    levels = {i.id: (i.level, i.level_status) for i in v1.indicators if i.level}
    assert levels == {
        "ct01": ("province", Status.INFERRED),
        "ct21": ("province", Status.INFERRED),
    }
    assert v1.indicator("ct01").levels == ("province", "national")
    assert v1.indicator("ct02").levels == ("commune", "province", "national")
    assert {i.area for i in v1.indicators} == {None}


def test_version_2_only_adds_levels_and_areas_to_version_1() -> None:
    v1 = json.loads(NAP_V1.read_text(encoding="utf-8"))
    v2 = json.loads(NAP_V2.read_text(encoding="utf-8"))
    assert v2["version"] == 2 and v2["replaces"] == {"id": "nap-2021-2030", "version": 1}
    for old, new in zip(v1["indicators"], v2["indicators"], strict=True):
        kept = {k: v for k, v in new.items() if k not in ("levels", "area")}
        assert kept == {k: v for k, v in old.items() if k != "level"}, old["id"]
    for key in set(v1) - {"version", "notes", "indicators"}:
        assert v2[key] == v1[key], key


def test_every_level_is_marked_a_judgement_with_its_reason() -> None:
    nap = shipped_indicator_set("nap-2021-2030")
    for indicator in nap.indicators:
        assert indicator.levels_status is Status.INFERRED and indicator.levels_note, indicator.id
        assert "national" in indicator.levels and "province" in indicator.levels
    not_commune = {i.id for i in nap.indicators if "commune" not in i.levels}
    assert not_commune == {"ct01", "ct21"}  # a share of communes: the province computes it
    assert {i.id: i.area for i in nap.indicators if i.area} == {
        "ct04c-rural": "rural",
        "ct04c-urban": "urban",
    }


def test_every_national_target_names_the_set_as_its_origin() -> None:
    nap = shipped_indicator_set("nap-2021-2030")
    origins = {t.origin for i in nap.indicators for t in i.targets.values()}
    assert origins == {nap.origin}
    assert nap.origin.kind is OriginKind.NATIONAL and nap.origin.legal_number == "23/QĐ-TTg"
    assert nap.overrides == ()


def test_every_cited_source_exists_and_has_an_address() -> None:
    doc = document()
    cited = {
        v[key]
        for v in walk(doc)
        if isinstance(v, dict)
        for key in ("source", "label_source")
        if isinstance(v.get(key), str)
    }
    assert cited <= set(doc["sources"])
    assert {"luatvietnam", "student-site", "tvpl-khai-sinh", "lawnet"} <= cited
    assert all(s["url"].startswith("https://") for s in doc["sources"].values())


def test_a_value_is_null_only_when_unknown() -> None:
    values = [v for v in walk(document()) if isinstance(v, dict) and {"value", "status"} <= set(v)]
    assert len(values) > 70
    for value in values:
        assert (value["value"] is None) == (value["status"] == "unknown"), value


def test_sha256_is_over_canonical_content() -> None:
    doc = document()
    compact = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    spaced = json.dumps(doc, ensure_ascii=True, indent=4).encode()
    first = indicator_set_from_bytes(compact, "a")
    assert first.sha256 == indicator_set_from_bytes(spaced, "b").sha256
    assert first.sha256 == hashlib.sha256(canonical_bytes(doc)).hexdigest()
    assert first.sha256 == shipped_indicator_set("nap-2021-2030").sha256
    indicator_doc(doc, "ct01")["targets"]["2025"]["value"]["value"] = 66
    assert indicator_set_from_bytes(json.dumps(doc).encode(), "c").sha256 != first.sha256


def test_the_loaded_set_cannot_be_changed_in_place() -> None:
    nap = shipped_indicator_set("nap-2021-2030")
    with pytest.raises(TypeError):
        nap.indicator("ct01").targets[2025] = nap.indicator("ct01").targets[2030]  # type: ignore[index]


# --- Broken files ----------------------------------------------------------------------


def test_not_json_unknown_version_and_huge_files_are_refused() -> None:
    refused(b"\xff\xfe not json", "STANDARD_NOT_JSON")
    doc = document()
    doc["spec_version"] = 2
    assert "2" in refused(doc, "STANDARD_UNKNOWN_VERSION").message()
    refused(b" " * 2_000_001, "STANDARD_TOO_LARGE")


def test_a_file_of_another_kind_is_refused_by_its_kind() -> None:
    standard = (forms_dir() / "qd-06-2019" / "v1.json").read_bytes()
    error = refused(standard)
    assert error.field == "$.kind" and "standard" in error.params["technical"]
    assert error.params["detail"] == "không phải là một bộ chỉ tiêu"


def test_a_number_without_honest_provenance_is_refused() -> None:
    doc = document()
    indicator_doc(doc, "ct06")["targets"]["2025"]["value"]["status"] = "confirmed"  # null value
    error = refused(doc)
    assert error.field is not None and error.field.startswith("$.indicators[11]")
    assert error.params["where"].startswith("Chỉ tiêu thứ 12 của danh sách")
    doc = document()
    indicator_doc(doc, "ct01")["targets"]["2025"]["value"]["status"] = "unknown"  # 65, unknown
    refused(doc)


def test_an_unknown_source_is_refused_and_named() -> None:
    doc = document()
    indicator_doc(doc, "ct09")["targets"]["2030"]["value"]["source"] = "nowhere"
    assert "nowhere" in refused(doc).message()


def test_duplicate_ids_unknown_units_and_objectives_are_refused() -> None:
    doc = document()
    doc["indicators"][1]["id"] = "ct01"
    assert "ct01" in refused(doc).message()
    doc = document()
    indicator_doc(doc, "ct02")["unit"] = "per_mille"
    assert "per_mille" in refused(doc).message()
    doc = document()
    indicator_doc(doc, "ct02")["objective"] = 9
    assert "objective 9" in refused(doc).message()


def test_a_missing_target_year_is_refused_not_left_out() -> None:
    doc = document()
    del indicator_doc(doc, "ct06")["targets"]["2025"]
    error = refused(doc)
    assert error.params["where"] == "ct06" and "2025" in error.message()


def test_a_target_against_the_direction_is_refused() -> None:
    doc = document()
    indicator_doc(doc, "ct03a")["targets"]["2025"]["comparison"] = "at_least"
    assert "ct03a 2025" in refused(doc).message()
    doc = document()
    reduce = copy.deepcopy(indicator_doc(doc, "ct13")["targets"]["2025"])
    indicator_doc(doc, "ct01")["targets"]["2025"] = reduce
    assert "lower-is-better" in refused(doc).message()
