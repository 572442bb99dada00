"""The commune's data as documents read it (``documents.sources.CommuneData``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import Workspace
from treem_desktop.indicators.model import IndicatorSet
from treem_desktop.indicators.tables import CellValue


@dataclass(frozen=True)
class WorkspaceData:
    """Reads the open data folder when a document asks (each read is the stored truth)."""

    workspace: Workspace

    def division_type(self) -> str | None:
        profile = self.workspace.profile()
        return profile.commune.division_type if profile is not None else None

    def indicator_set(self) -> IndicatorSet:
        return ind.active_set(self.workspace)

    def indicator_values(self, period: str) -> Mapping[str, float]:
        return ind.values(self.workspace, period)

    def table_values(self, form_id: str, table_id: str, period: str) -> Mapping[str, CellValue]:
        from treem_desktop.commune.tables import open_table

        return open_table(self.workspace, form_id, table_id, period).values


def commune_data(workspace: Workspace) -> WorkspaceData:
    return WorkspaceData(workspace)
