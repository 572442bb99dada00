"""What a document reads from the commune's data, handed in by the use case that renders it.

Documents never open the data folder: the commune's use case gives an object with these
methods (``commune.document_data.commune_data``); without one, tables keep their shape and stay
empty, to be filled by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from treem_desktop.indicators.model import IndicatorSet
from treem_desktop.indicators.tables import CellValue


class CommuneData(Protocol):
    def division_type(self) -> str | None:
        """The unit's kind as the official list names it ("xã", "phường", "đặc khu")."""

    def indicator_set(self) -> IndicatorSet:
        """The programme's indicators with the province's targets, as the commune has them."""

    def indicator_values(self, period: str) -> Mapping[str, float]:
        """The commune's value of each indicator for ``period`` ("2026", "2026-H1")."""

    def table_values(self, form_id: str, table_id: str, period: str) -> Mapping[str, CellValue]:
        """The stored cells of a report table, by cell id."""
