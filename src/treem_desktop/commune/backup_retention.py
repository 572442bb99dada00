"""Which backups to keep: the last 10, one a day for a week, one a week for two months."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

KEEP_LAST = 10
DAILY_FOR = dt.timedelta(days=7)
WEEKLY_FOR = dt.timedelta(days=61)


def backups_to_keep(created: Sequence[dt.datetime], now: dt.datetime) -> set[int]:
    """The positions in ``created`` of the backups to keep; every other one may be deleted.

    The newest of each day (last week) and of each ISO week (last two months) is kept, so a
    day's many automatic backups thin out to one, and the oldest kept one is two months old.
    Backups made in the same second count as made in the order given.
    """
    newest_first = sorted(range(len(created)), key=lambda i: (created[i], -i), reverse=True)
    keep = set(newest_first[:KEEP_LAST])
    keep |= _newest_per(created, newest_first, now - DAILY_FOR, lambda t: t.date().isoformat())
    keep |= _newest_per(created, newest_first, now - WEEKLY_FOR, _iso_week)
    return keep


def _iso_week(stamp: dt.datetime) -> str:
    year, week, _day = stamp.isocalendar()
    return f"{year}-{week:02d}"


def _newest_per(
    created: Sequence[dt.datetime],
    newest_first: list[int],
    since: dt.datetime,
    period: Callable[[dt.datetime], str],
) -> set[int]:
    seen: dict[str, int] = {}
    for index in newest_first:
        if created[index] >= since:
            seen.setdefault(period(created[index]), index)
    return set(seen.values())
