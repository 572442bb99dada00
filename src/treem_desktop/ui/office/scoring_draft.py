"""What the scoring-table editor holds (bản nháp bảng điểm): the values typed so far, each with
who entered it and from which document, as a filled-values document (docs/standard-pack.md §1).

Qt-free: the editor's widgets read and change a :class:`ScoringDraft`; the draft is kept in the
office's database after every change (``office.standard_pack.save_draft``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from treem_desktop.standards.model import Direction, Standard
from treem_desktop.standards.pack import (
    VALUES_FORMAT,
    BandValue,
    FilledValue,
    PackDocument,
    Slot,
    open_slots,
)
from treem_desktop.standards.pack_checks import PackProblem, pack_problems


@dataclass(frozen=True)
class Source:
    """Who entered a value and from which document (số, ngày ISO, cơ quan ban hành)."""

    entered_by: str = ""
    number: str = ""
    date: str = ""
    issuer: str = ""

    def document(self) -> PackDocument | None:
        parts = (self.number.strip(), self.date.strip(), self.issuer.strip())
        return PackDocument(*parts) if all(parts) else None

    def as_json(self) -> dict[str, Any]:
        doc = {"number": self.number, "date": self.date, "issuer": self.issuer}
        return {"entered_by": self.entered_by, "document": doc}

    @classmethod
    def from_json(cls, entered_by: Any, document: Any) -> Source:
        doc = document if isinstance(document, dict) else {}
        parts = [doc.get(k) for k in ("number", "date", "issuer")]
        texts = [p if isinstance(p, str) else "" for p in parts]
        return cls(entered_by if isinstance(entered_by, str) else "", *texts)


@dataclass
class Entry:
    """One open slot as typed: a number, or the added bands ``(limit, points)``."""

    value: float | None = None
    bands: list[tuple[float, float]] = field(default_factory=list)
    own_source: Source | None = None  # None: the draft's default source

    @property
    def entered(self) -> bool:
        return self.value is not None or bool(self.bands)


class ScoringDraft:
    """The standard's open slots and what the office has entered for them."""

    def __init__(self, standard: Standard) -> None:
        self.standard = standard
        self.slots: list[Slot] = open_slots(standard)
        self.default_source = Source()
        self.entries: dict[str, Entry] = {s.target: Entry() for s in self.slots}

    def slot(self, target: str) -> Slot:
        return next(s for s in self.slots if s.target == target)

    def at_least(self, target: str) -> bool:
        """Bands of that item are ``at least`` limits (higher is better), else ``at most``."""
        owner = target.rpartition(".")[0]
        sub = next(s for s in self.standard.sub_indicators() if s.id == owner)
        return sub.rule.direction is Direction.HIGHER

    def source_of(self, target: str) -> Source:
        return self.entries[target].own_source or self.default_source

    def entered_count(self) -> int:
        return sum(1 for entry in self.entries.values() if entry.entered)

    def filled(self, *, any_source: bool = False) -> list[FilledValue]:
        """The entered values, in the order of the standard (``any_source``: a stand-in source
        where one is missing, to check the numbers before the source is written)."""
        return [self._filled(s, any_source) for s in self.slots if self.entries[s.target].entered]

    def _filled(self, slot: Slot, any_source: bool = False) -> FilledValue:
        entry = self.entries[slot.target]
        source = self.source_of(slot.target)
        by, document = source.entered_by.strip(), source.document()
        if any_source:
            by, document = by or "?", document or PackDocument("?", "2000-01-01", "?")
        if not slot.target.endswith(".bands"):
            return FilledValue(slot.target, entry.value, None, by, document)
        at_least = self.at_least(slot.target)
        official = [
            BandValue(b.limit.number, b.at_least, b.points.number)
            for b in slot.bands
            if b.limit.confirmed and b.points.confirmed
        ]
        added = [BandValue(limit, at_least, points) for limit, points in entry.bands]
        return FilledValue(slot.target, None, tuple(official + added), by, document)

    def problems(self) -> list[PackProblem]:
        """Every reason the values cannot be signed now."""
        return pack_problems(self.standard, self.filled())

    def number_problems(self) -> list[PackProblem]:
        """The problems of the numbers alone (sums, maxima, bands), sources aside."""
        return pack_problems(self.standard, self.filled(any_source=True))

    def without_source(self) -> int:
        """How many entered values lack who entered them or their document."""
        return sum(
            1
            for t, e in self.entries.items()
            if e.entered
            and (not self.source_of(t).entered_by.strip() or self.source_of(t).document() is None)
        )

    def can_sign(self) -> bool:
        return self.entered_count() > 0 and not self.problems()

    def to_json(self) -> dict[str, Any]:
        """The filled-values document (the same file ``treem standard pack --from`` reads)."""
        standard = self.standard
        values = [self._value_json(s.target) for s in self.slots if self.entries[s.target].entered]
        return {
            "format": VALUES_FORMAT,
            "standard": {"id": standard.id, "version": standard.version, "sha256": standard.sha256},
            **self.default_source.as_json(),
            "values": values,
        }

    def _value_json(self, target: str) -> dict[str, Any]:
        entry = self.entries[target]
        found: dict[str, Any] = {"target": target}
        if target.endswith(".bands"):
            key = "at_least" if self.at_least(target) else "at_most"
            found["bands"] = [{key: limit, "points": p} for limit, p in entry.bands]
        else:
            found["value"] = entry.value
        if entry.own_source is not None:
            found.update(entry.own_source.as_json())
        return found

    def load_json(self, document: dict[str, Any]) -> None:
        """Take back a draft written by :meth:`to_json` (unknown or odd values are skipped)."""
        self.default_source = Source.from_json(document.get("entered_by"), document.get("document"))
        for raw in document.get("values") or []:
            if isinstance(raw, dict) and raw.get("target") in self.entries:
                self._load_value(raw)

    def _load_value(self, raw: dict[str, Any]) -> None:
        entry = self.entries[raw["target"]]
        if "document" in raw or "entered_by" in raw:
            entry.own_source = Source.from_json(raw.get("entered_by"), raw.get("document"))
        number = raw.get("value")
        if isinstance(number, int | float) and not isinstance(number, bool):
            entry.value = float(number)
        for band in raw.get("bands") or []:
            limit = band.get("at_least", band.get("at_most")) if isinstance(band, dict) else None
            points = band.get("points") if isinstance(band, dict) else None
            if isinstance(limit, int | float) and isinstance(points, int | float):
                entry.bands.append((float(limit), float(points)))
