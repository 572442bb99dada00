"""The province's consolidation from real packets: submissions read from data.json, totals by
the indicator's rule (sums for counts, rates recomputed, never an average), and the xlsx."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.unit.consolidation_packets import build_packets, packet_json
from treem_desktop.errors import TreemError
from treem_desktop.indicators.loader import shipped_indicator_set
from treem_desktop.indicators.model import IndicatorSet
from treem_desktop.office.consolidate import Gap, Rule, consolidate, province_total
from treem_desktop.office.consolidate_xlsx import write_consolidation_xlsx
from treem_desktop.office.consolidation_input import (
    CommuneSubmission,
    IndicatorValue,
    submission_from_packet_data,
)


@pytest.fixture(scope="module")
def submissions(tmp_path_factory: pytest.TempPathFactory) -> list[CommuneSubmission]:
    packets = build_packets(tmp_path_factory.mktemp("communes"))
    assert len(packets) == 4
    return [submission_from_packet_data(*packet_json(p)) for p in packets]


@pytest.fixture(scope="module")
def nap() -> IndicatorSet:
    return shipped_indicator_set("nap-2021-2030")


def test_a_real_evaluation_packet_gives_points_total_and_verdict(
    submissions: list[CommuneSubmission],
) -> None:
    by_code = {(s.commune_code, s.kind): s for s in submissions}
    first = by_code["03325", "evaluation"]
    assert first.commune_name == "Xã Mường Phăng" and first.province_name == "Điện Biên"
    assert first.period == "2026" and len(first.criteria) == 13
    assert first.total == sum(c.points or 0 for c in first.criteria)
    assert first.verdict == "recognised" and first.provisional
    assert by_code["03325", "evaluation"].criteria[1].subs[0].id == "c2.x"
    low = by_code["03301", "evaluation"]
    assert next(c for c in low.criteria if c.id == "c11").points == 0
    assert low.total == first.total - 40 and not low.recognised


def test_a_real_indicators_packet_gives_values_without_rate_parts(
    submissions: list[CommuneSubmission],
) -> None:
    report = next(s for s in submissions if s.kind == "indicators" and s.commune_code == "03325")
    values = {v.id: v for v in report.indicators}
    assert values["ct02"].value == 92.5 and values["ct02"].unit == "percent"
    assert values["ct13"].value == 3 and values["ct03b"].value is None
    assert values["ct02"].numerator is None  # format version 1 carries the value only


def test_counts_are_summed_and_rates_without_parts_are_left_empty(
    submissions: list[CommuneSubmission], nap: IndicatorSet
) -> None:
    result = consolidate(submissions, nap, "2026", expected_communes=45)
    assert result.province_name == "Điện Biên"
    assert [s.commune_code for s in result.evaluations] == ["03301", "03325"]
    assert result.totals["ct13"].value == 5 and result.totals["ct13"].rule is Rule.SUM
    assert result.totals["ct02"].value is None  # not (92.5 + 80) / 2
    assert result.totals["ct02"].gap is Gap.RATE_PARTS_MISSING
    assert result.totals["ct03b"].gap is Gap.NO_VALUES
    share = result.totals["ct01"]
    assert (share.numerator, share.denominator) == (1, 45)
    assert share.value == pytest.approx(100 / 45)
    assert result.zero_points("c11") == 1 and len(result.recognised) == 1


def test_a_rate_is_recomputed_from_summed_parts_never_averaged(nap: IndicatorSet) -> None:
    values = [
        IndicatorValue("ct03a", "per_1000_live_births", 10.0, numerator=1, denominator=100),
        IndicatorValue("ct03a", "per_1000_live_births", 2.0, numerator=2, denominator=1000),
    ]
    total = province_total(nap.indicator("ct03a"), values)
    assert total.value == pytest.approx(3 / 1100 * 1000)  # 2.727‰, not the average 6‰
    assert (total.numerator, total.denominator, total.communes) == (3, 1100, 2)


def test_the_later_packet_of_a_commune_is_the_one_counted(
    submissions: list[CommuneSubmission], nap: IndicatorSet
) -> None:
    old = next(s for s in submissions if s.kind == "indicators" and s.commune_code == "03301")
    newer = CommuneSubmission(
        old.commune_code, old.commune_name, old.province_code, old.province_name,
        "indicators", "2026", old.sequence + 5,
        indicators=(IndicatorValue("ct13", "count", 10.0),),
    )  # fmt: skip
    result = consolidate([*submissions, newer], nap, "2026")
    assert result.totals["ct13"].value == 13  # 3 + 10, the older 2 dropped
    assert consolidate(submissions, nap, "2025").evaluations == ()


def test_data_of_the_wrong_kind_is_refused_with_its_place(
    submissions: list[CommuneSubmission], tmp_path: Path
) -> None:
    manifest = {
        "commune": {"code": "03325", "name": "Xã Mường Phăng", "province_code": "11",
                    "province_name": "Điện Biên"},
        "kind": "indicators", "period": "2026", "sequence": 2,
    }  # fmt: skip
    data = {"indicators": [{"id": "ct02", "unit": "percent", "value": "92,5"}]}
    with pytest.raises(TreemError) as caught:
        submission_from_packet_data(manifest, data)
    assert caught.value.code == "CONSOLIDATION_DATA_INVALID"
    assert caught.value.params["place"] == "data.json$.indicators[0].value"


def test_the_xlsx_holds_points_verdicts_values_and_the_province_row(
    submissions: list[CommuneSubmission], nap: IndicatorSet, tmp_path: Path
) -> None:
    result = consolidate(submissions, nap, "2026", expected_communes=45)
    path = write_consolidation_xlsx(result, tmp_path / "tong-hop.xlsx")
    book = load_workbook(path)
    evaluation, indicators, method = book.worksheets
    heads = [c.value for c in evaluation[4]]
    assert heads[:4] == ["STT", "Mã", "Xã, phường", "Tiêu chí 1"] and heads[-3] == "Tổng điểm"
    rows = [[c.value for c in row] for row in evaluation.iter_rows(min_row=5, max_row=6)]
    assert rows[0][1:3] == ["03301", "Xã Búng Lao"] and rows[1][2] == "Xã Mường Phăng"
    assert rows[1][-3] == result.evaluations[1].total and rows[1][-2] == "Đạt"
    zero_row = [c.value for c in evaluation[7]]
    assert zero_row[0] == "Số xã đạt 0 điểm" and zero_row[3 + 10] == 1  # criterion 11
    ind_heads = [c.value for c in indicators[4]]
    ct13 = ind_heads.index("Chỉ tiêu 13")
    province_row = [c.value for c in indicators[7]]
    assert province_row[0] == "Toàn tỉnh" and province_row[ct13] == 5
    assert province_row[ind_heads.index("Chỉ tiêu 2 (%)")] is None
    notes = {row[0].value: row[7].value for row in method.iter_rows(min_row=5)}
    assert "trung bình" in str(notes["2"])
