"""A rate's numerator and denominator: named in the indicator set, typed by the commune, the
rate computed from them and saved with them; a rate typed alone still allowed, and marked."""

from __future__ import annotations

import json

import pytest

from treem_desktop.commune import indicator_parts as parts
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.indicators.loader import indicator_set_from_bytes, shipped_indicator_set
from treem_desktop.indicators.rates import has_parts, multiplier
from treem_desktop.paths import forms_dir
from treem_desktop.standards.model import Status
from treem_desktop.storage import form_repo

NAP_V3 = forms_dir() / "nap-2021-2030" / "v3.json"


def row(workspace: Workspace, indicator_id: str, period: str = "2026") -> ind.IndicatorRow:
    return next(r for r in ind.rows(workspace, period) if r.indicator.id == indicator_id)


def test_every_rate_names_its_parts_as_treems_own_wording_and_counts_do_not() -> None:
    nap = shipped_indicator_set("nap-2021-2030")
    assert nap.version == 3
    for indicator in nap.indicators:
        unit = nap.units[indicator.unit]
        if unit.whole:
            assert indicator.parts is None and multiplier(nap, indicator) is None, indicator.id
            continue
        assert indicator.parts is not None and has_parts(nap, indicator), indicator.id
        assert indicator.parts.status is Status.INFERRED and indicator.parts.note
        numerator, denominator = indicator.parts.numerator["vi"], indicator.parts.denominator["vi"]
        assert numerator.startswith("Số ") and denominator.startswith("Tổng số "), indicator.id
    ct14 = nap.indicator("ct14").parts
    assert ct14 is not None and ct14.share
    assert ct14.numerator["vi"] == "Số trẻ em dưới 5 tuổi được đăng ký khai sinh"
    assert ct14.denominator["vi"] == "Tổng số trẻ em dưới 5 tuổi"
    assert [multiplier(nap, nap.indicator(i)) for i in ("ct14", "ct03a", "ct11a")] == [
        100,
        1000,
        100000,
    ]
    deaths = nap.indicator("ct03a").parts
    assert deaths is not None and not deaths.share  # deaths in a year, not among its births


def test_version_3_only_adds_parts_and_multipliers_to_version_2() -> None:
    v2 = json.loads((forms_dir() / "nap-2021-2030" / "v2.json").read_text("utf-8"))
    v3 = json.loads(NAP_V3.read_text("utf-8"))
    assert v3["replaces"] == {"id": "nap-2021-2030", "version": 2}
    for old, new in zip(v2["indicators"], v3["indicators"], strict=True):
        assert {k: v for k, v in new.items() if k != "parts"} == old, old["id"]
    for key, unit in v3["units"].items():
        assert {k: v for k, v in unit.items() if k != "per"} == v2["units"][key]


def test_parts_on_a_count_are_refused() -> None:
    doc = json.loads(NAP_V3.read_text("utf-8"))
    ct13 = next(i for i in doc["indicators"] if i["id"] == "ct13")
    ct13["parts"] = next(i for i in doc["indicators"] if i["id"] == "ct14")["parts"]
    with pytest.raises(TreemError) as caught:
        indicator_set_from_bytes(json.dumps(doc, ensure_ascii=False).encode(), "test.json")
    assert caught.value.code == "STANDARD_INVALID" and "not a rate" in caught.value.message()


def test_the_rate_is_computed_once_both_parts_are_typed(workspace: Workspace) -> None:
    assert parts.set_part(workspace, "2026", "ct14", "numerator", "45") is None
    assert row(workspace, "ct14").numerator == 45 and row(workspace, "ct14").actual is None
    assert parts.set_part(workspace, "2026", "ct14", "denominator", "1.200") == 3.75
    found = row(workspace, "ct14")
    assert (found.numerator, found.denominator, found.actual) == (45, 1200, 3.75)
    assert found.from_parts and not found.rate_only
    assert ind.values(workspace, "2026") == {"ct14": 3.75}  # the parts are not values
    per_1000 = parts.set_part(workspace, "2026", "ct03a", "numerator", "3")
    assert per_1000 is None
    assert parts.set_part(workspace, "2026", "ct03a", "denominator", "400") == 7.5  # ‰


def test_invalid_parts_are_refused_and_nothing_is_saved(workspace: Workspace) -> None:
    parts.set_part(workspace, "2026", "ct14", "denominator", "100")
    for part, typed, code in (
        ("numerator", "101", "NUMERATOR_ABOVE_DENOMINATOR"),
        ("denominator", "0", "DENOMINATOR_ZERO"),
        ("numerator", "4,5", "INPUT_NOT_WHOLE"),
        ("numerator", "-1", "INPUT_NEGATIVE"),
        ("numerator", "abc", "INPUT_NOT_NUMBER"),
    ):
        with pytest.raises(TreemError) as caught:
            parts.set_part(workspace, "2026", "ct14", part, typed)
        assert caught.value.code == code, typed
    assert ind.stored_parts(workspace, "2026") == {"ct14": {"denominator": 100}}
    parts.set_part(workspace, "2026", "ct03a", "denominator", "10")
    assert parts.set_part(workspace, "2026", "ct03a", "numerator", "12") == 1200  # not a share
    with pytest.raises(TreemError) as caught:
        parts.set_part(workspace, "2026", "ct13", "numerator", "1")  # a count has no parts
    assert caught.value.code == "INPUT_UNKNOWN"


def test_clearing_a_part_clears_the_rate_computed_from_both(workspace: Workspace) -> None:
    parts.set_part(workspace, "2026", "ct14", "numerator", "9")
    parts.set_part(workspace, "2026", "ct14", "denominator", "10")
    assert parts.set_part(workspace, "2026", "ct14", "numerator", "") is None
    found = row(workspace, "ct14")
    assert (found.numerator, found.denominator, found.actual) == (None, 10, None)


def test_a_rate_typed_alone_is_allowed_and_marked(workspace: Workspace) -> None:
    ind.set_value(workspace, "2026", "ct14", "92,5")
    found = row(workspace, "ct14")
    assert found.actual == 92.5 and found.rate_only and not found.from_parts
    assert not row(workspace, "ct13").rate_only  # a count is never "a rate alone"
    parts.set_part(workspace, "2026", "ct14", "numerator", "37")
    assert row(workspace, "ct14").rate_only  # one part is not enough
    parts.set_part(workspace, "2026", "ct14", "denominator", "40")
    assert row(workspace, "ct14").actual == 92.5 and row(workspace, "ct14").from_parts
    with pytest.raises(TreemError) as caught:  # computed: typing over it would disagree
        ind.set_value(workspace, "2026", "ct14", "90")
    assert caught.value.code == "RATE_FROM_PARTS"


def test_an_imported_rate_replaces_the_parts_typed_before(workspace: Workspace) -> None:
    parts.set_part(workspace, "2026", "ct14", "numerator", "9")
    parts.set_part(workspace, "2026", "ct14", "denominator", "10")
    ind.import_values(workspace, "2026", {"ct14": 80})
    found = row(workspace, "ct14")
    assert (found.actual, found.numerator, found.denominator) == (80, None, None)
    stored = form_repo.load_values(workspace.conn, ind.NATIONAL_SET, "2026")
    assert stored == {"ct14": 80}
