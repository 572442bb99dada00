"""A trend of one indicator over several periods, with its target: what to draw, not how.

The scale and the tick values are computed here, in plain Python, so that every renderer
(the window, a printed page, an image for a document) draws the same chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class TrendPoint:
    period: str
    value: float | None  # None: no data for that period (a gap in the line)


@dataclass(frozen=True)
class TrendChart:
    """One indicator's values by period, and the target line when there is one.

    Attributes:
        higher_is_better: which side of the target is good (for the legend and colours).
    """

    title: str
    unit: str
    points: tuple[TrendPoint, ...]
    target: float | None = None
    target_label: str = ""
    higher_is_better: bool = True
    series_label: str = ""

    def values(self) -> list[float]:
        found = [p.value for p in self.points if p.value is not None]
        if self.target is not None:
            found.append(self.target)
        return found


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    ticks: tuple[float, ...]

    def fraction(self, value: float) -> float:
        """Where ``value`` sits between the bottom (0.0) and the top (1.0) of the plot."""
        span = self.high - self.low
        return 0.5 if span == 0 else (value - self.low) / span


def nice_step(span: float, wanted_ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about ``wanted_ticks`` intervals."""
    rough = span / max(wanted_ticks, 1)
    if not rough > 1e-12 or math.isinf(rough):
        return 1.0
    magnitude = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= rough:
            return factor * magnitude
    return 10 * magnitude


def value_scale(chart: TrendChart, wanted_ticks: int = 5) -> Scale:
    """The axis from a round number at or below the data (0 for rates) to one at or above it."""
    values = chart.values()
    if not values:
        return Scale(0.0, 1.0, (0.0, 1.0))
    low, high = min(values), max(values)
    if low >= 0 and (low < (high - low) or low == high):
        low = 0.0  # values spread widely read best from zero; a narrow band is zoomed in
    if high - low < 1e-9:
        high = low + 1.0
    step = nice_step(high - low, wanted_ticks)
    bottom = math.floor(low / step) * step
    top = math.ceil(high / step) * step
    count = round((top - bottom) / step)
    ticks = tuple(round(bottom + i * step, 10) for i in range(count + 1))
    return Scale(bottom, top, ticks)
