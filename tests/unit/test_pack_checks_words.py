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


# --- The province's targets files and the document templates --------------------------------

TARGETS_DATA = Path(__file__).resolve().parents[1] / "data" / "targets"
ENGLISH = re.compile(
    r"\b(the|is|not|of|and|must|unknown|expected|missing|file|target|indicator|template|"
    r"year|kind|property|null)\b|\bct\d|\bp-|_|\$|\[|\]|[{}]",
    re.IGNORECASE,
)
"""English words, ids (ct04a, p-…, json keys) or JSON paths in what an officer reads."""


def officer_clean(text: str) -> str:
    found = ENGLISH.search(text)
    assert found is None, f"{found.group(0)!r} in {text!r}"
    return clean(text)


def _targets(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((TARGETS_DATA / name).read_text(encoding="utf-8"))
    return document


HANOI_TARGETS, HUE_TARGETS = "ha-noi-138-2021-example.json", "thua-thien-hue-2020-example.json"


def _entry(document: dict[str, Any], **target: Any) -> None:
    document["targets"][0]["target"].update(target)


def _reduction(low: float, high: float) -> dict[str, Any]:
    return {
        "kind": "reduce_by_percent_per_year",
        "low": {"value": low, "status": "confirmed", "source": "hanoi-138"},
        "high": {"value": high, "status": "confirmed", "source": "hanoi-138"},
    }


# name: (file, change, what the officer reads: the place and the reason's first words)
TARGETS_BREAKS: dict[str, tuple[str, Callable[[dict[str, Any]], object], str]] = {
    "SOURCE_UNKNOWN": (
        HANOI_TARGETS,
        lambda d: d["targets"][0]["target"]["value"].update(source="tin-don"),
        "Chỉ tiêu 4a, năm 2025, mức chỉ tiêu, giá trị, nguồn: nêu một nguồn không có",
    ),
    "TARGET_TWICE": (
        HANOI_TARGETS,
        lambda d: d["targets"].append(d["targets"][0]),
        "Chỉ tiêu 4a, năm 2025: tệp nêu hai mức chỉ tiêu",
    ),
    "ID_TWICE": (
        HUE_TARGETS,
        lambda d: d["extra_indicators"][1].update(id=d["extra_indicators"][0]["id"]),
        "Chỉ tiêu riêng của tỉnh “",
    ),
    "RELATED_UNKNOWN": (
        HUE_TARGETS,
        lambda d: d["extra_indicators"][0].update(related="ct98"),
        "chỉ tiêu liên quan được nêu không có trong bộ chỉ tiêu quốc gia",
    ),
    "UNIT_UNKNOWN": (
        HUE_TARGETS,
        lambda d: d["extra_indicators"][0].update(unit="chuoi"),
        "đơn vị tính không có trong bộ chỉ tiêu quốc gia",
    ),
    "UNIT_DIFFERS": (
        HUE_TARGETS,
        lambda d: d["units"].update(
            percent={"symbol": "%", "label": {"vi": "phần trăm"}, "whole": True}
        ),
        "Đơn vị tính “phần trăm”: khác với đơn vị tính cùng tên",
    ),
    "LEGAL_YEAR": (
        HANOI_TARGETS,
        lambda d: d["legal_basis"].update(year=2020),
        "Căn cứ pháp lý, năm: năm 2020 không phải là năm của ngày ban hành (03/06/2021)",
    ),
    "OTHER_SET": (
        HANOI_TARGETS,
        lambda d: d["applies_to"].update(indicator_set="nap-2012-2020"),
        "Toàn bộ tệp: tệp dành cho một bộ chỉ tiêu khác",
    ),
    "INDICATOR_UNKNOWN": (
        HANOI_TARGETS,
        lambda d: d["targets"][0].update(indicator="ct99"),
        "Mục chỉ tiêu thứ 1 của tệp, năm 2025: chỉ tiêu được nêu không có",
    ),
    "REDUCTION_NEEDS_LOWER": (
        HANOI_TARGETS,
        lambda d: d["targets"][0].update(indicator="ct01", target=_reduction(2, 3)),
        "Chỉ tiêu 1, năm 2025: mức giảm hằng năm chỉ dùng cho chỉ tiêu",
    ),
    "REDUCTION_BACKWARDS": (
        HANOI_TARGETS,
        lambda d: d["targets"][0].update(target=_reduction(5, 3)),
        "Chỉ tiêu 4a, năm 2025: khoảng giảm phải ghi từ mức thấp đến mức cao",
    ),
    "AGAINST_DIRECTION": (
        HANOI_TARGETS,
        lambda d: _entry(d, comparison="at_least"),
        "Chỉ tiêu 4a, năm 2025: mức chỉ tiêu “ít nhất” không phù hợp",
    ),
    "schema: not a number": (
        HANOI_TARGETS,
        lambda d: d["targets"][0]["target"]["value"].update(value="bảy"),
        "Chỉ tiêu 4a, năm 2025, mức chỉ tiêu, giá trị: phải là một số",
    ),
    "schema: missing": (
        HANOI_TARGETS,
        lambda d: d["targets"][1]["target"].pop("kind"),
        "Chỉ tiêu 4a, năm 2030, mức chỉ tiêu: thiếu",
    ),
    "schema: unknown word": (
        HANOI_TARGETS,
        lambda d: d["targets"][0].update(mapping_status="gan-dung"),
        "Chỉ tiêu 4a, năm 2025, trạng thái xác nhận của việc đối chiếu: không phải",
    ),
    "schema: own indicator": (
        HUE_TARGETS,
        lambda d: d["extra_indicators"][0]["targets"]["2020"]["value"].update(value="đủ"),
        ", năm 2020: phải là một số",
    ),
    "kind": (
        HANOI_TARGETS,
        lambda d: d.update(kind="indicator_set"),
        "Toàn bộ tệp: không phải là tệp chỉ tiêu của tỉnh",
    ),
}


def refused_targets(kind: str) -> TreemError:
    from treem_desktop.commune.indicators import checked_targets

    name, change, _words = TARGETS_BREAKS[kind]
    document = _targets(name)
    change(document)
    with pytest.raises(TreemError) as caught:
        checked_targets(json.dumps(document, ensure_ascii=False).encode(), "chi-tieu.json")
    return caught.value


@pytest.mark.parametrize("kind", sorted(TARGETS_BREAKS))
def test_a_refused_targets_file_names_the_indicator_and_the_reason_in_vietnamese(
    kind: str,
) -> None:
    error = refused_targets(kind)
    expected = TARGETS_BREAKS[kind][2]
    assert error.code == "TARGETS_INVALID" and error.field and error.field.startswith("$")
    assert error.params["technical"]  # jsonschema's or the check's English, for the log
    said = error.message()
    assert said.startswith("Không nhận chỉ tiêu của tỉnh trong "), said
    assert expected in officer_clean(said.split(". ", 1)[1]), said
    assert error.as_json()["details"]["technical"] == error.params["technical"]


def test_every_targets_reason_has_a_break_and_vietnamese_words() -> None:
    from treem_desktop.indicators.target_words import REASONS

    missing = set(REASONS) - set(TARGETS_BREAKS)
    assert missing == {"ID_NATIONAL"}  # the schema keeps province ids apart: see below
    for words in REASONS.values():
        said = _(words).format(
            title="X", year=2020, date="03/06/2021", comparison="Y", direction="Z"
        )
        assert officer_clean(said) != words


def test_a_province_indicator_taking_a_national_id_is_named_by_its_name() -> None:
    from dataclasses import replace

    from treem_desktop.indicators import apply_override, override_from_bytes
    from treem_desktop.indicators.loader import shipped_indicator_set

    document = _targets(HUE_TARGETS)
    override = override_from_bytes(json.dumps(document, ensure_ascii=False).encode(), "hue.json")
    national = shipped_indicator_set("nap-2021-2030")
    taken = replace(national, indicators=(*national.indicators, override.extra_indicators[0]))
    with pytest.raises(TreemError) as caught:
        apply_override(taken, override)
    said = caught.value.message()
    assert caught.value.field == "$.extra_indicators[0].id"
    assert "Chỉ tiêu riêng của tỉnh “" in said and "đã được dùng cho một chỉ tiêu" in said
    officer_clean(said.split(". ", 1)[1])


def _raw_template(**changes: object) -> bytes:
    from tests.unit.test_document_templates import raw_template

    return raw_template(**changes)


def _section(**part: object) -> list[dict[str, object]]:
    return [{"number": "II.", "title": "NỘI DUNG", "parts": [{"number": "1.", **part}]}]


TEMPLATE_BREAKS: dict[str, tuple[bytes, str]] = {
    "CITATION_UNKNOWN": (
        _raw_template(opening="Căn cứ [[nothing|; {cite}]]:"),
        "Mẫu “X”, phần mở đầu: dẫn chiếu một văn bản",
    ),
    "PLACEHOLDER_UNKNOWN": (
        _raw_template(sections=_section(title="Tại {thon}")),
        "Mẫu “X”, mục II, điểm 1, tiêu đề: có một chỗ cần điền",
    ),
    "PLACEHOLDER_MALFORMED": (
        _raw_template(closing=["Năm {year"]),
        "Mẫu “X”, đoạn kết thứ 1: có dấu ngoặc nhọn đặt sai chỗ",
    ),
    "DUE_INVALID": (
        _raw_template(tasks=[{"content": "Việc", "lead": "Phòng", "due": "10/11/{year}"}]),
        "Mẫu “X”, nhiệm vụ 1, thời hạn: thời hạn phải là một ngày",
    ),
    "REPORT_TABLE_UNKNOWN": (
        _raw_template(sections=_section(insert="report_table:report-1555-2020/b9-9")),
        "Mẫu “X”, mục II, điểm 1, số liệu chèn vào: chèn một biểu báo cáo",
    ),
    "INSERT_UNKNOWN": (
        _raw_template(sections=_section(insert="chart")),
        "Mẫu “X”, mục II, điểm 1, số liệu chèn vào: chèn một loại số liệu",
    ),
    "TASKS_AFTER_UNKNOWN": (
        _raw_template(tasks_section={"number": "II.", "title": "NHIỆM VỤ", "after": "IX."}),
        "Mẫu “X”, vị trí phần nhiệm vụ: phần nhiệm vụ được đặt sau một mục",
    ),
    "NOT_A_TEMPLATE": (b'{"kind": "standard", "spec_version": 1}', "Mẫu văn bản: tệp không"),
    "PART_MISSING": (_raw_template(summary=None), "Mẫu “X”: thiếu trích yếu"),
    "WRONG_FORM": (_raw_template(recipients="Lưu: VT"), "Mẫu “X”: một phần của mẫu không"),
}


@pytest.mark.parametrize("code", sorted(TEMPLATE_BREAKS))
def test_a_refused_template_names_itself_its_part_and_the_reason(code: str) -> None:
    from treem_desktop.documents.template_words import REASONS
    from treem_desktop.documents.templates import template_from_bytes

    assert set(TEMPLATE_BREAKS) == set(REASONS)
    data, expected = TEMPLATE_BREAKS[code]
    with pytest.raises(TreemError) as caught:
        template_from_bytes(data, "mau.json")
    error = caught.value
    assert error.code == "TEMPLATE_INVALID" and error.params["technical"]
    assert str(error.params["detail"]).startswith(expected), error.params["detail"]
    officer_clean(error.message().replace("mau.json", ""))
