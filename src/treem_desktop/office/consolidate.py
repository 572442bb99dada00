"""The province's consolidation of a period (tổng hợp của tỉnh): pure functions, no storage.

Evaluations: every commune's points by criterion, total and verdict, how many communes are
recognised and how many score 0 on each criterion. Indicators: every commune's values and a
province total computed by the indicator's rule: a count is summed; a rate is recomputed from
the summed numerators and denominators of the communes that sent both (never an average of the
communes' rates); the communes that sent a rate without them are left out and named, and the
total is empty with its reason when none sent both. The share of communes recognised
(chỉ tiêu 1) is computed from the evaluations themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from treem_desktop.indicators.model import Indicator, IndicatorSet
from treem_desktop.office.consolidation_input import CommuneSubmission, IndicatorValue

RATE_SCALES: dict[str, float] = {
    "percent": 100.0,
    "per_1000_live_births": 1000.0,
    "per_100000_children": 100000.0,
}
"""Rates the province recomputes: the unit's multiplier of numerator / denominator."""
COUNT_UNITS = frozenset({"count"})
RECOGNISED_SHARE = "ct01"
"""The share of communes meeting the child-friendly standard (Decision 23, indicator 1)."""


class Rule(StrEnum):
    """How an indicator's province total is made from the communes' values."""

    SUM = "sum"
    RATE = "rate"
    RECOGNISED_SHARE = "recognised_share"
    NONE = "none"


class Gap(StrEnum):
    """Why a province total is empty."""

    NO_VALUES = "no_values"
    RATE_PARTS_MISSING = "rate_parts_missing"
    NO_RULE = "no_rule"


@dataclass(frozen=True)
class ProvinceTotal:
    """An indicator's province value, with the parts it was computed from.

    ``communes``: how many communes' values went into it; ``left_out``: the communes that sent
    a rate without its numerator and denominator (code and name), not counted.
    """

    indicator_id: str
    rule: Rule
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    communes: int = 0
    gap: Gap | None = None
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriterionColumn:
    id: str
    number: int
    max_points: float | None


@dataclass(frozen=True)
class Consolidation:
    """Everything the outputs (xlsx, DHIS2, ADX, documents) need for one period."""

    period: str
    province_code: str
    province_name: str
    evaluations: tuple[CommuneSubmission, ...]
    indicator_reports: tuple[CommuneSubmission, ...]
    criteria: tuple[CriterionColumn, ...]
    indicators: tuple[Indicator, ...]
    totals: dict[str, ProvinceTotal]
    expected_communes: int | None = None

    @property
    def recognised(self) -> tuple[CommuneSubmission, ...]:
        return tuple(s for s in self.evaluations if s.recognised)

    def zero_points(self, criterion_id: str) -> int:
        """How many communes score 0 on a criterion."""
        return sum(
            1
            for s in self.evaluations
            for c in s.criteria
            if c.id == criterion_id and c.points == 0
        )


def rule_of(indicator: Indicator) -> tuple[Rule, float]:
    """The rule and the rate's multiplier (1 for a count) of an indicator."""
    if indicator.id == RECOGNISED_SHARE:
        return Rule.RECOGNISED_SHARE, 100.0
    if indicator.unit in COUNT_UNITS:
        return Rule.SUM, 1.0
    if indicator.unit in RATE_SCALES:
        return Rule.RATE, RATE_SCALES[indicator.unit]
    return Rule.NONE, 1.0


def consolidate(
    submissions: Iterable[CommuneSubmission],
    indicator_set: IndicatorSet,
    period: str,
    *,
    expected_communes: int | None = None,
) -> Consolidation:
    """The consolidation of ``period`` from the accepted packets' submissions.

    An evaluation counts for a year period; indicators count for the period they name. When a
    commune appears twice for one kind, its higher sequence (the later packet) is kept.
    """
    latest = _latest(s for s in submissions if s.period == period)
    evaluations = _by_name(s for s in latest if s.kind == "evaluation")
    reports = _by_name(s for s in latest if s.kind == "indicators")
    province = next(iter(evaluations + reports), None)
    totals = {
        i.id: _total(i, reports, evaluations, expected_communes) for i in indicator_set.indicators
    }
    return Consolidation(
        period=period,
        province_code=province.province_code if province else "",
        province_name=province.province_name if province else "",
        evaluations=evaluations,
        indicator_reports=reports,
        criteria=_criteria(evaluations),
        indicators=indicator_set.indicators,
        totals=totals,
        expected_communes=expected_communes,
    )


def province_total(
    indicator: Indicator, values: Sequence[IndicatorValue], senders: Sequence[str] = ()
) -> ProvinceTotal:
    """An indicator's province total from the communes' values (sum, or recomputed rate).

    ``senders`` names the commune of each value (same order), for the list of those left out.
    """
    rule, scale = rule_of(indicator)
    names = list(senders) or [""] * len(values)
    given = [(v, who) for v, who in zip(values, names, strict=True) if v.value is not None]
    if not given:
        return ProvinceTotal(indicator.id, rule, None, gap=Gap.NO_VALUES)
    if rule is Rule.SUM:
        total = sum(v.value for v, _who in given if v.value is not None)
        return ProvinceTotal(indicator.id, rule, total, communes=len(given))
    if rule is not Rule.RATE:
        return ProvinceTotal(indicator.id, rule, None, communes=len(given), gap=Gap.NO_RULE)
    return _recomputed_rate(indicator.id, given, scale)


def _recomputed_rate(
    indicator_id: str, given: Sequence[tuple[IndicatorValue, str]], scale: float
) -> ProvinceTotal:
    """Σ numerators / Σ denominators × scale over the communes that sent both parts."""
    whole = [v for v, _who in given if _has_parts(v)]
    left_out = tuple(who for v, who in given if not _has_parts(v))
    if not whole:
        return ProvinceTotal(
            indicator_id, Rule.RATE, None, gap=Gap.RATE_PARTS_MISSING, left_out=left_out
        )
    numerator = sum(v.numerator or 0.0 for v in whole)
    denominator = sum(v.denominator or 0.0 for v in whole)
    total = _rate(indicator_id, Rule.RATE, numerator, denominator, scale, len(whole))
    return replace(total, left_out=left_out)


def _has_parts(value: IndicatorValue) -> bool:
    return value.numerator is not None and value.denominator is not None


def recognised_share(
    evaluations: Sequence[CommuneSubmission], expected_communes: int | None
) -> ProvinceTotal:
    """Indicator 1: communes recognised over the province's communes (those evaluated when the
    number expected is not given)."""
    denominator = float(expected_communes or len(evaluations))
    numerator = float(sum(1 for s in evaluations if s.recognised))
    if not evaluations:
        return ProvinceTotal(RECOGNISED_SHARE, Rule.RECOGNISED_SHARE, None, gap=Gap.NO_VALUES)
    return _rate(
        RECOGNISED_SHARE, Rule.RECOGNISED_SHARE, numerator, denominator, 100.0, len(evaluations)
    )


def _rate(
    indicator_id: str, rule: Rule, numerator: float, denominator: float, scale: float, n: int
) -> ProvinceTotal:
    value = numerator / denominator * scale if denominator else None
    gap = None if denominator else Gap.RATE_PARTS_MISSING
    return ProvinceTotal(indicator_id, rule, value, numerator, denominator, n, gap)


def _total(
    indicator: Indicator,
    reports: Sequence[CommuneSubmission],
    evaluations: Sequence[CommuneSubmission],
    expected: int | None,
) -> ProvinceTotal:
    if rule_of(indicator)[0] is Rule.RECOGNISED_SHARE:
        return recognised_share(evaluations, expected)
    pairs = [(v, s) for s in reports for v in s.indicators if v.id == indicator.id]
    senders = [f"{s.commune_code} {s.commune_name}" for _v, s in pairs]
    return province_total(indicator, [v for v, _s in pairs], senders)


def _latest(submissions: Iterable[CommuneSubmission]) -> list[CommuneSubmission]:
    kept: dict[tuple[str, str], CommuneSubmission] = {}
    for s in submissions:
        key = (s.commune_code, s.kind)
        if key not in kept or kept[key].sequence < s.sequence:
            kept[key] = s
    return list(kept.values())


def _by_name(submissions: Iterable[CommuneSubmission]) -> tuple[CommuneSubmission, ...]:
    return tuple(sorted(submissions, key=lambda s: s.commune_code))


def _criteria(evaluations: Sequence[CommuneSubmission]) -> tuple[CriterionColumn, ...]:
    """The criteria columns, in number order, from the communes' scores."""
    columns: dict[str, CriterionColumn] = {}
    for s in evaluations:
        for c in s.criteria:
            if c.id not in columns or columns[c.id].max_points is None:
                columns[c.id] = CriterionColumn(c.id, c.number, c.max_points)
    return tuple(sorted(columns.values(), key=lambda c: c.number))
