"""A standard's filled values (bảng điểm chính thức của tỉnh): read, listed, applied.

The province holds the official scoring text; the values the public texts do not give (points,
maxima, bands, "no cases" rules) are filled by the office, each with who entered it and from
which document (docs/standard-pack.md). :func:`apply_filled` turns them into a standard whose
values carry :attr:`Status.PACK`, which scoring counts as confirmed. Pure: no storage, no Qt.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import Any

from treem_desktop.errors import TreemError
from treem_desktop.standards.model import (
    Band,
    Criterion,
    Rule,
    Standard,
    Status,
    SubIndicator,
    Value,
)

VALUES_FORMAT = "treem-standard-values"
RULE_FIELDS = ("otherwise", "if_no_cases", "none_points", "yes_points", "no_points")
"""The single values of a rule a pack may fill (``<item>.<field>``)."""
MAX_TEXT_CHARS = 200


@dataclass(frozen=True)
class PackDocument:
    """The official document a value is taken from (số, ngày, cơ quan ban hành)."""

    number: str
    date: str  # YYYY-MM-DD
    issuer: str

    def title(self) -> str:
        """``123/QĐ-UBND (01/08/2025, UBND tỉnh Điện Biên)``."""
        day = dt.date.fromisoformat(self.date).strftime("%d/%m/%Y")
        return f"{self.number} ({day}, {self.issuer})"


@dataclass(frozen=True)
class BandValue:
    limit: float
    at_least: bool
    points: float


@dataclass(frozen=True)
class FilledValue:
    """One filled value: ``target`` is ``max_total``, ``c2.max_points``, ``c2.x.max_points``,
    ``c2.x.bands`` (with ``bands``) or ``c2.x.<rule field>`` (with ``value``)."""

    target: str
    value: float | None
    bands: tuple[BandValue, ...] | None
    entered_by: str
    document: PackDocument | None


@dataclass(frozen=True)
class Slot:
    """A value of the standard the official text has not confirmed, as the editor lists it."""

    target: str
    current: Value | None
    bands: tuple[Band, ...] = ()


def parse_filled(document: Any, origin: str) -> list[FilledValue]:
    """The ``values`` of a filled-values document (defaults for source applied), or a
    ``STANDARD_VALUES_INVALID`` naming where."""
    if not isinstance(document, dict) or not isinstance(document.get("values"), list):
        raise _invalid(origin, "$", "an object with a list of values")
    defaults = {k: document.get(k) for k in ("entered_by", "document")}
    return [
        _filled(raw, defaults, origin, f"values[{n}]") for n, raw in enumerate(document["values"])
    ]


def _filled(raw: Any, defaults: dict[str, Any], origin: str, where: str) -> FilledValue:
    if not isinstance(raw, dict) or not isinstance(raw.get("target"), str):
        raise _invalid(origin, where, "an object with a target")
    target = raw["target"]
    is_bands = target.endswith(".bands")
    bands = _bands(raw.get("bands"), origin, where) if is_bands else None
    value = None if is_bands else _number(raw.get("value"), origin, where + ".value")
    entered_by = raw.get("entered_by", defaults["entered_by"])
    return FilledValue(
        target,
        value,
        bands,
        entered_by.strip() if isinstance(entered_by, str) else "",
        _document(raw.get("document", defaults["document"])),
    )


def _number(raw: Any, origin: str, where: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise _invalid(origin, where, "a number")
    if raw < 0:
        raise _invalid(origin, where, "a number not below 0")
    return float(raw)


def _bands(raw: Any, origin: str, where: str) -> tuple[BandValue, ...]:
    if not isinstance(raw, list) or not raw:
        raise _invalid(origin, where + ".bands", "a list of bands")
    found = []
    for n, band in enumerate(raw):
        place = f"{where}.bands[{n}]"
        if not isinstance(band, dict) or ("at_least" in band) == ("at_most" in band):
            raise _invalid(origin, place, "at_least or at_most, and points")
        at_least = "at_least" in band
        limit = _number(band["at_least" if at_least else "at_most"], origin, place)
        found.append(BandValue(limit, at_least, _number(band.get("points"), origin, place)))
    return tuple(found)


def _document(raw: Any) -> PackDocument | None:
    if not isinstance(raw, dict):
        return None
    parts = [raw.get(k) for k in ("number", "date", "issuer")]
    if not all(isinstance(p, str) and p.strip() and len(p) <= MAX_TEXT_CHARS for p in parts):
        return None
    number, date, issuer = (str(p).strip() for p in parts)
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return None
    return PackDocument(number, date, issuer)


def _invalid(origin: str, where: str, expected: str) -> TreemError:
    return TreemError(  # officer words from field/expected: standards/values_words.py
        "STANDARD_VALUES_INVALID", field=where, path=origin, detail=f"{where}: {expected}",
        expected=expected,
    )  # fmt: skip


def filled_json(value: FilledValue) -> dict[str, Any]:
    """One value as the pack writes it (the reverse of :func:`parse_filled`)."""
    found: dict[str, Any] = {"target": value.target}
    if value.bands is not None:
        found["bands"] = [
            {"at_least" if b.at_least else "at_most": b.limit, "points": b.points}
            for b in value.bands
        ]
    else:
        found["value"] = value.value
    found["entered_by"] = value.entered_by
    doc = value.document
    found["document"] = doc and {"number": doc.number, "date": doc.date, "issuer": doc.issuer}
    return found


def open_slots(standard: Standard) -> list[Slot]:
    """Every value the official text has not confirmed, in the order of the standard."""
    slots = []
    if not standard.max_total.confirmed:
        slots.append(Slot("max_total", standard.max_total))
    for criterion in standard.criteria:
        if not criterion.max_points.confirmed:
            slots.append(Slot(f"{criterion.id}.max_points", criterion.max_points))
        for sub in criterion.sub_indicators:
            slots.extend(_sub_slots(sub))
    return slots


def _sub_slots(sub: SubIndicator) -> list[Slot]:
    slots = []
    if not sub.max_points.confirmed:
        slots.append(Slot(f"{sub.id}.max_points", sub.max_points))
    rule = sub.rule
    if rule.type in ("rate_threshold", "step_table", "count", "survey_score"):
        if _scale_open(rule):
            slots.append(Slot(f"{sub.id}.bands", None, rule.bands))
    for name in RULE_FIELDS:
        current = getattr(rule, name)
        if current is not None and not current.confirmed:
            slots.append(Slot(f"{sub.id}.{name}", current))
    return slots


def _scale_open(rule: Rule) -> bool:
    """No bands, a band not confirmed, or what lies below the lowest band unknown (6, 7)."""
    below = rule.otherwise is not None and not rule.otherwise.confirmed
    unconfirmed = not all(b.limit.confirmed and b.points.confirmed for b in rule.bands)
    return not rule.bands or unconfirmed or below


def slot_targets(standard: Standard) -> set[str]:
    """Every target a pack may fill for ``standard`` (the open slots and the rule fields)."""
    return {slot.target for slot in open_slots(standard)}


def source_key(document: PackDocument) -> str:
    return f"pack:{document.number}:{document.date}"


def apply_filled(standard: Standard, filled: list[FilledValue]) -> Standard:
    """``standard`` with the filled values in place, each with :attr:`Status.PACK` and its
    document among the standard's sources (the "Chi tiết" tooltip names it)."""
    by_target = {f.target: f for f in filled}
    sources = dict(standard.sources)
    for value in filled:
        if value.document is not None:
            sources[source_key(value.document)] = {
                "title": value.document.title(),
                "entered_by": value.entered_by,
            }
    max_total = _filled_value(standard.max_total, by_target.get("max_total"))
    criteria = tuple(_apply_criterion(c, by_target) for c in standard.criteria)
    return replace(standard, sources=sources, max_total=max_total, criteria=criteria)


def _filled_value(current: Value, value: FilledValue | None) -> Value:
    if value is None or value.value is None:
        return current
    number: float = value.value
    shown = int(number) if number == int(number) else number
    key = source_key(value.document) if value.document else None
    return Value(shown, Status.PACK, key, value.entered_by)


def _apply_criterion(criterion: Criterion, by_target: dict[str, FilledValue]) -> Criterion:
    maximum = _filled_value(criterion.max_points, by_target.get(f"{criterion.id}.max_points"))
    subs = tuple(_apply_sub(s, by_target) for s in criterion.sub_indicators)
    return replace(criterion, max_points=maximum, sub_indicators=subs)


def _apply_sub(sub: SubIndicator, by_target: dict[str, FilledValue]) -> SubIndicator:
    mine = {k: v for k, v in by_target.items() if k.startswith(sub.id + ".")}
    if not mine:
        return sub
    rule = _apply_rule(sub, mine)
    maximum = _filled_value(sub.max_points, mine.get(f"{sub.id}.max_points"))
    status = sub.status if sub.status is Status.CONFIRMED else Status.PACK
    first_source = next((v.document for v in mine.values() if v.document), None)
    source = source_key(first_source) if first_source else sub.source
    return replace(sub, max_points=maximum, rule=rule, status=status, source=source)


def _apply_rule(sub: SubIndicator, mine: dict[str, FilledValue]) -> Rule:
    rule = sub.rule

    def filled(name: str, current: Value | None) -> Value | None:
        return None if current is None else _filled_value(current, mine.get(f"{sub.id}.{name}"))

    rule = replace(
        rule,
        otherwise=filled("otherwise", rule.otherwise),
        if_no_cases=filled("if_no_cases", rule.if_no_cases),
        none_points=filled("none_points", rule.none_points),
        yes_points=filled("yes_points", rule.yes_points),
        no_points=filled("no_points", rule.no_points),
    )
    bands = mine.get(f"{sub.id}.bands")
    if bands is not None and bands.bands is not None:
        rule = replace(rule, bands=tuple(_band(b, sub.rule, bands) for b in bands.bands))
    return rule


def _band(band: BandValue, rule: Rule, value: FilledValue) -> Band:
    """The official band when the pack repeats it unchanged, else the pack's."""
    for known in rule.bands:
        same = known.at_least == band.at_least and known.limit.value == band.limit
        if same and known.points.value == band.points and known.limit.confirmed:
            return known
    entry = FilledValue(value.target, band.limit, None, value.entered_by, value.document)
    points = replace(entry, value=band.points)
    return Band(_filled_value(Value(None, Status.UNKNOWN), entry), band.at_least,
                _filled_value(Value(None, Status.UNKNOWN), points))  # fmt: skip
