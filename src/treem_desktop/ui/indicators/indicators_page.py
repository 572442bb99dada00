"""The indicators page: a period, the indicators grid, and the trend of the current one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.services import indicators as ind
from treem_desktop.services.workspace import Workspace
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.grid import EntryGrid
from treem_desktop.ui.indicators.sources import ACTUAL, IndicatorSource
from treem_desktop.ui.qt import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from treem_desktop.ui.trend_chart import TrendChartWidget

HALVES = ("", "-H1", "-H2")
FIRST_YEAR = 2021


class IndicatorsPage(QWidget):
    """Decision 23 indicators of a period, entered in a keyboard-first grid."""

    def __init__(self, workspace: Workspace, year: int | None = None) -> None:
        super().__init__()
        self.setObjectName("indicators_page")
        self.workspace = workspace
        self.year_box = QComboBox()
        self.year_box.setObjectName("indicator_year")
        this_year = year or dt.date.today().year
        for value in range(FIRST_YEAR, max(this_year, FIRST_YEAR) + 2):
            self.year_box.addItem(str(value), value)
        self.year_box.setCurrentIndex(self.year_box.findData(this_year))
        self.half_box = QComboBox()
        self.half_box.setObjectName("indicator_half")
        self.half_box.addItems([_("Whole year"), _("First half"), _("Second half")])
        self.targets_button = QPushButton(_("Use the province's &targets…"))
        self.targets_button.clicked.connect(self._import_targets)
        self.packet_button = QPushButton(_("Make the packet to &send…"))
        self.packet_button.setObjectName("indicator_packet")
        self.packet_button.clicked.connect(self.open_packet_dialog)
        self.packet_dialog: QDialog | None = None
        self.targets_label = QLabel()
        self.targets_label.setWordWrap(True)
        self.legend = QLabel(
            _(
                "* target not confirmed from the official text (one secondary source or "
                "inferred): check it before using the assessment."
            )
        )
        self.legend.setObjectName("indicator_legend")
        self.legend.setWordWrap(True)
        self.chart = TrendChartWidget()
        self.holder = QWidget()
        self.holder_layout = QVBoxLayout(self.holder)
        self.holder_layout.setContentsMargins(0, 0, 0, 0)
        self.grid: EntryGrid | None = None
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Period:")))
        top.addWidget(self.year_box)
        top.addWidget(self.half_box)
        top.addWidget(self.targets_label, 1)
        top.addWidget(self.targets_button)
        top.addWidget(self.packet_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.holder)
        splitter.addWidget(self.chart)
        splitter.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.legend)
        self.year_box.currentIndexChanged.connect(self.rebuild)
        self.half_box.currentIndexChanged.connect(self.rebuild)
        self.rebuild()

    def open_packet_dialog(self) -> QDialog:
        """Pre-flight, sign and check the indicator packet of the period shown (window-modal)."""
        from treem_desktop.ui.packets.packet_dialog import PacketDialog

        dialog = PacketDialog(self.workspace, "indicators", self.period(), self)
        dialog.fix_requested.connect(self.show_indicator)
        dialog.finished.connect(dialog.deleteLater)
        self.packet_dialog = dialog
        dialog.open()
        return dialog

    def show_indicator(self, target: str) -> None:
        """Put the cursor in the result cell of ``indicator:<id>``, ready for typing."""
        indicator_id = target.removeprefix("indicator:")
        rows = [r.id for r in self.source.rows()]
        if self.grid is None or indicator_id not in rows:
            return
        column = [c.id for c in self.source.columns()].index(ACTUAL)
        self.grid.table.setCurrentCell(rows.index(indicator_id), column)
        self.grid.table.setFocus()

    def period(self) -> str:
        return f"{self.year_box.currentData()}{HALVES[self.half_box.currentIndex()]}"

    def rebuild(self) -> None:
        if self.grid is not None:
            self.holder_layout.removeWidget(self.grid)
            self.grid.hide()
            self.grid.deleteLater()
        self.source = IndicatorSource(self.workspace, self.period())
        self.grid = EntryGrid(self.source)
        self.grid.table.verticalHeader().setMaximumWidth(520)
        self.grid.table.currentCellChanged.connect(lambda *_args: self._show_trend())
        self.grid.changed.connect(lambda *_args: self._show_trend())
        self.holder_layout.addWidget(self.grid)
        overrides = self.source.indicator_set.overrides
        self.targets_label.setText(
            _("Targets: national (Decision {number})").format(
                number=self.source.indicator_set.legal_number
            )
            if not overrides
            else _("Targets: the province's ({name}) where it set its own").format(
                name=overrides[-1].document_id
            )
        )
        self._show_trend()

    def _show_trend(self) -> None:
        if self.grid is None:
            return
        row = self.grid.table.currentRow()
        rows = self.source.rows()
        if not 0 <= row < len(rows) or rows[row].section:
            row = next(i for i, r in enumerate(rows) if not r.section)
        kind = "year" if self.half_box.currentIndex() == 0 else "half_year"
        self.chart.show_chart(ind.trend(self.workspace, rows[row].id, kind))

    def _import_targets(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("The province's target file"), "", "JSON (*.json)"
        )
        if name:
            self.import_targets(Path(name))

    def import_targets(self, path: Path) -> None:
        try:
            ind.import_targets(self.workspace, path)
        except TreemError as error:
            show_error(self, error)
            return
        self.rebuild()
