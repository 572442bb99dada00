"""The trend chart's scale: round ticks that cover the data and the target."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from treem_desktop.charts.trend import TrendChart, TrendPoint, nice_step, value_scale


def chart(values: list[float | None], target: float | None = None, unit: str = "%") -> TrendChart:
    points = tuple(TrendPoint(str(2020 + i), v) for i, v in enumerate(values))
    return TrendChart("Tỷ lệ tiêm chủng", unit, points, target)


def test_a_narrow_band_of_rates_is_zoomed_with_round_ticks() -> None:
    scale = value_scale(chart([92.5, 95.1, 97.8], target=98))
    assert (scale.low, scale.high) == (92, 98)
    assert scale.ticks == (92, 94, 96, 98)


def test_widely_spread_values_start_at_zero() -> None:
    scale = value_scale(chart([12.0, 45.0, 80.0], target=90))
    assert scale.low == 0 and scale.high == 100
    assert scale.ticks == (0, 20, 40, 60, 80, 100)


def test_per_thousand_values_far_from_zero_keep_their_range() -> None:
    scale = value_scale(chart([550.0, 530.0, 505.0], target=500, unit="‰"))
    assert scale.low == 500 and scale.high == 550
    assert scale.ticks[0] == 500 and scale.ticks[-1] == 550


def test_gaps_and_empty_charts() -> None:
    assert value_scale(chart([None, None])).ticks == (0.0, 1.0)
    scale = value_scale(chart([None, 12.0]))
    assert scale.low == 0 and scale.high >= 12


def test_nice_steps() -> None:
    assert [nice_step(s) for s in (10, 100, 7, 0.3)] == [2, 20, 2, 0.1]


@given(st.lists(st.floats(0, 10_000), min_size=1, max_size=12), st.none() | st.floats(0, 10_000))
def test_the_scale_covers_every_value_and_the_target(
    values: list[float], target: float | None
) -> None:
    test_chart = chart(list(values), target, unit="people")
    scale = value_scale(test_chart)
    for value in test_chart.values():
        assert scale.low - 1e-9 <= value <= scale.high + 1e-9
        assert 0.0 - 1e-9 <= scale.fraction(value) <= 1.0 + 1e-9
    assert list(scale.ticks) == sorted(scale.ticks) and len(scale.ticks) <= 12
