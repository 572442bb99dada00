"""Checking entered values against the standard: kinds, ranges, numerator ≤ denominator."""

from __future__ import annotations

from collections.abc import Mapping

from treem_desktop.errors import TreemError
from treem_desktop.standards.model import Input, InputKind, Standard, SubIndicator, tr

ABSOLUTE_MAX_POINTS = 1000.0


def parse_value(item: Input, raw: object) -> float | int | bool | None:
    """The stored form of ``raw`` for ``item`` (None clears it), or a TreemError."""
    if raw is None or raw == "":
        return None
    if item.kind is InputKind.YES_NO:
        return _yes_no(item, raw)
    number = _number(item, raw)
    if number < 0:
        raise TreemError("INPUT_NEGATIVE", field=item.id, input=item.id, label=tr(item.label))
    if item.whole_number:
        if number != int(number):
            raise TreemError("INPUT_NOT_WHOLE", field=item.id, input=item.id, label=tr(item.label))
        return int(number)
    if item.kind is InputKind.PERCENTAGE and number > 100:
        raise TreemError("INPUT_PERCENT_RANGE", field=item.id, input=item.id, label=tr(item.label))
    return number


def _yes_no(item: Input, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().casefold()
    if text in ("1", "có", "co", "yes", "true", "x"):
        return True
    if text in ("0", "không", "khong", "no", "false"):
        return False
    raise TreemError("INPUT_NOT_YES_NO", field=item.id, input=item.id, label=tr(item.label))


def _number(item: Input, raw: object) -> float:
    if isinstance(raw, bool):
        raise TreemError("INPUT_NOT_NUMBER", field=item.id, input=item.id, label=tr(item.label))
    if isinstance(raw, int | float):
        return float(raw)
    text = str(raw).strip().replace(" ", "")
    if "," in text and "." in text:  # 1.234,5 (Vietnamese) or 1,234.5 (English)
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError as error:
        raise TreemError(
            "INPUT_NOT_NUMBER", field=item.id, input=item.id, label=tr(item.label)
        ) from error


def check_round_values(
    standard: Standard, values: Mapping[str, float | int | bool | None]
) -> list[TreemError]:
    """Problems that involve several values: numerator above denominator, points above max."""
    problems: list[TreemError] = []
    for criterion in standard.criteria:
        for sub in criterion.sub_indicators:
            problems += _pair_problems(sub, values)
            problems += _points_problems(sub, values, _points_cap(standard, sub))
    return problems


def _pair_problems(
    sub: SubIndicator, values: Mapping[str, float | int | bool | None]
) -> list[TreemError]:
    if sub.rule.type != "rate_threshold":
        return []
    numerator_id, denominator_id = sub.rule.inputs
    numerator, denominator = values.get(numerator_id), values.get(denominator_id)
    if numerator is None or denominator is None or float(numerator) <= float(denominator):
        return []
    return [
        TreemError(
            "NUMERATOR_ABOVE_DENOMINATOR",
            field=numerator_id,
            input=numerator_id,
            numerator=numerator,
            denominator=denominator,
            denominator_input=denominator_id,
        )
    ]


def _points_problems(
    sub: SubIndicator, values: Mapping[str, float | int | bool | None], cap: float
) -> list[TreemError]:
    points = values.get(sub.manual_input_id)
    if points is None or float(points) <= cap:
        return []
    return [
        TreemError(
            "POINTS_ABOVE_MAX", field=sub.manual_input_id, input=sub.manual_input_id, limit=cap
        )
    ]


def _points_cap(standard: Standard, sub: SubIndicator) -> float:
    """The most points the officer may give by hand: the sub-indicator's, else the criterion's."""
    criterion = next(c for c in standard.criteria if sub in c.sub_indicators)
    for value in (sub.max_points, criterion.max_points, standard.max_total):
        if value.known:
            return value.number
    return ABSOLUTE_MAX_POINTS
