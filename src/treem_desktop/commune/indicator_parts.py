"""A rate's numerator and denominator as the commune types them (tử số, mẫu số).

Each part is saved when its edit ends, if valid: a whole number ≥ 0, a denominator above 0, and
for a share a numerator no larger than the denominator. Once both are there the indicator's
value is the rate computed from them (saved in the same transaction, so what the grid shows is
what is saved); clearing one of them clears that computed value too. A rate typed without its
parts stays allowed (older data, or the officer only knows the rate): the row says so
(``IndicatorRow.rate_only``).
"""

from __future__ import annotations

from treem_desktop.commune import indicators as ind
from treem_desktop.commune.rate_part_checks import check_parts, parse_part
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.indicators.model import Indicator, IndicatorSet
from treem_desktop.indicators.rates import (
    DENOMINATOR,
    NUMERATOR,
    PARTS,
    has_parts,
    multiplier,
    part_cell,
    rate,
)
from treem_desktop.storage import form_repo


def set_part(
    workspace: Workspace, period: str, indicator_id: str, part: str, raw: object
) -> float | None:
    """Check and save one part of a rate (None clears it); the indicator's value as it is
    afterwards (the rate computed once both parts are there)."""
    ind.check_period(period)
    indicator_set = ind.active_set(workspace)
    indicator = _rate_indicator(indicator_set, indicator_id, part)
    before = ind.stored_parts(workspace, period).get(indicator_id, {})
    typed = {k: v for k, v in before.items() if k != part}
    value = parse_part(indicator, part, raw)
    if value is not None:
        typed[part] = value
    check_parts(indicator, part, typed)
    changes: dict[str, float | None] = {part_cell(indicator_id, part): typed.get(part)}
    per = multiplier(indicator_set, indicator) or 1
    if len(typed) == 2:
        changes[indicator_id] = rate(typed[NUMERATOR], typed[DENOMINATOR], per)
    elif len(before) == 2:
        changes[indicator_id] = None  # the rate computed from both goes with one of them
    form_repo.save_values(workspace.conn, ind.NATIONAL_SET, period, dict(changes), workspace.actor)
    return ind.values(workspace, period).get(indicator_id)


def _rate_indicator(indicator_set: IndicatorSet, indicator_id: str, part: str) -> Indicator:
    cell = part_cell(indicator_id, part)
    try:
        indicator = indicator_set.indicator(indicator_id)
    except KeyError:
        raise TreemError("INPUT_UNKNOWN", field=cell, input=cell) from None
    if part not in PARTS or not has_parts(indicator_set, indicator):
        raise TreemError("INPUT_UNKNOWN", field=cell, input=cell)
    return indicator
