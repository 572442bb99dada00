"""The scoring engine: inputs → points per sub-indicator, criterion, total, verdict, reasons.

Pure functions over a :class:`Standard` and a mapping of input values; recomputing a whole
round takes well under a millisecond (benchmarks/scoring.py). Where the standard has no
official scale for a case, the sub-indicator needs the officer's own points, and everything
computed from such points, or from any value not confirmed from the official text, is marked
provisional.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from treem_desktop.standards.model import (
    Criterion,
    Rule,
    Standard,
    Status,
    SubIndicator,
    Value,
)
from treem_desktop.standards.points_cap import Room, room_for

NOTHING_DONE = Value(0, Status.INFERRED, note="answered no / nothing done: 0 points")
"""The points of an item answered "không" (or all zero) where the standard gives none."""

InputValue = float | int | bool
Values = Mapping[str, InputValue | None]


class SubState(StrEnum):
    SCORED = "scored"  # points from the standard's scale
    SCORED_BY_HAND = "scored-by-hand"  # no official scale: the officer's own points
    MISSING_INPUTS = "missing-inputs"
    NEEDS_POINTS_BY_HAND = "needs-points-by-hand"


class Verdict(StrEnum):
    RECOGNISED = "recognised"  # Đạt
    NOT_RECOGNISED = "not-recognised"  # Chưa đạt
    INCOMPLETE = "incomplete"  # Chưa đủ dữ liệu


@dataclass(frozen=True)
class SubScore:
    """The result for one sub-indicator.

    Attributes:
        measure: the rate in percent, or the count or survey percentage the rule read.
        points: None until the sub-indicator can be scored.
        unconfirmed: the points rest on a value not confirmed from the official text.
        missing: the inputs still to be entered.
    """

    id: str
    state: SubState
    measure: float | None
    points: float | None
    max_points: Value
    unconfirmed: bool
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriterionScore:
    id: str
    number: int
    points: float | None
    known_points: float
    max_points: Value
    unconfirmed: bool
    subs: tuple[SubScore, ...]

    @property
    def complete(self) -> bool:
        return self.points is not None

    @property
    def filled(self) -> int:
        return sum(s.state in (SubState.SCORED, SubState.SCORED_BY_HAND) for s in self.subs)


@dataclass(frozen=True)
class Reason:
    """Why the verdict is what it is; ``code`` is stable, ``params`` fill its message."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Score:
    criteria: tuple[CriterionScore, ...]
    total: float
    category: str
    threshold: Value
    verdict: Verdict
    provisional: bool
    reasons: tuple[Reason, ...]

    def criterion(self, criterion_id: str) -> CriterionScore:
        return next(c for c in self.criteria if c.id == criterion_id)


def score_round(standard: Standard, values: Values, category: str) -> Score:
    """Score every criterion, then the total, the verdict and its reasons.

    Points entered by hand are kept within what the standard leaves for them (points_cap),
    so the total never exceeds ``max_total`` even for values stored before the cap existed.
    """
    subs = cap_by_hand(standard, {s.id: score_sub(s, values) for s in standard.sub_indicators()})
    criteria = tuple(
        criterion_score(c, tuple(subs[s.id] for s in c.sub_indicators)) for c in standard.criteria
    )
    total = sum(c.known_points for c in criteria)
    threshold = standard.categories[category]
    verdict, reasons = judge(standard, criteria, total, threshold)
    provisional = (
        any(c.unconfirmed for c in criteria)
        or not threshold.confirmed
        or not standard.no_zero_criterion.confirmed
    )
    return Score(criteria, total, category, threshold, verdict, provisional, reasons)


def cap_by_hand(standard: Standard, subs: dict[str, SubScore]) -> dict[str, SubScore]:
    """Each by-hand score cut to the room left once the scale's points and earlier ones count."""
    points = {k: s.points for k, s in subs.items() if s.points is not None}
    decided = {k: p for k, p in points.items() if subs[k].state is not SubState.SCORED_BY_HAND}
    capped = dict(subs)
    for sub in standard.sub_indicators():
        result = subs[sub.id]
        if result.state is not SubState.SCORED_BY_HAND or result.points is None:
            continue
        room = room_for(standard, sub, decided).points
        decided[sub.id] = min(result.points, room)
        if result.points > room:
            capped[sub.id] = replace(result, points=room)
    return capped


def by_hand_room(standard: Standard, values: Values, sub: SubIndicator) -> Room:
    """The most points the officer may give ``sub`` by hand, with the other values as they are."""
    others = {k: v for k, v in values.items() if k != sub.manual_input_id}
    subs = cap_by_hand(standard, {s.id: score_sub(s, others) for s in standard.sub_indicators()})
    points = {k: s.points for k, s in subs.items() if s.points is not None and k != sub.id}
    return room_for(standard, sub, points)


def score_criterion(criterion: Criterion, values: Values) -> CriterionScore:
    return criterion_score(criterion, tuple(score_sub(s, values) for s in criterion.sub_indicators))


def criterion_score(criterion: Criterion, subs: tuple[SubScore, ...]) -> CriterionScore:
    known = sum(s.points or 0.0 for s in subs)
    complete = all(s.points is not None for s in subs)
    unconfirmed = any(s.unconfirmed for s in subs)
    return CriterionScore(
        criterion.id,
        criterion.number,
        known if complete else None,
        known,
        criterion.max_points,
        unconfirmed,
        subs,
    )


def score_sub(sub: SubIndicator, values: Values) -> SubScore:
    """Points for one sub-indicator; the officer's own points where the scale is unknown."""
    missing = tuple(i for i in sub.rule.inputs if values.get(i) is None)
    if missing:
        return SubScore(sub.id, SubState.MISSING_INPUTS, None, None, sub.max_points, False, missing)
    measure, awarded = apply_rule(sub.rule, values)
    if sub.rule.type == "manual" and nothing_done(sub, values):
        awarded = NOTHING_DONE
    if awarded is not None and awarded.known:
        return SubScore(
            sub.id, SubState.SCORED, measure, awarded.number, sub.max_points, not awarded.confirmed
        )
    by_hand = values.get(sub.manual_input_id)
    if by_hand is None:
        return SubScore(
            sub.id,
            SubState.NEEDS_POINTS_BY_HAND,
            measure,
            None,
            sub.max_points,
            True,
            (sub.manual_input_id,),
        )
    return SubScore(sub.id, SubState.SCORED_BY_HAND, measure, float(by_hand), sub.max_points, True)


def apply_rule(rule: Rule, values: Values) -> tuple[float | None, Value | None]:
    """The measure the rule reads and the points value it gives (None: score by hand)."""
    if rule.type == "manual":
        return None, None
    if rule.type == "yes_no":
        if values[rule.inputs[0]]:
            return None, rule.yes_points
        known_no = rule.no_points is not None and rule.no_points.known
        return None, rule.no_points if known_no else NOTHING_DONE
    measure = _measure(rule, values)
    if measure is None:  # a rate with no cases at all
        return None, rule.if_no_cases
    if rule.type == "count" and measure == 0:
        return measure, rule.none_points
    for band in rule.bands:
        if band.limit.known and band.holds(measure):
            return measure, band.points
    return measure, rule.otherwise


def nothing_done(sub: SubIndicator, values: Values) -> bool:
    """A hand-scored item whose every input is answered "không" or 0: nothing to score."""
    entered = [values.get(i.id) for i in sub.inputs]
    return bool(entered) and all(v is not None and not v for v in entered)


def _measure(rule: Rule, values: Values) -> float | None:
    if rule.type == "rate_threshold":
        numerator, denominator = (float(values[i] or 0) for i in rule.inputs)
        return None if denominator == 0 else numerator * 100.0 / denominator
    return float(values[rule.inputs[0]] or 0)


def judge(
    standard: Standard,
    criteria: tuple[CriterionScore, ...],
    total: float,
    threshold: Value,
) -> tuple[Verdict, tuple[Reason, ...]]:
    """Recognised only when every criterion is scored, none is at 0, and the total is enough."""
    reasons: list[Reason] = []
    if standard.no_zero_criterion.value:
        at_zero = [c.number for c in criteria if c.complete and c.points == 0]
        reasons += [Reason("CRITERION_AT_ZERO", {"criterion": n}) for n in at_zero]
    unscored = [c.number for c in criteria if not c.complete]
    if unscored:
        reasons.append(Reason("CRITERIA_UNSCORED", {"criteria": unscored}))
    elif threshold.known and total < threshold.number:
        short = threshold.number - total
        reasons.append(Reason("POINTS_SHORT", {"short": short, "threshold": threshold.number}))
    unconfirmed = [c.number for c in criteria if c.unconfirmed]
    if unconfirmed:
        reasons.append(Reason("UNCONFIRMED_VALUES", {"criteria": unconfirmed}))
    if unscored:
        return Verdict.INCOMPLETE, tuple(reasons)
    failed = any(r.code in ("CRITERION_AT_ZERO", "POINTS_SHORT") for r in reasons)
    return (Verdict.NOT_RECOGNISED if failed else Verdict.RECOGNISED), tuple(reasons)
