"""The period's communes as a sortable, filterable table (QTableView model and proxy)."""

from __future__ import annotations

from typing import Any

from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.office.followup import ALL, matches
from treem_desktop.office.status import LATE, MISSING, ON_TIME, RECOGNISED, CommuneStatus
from treem_desktop.ui.office.widgets import moment_text
from treem_desktop.ui.qt import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def state_text(row: CommuneStatus) -> str:
    return {
        ON_TIME: _("On time"),
        LATE: _("Late"),
        MISSING: _("Not sent"),
    }.get(row.state, row.state)


def verdict_text(row: CommuneStatus) -> str:
    if row.state == MISSING or not row.verdict:
        return ""
    text = _("Recognised") if row.verdict == RECOGNISED else _("Not recognised")
    return text + (" " + _("(provisional)") if row.provisional else "")


def criteria_text(row: CommuneStatus) -> str:
    """``Tiêu chí 1, 6`` from ``("c1", "c6")``: never the ids themselves."""
    numbers = [c.lstrip("cC") for c in row.criteria_at_zero]
    return _("Criteria {numbers}").format(numbers=", ".join(numbers)) if numbers else ""


def received_text(row: CommuneStatus) -> str:
    return moment_text(row.received_at)


def _headers() -> list[str]:
    return [
        _("Code"),
        _("Commune or ward"),
        _("Sending status"),
        _("Received at"),
        _("Total points"),
        _("Outcome"),
        _("Criteria at 0"),
        _("Refused"),
    ]


class CommuneStatusModel(QAbstractTableModel):
    """One row per expected commune of the period."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CommuneStatus] = []

    def set_rows(self, rows: list[CommuneStatus]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_headers())

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == SORT_ROLE:
            return self._key(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (4, 7):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: CommuneStatus, column: int) -> str:
        if column == 4:
            return "" if row.total is None else format_number(row.total)
        if column == 7:
            return format_number(row.refused) if row.refused else ""
        texts = (row.code, row.name, state_text(row), received_text(row))
        extra = ("", verdict_text(row), criteria_text(row))
        return (texts + extra)[column] if column < 7 else ""

    def _key(self, row: CommuneStatus, column: int) -> Any:
        if column == 4:
            return -1.0 if row.total is None else row.total
        if column == 7:
            return row.refused
        if column == 3:
            return row.received_at
        return self._text(row, column)


class CommuneFilter(QSortFilterProxyModel):
    """Shows the rows of one filter (:data:`treem_desktop.office.followup.FILTERS`)."""

    def __init__(self, source: CommuneStatusModel) -> None:
        super().__init__()
        self.source_rows = source
        self.chosen = ALL
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    def choose(self, chosen: str) -> None:
        self.beginFilterChange()
        self.chosen = chosen
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        return matches(self.source_rows.rows[source_row], self.chosen)
