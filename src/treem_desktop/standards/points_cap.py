"""How many points a self-scored item may still get (điểm tự chấm tối đa còn lại).

The standard's total (``max_total``) is never exceeded and a criterion never goes above its
maximum. Where a criterion's maximum is unknown, the self-scored items of all such criteria
share what the known maxima leave of the total (Decision 06: 1.000 − 275 = 725 points).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from treem_desktop.standards.model import Criterion, Standard, SubIndicator

ABSOLUTE_MAX_POINTS = 1000.0
"""The most points any item takes when the standard gives no maximum at all."""


class Limit:
    """Which maximum leaves the least room (stable names, used in error codes)."""

    ITEM = "item"
    CRITERION = "criterion"
    SHARED = "shared"
    TOTAL = "total"
    NONE = "none"


@dataclass(frozen=True)
class Room:
    """The points left for one item, which maximum decides it, and the numbers behind it.

    Attributes:
        points: the most points the item may get (never below 0).
        limit: a :class:`Limit` name.
        maximum: the maximum that decides (the item's, the criterion's, the shared pool or
            the total).
        used: the points other items already take from that maximum.
    """

    points: float
    limit: str
    maximum: float
    used: float


def shared_pool(standard: Standard) -> float | None:
    """What the known criterion maxima leave of the total (None: no known total)."""
    if not standard.max_total.known:
        return None
    known = sum(c.max_points.number for c in standard.criteria if c.max_points.known)
    return max(standard.max_total.number - known, 0.0)


def criterion_of(standard: Standard, sub: SubIndicator) -> Criterion:
    return next(c for c in standard.criteria if sub in c.sub_indicators)


def room_for(standard: Standard, sub: SubIndicator, others: Mapping[str, float]) -> Room:
    """The room for ``sub`` given the points of the other items (by sub-indicator id)."""
    criterion = criterion_of(standard, sub)
    points = {k: v for k, v in others.items() if k != sub.id}
    rooms: list[Room] = []
    if sub.max_points.known:
        rooms.append(_room(Limit.ITEM, sub.max_points.number, 0.0))
    if criterion.max_points.known:
        used = sum(points.get(s.id, 0.0) for s in criterion.sub_indicators)
        rooms.append(_room(Limit.CRITERION, criterion.max_points.number, used))
    else:
        pool = shared_pool(standard)
        if pool is not None:
            unknown = [c for c in standard.criteria if not c.max_points.known]
            used = sum(points.get(s.id, 0.0) for c in unknown for s in c.sub_indicators)
            rooms.append(_room(Limit.SHARED, pool, used))
    if standard.max_total.known:
        rooms.append(_room(Limit.TOTAL, standard.max_total.number, sum(points.values())))
    if not rooms:
        return Room(ABSOLUTE_MAX_POINTS, Limit.NONE, ABSOLUTE_MAX_POINTS, 0.0)
    return min(rooms, key=lambda room: room.points)


def _room(limit: str, maximum: float, used: float) -> Room:
    return Room(max(maximum - used, 0.0), limit, maximum, used)
