"""The evaluation's score as plain data: for ``--json``, and for a packet's ``data.json``."""

from __future__ import annotations

from typing import Any

from treem_desktop.standards.model import Standard, Value
from treem_desktop.standards.score_text import reason_text, verdict_text
from treem_desktop.standards.scoring import Score, SubScore


def value_json(value: Value) -> dict[str, Any]:
    return {"value": value.value, "status": str(value.status), "confirmed": value.confirmed}


def _sub_json(sub: SubScore) -> dict[str, Any]:
    return {
        "id": sub.id,
        "state": str(sub.state),
        "measure": sub.measure,
        "points": sub.points,
        "max_points": value_json(sub.max_points),
        "unconfirmed": sub.unconfirmed,
        "missing": list(sub.missing),
    }


def score_json(standard: Standard, score: Score, year: int) -> dict[str, Any]:
    return {
        "year": year,
        "standard": {"id": standard.id, "version": standard.version, "sha256": standard.sha256},
        "category": score.category,
        "total": score.total,
        "threshold": value_json(score.threshold),
        "verdict": str(score.verdict),
        "verdict_text": verdict_text(score.verdict),
        "provisional": score.provisional,
        "reasons": [{"code": r.code, **r.params, "text": reason_text(r)} for r in score.reasons],
        "criteria": [
            {
                "id": c.id,
                "number": c.number,
                "points": c.points,
                "known_points": c.known_points,
                "max_points": value_json(c.max_points),
                "unconfirmed": c.unconfirmed,
                "sub_indicators": [_sub_json(s) for s in c.subs],
            }
            for c in score.criteria
        ],
    }
