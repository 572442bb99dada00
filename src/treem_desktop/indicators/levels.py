"""Who reports an indicator: the levels (commune, province, national) and, for a split
indicator such as 4c, the area (rural, urban) a commune of each kind reports.

Version 2 of an indicator set names the levels of every indicator (``levels``); version 1 only
marked those a commune cannot compute (``level: province``), which reads as province and
national here. An indicator that says nothing (a province's own ``p-…``) is reported at every
level. A xã reports the rural row, a phường the urban row, a đặc khu (and a blank form, whose
kind is not known) both.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum

from treem_desktop.indicators.model import Indicator, IndicatorSet


class Level(StrEnum):
    COMMUNE = "commune"
    PROVINCE = "province"
    NATIONAL = "national"


class Area(StrEnum):
    RURAL = "rural"
    URBAN = "urban"


EVERY_LEVEL = (Level.COMMUNE, Level.PROVINCE, Level.NATIONAL)
ABOVE_COMMUNE = (Level.PROVINCE, Level.NATIONAL)
AREAS_BY_KIND = {
    "xã": (Area.RURAL,),
    "phường": (Area.URBAN,),
    "đặc khu": (Area.RURAL, Area.URBAN),
}


def levels_of(raw: dict[str, object]) -> tuple[Level, ...]:
    """The levels in an indicator's JSON: ``levels``, else the older ``level``, else every."""
    levels = raw.get("levels")
    if isinstance(levels, dict):
        return tuple(Level(v) for v in levels["value"])
    level = raw.get("level")
    if isinstance(level, dict) and level.get("value") == Level.PROVINCE:
        return ABOVE_COMMUNE
    return EVERY_LEVEL


def areas_for(division_type: str | None) -> tuple[Area, ...]:
    """The areas a unit of ``division_type`` reports (both when the kind is not known)."""
    kind = (division_type or "").strip().lower()
    return AREAS_BY_KIND.get(kind, (Area.RURAL, Area.URBAN))


def reported_by_commune(indicator: Indicator, division_type: str | None) -> bool:
    """Whether a commune of ``division_type`` reports ``indicator`` for its own area."""
    if Level.COMMUNE not in indicator.levels:
        return False
    return indicator.area is None or indicator.area in areas_for(division_type)


def commune_indicators(
    indicator_set: IndicatorSet, division_type: str | None
) -> tuple[Indicator, ...]:
    """The indicators a commune of ``division_type`` reports, in the order of the set."""
    return tuple(i for i in indicator_set.indicators if reported_by_commune(i, division_type))


def for_commune(indicator_set: IndicatorSet, division_type: str | None) -> IndicatorSet:
    """The set with only the commune's own indicators (same identity, targets and units)."""
    own = commune_indicators(indicator_set, division_type)
    return dataclasses.replace(indicator_set, indicators=own)


def left_out(indicator_set: IndicatorSet, division_type: str | None) -> tuple[Indicator, ...]:
    """The indicators of the set a commune of ``division_type`` does not report."""
    return tuple(i for i in indicator_set.indicators if not reported_by_commune(i, division_type))
