"""Every reason the standard's checks can give is in the officer's words: the criterion or item
by its number (Tiêu chí 6, Nội dung 6.1), what is wrong, numbers written the Vietnamese way;
never an input id, a JSON path or jsonschema's English. The technical place stays on the
error (``field``) for the log and ``--json``."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.handoff_support import office_key, write_certificate
from tests.integration.test_standard_pack_end_to_end import filled_values
from treem_desktop.commune.receipts import trust_recipient
from treem_desktop.commune.standard_pack import import_pack
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.handoff.standard_pack import (
    INVALID_WORDS,
    StandardPackRejected,
    invalid,
    make_pack,
)
from treem_desktop.i18n import _, set_language
from treem_desktop.office.standard_pack import shipped_standard
from treem_desktop.paths import forms_dir
from treem_desktop.signing.keys import fingerprint
from treem_desktop.standards import loader
from treem_desktop.standards.loader import REFERENCE_WORDS, ReferenceProblem, standard_from_bytes
from treem_desktop.standards.model import Standard
from treem_desktop.standards.pack import BandValue, FilledValue, PackDocument, parse_filled
from treem_desktop.standards.pack_checks import PROBLEMS, PackProblem, pack_problems
from treem_desktop.standards.values_words import EXPECTED_WORDS, values_problem_words

DOCUMENT = PackDocument("123/QĐ-UBND", "2025-08-01", "UBND tỉnh Điện Biên")
QD06 = forms_dir() / "qd-06-2019" / "v1.json"
TECHNICAL = re.compile(
    r"property|\btype\b|required|/criteria|criteria\[|\$\.|\bc\d+\.|values\[|bands\[|"
    r"\bnot of\b|sub_indicators|max_points|at_least|None|\{|\}"
)
"""What must never reach the officer: jsonschema's English, JSON paths, input ids, braces."""


def clean(text: str) -> str:
    """``text``, once it is checked to hold nothing technical (said with the text if it does)."""
    found = TECHNICAL.search(text)
    assert found is None, f"{found.group(0)!r} in {text!r}"
    return text


def decision_06() -> Standard:
    return shipped_standard("qd-06-2019")


def value(target: str, number: float, by: str = "Lan") -> FilledValue:
    return FilledValue(target, number, None, by, DOCUMENT)


def bands(target: str, *steps: tuple[float, float]) -> FilledValue:
    scale = tuple(BandValue(a, True, p) for a, p in steps)
    return FilledValue(target, None, scale, "Lan", DOCUMENT)


def criteria_maxima(**changed: float) -> list[FilledValue]:
    """Every criterion's maximum as the province gives it (they add up to the total)."""
    found = [
        value(v["target"], changed.get(v["target"].split(".")[0], v["value"]))
        for v in filled_values()
        if re.fullmatch(r"c\d+\.max_points", v["target"])
    ]
    return found


# Each kind of problem the checks know, from values that break exactly that check.
EACH_PROBLEM: dict[str, list[FilledValue]] = {
    "TARGET_UNKNOWN": [value("c2.zz.max_points", 5)],
    "TARGET_TWICE": [value("c2.max_points", 75), value("c2.max_points", 75)],
    "SOURCE_MISSING": [value("c2.max_points", 75, by="")],
    "ITEMS_NOT_MAXIMUM": [value("c2.max_points", 10), value("c2.x.max_points", 8)],
    "ITEMS_OVER_MAXIMUM": [value("c8.max_points", 10), value("c8.x.max_points", 12.5)],
    "MAXIMA_NOT_TOTAL": criteria_maxima(c2=80),
    "MAXIMA_OVER_TOTAL": [value("c2.max_points", 800)],
    "BANDS_OUT_OF_ORDER": [bands("c2.x.bands", (70, 30), (90, 75))],
    "BAND_OVER_MAXIMUM": [value("c2.x.max_points", 75), bands("c2.x.bands", (90, 80))],
    "OFFICIAL_BAND_DROPPED": [bands("c6.a.bands", (80, 30))],
}


@pytest.mark.parametrize("code", sorted(PROBLEMS))
def test_every_problem_of_the_checks_names_its_criterion_in_vietnamese(code: str) -> None:
    problems = pack_problems(decision_06(), EACH_PROBLEM[code])
    found = next(p for p in problems if p.code == code)
    words = clean(found.message())
    assert re.search(r"Tiêu chí \d+|Nội dung \d+\.\d+|Tổng điểm|tổng điểm|Một giá trị", words)
    set_language("en")
    assert re.search(r"Criterion \d+|Item \d+\.\d+|total|A value", found.message())


def test_the_sums_say_both_numbers_the_vietnamese_way() -> None:
    over = pack_problems(decision_06(), EACH_PROBLEM["ITEMS_OVER_MAXIMUM"])[0].message()
    assert over.startswith("Tiêu chí 8") and "12,5 điểm" in over and "10" in over, over
    short = pack_problems(decision_06(), EACH_PROBLEM["ITEMS_NOT_MAXIMUM"])[0].message()
    assert short.startswith("Tiêu chí 2") and "8 điểm" in short and "10" in short, short
    total = pack_problems(decision_06(), criteria_maxima(c2=80))[0].message()
    assert "1.005" in total and "1.000" in total, total


def test_an_unknown_value_is_named_without_its_id() -> None:
    problem = PackProblem("TARGET_UNKNOWN", "c99.q.foo", {"what": "?"})
    assert problem.target == "c99.q.foo"  # kept for the log
    words = pack_problems(decision_06(), [value("c2.x.foo", 1)])[0].message()
    assert clean(words).startswith("Nội dung 2.1: một giá trị không có")


def mutated(change: Callable[[dict[str, Any]], object]) -> TreemError:
    document = json.loads(QD06.read_text(encoding="utf-8"))
    change(document)
    with pytest.raises(TreemError) as caught:
        standard_from_bytes(json.dumps(document, ensure_ascii=False).encode(), "tieu-chuan.json")
    return caught.value


def _item(document: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = document["criteria"][5]["sub_indicators"][0]
    return item


SCHEMA_BREAKS: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "missing": (lambda d: d["criteria"][5]["max_points"].pop("status"), "Tiêu chí 6, điểm tối đa"),
    "not a number": (
        lambda d: _item(d)["rule"]["bands"][0]["points"].update(value="mười"),
        "Tiêu chí 6, nội dung 6.1, mức 1 của thang điểm, số điểm",
    ),
    "below 0": (
        lambda d: _item(d)["rule"]["bands"][0]["points"].update(value=-3),
        "phải từ 0 trở lên",
    ),
    "unknown word": (lambda d: d["criteria"][1]["max_points"].update(status="x"), "Tiêu chí 2"),
    "whole file": (lambda d: d.pop("max_total"), "thiếu tổng điểm"),
    "unknown part": (lambda d: d.update(extra=1), "toàn bộ tệp"),
    "reference": (
        lambda d: _item(d)["rule"].update(numerator="c6.a.nothing"),
        "Nội dung 6.1, cách cho điểm dùng một số liệu",
    ),
    "order": (
        lambda d: d["criteria"][6]["sub_indicators"][0]["rule"]["bands"].append(
            {
                "at_least": {"value": 99, "status": "inferred"},
                "points": {"value": 40, "status": "inferred"},
            }  # fmt: skip
        ),
        "Nội dung 7.1, các mức điểm phải xếp từ mức cao nhất",
    ),
}


@pytest.mark.parametrize("kind", sorted(SCHEMA_BREAKS))
def test_a_broken_standard_file_is_refused_in_the_officers_words(kind: str) -> None:
    change, expected = SCHEMA_BREAKS[kind]
    error = mutated(change)
    assert error.code == "STANDARD_INVALID" and error.field  # the technical place, for --json
    words = error.message().removeprefix("Không nhận tệp tiêu chuẩn tieu-chuan.json: ")
    assert expected in clean(words)
    set_language("en")
    assert not TECHNICAL.search(error.message().split(": ", 1)[1].replace("tieu-chuan.json", ""))


@pytest.mark.parametrize("code", sorted(REFERENCE_WORDS))
def test_every_reference_problem_of_the_loader_is_in_words(code: str) -> None:
    problem = ReferenceProblem("c6.a", "technical", code, ("item", "6.1"), 6)
    assert clean(problem.reason_words()) and problem.place_words() == "Nội dung 6.1"
    assert loader.REFERENCE_WORDS[code] != problem.reason_words()  # translated


@pytest.mark.parametrize("where", sorted(INVALID_WORDS))
def test_every_malformed_pack_is_said_in_words(where: str) -> None:
    error = invalid("goi.zip", where)
    assert error.field == where and clean(str(error.params["detail"]))


def malformed(raw: dict[str, Any]) -> str:
    document = {"values": [raw]}
    with pytest.raises(TreemError) as caught:
        parse_filled(document, "gia-tri.json")
    assert caught.value.field and "values[0]" in caught.value.field
    return clean(values_problem_words(decision_06(), document, caught.value))


def test_malformed_values_name_the_item_and_what_is_wrong() -> None:
    assert malformed({"target": "c2.x.max_points", "value": "mười"}) == (
        "Nội dung 2.1: điểm tối đa: phải là một số."
    )
    assert malformed({"target": "c2.max_points", "value": -1}) == (
        "Tiêu chí 2: điểm tối đa: không được nhỏ hơn 0."
    )
    assert "mức 2" in malformed({"target": "c2.x.bands", "bands": [
        {"at_least": 90, "points": 75}, {"at_least": 70, "points": "x"}]})  # fmt: skip
    assert malformed({"value": 3}).startswith("Giá trị thứ 1 của tệp")
    assert all(clean(_(w)) != w for w in EXPECTED_WORDS.values())  # translated


def test_a_pack_with_a_malformed_value_is_refused_at_the_commune_without_a_json_path(
    workspace: Workspace, tmp_path: Path
) -> None:
    certificate, key = office_key()
    pem = write_certificate(certificate, tmp_path / "office.pem")
    trust_recipient(workspace, pem, fingerprint(certificate))
    standard = decision_06()
    source = {"number": "1/QĐ-UBND", "date": "2025-08-01", "issuer": "UBND tỉnh"}
    values = [{**v, "entered_by": "Lan", "document": source} for v in filled_values()]
    broken = copy.deepcopy(values)
    index = next(n for n, v in enumerate(broken) if v["target"] == "c2.x.max_points")
    broken[index]["value"] = "bảy mươi lăm"
    document = {
        "format": "treem-standard-pack", "format_version": 2,
        "standard": {"id": standard.id, "version": standard.version, "sha256": standard.sha256},
        "office": {"name": "Sở Y tế", "province_code": "11"},
        "signed_at": "2026-03-02T09:15:00+07:00", "values": broken,
        "templates": [], "targets": None,
    }  # fmt: skip
    pack = tmp_path / "tinh.standard-pack.zip"
    pack.write_bytes(make_pack(document, certificate, key, []))
    with pytest.raises(StandardPackRejected) as caught:
        import_pack(workspace, pack)
    error = caught.value
    assert error.code == "STANDARD_PACK_INVALID" and error.field == f"values[{index}].value"
    assert clean(str(error.params["detail"])) == "Nội dung 2.1: điểm tối đa: phải là một số."
    assert "values[" not in error.message()
