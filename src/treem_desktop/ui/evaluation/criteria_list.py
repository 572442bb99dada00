"""The list of the 13 criteria: how much is filled in, the points and the maximum."""

from __future__ import annotations

from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.standards.model import Standard, tr
from treem_desktop.standards.scoring import Score
from treem_desktop.ui.qt import QAbstractItemView, QHeaderView, Qt, QTreeWidget, QTreeWidgetItem

NAME, FILLED, POINTS, MAXIMUM = range(4)
UNCONFIRMED_MARK = "*"


class CriteriaList(QTreeWidget):
    """One row per criterion; ``*`` marks a maximum or points not confirmed officially."""

    def __init__(self, standard: Standard) -> None:
        super().__init__()
        self.setObjectName("criteria_list")
        self.setColumnCount(4)
        self.setHeaderLabels([_("Criterion"), _("Filled"), _("Points"), _("Max")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (FILLED, POINTS, MAXIMUM):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for criterion in standard.criteria:
            item = QTreeWidgetItem([f"{criterion.number}. {tr(criterion.name)}", "", "", ""])
            item.setToolTip(NAME, tr(criterion.name))
            item.setData(NAME, Qt.ItemDataRole.UserRole, criterion.id)
            for column in (FILLED, POINTS, MAXIMUM):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            maximum = criterion.max_points
            item.setText(
                MAXIMUM,
                (format_number(maximum.number, 0) if maximum.known else "?")
                + ("" if maximum.confirmed else UNCONFIRMED_MARK),
            )
            self.addTopLevelItem(item)

    def criterion_id(self, row: int) -> str:
        item = self.topLevelItem(row)
        assert item is not None
        return str(item.data(NAME, Qt.ItemDataRole.UserRole))

    def show_score(self, score: Score) -> None:
        for row, result in enumerate(score.criteria):
            item = self.topLevelItem(row)
            assert item is not None
            item.setText(FILLED, f"{result.filled}/{len(result.subs)}")
            points = "—" if result.points is None else format_number(result.points, 0)
            item.setText(POINTS, points + (UNCONFIRMED_MARK if result.unconfirmed else ""))
