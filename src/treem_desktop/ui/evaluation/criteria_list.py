"""The list of the 13 criteria: how much is filled in, the points and the maximum."""

from __future__ import annotations

from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.standards.model import Standard, tr
from treem_desktop.standards.scoring import Score
from treem_desktop.ui.qt import (
    QAbstractItemView,
    QHeaderView,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QResizeEvent,
    QSize,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
)

NAME, FILLED, POINTS, MAXIMUM = range(4)
UNCONFIRMED_MARK = "*"
COMPACT_BELOW_PX = 330
"""Narrower than this (a 1024-pixel screen), the list shows "points / maximum" in one column."""


def points_text(points: float) -> str:
    """``15``, ``7,5``: Vietnamese numbers, a decimal only where there is one."""
    return format_number(points, 0 if points == int(points) else 1)


class CriteriaList(QTreeWidget):
    """One row per criterion; ``*`` marks a maximum or points not confirmed officially."""

    def __init__(self, standard: Standard) -> None:
        super().__init__()
        self.setObjectName("criteria_list")
        self.setColumnCount(4)
        self.setHeaderLabels([_("Criterion"), _("Filled"), _("Points"), _("Max")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)  # long criterion names wrap instead of ending in "…"
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.compact = False
        self.points: dict[int, str] = {}
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
            self.points[self.indexOfTopLevelItem(item)] = "—"
        self.setItemDelegateForColumn(NAME, WrappedNames(self))
        header.sectionResized.connect(lambda *_args: self.doItemsLayout())

    def criterion_id(self, row: int) -> str:
        item = self.topLevelItem(row)
        assert item is not None
        return str(item.data(NAME, Qt.ItemDataRole.UserRole))

    def show_score(self, score: Score) -> None:
        for row, result in enumerate(score.criteria):
            item = self.topLevelItem(row)
            assert item is not None
            item.setText(FILLED, f"{result.filled}/{len(result.subs)}")
            points = "—" if result.points is None else points_text(result.points)
            self.points[row] = points + (UNCONFIRMED_MARK if result.unconfirmed else "")
            item.setToolTip(
                POINTS,
                _("{filled} of {count} items scored").format(
                    filled=result.filled, count=len(result.subs)
                ),
            )
        self._show_points()

    def _show_points(self) -> None:
        """Points alone, or "points / maximum" when the list is too narrow for four columns."""
        for row, points in self.points.items():
            item = self.topLevelItem(row)
            assert item is not None
            maximum = item.text(MAXIMUM)
            item.setText(POINTS, f"{points} / {maximum}" if self.compact else points)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        compact = event.size().width() < COMPACT_BELOW_PX
        if compact != self.compact:
            self.compact = compact
            self.setColumnHidden(FILLED, compact)
            self.setColumnHidden(MAXIMUM, compact)
            self.headerItem().setText(POINTS, _("Points / max") if compact else _("Points"))
            self._show_points()
        super().resizeEvent(event)


class WrappedNames(QStyledItemDelegate):
    """Criterion names on as many lines as the column's width needs (never "…")."""

    def __init__(self, tree: CriteriaList) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(  # noqa: N802 - Qt API
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = max(self.tree.header().sectionSize(NAME) - 12, 60)
        text = str(index.data() or "")
        flags = int(Qt.TextFlag.TextWordWrap.value)
        bounds = self.tree.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), flags, text)
        return QSize(width, bounds.height() + 6)
