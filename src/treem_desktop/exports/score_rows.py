"""The rows of the score sheet (bảng tự đánh giá, chấm điểm) as plain data, without openpyxl.

One row per criterion (tiêu chí) with its subtotal, then one per sub-indicator (nội dung).
Every number not confirmed from the official text, and every point entered by hand, is
marked, and the remarks say why.
"""

from __future__ import annotations

from dataclasses import dataclass

from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.standards.model import (
    Criterion,
    Direction,
    Input,
    InputKind,
    Status,
    SubIndicator,
    Value,
    tr,
)
from treem_desktop.standards.round import EvaluationRound
from treem_desktop.standards.score_text import status_text
from treem_desktop.standards.scoring import (
    CriterionScore,
    Score,
    SubScore,
    SubState,
    Values,
    apply_rule,
    score_sub,
)

RATE_RULES = ("rate_threshold", "survey_score")


@dataclass(frozen=True)
class Points:
    """A number of points; ``marked``: not confirmed from the official text, or by hand.

    ``value`` None is shown as ``blank``: "?" for a maximum with no official value, "—" for
    points not scored yet.
    """

    value: float | None
    marked: bool
    blank: str = "—"


@dataclass(frozen=True)
class TableRow:
    criterion: bool
    number: int | str
    label: str
    unit: str
    last_year: str
    this_year: str
    rate: float | None
    max_points: Points
    points: Points
    remarks: str


def maximum(value: Value) -> Points:
    return Points(value.number if value.known else None, not value.confirmed, "?")


def table_rows(evaluation: EvaluationRound, score: Score) -> list[TableRow]:
    """Every criterion followed by its sub-indicators, in the standard's order."""
    rows: list[TableRow] = []
    for criterion, result in zip(evaluation.standard.criteria, score.criteria, strict=True):
        rows.append(criterion_row(criterion, result))
        pairs = zip(criterion.sub_indicators, result.subs, strict=True)
        for position, (sub, sub_score) in enumerate(pairs, start=1):
            number = f"{criterion.number}.{position}"
            rows.append(sub_row(number, sub, sub_score, evaluation))
    return rows


def criterion_row(criterion: Criterion, result: CriterionScore) -> TableRow:
    notes = []
    if criterion.name_status is not Status.CONFIRMED:
        notes.append(_("Name: {status}").format(status=status_text(criterion.name_status)))
    if criterion.max_points.known and not criterion.max_points.confirmed:
        notes.append(max_note(criterion.max_points))
    if not result.complete:
        notes.append(
            _("Scored so far: {filled} of {count} contents").format(
                filled=result.filled, count=len(result.subs)
            )
        )
    return TableRow(
        criterion=True,
        number=criterion.number,
        label=tr(criterion.name),
        unit="",
        last_year="",
        this_year="",
        rate=None,
        max_points=maximum(criterion.max_points),
        points=Points(result.points, result.unconfirmed and result.points is not None),
        remarks="\n".join(notes),
    )


def sub_row(
    number: str, sub: SubIndicator, result: SubScore, evaluation: EvaluationRound
) -> TableRow:
    last_year = ""
    if evaluation.previous_year is not None:
        before = score_sub(sub, evaluation.previous)
        last_year = with_rate(values_text(sub, evaluation.previous), sub, before.measure)
    return TableRow(
        criterion=False,
        number=number,
        label=tr(sub.label),
        unit=unit_text(sub),
        last_year=last_year,
        this_year=values_text(sub, evaluation.values),
        rate=result.measure if sub.rule.type in RATE_RULES else None,
        max_points=maximum(sub.max_points),
        points=Points(result.points, result.unconfirmed and result.points is not None),
        remarks="\n".join(sub_notes(sub, result, evaluation.values)),
    )


def max_note(value: Value) -> str:
    """Why a maximum shown with its mark is marked."""
    return _("Maximum points: {status}").format(status=status_text(value.status))


def sub_notes(sub: SubIndicator, result: SubScore, values: Values) -> list[str]:
    """Why the row's numbers are marked (once when both share a status), or what is missing.

    A maximum with no official value shows "?", which the footnote explains.
    """
    unmarked = sub.max_points.confirmed or not sub.max_points.known
    maximum_status = None if unmarked else sub.max_points.status
    points_status = None
    if result.state is SubState.SCORED and result.unconfirmed:
        awarded = apply_rule(sub.rule, values)[1]
        points_status = awarded.status if awarded is not None else None
    if maximum_status is not None and maximum_status == points_status:
        notes = [status_text(maximum_status)]
    else:
        notes = [max_note(sub.max_points)] if maximum_status is not None else []
        if points_status is not None:
            notes.append(_("Points: {status}").format(status=status_text(points_status)))
    if result.state is SubState.SCORED_BY_HAND:
        notes.append(_("Points entered by hand"))
    elif result.state is SubState.NEEDS_POINTS_BY_HAND:
        notes.append(_("Points still to be entered by hand"))
    elif result.state is SubState.MISSING_INPUTS:
        notes.append(_("Figures not entered yet"))
    return notes


def unit_text(sub: SubIndicator) -> str:
    """The unit of a sub-indicator, with which way is better for rates."""
    if sub.rule.type in RATE_RULES:
        if sub.rule.direction is Direction.LOWER:
            return _("% (lower is better)")
        return _("% (higher is better)")
    return "; ".join(dict.fromkeys(tr(item.unit) for item in sub.inputs))


def values_text(sub: SubIndicator, values: Values) -> str:
    """The figures entered: ``118/120`` for a rate, ``Có; 6 hoạt động`` for the rest.

    Percentages are left out: the rate column shows them.
    """
    if sub.rule.type == "rate_threshold":
        numerator, denominator = (values.get(i) for i in sub.rule.inputs)
        if numerator is None or denominator is None:
            return ""
        return f"{_number(numerator)}/{_number(denominator)}"
    parts = [
        input_text(item, values[item.id])
        for item in sub.inputs
        if values.get(item.id) is not None and item.kind is not InputKind.PERCENTAGE
    ]
    return "; ".join(parts)


def with_rate(text: str, sub: SubIndicator, measure: float | None) -> str:
    if measure is None or sub.rule.type not in RATE_RULES:
        return text
    rate = format_number(measure, 1) + "%"
    return f"{text}\n({rate})" if text else rate


def input_text(item: Input, value: float | int | bool | None) -> str:
    if item.kind is InputKind.YES_NO:
        return _("Yes") if value else _("No")
    if item.kind is InputKind.COUNT:
        return f"{_number(value or 0)} {tr(item.unit)}"
    return _number(value or 0)


def _number(value: float | int | bool) -> str:
    number = float(value)
    return format_number(number, 0 if number.is_integer() else 1)
