"""Targets against actual values, and a province's own targets over the national ones.

:func:`target_status` says whether an actual value meets a target (đạt / không đạt), respecting
the indicator's direction and the target's comparison; it answers ``no-data`` when there is no
actual value and ``unknown-target`` when there is no official target to compare with (that comes
first: no value can be judged until the target is known). :func:`apply_override` gives the set
with a province's targets in place, each target keeping the document it came from.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from types import MappingProxyType

from treem_desktop.i18n import N_, _
from treem_desktop.indicators.model import (
    Comparison,
    Direction,
    Indicator,
    IndicatorSet,
    Target,
    TargetKind,
    TargetOverride,
    Unit,
    period_year,
    year_before,
)
from treem_desktop.indicators.target_words import (
    TargetsProblem,
    comparison_reason,
    entry_words,
    own_words,
    reason,
    with_year,
)
from treem_desktop.schema_words import WHOLE_FILE
from treem_desktop.standards.model import tr


class TargetStatus(StrEnum):
    MET = "met"
    NOT_MET = "not-met"
    NO_DATA = "no-data"
    UNKNOWN_TARGET = "unknown-target"


STATUS_LABELS = {
    TargetStatus.MET: N_("Met"),
    TargetStatus.NOT_MET: N_("Not met"),
    TargetStatus.NO_DATA: N_("No data"),
    TargetStatus.UNKNOWN_TARGET: N_("No official target"),
}

FULL = 100  # a target of 100% is written "100%", never "≥ 100%" (nothing is above it)

SYMBOLS = {
    Comparison.AT_LEAST: "≥",
    Comparison.AT_MOST: "≤",
    Comparison.BELOW: "<",
    Comparison.ABOVE: ">",
    Comparison.EQUAL: "=",
}

ALLOWED = {
    Direction.HIGHER: (Comparison.AT_LEAST, Comparison.ABOVE, Comparison.EQUAL),
    Direction.LOWER: (Comparison.AT_MOST, Comparison.BELOW, Comparison.EQUAL),
}


def status_label(status: TargetStatus) -> str:
    """The status in the current language: Đạt, Không đạt, Chưa có số liệu…"""
    return _(STATUS_LABELS[status])


def holds(comparison: Comparison, actual: float, limit: float) -> bool:
    """Whether ``actual`` meets ``limit`` (values within rounding noise count as equal)."""
    close = math.isclose(actual, limit, rel_tol=1e-9, abs_tol=1e-9)
    if comparison is Comparison.AT_LEAST:
        return close or actual > limit
    if comparison is Comparison.AT_MOST:
        return close or actual < limit
    if comparison is Comparison.BELOW:
        return not close and actual < limit
    if comparison is Comparison.ABOVE:
        return not close and actual > limit
    return close


def reduction_percent(previous: float, actual: float) -> float | None:
    """How much ``actual`` fell from ``previous``, in percent (None when previous is 0)."""
    if previous == 0:
        return None
    return (previous - actual) / previous * 100


def target_status(
    indicator: Indicator, target: Target | None, actual: float | None, previous: float | None = None
) -> TargetStatus:
    """Met, not met, no data or unknown target.

    ``previous`` is the value of the year before, for yearly reductions (child marriage): the
    reduction meets the target when it reaches the low end of the range; with no case last year,
    the target is met only when there is still none.
    """
    if target is None or not target.known:
        return TargetStatus.UNKNOWN_TARGET
    if actual is None:
        return TargetStatus.NO_DATA
    if target.kind is TargetKind.REDUCE_BY_PERCENT_PER_YEAR:
        if previous is None:
            return TargetStatus.NO_DATA
        reduction = reduction_percent(previous, actual)
        met = (
            actual == 0
            if reduction is None
            else holds(Comparison.AT_LEAST, reduction, target.value.number)
        )
    else:
        comparison = target.comparison_for(indicator.direction)
        met = holds(comparison, actual, target.value.number)
    return TargetStatus.MET if met else TargetStatus.NOT_MET


def target_for_period(indicator: Indicator, period: str) -> tuple[int, Target] | None:
    """The target in force for a period: that year's own, else the next milestone (2025 for
    2023), else None after the last one."""
    year = period_year(period)
    later = [y for y in indicator.target_years if y >= year]
    return (later[0], indicator.targets[later[0]]) if later else None


@dataclass(frozen=True)
class PeriodStatus:
    """One period of a trend: the target it is held against and the verdict."""

    period: str
    target_year: int | None
    target: Target | None
    actual: float | None
    status: TargetStatus


def status_across_periods(
    indicator: Indicator, actuals: Mapping[str, float | None]
) -> list[PeriodStatus]:
    """The status of each period (``2026``, ``2026-H1``) in order; reductions compare with
    the same period a year earlier."""
    statuses = []
    for period in sorted(actuals):
        found = target_for_period(indicator, period)
        target_year, target = found if found else (None, None)
        previous = actuals.get(year_before(period))
        status = target_status(indicator, target, actuals[period], previous)
        statuses.append(PeriodStatus(period, target_year, target, actuals[period], status))
    return statuses


def describe_target(target: Target | None, indicator: Indicator, units: Mapping[str, Unit]) -> str:
    """The target as printed in a table: ``< 9,5‰``, ``≥ 65%``; ``*`` when not confirmed."""
    from treem_desktop.formatting import format_number

    if target is None or not target.known:
        return _("No official target")
    mark = "" if target.confirmed else "*"
    if target.kind is TargetKind.REDUCE_BY_PERCENT_PER_YEAR:
        high = target.high.number if target.high and target.high.known else target.value.number
        text = _("reduce by {low}–{high}% a year").format(
            low=format_number(target.value.number), high=format_number(high)
        )
        return text + mark
    comparison = target.comparison_for(indicator.direction)
    symbol = SYMBOLS[comparison]
    unit = units.get(indicator.unit)
    if unit is not None and unit.symbol == "%" and target.value.number == FULL:
        if comparison in (Comparison.AT_LEAST, Comparison.EQUAL):  # "≥ 100%" is "100%"
            return f"{format_number(FULL)}%{mark}"
    if indicator.unit == "yes_no":
        return f"{symbol} {_('Yes') if target.value.number else _('No')}{mark}"
    return f"{symbol} {format_number(target.value.number)}{unit.symbol if unit else ''}{mark}"


# --- Province targets ----------------------------------------------------------------------


TargetFault = tuple[int, str, str]
"""(year, code of :data:`.target_words.REASONS`, the technical words)."""


def target_faults(indicator: Indicator) -> list[TargetFault]:
    """Targets that contradict the indicator's direction (``at least`` on a lower-is-better…)."""
    faults: list[TargetFault] = []
    for year, target in indicator.targets.items():
        if target.kind is TargetKind.REDUCE_BY_PERCENT_PER_YEAR:
            if indicator.direction is not Direction.LOWER:
                technical = "a yearly reduction needs a lower-is-better indicator"
                faults.append((year, "REDUCTION_NEEDS_LOWER", technical))
            high = target.high
            if high and high.known and target.known and high.number < target.value.number:
                technical = "the reduction range must go from low to high"
                faults.append((year, "REDUCTION_BACKWARDS", technical))
        elif target.comparison and target.comparison not in ALLOWED[indicator.direction]:
            technical = (
                f"a {indicator.direction}-is-better indicator cannot have {target.comparison}"
            )
            faults.append((year, "AGAINST_DIRECTION", technical))
    return faults


def target_problems(indicator: Indicator, where: str) -> list[tuple[str, str]]:
    """:func:`target_faults` as (place, technical) pairs, for the indicator set's checks."""
    return [(f"{where} {year}", technical) for year, _code, technical in target_faults(indicator)]


def fault_problems(
    indicator: Indicator, where: str, name: str, s: IndicatorSet | None
) -> list[TargetsProblem]:
    """:func:`target_faults` in the officer's words, ``name`` naming the indicator."""
    found = []
    for year, code, technical in target_faults(indicator):
        target = indicator.targets[year]
        if code == "AGAINST_DIRECTION" and target.comparison is not None:
            words = comparison_reason(target.comparison, indicator.direction)
        else:
            words = reason(code, s)
        found.append(TargetsProblem(where, technical, with_year(name, year), words))
    return found


def override_conflicts(s: IndicatorSet, override: TargetOverride) -> list[TargetsProblem]:
    """Why ``override`` cannot apply to ``s``: another set, unknown ids, clashes."""
    if override.indicator_set != s.id:
        technical = f"the file is for {override.indicator_set}, not {s.id}"
        words = reason("OTHER_SET", s)
        return [TargetsProblem("$.applies_to.indicator_set", technical, _(WHOLE_FILE), words)]
    known = {i.id: i for i in s.indicators}
    problems: list[TargetsProblem] = []
    for index, entry in enumerate(override.entries):
        where = f"$.targets[{index}]"
        indicator = known.get(entry.indicator)
        if indicator is None:
            technical = f"unknown indicator {entry.indicator} (not in {s.id})"
            place = entry_words({"year": entry.year}, index, None)
            words = reason("INDICATOR_UNKNOWN", s)
            problems.append(TargetsProblem(f"{where}.indicator", technical, place, words))
            continue
        alone = replace(indicator, targets={entry.year: entry.target})
        name = entry_words({"indicator": entry.indicator}, index, s)
        problems += fault_problems(alone, where, name, s)
    for index, extra in enumerate(override.extra_indicators):
        problems += _extra_conflicts(s, override, extra, index, known)
    for unit_id, unit in override.units.items():
        if unit_id in s.units and s.units[unit_id] != unit:
            technical = f"unit {unit_id} differs from the one in {s.id}"
            place = _("The unit “{unit}”").format(unit=tr(unit.label))
            words = reason("UNIT_DIFFERS", s)
            problems.append(TargetsProblem(f"$.units.{unit_id}", technical, place, words))
    return problems


def _extra_conflicts(
    s: IndicatorSet,
    override: TargetOverride,
    extra: Indicator,
    index: int,
    known: Mapping[str, Indicator],
) -> list[TargetsProblem]:
    where = f"$.extra_indicators[{index}]"
    name = own_words({"label": extra.label}, index)
    problems = []
    if extra.id in known:
        technical = f"id {extra.id} is already used in {s.id}"
        words = reason("ID_NATIONAL", s)
        problems.append(TargetsProblem(f"{where}.id", technical, name, words))
    if extra.related and extra.related not in known:
        technical = f"unknown related indicator {extra.related}"
        words = reason("RELATED_UNKNOWN", s)
        problems.append(TargetsProblem(f"{where}.related", technical, name, words))
    if extra.unit not in s.units and extra.unit not in override.units:
        technical = f"unknown unit {extra.unit}"
        words = reason("UNIT_UNKNOWN", s)
        problems.append(TargetsProblem(f"{where}.unit", technical, name, words))
    return problems


def apply_override(s: IndicatorSet, override: TargetOverride) -> IndicatorSet:
    """``s`` with the province's targets in place and its own indicators added.

    Each replaced or added target keeps the province file as its origin; ``overrides`` records
    the file. Refused (TreemError ``TARGETS_INVALID``, naming the indicator) when anything in
    the file does not fit the set; ``s`` itself never changes.
    """
    problems = override_conflicts(s, override)
    if problems:
        raise problems[0].error(_("“{title}”").format(title=tr(override.title)))
    replaced: dict[str, dict[int, Target]] = {}
    for entry in override.entries:
        replaced.setdefault(entry.indicator, {})[entry.year] = entry.target
    indicators = tuple(
        replace(i, targets=MappingProxyType({**i.targets, **replaced[i.id]}))
        if i.id in replaced
        else i
        for i in s.indicators
    )
    return replace(
        s,
        indicators=indicators + override.extra_indicators,
        units=MappingProxyType({**s.units, **override.units}),
        overrides=(*s.overrides, override.origin),
    )


def path_limit(indicator: Indicator, year: int) -> float | None:
    """Where the indicator should be in ``year`` on the straight path between the milestone
    before it and the one after (2025 → 2030); None without both numeric thresholds."""
    before = [y for y in indicator.target_years if y <= year]
    after = [y for y in indicator.target_years if y > year]
    if not before or not after:
        return None
    first, last = indicator.targets[before[-1]], indicator.targets[after[0]]
    if any(t.kind is TargetKind.REDUCE_BY_PERCENT_PER_YEAR or not t.known for t in (first, last)):
        return None
    share = (year - before[-1]) / (after[0] - before[-1])
    return first.value.number + (last.value.number - first.value.number) * share


def on_track(indicator: Indicator, target: Target, actual: float, year: int, met: bool) -> bool:
    """Before a milestone year: whether ``actual`` is on the path to ``target`` (đúng tiến độ).

    Met already is on track; otherwise the value is held against the straight path from the
    last milestone, or, before the first milestone, counted as behind (chậm tiến độ).
    """
    if met:
        return True
    limit = path_limit(indicator, year)
    if limit is None:
        return False
    return holds(target.comparison_for(indicator.direction), actual, limit)
