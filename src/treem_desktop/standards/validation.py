"""Checking entered values against the standard: kinds, ranges, numerator ≤ denominator."""

from __future__ import annotations

from collections.abc import Mapping

from treem_desktop.core.outside_json import MAX_COUNT, OutsideDataError, finite_number
from treem_desktop.errors import TreemError
from treem_desktop.formatting import format_number
from treem_desktop.standards.model import Input, InputKind, Standard, SubIndicator, tr
from treem_desktop.standards.points_cap import Limit, Room, criterion_of, room_for
from treem_desktop.standards.scoring import SubState, by_hand_room, score_sub

MAX_POINTS = 1000
_MAXIMA = {
    InputKind.NUMERATOR: MAX_COUNT,
    InputKind.DENOMINATOR: MAX_COUNT,
    InputKind.COUNT: MAX_COUNT,
    InputKind.POINTS: MAX_POINTS,
}
"""The largest value of each kind (a percentage above 100 has its own message below)."""


def parse_value(item: Input, raw: object) -> float | int | bool | None:
    """The stored form of ``raw`` for ``item`` (None clears it), or a TreemError."""
    if raw is None or raw == "":
        return None
    if item.kind is InputKind.YES_NO:
        return _yes_no(item, raw)
    number = _number(item, raw)
    if number < 0:
        raise TreemError("INPUT_NEGATIVE", field=item.id, input=item.id, label=tr(item.label))
    limit = _MAXIMA.get(item.kind)
    if limit is not None and number > limit:
        raise TreemError(
            "INPUT_TOO_LARGE",
            field=item.id,
            input=item.id,
            label=tr(item.label),
            limit=format_number(limit, 0),
        )
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
        return _finite(item, raw)
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
        number = float(text)
    except ValueError as error:
        raise TreemError(
            "INPUT_NOT_NUMBER", field=item.id, input=item.id, label=tr(item.label)
        ) from error
    return _finite(item, number)


def _finite(item: Input, raw: int | float) -> float:
    """``raw`` as a float, refused when it is NaN, infinite or too large for one."""
    try:
        return finite_number(raw)
    except OutsideDataError as error:
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
            problems += _points_problems(standard, sub, values)
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
            numerator_label=_label(sub, numerator_id),
            denominator_label=_label(sub, denominator_id),
        )
    ]


def _label(sub: SubIndicator, input_id: str) -> str:
    return next((tr(i.label) for i in sub.inputs if i.id == input_id), input_id)


POINTS_CODES = {
    Limit.ITEM: "POINTS_ABOVE_ITEM_MAX",
    Limit.CRITERION: "POINTS_ABOVE_CRITERION_LEFT",
    Limit.SHARED: "POINTS_ABOVE_SHARED_LEFT",
    Limit.TOTAL: "POINTS_ABOVE_TOTAL",
    Limit.NONE: "POINTS_ABOVE_MAX",
}


def _points_problems(
    standard: Standard, sub: SubIndicator, values: Mapping[str, float | int | bool | None]
) -> list[TreemError]:
    """Own points above what the item, its criterion, the shared pool or the total leave."""
    points = values.get(sub.manual_input_id)
    if points is None:
        return []
    by_hand = score_sub(sub, values).state is SubState.SCORED_BY_HAND
    room = by_hand_room(standard, values, sub) if by_hand else room_for(standard, sub, {})
    if float(points) <= room.points + 1e-9:
        return []
    return [points_error(standard, sub, room, float(points))]


def points_error(standard: Standard, sub: SubIndicator, room: Room, points: float) -> TreemError:
    """The refusal of ``points`` for ``sub``, saying which maximum leaves ``room``."""
    criterion = criterion_of(standard, sub)
    return TreemError(
        POINTS_CODES[room.limit],
        field=sub.manual_input_id,
        input=sub.manual_input_id,
        item=f"{standard.item_number(sub.id)} – {tr(sub.label)}",
        points=_points(points),
        limit=_points(room.points),
        maximum=_points(room.maximum),
        used=_points(room.used),
        criterion=criterion.number,
    )


def _points(value: float) -> str:
    return format_number(value, 0 if value == int(value) else 1)
