"""Standards as data: every shipped file passes the schema, and bad files are refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from treem_desktop.errors import TreemError
from treem_desktop.paths import forms_dir
from treem_desktop.standards.loader import (
    canonical_bytes,
    load_shipped,
    shipped_standard_files,
    standard_from_bytes,
)
from treem_desktop.standards.model import InputKind, Status

SCHEMA = json.loads((forms_dir() / "schema" / "standard.schema.json").read_text(encoding="utf-8"))
QD06 = forms_dir() / "qd-06-2019" / "v1.json"


def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(QD06.read_text(encoding="utf-8"))
    return loaded


def refused(doc: object, code: str) -> TreemError:
    raw = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode()
    with pytest.raises(TreemError) as caught:
        standard_from_bytes(raw, "test.json")
    assert caught.value.code == code, caught.value.message()
    return caught.value


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", shipped_standard_files(), ids=lambda p: p.parent.name)
def test_every_shipped_standard_passes_the_schema_and_loads(path: Path) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(path.read_bytes()))
    standard = load_shipped(path)
    assert path.name == f"v{standard.version}.json" and path.parent.name == standard.id


def test_decision_06_has_13_criteria_in_order_with_official_clause_letters() -> None:
    standard = load_shipped(QD06)
    assert [c.id for c in standard.criteria] == [f"c{n}" for n in range(1, 14)]
    assert "".join(c.clause for c in standard.criteria) == "abcdđeghiklmn"
    assert standard.criteria[5].name["vi"] == "Trẻ em có hoàn cảnh đặc biệt được trợ giúp"
    assert all(c.name_status is Status.CONFIRMED for c in standard.criteria)


def test_the_values_confirmed_today_are_marked_confirmed() -> None:
    standard = load_shipped(QD06)
    assert {k: (v.value, v.confirmed) for k, v in standard.categories.items()} == {
        "phuong-tw": (900, True),
        "mien-nui-hai-dao-dbkk": (800, True),
        "con-lai": (850, True),
    }
    assert standard.no_zero_criterion.value is True and standard.no_zero_criterion.confirmed
    c6, c7 = standard.criterion("c6"), standard.criterion("c7")
    assert (c6.max_points.value, c6.max_points.confirmed) == (125, True)
    assert (c7.max_points.value, c7.max_points.confirmed) == (50, True)
    band_6a = c6.sub_indicators[0].rule.bands[0]
    assert (band_6a.limit.value, band_6a.points.value, band_6a.points.confirmed) == (95, 50, True)
    band_6b = c6.sub_indicators[1].rule.bands[0]
    assert (band_6b.limit.value, band_6b.points.value) == (100, 75)
    band_7 = c7.sub_indicators[0].rule.bands[0]
    assert (band_7.limit.value, band_7.points.value) == (98, 50)


def test_nothing_unconfirmed_pretends_to_be_confirmed() -> None:
    standard = load_shipped(QD06)
    assert not standard.max_total.confirmed  # 1,000 is only inferred
    assert not standard.criterion("c1").max_points.confirmed  # one secondary source
    unknown = [c.id for c in standard.criteria if not c.max_points.known]
    assert unknown == ["c2", "c3", "c4", "c5", "c8", "c9", "c10", "c11", "c12", "c13"]
    for criterion in standard.criteria:
        for sub in criterion.sub_indicators:
            if not criterion.max_points.confirmed:
                assert sub.status is not Status.CONFIRMED or criterion.id in ("c6", "c7")


def test_every_value_names_a_known_source() -> None:
    raw = QD06.read_text(encoding="utf-8")
    doc = json.loads(raw)
    cited = {
        v["source"]
        for v in _walk(doc)
        if isinstance(v, dict) and "source" in v and isinstance(v["source"], str)
    }
    assert cited <= set(doc["sources"])


def _walk(node: object) -> list[object]:
    found: list[object] = [node]
    if isinstance(node, dict):
        for child in node.values():
            found += _walk(child)
    elif isinstance(node, list):
        for child in node:
            found += _walk(child)
    return found


def test_ids_follow_the_scheme_and_inputs_have_kinds() -> None:
    standard = load_shipped(QD06)
    inputs = standard.inputs()
    assert "c6.a.numerator" in inputs and inputs["c6.a.numerator"].kind is InputKind.NUMERATOR
    assert inputs["c6.a.points"].kind is InputKind.POINTS
    for sub in standard.sub_indicators():
        criterion_id = sub.id.split(".")[0]
        assert all(i.id.startswith(sub.id + ".") for i in sub.inputs)
        assert criterion_id in {c.id for c in standard.criteria}


def test_sha256_is_over_canonical_content_so_formatting_does_not_matter() -> None:
    doc = document()
    compact = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    spaced = json.dumps(doc, ensure_ascii=True, indent=4).encode()
    first = standard_from_bytes(compact, "a")
    second = standard_from_bytes(spaced, "b")
    assert first.sha256 == second.sha256 == load_shipped(QD06).sha256
    import hashlib

    assert first.sha256 == hashlib.sha256(canonical_bytes(doc)).hexdigest()
    doc["criteria"][5]["max_points"]["value"] = 126
    assert standard_from_bytes(json.dumps(doc).encode(), "c").sha256 != first.sha256


def test_not_json_is_refused() -> None:
    refused(b"\xff\xfe not json", "STANDARD_NOT_JSON")
    refused(b"{", "STANDARD_NOT_JSON")


def test_an_unknown_spec_version_is_refused() -> None:
    doc = document()
    doc["spec_version"] = 2
    error = refused(doc, "STANDARD_UNKNOWN_VERSION")
    assert "2" in error.message()


def test_an_official_looking_number_without_provenance_is_refused() -> None:
    doc = document()
    doc["criteria"][1]["max_points"] = {"value": 75, "status": "unknown"}
    error = refused(doc, "STANDARD_INVALID")
    assert error.field is not None and "criteria" in error.field  # the JSON place: log, --json
    assert "Tiêu chí 2" in error.message() and "criteria" not in error.message()
    doc = document()
    del doc["criteria"][5]["max_points"]["status"]
    refused(doc, "STANDARD_INVALID")


def test_a_rule_reading_a_missing_input_is_refused() -> None:
    doc = document()
    doc["criteria"][5]["sub_indicators"][0]["rule"]["numerator"] = "c6.a.nothing"
    error = refused(doc, "STANDARD_INVALID")
    assert "Nội dung 6.1" in error.message() and "c6.a" not in error.message()
    assert "c6.a.nothing" in error.params["technical"]


def test_duplicate_ids_are_refused() -> None:
    doc = document()
    doc["criteria"][6]["sub_indicators"][0]["id"] = "c6.a"
    refused(doc, "STANDARD_INVALID")


def test_bands_out_of_order_are_refused() -> None:
    doc = document()
    rule = doc["criteria"][6]["sub_indicators"][0]["rule"]
    rule["bands"].append(
        {
            "at_least": {"value": 99, "status": "inferred"},
            "points": {"value": 40, "status": "inferred"},
        }
    )
    error = refused(doc, "STANDARD_INVALID")
    assert "Nội dung 7.1" in error.message() and "cao nhất" in error.message()


def test_a_huge_file_is_refused_before_parsing() -> None:
    refused(b" " * 2_000_001, "STANDARD_TOO_LARGE")
