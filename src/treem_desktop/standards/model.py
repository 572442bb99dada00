"""The typed form of a standard file (docs/spec-language.md).

Every number carries its provenance: a :class:`Value` says whether it was confirmed from the
official text, seen in one secondary source, inferred, or is unknown (``value`` is None).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from treem_desktop.i18n import current_language


class Status(StrEnum):
    CONFIRMED = "confirmed"
    SINGLE_SOURCE = "single-source"
    INFERRED = "inferred"
    UNKNOWN = "unknown"
    PACK = "confirmed-pack"  # confirmed by the province's signed standard pack (standards/pack.py)


class InputKind(StrEnum):
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"
    COUNT = "count"
    YES_NO = "yes_no"
    PERCENTAGE = "percentage"
    POINTS = "points"  # the officer's own points where the standard has no scale


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


Text = dict[str, str]


def tr(text: Text) -> str:
    """The text in the current language, Vietnamese when there is no translation."""
    return text.get(current_language()) or text["vi"]


@dataclass(frozen=True)
class Value:
    """A number (or flag) of the standard with where it comes from."""

    value: float | bool | None
    status: Status
    source: str | None = None
    note: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def confirmed(self) -> bool:
        """From the official text, or from the province's signed pack."""
        return self.status in (Status.CONFIRMED, Status.PACK)

    @property
    def number(self) -> float:
        assert isinstance(self.value, int | float) and not isinstance(self.value, bool)
        return float(self.value)


@dataclass(frozen=True)
class Input:
    """One figure the officer enters (id ``c<n>.<k>.<name>``)."""

    id: str
    kind: InputKind
    label: Text
    unit: Text
    status: Status
    hint: Text | None = None

    @property
    def whole_number(self) -> bool:
        return self.kind in (InputKind.NUMERATOR, InputKind.DENOMINATOR, InputKind.COUNT)


@dataclass(frozen=True)
class Band:
    """One step of a scale: at least (or at most) ``limit`` gives ``points``."""

    limit: Value
    at_least: bool
    points: Value

    def holds(self, measure: float) -> bool:
        return measure >= self.limit.number if self.at_least else measure <= self.limit.number


@dataclass(frozen=True)
class Rule:
    """How a sub-indicator's inputs become points.

    Attributes:
        type: rate_threshold, step_table, count, yes_no, survey_score or manual.
        inputs: the ids the rule reads (numerator first for rates).
        direction: which way is better, for rates and step tables.
        bands: the scale, best band first.
        otherwise: the points when no band holds (unknown: the officer scores by hand).
        if_no_cases: rates: the points when the denominator is 0.
        none_points: counts: the points when nothing was counted.
        yes_points, no_points: yes/no questions.
    """

    type: str
    inputs: tuple[str, ...] = ()
    direction: Direction = Direction.HIGHER
    bands: tuple[Band, ...] = ()
    otherwise: Value | None = None
    if_no_cases: Value | None = None
    none_points: Value | None = None
    yes_points: Value | None = None
    no_points: Value | None = None


@dataclass(frozen=True)
class SubIndicator:
    id: str
    label: Text
    status: Status
    inputs: tuple[Input, ...]
    max_points: Value
    rule: Rule
    source: str | None = None

    @property
    def manual_input_id(self) -> str:
        """The id under which the officer's own points are kept."""
        return f"{self.id}.points"


@dataclass(frozen=True)
class OfficeRole:
    office: str
    lead: bool


@dataclass(frozen=True)
class Criterion:
    id: str
    number: int
    clause: str
    name: Text
    name_status: Status
    max_points: Value
    offices: tuple[OfficeRole, ...]
    sub_indicators: tuple[SubIndicator, ...]


@dataclass(frozen=True)
class Standard:
    """A published standard, identified by (id, version, sha256)."""

    id: str
    version: int
    sha256: str
    title: Text
    legal_number: str
    legal_date: str
    notes: Text | None
    sources: dict[str, dict[str, str]]
    offices: dict[str, Text]
    categories: dict[str, Value]
    no_zero_criterion: Value
    max_total: Value
    criteria: tuple[Criterion, ...]

    def sub_indicators(self) -> list[SubIndicator]:
        return [s for c in self.criteria for s in c.sub_indicators]

    def inputs(self) -> dict[str, Input]:
        """Every input by id, with the officer's own-points input of each sub-indicator."""
        found: dict[str, Input] = {}
        for sub in self.sub_indicators():
            for item in sub.inputs:
                found[item.id] = item
            found[sub.manual_input_id] = manual_points_input(sub)
        return found

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def item_number(self, sub_id: str) -> str:
        """``6.1`` for c6.a: the one numbering of a criterion's items (screen, sheets, packet)."""
        for criterion in self.criteria:
            for position, sub in enumerate(criterion.sub_indicators, start=1):
                if sub.id == sub_id:
                    return f"{criterion.number}.{position}"
        raise KeyError(sub_id)

    def sub_of_input(self, input_id: str) -> SubIndicator | None:
        """The sub-indicator an input (or its own-points input) belongs to."""
        for sub in self.sub_indicators():
            if input_id == sub.manual_input_id or any(i.id == input_id for i in sub.inputs):
                return sub
        return None


def manual_points_input(sub: SubIndicator) -> Input:
    return Input(
        id=sub.manual_input_id,
        kind=InputKind.POINTS,
        label={
            "vi": "Điểm tự chấm (dùng khi chưa có thang điểm chính thức)",
            "en": "Points scored by hand (used where there is no official scale)",
        },
        unit={"vi": "điểm", "en": "points"},
        status=Status.UNKNOWN,
    )
