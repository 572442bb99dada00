"""Follow-up of a period (theo dõi): who sent on time, late, who is missing, who was refused,
the evaluation results, and the share of communes recognised against the target.

Expected senders are the communes of the office's province in the official list. A packet is on
time when the office received it by the end of the deadline's day (Vietnam time); with no
deadline set, every packet received counts as on time. The target share is the province's own
when set (``target``), else Decision 23/QĐ-TTg's: 65% of communes by 2025, 75% by 2030.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from treem_desktop.errors import TreemError
from treem_desktop.office import packet_store as store
from treem_desktop.office.profile import (
    VIETNAM,
    OfficeProfile,
    expected_communes,
    get_setting,
    set_setting,
)

ON_TIME = "on-time"
LATE = "late"
MISSING = "missing"
RECOGNISED = "recognised"
TARGET_BY_2025 = 65.0
TARGET_BY_2030 = 75.0
TARGET_KEY = "target"


@dataclass(frozen=True)
class CommuneStatus:
    """One expected commune in the period."""

    code: str
    name: str
    state: str
    refused: int = 0
    packet_id: str = ""
    sequence: int | None = None
    received_at: str = ""
    resubmission_waiting: bool = False
    total: float | None = None
    verdict: str = ""
    verdict_text: str = ""
    provisional: bool = False
    criteria_at_zero: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {**self.__dict__, "criteria_at_zero": list(self.criteria_at_zero)}


@dataclass(frozen=True)
class PeriodStatus:
    period: str
    kind: str
    deadline: str | None
    communes: list[CommuneStatus]
    target_percent: float
    target_source: str
    other_refused: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def recognised(self) -> int:
        return sum(1 for c in self.communes if c.verdict == RECOGNISED)

    @property
    def recognised_percent(self) -> float:
        return 100.0 * self.recognised / len(self.communes) if self.communes else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "kind": self.kind,
            "deadline": self.deadline,
            "counts": self.counts,
            "recognised": self.recognised,
            "recognised_percent": round(self.recognised_percent, 1),
            "target_percent": self.target_percent,
            "target_source": self.target_source,
            "target_met": self.recognised_percent >= self.target_percent,
            "refused_from_elsewhere": self.other_refused,
            "communes": [c.as_json() for c in self.communes],
        }


def deadline_key(kind: str, period: str) -> str:
    return f"deadline.{kind}.{period}"


def set_deadline(conn: sqlite3.Connection, kind: str, period: str, day: dt.date) -> None:
    set_setting(conn, deadline_key(kind, period), day.isoformat())


def set_target(conn: sqlite3.Connection, percent: float) -> None:
    if not 0 < percent <= 100:
        raise TreemError("OFFICE_TARGET_INVALID", value=percent)
    set_setting(conn, TARGET_KEY, repr(float(percent)))


def target_share(conn: sqlite3.Connection, period: str) -> tuple[float, str]:
    """(percent, where it comes from): the province's own, else Decision 23's milestone."""
    own = get_setting(conn, TARGET_KEY)
    if own is not None:
        return float(own), "province"
    year = int(period[:4])
    return (TARGET_BY_2025 if year <= 2025 else TARGET_BY_2030), "decision-23-2021"


def period_status(
    conn: sqlite3.Connection, profile: OfficeProfile, period: str, kind: str = "evaluation"
) -> PeriodStatus:
    deadline = get_setting(conn, deadline_key(kind, period))
    current = {
        p.commune_code: p
        for p in store.received_where(
            conn, "kind = ? AND period = ? AND state = ?", kind, period, store.CURRENT
        )
    }
    waiting = {
        p.commune_code
        for p in store.received_where(
            conn, "kind = ? AND period = ? AND state = ?", kind, period, store.PENDING
        )
    }
    refused = _refused_by_commune(conn, kind, period)
    rows = [
        _commune_status(c.code, c.name, current.get(c.code), deadline, refused, waiting)
        for c in expected_communes(profile)
    ]
    expected = {row.code for row in rows}
    percent, source = target_share(conn, period)
    counts = {s: sum(1 for r in rows if r.state == s) for s in (ON_TIME, LATE, MISSING)}
    counts |= {"expected": len(rows), "received": counts[ON_TIME] + counts[LATE]}
    counts["refused"] = sum(1 for r in rows if r.refused)
    other = sum(n for code, n in refused.items() if code not in expected)
    return PeriodStatus(period, kind, deadline, rows, percent, source, other, counts)


def _refused_by_commune(conn: sqlite3.Connection, kind: str, period: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in store.quarantined(conn):
        if entry.kind == kind and entry.period == period:
            counts[entry.commune_code] = counts.get(entry.commune_code, 0) + 1
    return counts


def _commune_status(
    code: str,
    name: str,
    packet: store.ReceivedPacket | None,
    deadline: str | None,
    refused: dict[str, int],
    waiting: set[str],
) -> CommuneStatus:
    if packet is None:
        return CommuneStatus(code, name, MISSING, refused.get(code, 0))
    score = packet.data.get("score") if isinstance(packet.data.get("score"), dict) else {}
    assert isinstance(score, dict)
    return CommuneStatus(
        code,
        name,
        LATE if _late(packet.received_at, deadline) else ON_TIME,
        refused.get(code, 0),
        packet.packet_id,
        packet.sequence,
        packet.received_at,
        code in waiting,
        _number(score.get("total")),
        str(score.get("verdict", "")),
        str(score.get("verdict_text", "")),
        bool(score.get("provisional", False)),
        _criteria_at_zero(score),
    )


def _late(received_at: str, deadline: str | None) -> bool:
    if deadline is None:
        return False
    end = dt.datetime.combine(
        dt.date.fromisoformat(deadline) + dt.timedelta(days=1), dt.time(), VIETNAM
    )
    return dt.datetime.fromisoformat(received_at) >= end


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _criteria_at_zero(score: dict[str, Any]) -> tuple[str, ...]:
    criteria = score.get("criteria")
    if not isinstance(criteria, list):
        return ()
    return tuple(str(c.get("id")) for c in criteria if isinstance(c, dict) and c.get("points") == 0)
