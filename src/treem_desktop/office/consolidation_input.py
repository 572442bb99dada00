"""What one accepted packet brings to the consolidation, read from its manifest and data.json.

Plain values only (bản tổng hợp của tỉnh): the commune, the period, the evaluation's points by
criterion and sub-indicator with its total and verdict, and the indicators' values, with their
numerators and denominators when the packet carries them (format version 1 carries the value
only; a later format may add ``numerator`` and ``denominator`` to an indicator's entry).
The packet was verified before; its data.json is still read defensively: a value of the wrong
type is refused with the place it was found at, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from treem_desktop.errors import TreemError


@dataclass(frozen=True)
class SubIndicatorResult:
    """One sub-indicator's points (điểm chỉ số thành phần) and measured value."""

    id: str
    points: float | None
    measure: float | None


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's points (điểm tiêu chí) and its maximum when known."""

    id: str
    number: int
    points: float | None
    max_points: float | None
    subs: tuple[SubIndicatorResult, ...] = ()


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator's value for the period (chỉ tiêu), in the indicator's unit."""

    id: str
    unit: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class CommuneSubmission:
    """What one commune sent for one kind and period, as the consolidation reads it.

    ``kind`` is ``evaluation`` or ``indicators`` (a plan packet carries nothing to add up).
    For an evaluation: ``total``, ``verdict`` (``recognised``, ``not-recognised``…),
    ``provisional`` and ``criteria``; for indicators: ``indicators``.
    """

    commune_code: str
    commune_name: str
    province_code: str
    province_name: str
    kind: str
    period: str
    sequence: int
    total: float | None = None
    verdict: str | None = None
    verdict_text: str = ""
    provisional: bool = False
    criteria: tuple[CriterionResult, ...] = ()
    indicators: tuple[IndicatorValue, ...] = ()

    @property
    def recognised(self) -> bool:
        return self.verdict == RECOGNISED


RECOGNISED = "recognised"


def submission_from_packet_data(
    manifest: Mapping[str, Any], data: Mapping[str, Any]
) -> CommuneSubmission:
    """The submission of a verified packet, from its manifest and its parsed data.json."""
    commune = _object(manifest, "commune", "$")
    kind = _text(manifest, "kind", "$")
    base = CommuneSubmission(
        commune_code=_text(commune, "code", "$.commune"),
        commune_name=_text(commune, "name", "$.commune"),
        province_code=_text(commune, "province_code", "$.commune"),
        province_name=_text(commune, "province_name", "$.commune"),
        kind=kind,
        period=_text(manifest, "period", "$"),
        sequence=_integer(manifest, "sequence", "$"),
    )
    if kind == "evaluation":
        return _with_score(base, _object(data, "score", "data.json$"))
    if kind == "indicators":
        raw = data.get("indicators", [])
        if not isinstance(raw, list):
            raise _invalid("data.json$.indicators")
        values = tuple(
            _indicator(item, f"data.json$.indicators[{i}]") for i, item in enumerate(raw)
        )
        return _replace(base, indicators=values)
    return base


def _with_score(base: CommuneSubmission, score: Mapping[str, Any]) -> CommuneSubmission:
    where = "data.json$.score"
    raw = score.get("criteria", [])
    if not isinstance(raw, list):
        raise _invalid(f"{where}.criteria")
    criteria = tuple(_criterion(item, f"{where}.criteria[{i}]") for i, item in enumerate(raw))
    return _replace(
        base,
        total=_number(score, "total", where),
        verdict=_text(score, "verdict", where),
        verdict_text=str(score.get("verdict_text") or ""),
        provisional=bool(score.get("provisional", False)),
        criteria=criteria,
    )


def _criterion(raw: object, where: str) -> CriterionResult:
    item = _as_object(raw, where)
    subs = item.get("sub_indicators", [])
    if not isinstance(subs, list):
        raise _invalid(f"{where}.sub_indicators")
    return CriterionResult(
        id=_text(item, "id", where),
        number=_integer(item, "number", where),
        points=_number(item, "points", where),
        max_points=_max_points(item.get("max_points"), f"{where}.max_points"),
        subs=tuple(_sub(s, f"{where}.sub_indicators[{i}]") for i, s in enumerate(subs)),
    )


def _sub(raw: object, where: str) -> SubIndicatorResult:
    item = _as_object(raw, where)
    return SubIndicatorResult(
        _text(item, "id", where), _number(item, "points", where), _number(item, "measure", where)
    )


def _max_points(raw: object, where: str) -> float | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    return _number(_as_object(raw, where), "value", where)


def _indicator(raw: object, where: str) -> IndicatorValue:
    item = _as_object(raw, where)
    return IndicatorValue(
        id=_text(item, "id", where),
        unit=_text(item, "unit", where),
        value=_number(item, "value", where),
        numerator=_number(item, "numerator", where),
        denominator=_number(item, "denominator", where),
    )


def _replace(base: CommuneSubmission, **changes: Any) -> CommuneSubmission:
    from dataclasses import replace

    return replace(base, **changes)


def _as_object(raw: object, where: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise _invalid(where)
    return raw


def _object(parent: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    return _as_object(parent.get(key), f"{where}.{key}")


def _text(parent: Mapping[str, Any], key: str, where: str) -> str:
    value = parent.get(key)
    if not isinstance(value, str):
        raise _invalid(f"{where}.{key}")
    return value


def _integer(parent: Mapping[str, Any], key: str, where: str) -> int:
    value = parent.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid(f"{where}.{key}")
    return value


def _number(parent: Mapping[str, Any], key: str, where: str) -> float | None:
    """A number or None (absent or null); anything else is refused."""
    value = parent.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise _invalid(f"{where}.{key}")
    return float(value)


def _invalid(where: str) -> TreemError:
    return TreemError("CONSOLIDATION_DATA_INVALID", place=where)
