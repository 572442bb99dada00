"""A rate from its numerator and denominator (tỷ lệ từ tử số và mẫu số).

A rate indicator names its parts (:class:`~treem_desktop.indicators.model.RateParts`) and its
unit the multiplier (``per``: 100 for %, 1000 for ‰). The commune's rate and the province's
rate are both computed here, the province's from the summed parts, never from an average of
the communes' rates.
"""

from __future__ import annotations

from treem_desktop.indicators.model import Indicator, IndicatorSet

NUMERATOR = "numerator"
DENOMINATOR = "denominator"
PARTS = (NUMERATOR, DENOMINATOR)


def multiplier(indicator_set: IndicatorSet, indicator: Indicator) -> int | None:
    """The rate's multiplier (100 for a percentage), or None when the indicator is no rate."""
    unit = indicator_set.units.get(indicator.unit)
    return unit.per if unit is not None else None


def has_parts(indicator_set: IndicatorSet, indicator: Indicator) -> bool:
    """Whether the officer may type this indicator's numerator and denominator."""
    return indicator.parts is not None and multiplier(indicator_set, indicator) is not None


def rate(numerator: float, denominator: float, per: float) -> float | None:
    """``numerator / denominator × per``; None when the denominator is 0."""
    if denominator <= 0:
        return None
    return numerator / denominator * per


def part_cell(indicator_id: str, part: str) -> str:
    """Where a part is stored beside the indicator's value: ``ct14.numerator``."""
    return f"{indicator_id}.{part}"
