"""The scoring engine: every rule type, the confirmed values, thresholds and the no-zero rule."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treem_desktop.paths import forms_dir
from treem_desktop.standards.loader import load_shipped
from treem_desktop.standards.model import (
    Band,
    Direction,
    Rule,
    Standard,
    Status,
    SubIndicator,
    Value,
)
from treem_desktop.standards.scoring import (
    SubState,
    Verdict,
    apply_rule,
    score_round,
    score_sub,
)

QD06 = load_shipped(forms_dir() / "qd-06-2019" / "v1.json")


def v(number: float | None, status: Status = Status.CONFIRMED) -> Value:
    return Value(number, status if number is not None else Status.UNKNOWN)


def band(limit: float, points: float, at_least: bool = True) -> Band:
    return Band(v(limit), at_least, v(points))


RATE = Rule(
    "rate_threshold",
    ("n", "d"),
    Direction.HIGHER,
    (band(95, 50), band(80, 30), band(50, 10)),
    otherwise=v(0),
    if_no_cases=v(50),
)
LOWER_RATE = Rule(
    "rate_threshold",
    ("n", "d"),
    Direction.LOWER,
    (band(5, 40, False), band(10, 20, False)),
    otherwise=v(0),
)
STEPS = Rule("step_table", ("x",), Direction.HIGHER, (band(10, 30), band(5, 20)), otherwise=v(0))
COUNT = Rule(
    "count",
    ("x",),
    Direction.LOWER,
    (band(2, 20, False), band(5, 5, False)),
    otherwise=v(0),
    none_points=v(40),
)
YES_NO = Rule("yes_no", ("x",), yes_points=v(15), no_points=v(0))
SURVEY = Rule(
    "survey_score", ("x",), Direction.HIGHER, (band(90, 30), band(70, 15)), otherwise=v(0)
)


@pytest.mark.parametrize(
    ("rule", "values", "measure", "points"),
    [
        (RATE, {"n": 95, "d": 100}, 95.0, 50),
        (RATE, {"n": 949, "d": 1000}, 94.9, 30),
        (RATE, {"n": 80, "d": 100}, 80.0, 30),
        (RATE, {"n": 1, "d": 100}, 1.0, 0),
        (RATE, {"n": 0, "d": 0}, None, 50),  # no cases
        (LOWER_RATE, {"n": 5, "d": 100}, 5.0, 40),
        (LOWER_RATE, {"n": 6, "d": 100}, 6.0, 20),
        (LOWER_RATE, {"n": 11, "d": 100}, 11.0, 0),
        (STEPS, {"x": 12}, 12.0, 30),
        (STEPS, {"x": 5}, 5.0, 20),
        (STEPS, {"x": 4}, 4.0, 0),
        (COUNT, {"x": 0}, 0.0, 40),  # "no case" gives full points
        (COUNT, {"x": 2}, 2.0, 20),
        (COUNT, {"x": 5}, 5.0, 5),
        (COUNT, {"x": 6}, 6.0, 0),
        (YES_NO, {"x": True}, None, 15),
        (YES_NO, {"x": False}, None, 0),
        (SURVEY, {"x": 92.5}, 92.5, 30),
        (SURVEY, {"x": 70}, 70.0, 15),
        (SURVEY, {"x": 69.9}, 69.9, 0),
    ],
)
def test_rule_types(
    rule: Rule, values: dict[str, float], measure: float | None, points: float
) -> None:
    got_measure, got_points = apply_rule(rule, values)
    assert got_measure == pytest.approx(measure) if measure is not None else got_measure is None
    assert got_points is not None and got_points.value == points


def sub(rule: Rule, max_points: float = 50) -> SubIndicator:
    return SubIndicator("c9.a", {"vi": "x"}, Status.CONFIRMED, (), v(max_points), rule)


def test_an_unknown_scale_asks_for_points_by_hand_and_marks_them_unconfirmed() -> None:
    rule = replace(RATE, otherwise=v(None))
    needs = score_sub(sub(rule), {"n": 1, "d": 100})
    assert (needs.state, needs.points, needs.missing) == (
        SubState.NEEDS_POINTS_BY_HAND,
        None,
        ("c9.a.points",),
    )
    done = score_sub(sub(rule), {"n": 1, "d": 100, "c9.a.points": 7})
    assert (done.state, done.points, done.unconfirmed) == (SubState.SCORED_BY_HAND, 7, True)


def test_missing_inputs_are_named() -> None:
    result = score_sub(sub(RATE), {"n": 3})
    assert (result.state, result.missing) == (SubState.MISSING_INPUTS, ("d",))


def test_an_unconfirmed_band_makes_the_points_unconfirmed() -> None:
    rule = replace(RATE, bands=(Band(v(95), True, v(50, Status.SINGLE_SOURCE)),))
    assert score_sub(sub(rule), {"n": 96, "d": 100}).unconfirmed


# The values the brief confirms, through the real Decision 06 file.


def c6(supported: int, children: int, planned: int, cases: int) -> dict[str, int]:
    return {
        "c6.a.numerator": supported,
        "c6.a.denominator": children,
        "c6.b.numerator": planned,
        "c6.b.denominator": cases,
    }


@pytest.mark.parametrize(
    ("values", "points_a", "points_b"),
    [
        (c6(95, 100, 4, 4), 50, 75),  # 95% supported, every case planned: 125
        (c6(190, 200, 4, 4), 50, 75),
        (c6(949, 1000, 4, 4), None, 75),  # 94.9%: below 95, no official scale
        (c6(95, 100, 3, 4), 50, None),  # 75% of cases: below 100, no official scale
        (c6(949, 1000, 3, 4), None, None),
    ],
)
def test_criterion_6_confirmed_values(
    values: dict[str, int], points_a: float | None, points_b: float | None
) -> None:
    result = score_round(QD06, values, "con-lai").criterion("c6")
    a, b = result.subs
    assert (a.points, b.points) == (points_a, points_b)
    if points_a is not None and points_b is not None:
        assert result.points == 125 and not result.unconfirmed
    if points_a is None:
        assert a.state is SubState.NEEDS_POINTS_BY_HAND


@pytest.mark.parametrize(("vaccinated", "points"), [(98, 50), (100, 50), (979, None)])
def test_criterion_7_at_98_and_97_9_percent(vaccinated: int, points: float | None) -> None:
    base = 100 if vaccinated <= 100 else 1000
    values = {"c7.a.numerator": vaccinated, "c7.a.denominator": base}
    result = score_round(QD06, values, "con-lai").criterion("c7")
    assert result.points == points
    if points is None:  # 97.9%: the 50 points are not given, and no scale is invented
        assert result.subs[0].state is SubState.NEEDS_POINTS_BY_HAND


def full_round(points_per_criterion: float, zero: str | None = None) -> dict[str, float | bool]:
    """Every criterion scored: c6 and c7 at their confirmed maxima, the rest by hand."""
    values: dict[str, float | bool] = {**c6(100, 100, 2, 2), "c7.a.numerator": 50}
    values["c7.a.denominator"] = 50
    for sub_indicator in QD06.sub_indicators():
        criterion = sub_indicator.id.split(".")[0]
        if criterion in ("c6", "c7"):
            continue
        for item in sub_indicator.rule.inputs:
            values[item] = 1 if item.endswith("numerator") else 1
        for entry in sub_indicator.inputs:
            values.setdefault(entry.id, True if entry.kind == "yes_no" else 1)
        share = len(QD06.criterion(criterion).sub_indicators)
        values[sub_indicator.manual_input_id] = (
            0 if criterion == zero else points_per_criterion / share
        )
    if zero in ("c6", "c7"):
        values[f"{zero}.a.numerator"] = 0
        values[f"{zero}.a.points"] = 0
    return values


@pytest.mark.parametrize(
    ("category", "threshold"),
    [("phuong-tw", 900), ("mien-nui-hai-dao-dbkk", 800), ("con-lai", 850)],
)
def test_thresholds_per_category(category: str, threshold: int) -> None:
    score = score_round(QD06, full_round(80), category)
    assert score.threshold.value == threshold
    total = score.total
    assert score.verdict is (Verdict.RECOGNISED if total >= threshold else Verdict.NOT_RECOGNISED)


def test_c1_by_yes_no_and_totals() -> None:
    values = full_round(70)
    score = score_round(QD06, values, "mien-nui-hai-dao-dbkk")
    assert score.criterion("c1").points == 100  # 50 + 15 + 15 + 20, yes to all
    assert score.total == pytest.approx(100 + 125 + 50 + 70 * 10)
    assert score.verdict is Verdict.RECOGNISED
    assert score.provisional  # c1 is one secondary source; c2… scored by hand


def test_a_high_total_with_one_criterion_at_zero_is_not_recognised() -> None:
    values = full_round(95, zero="c9")
    score = score_round(QD06, values, "mien-nui-hai-dao-dbkk")
    assert score.total > 900
    assert score.criterion("c9").points == 0
    assert score.verdict is Verdict.NOT_RECOGNISED
    assert [r.code for r in score.reasons][:1] == ["CRITERION_AT_ZERO"]
    assert score.reasons[0].params == {"criterion": 9}


def test_points_short_are_reported() -> None:
    score = score_round(QD06, full_round(50), "phuong-tw")
    short = next(r for r in score.reasons if r.code == "POINTS_SHORT")
    assert score.verdict is Verdict.NOT_RECOGNISED
    assert short.params["short"] == pytest.approx(900 - score.total)


def test_an_empty_round_is_incomplete_and_says_which_criteria() -> None:
    score = score_round(QD06, {}, "con-lai")
    assert score.verdict is Verdict.INCOMPLETE
    unscored = next(r for r in score.reasons if r.code == "CRITERIA_UNSCORED")
    assert unscored.params["criteria"] == list(range(1, 14))
    assert score.total == 0


# Properties: points stay in 0..max and never fall when a "higher is better" rate rises.

RATES = st.tuples(st.integers(0, 10_000), st.integers(1, 10_000)).map(lambda p: (min(p), max(p)))


@given(RATES, RATES)
def test_points_never_fall_when_a_higher_is_better_rate_rises(
    first: tuple[int, int], second: tuple[int, int]
) -> None:
    for rule in (RATE, replace(RATE, otherwise=v(0))):
        low, high = sorted([first, second], key=lambda p: p[0] / p[1])
        low_points = apply_rule(rule, {"n": low[0], "d": low[1]})[1]
        high_points = apply_rule(rule, {"n": high[0], "d": high[1]})[1]
        assert low_points is not None and high_points is not None
        assert 0 <= low_points.number <= high_points.number <= 50


@given(st.integers(0, 2000), st.integers(1, 2000), st.integers(0, 2000), st.integers(1, 2000))
def test_real_standard_points_stay_within_zero_and_max(
    supported: int, children: int, vaccinated: int, infants: int
) -> None:
    values = {
        **c6(min(supported, children), children, 1, 1),
        "c7.a.numerator": min(vaccinated, infants),
        "c7.a.denominator": infants,
    }
    score = score_round(QD06, values, "con-lai")
    for criterion_id in ("c6", "c7"):
        result = score.criterion(criterion_id)
        for s in result.subs:
            if s.points is not None and s.max_points.known:
                assert 0 <= s.points <= s.max_points.number


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_c7_points_never_fall_as_coverage_rises(a: int, b: int) -> None:
    low, high = sorted((a, b))
    standard: Standard = QD06

    def points(n: int) -> float:
        result = score_round(
            standard,
            {"c7.a.numerator": n, "c7.a.denominator": 1000, "c7.a.points": 0},
            "con-lai",
        )
        got = result.criterion("c7").points
        assert got is not None
        return got

    assert points(low) <= points(high)


# The points cap: the standard's total and the criteria's maxima are never exceeded.


def test_the_criteria_without_a_maximum_share_what_the_known_maxima_leave() -> None:
    from treem_desktop.standards.points_cap import shared_pool

    assert shared_pool(QD06) == 725  # 1.000 − (100 + 125 + 50)
    score = score_round(QD06, full_round(100), "con-lai")  # 10 × 100 by hand, stored earlier
    assert score.total == 1000
    by_hand = [c.points or 0 for c in score.criteria if not c.max_points.known]
    assert sum(by_hand) == 725


@given(st.lists(st.integers(0, 1000), min_size=14, max_size=14))
def test_the_total_never_exceeds_max_total(points: list[int]) -> None:
    values = full_round(0)
    manual = [s for s in QD06.sub_indicators() if s.manual_input_id in values]
    for sub_indicator, given_points in zip(manual, points, strict=False):
        values[sub_indicator.manual_input_id] = given_points
    values["c6.a.numerator"], values["c6.a.points"] = 1, points[-1]  # 1%: scored by hand
    score = score_round(QD06, values, "con-lai")
    assert score.total <= 1000
    for result in score.criteria:
        if result.max_points.known:
            assert result.known_points <= result.max_points.number


def test_a_self_score_above_the_room_left_is_refused_with_the_reason() -> None:
    from treem_desktop.standards.validation import check_round_values

    values = {**full_round(70), "c2.x.points": 100}  # 700 − 70 + 100 = 730 > 725
    for letter in "abcd":  # c1 is scored by its yes/no answers
        del values[f"c1.{letter}.points"]
    problems = {p.field: p for p in check_round_values(QD06, values)}
    assert {p.code for p in problems.values()} == {"POINTS_ABOVE_SHARED_LEFT"}
    message = problems["c2.x.points"].message()
    assert "95" in message and "725" in message and "2.1" in message
    values["c2.x.points"] = 95
    assert check_round_values(QD06, values) == []
    c6_by_hand = {**c6(1, 2, 1, 1), "c6.a.points": 50}
    assert check_round_values(QD06, c6_by_hand) == []
    assert check_round_values(QD06, {**c6_by_hand, "c6.a.points": 51})[0].code == (
        "POINTS_ABOVE_ITEM_MAX"
    )


def test_an_item_answered_no_gets_0_and_asks_for_no_points() -> None:
    values: dict[str, float | bool] = {"c1.b.has": False, "c1.b.points": 7.5}
    result = score_round(QD06, values, "con-lai").criterion("c1").subs[1]
    assert (result.state, result.points, result.unconfirmed) == (SubState.SCORED, 0, True)
    nothing = {"c12.x.play_space": False, "c12.x.activities": 0}
    c12 = score_round(QD06, nothing, "con-lai").criterion("c12")
    assert c12.points == 0 and c12.subs[0].state is SubState.SCORED
