"""A year's evaluation round as plain data: its row, its standard, its values and evidence.

The commune's use cases load it from the database (``commune.evaluation``); documents, exports
and the window take it as it is, so none of them needs the data folder to read a round.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from treem_desktop.standards.model import Standard
from treem_desktop.standards.scoring import Score, score_round

StoredValue = float | int | bool


@dataclass(frozen=True)
class RoundRow:
    id: int
    year: int
    standard_sha256: str
    category: str
    started_from: int | None


@dataclass(frozen=True)
class EvidenceRow:
    id: int
    criterion_id: str
    file_name: str
    stored_name: str
    sha256: str
    size: int
    added_at: str


@dataclass
class EvaluationRound:
    """A year's round with its standard and values.

    Attributes:
        previous: last round's values (shown beside the new ones), empty for a first round.
        explanations: why a value is far from last year's, by input id.
    """

    row: RoundRow
    standard: Standard
    values: dict[str, StoredValue]
    previous: dict[str, StoredValue] = field(default_factory=dict)
    previous_year: int | None = None
    explanations: dict[str, str] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.row.year

    def score(self) -> Score:
        return score_round(self.standard, self.values, self.row.category)
