"""The indicators page: a period, the indicators grid, and the trend of the current one.

Fits a 1024×600 laptop: the labels wrap so the result column shows, and the trend chart can
be hidden (the choice is remembered); Ctrl+Z anywhere on the page undoes the last saved value.
A rate takes its numerator and denominator (the line under the grid says what each counts for
the current row) and shows the rate computed from them; a rate typed alone is marked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.indicators.model import Indicator
from treem_desktop.standards.model import tr
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.grid import EntryGrid, add_undo_keys
from treem_desktop.ui.indicators.sources import (
    ACTUAL,
    NUMERATOR,
    RATE_ONLY_TONE,
    IndicatorSource,
)
from treem_desktop.ui.looks import set_colours
from treem_desktop.ui.qt import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
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
            _("* target not yet confirmed from the official text: check it before relying on it.")
        )
        self.legend.setObjectName("indicator_legend")
        self.legend.setToolTip(
            _("Known from one secondary source or inferred; the documentation gives the sources.")
        )
        self.legend.setWordWrap(True)
        self.scope_label = QLabel()
        self.scope_label.setObjectName("indicator_scope")
        self.scope_label.setWordWrap(True)
        self.parts_label = QLabel()
        self.parts_label.setObjectName("indicator_parts")
        self.parts_label.setWordWrap(True)
        self.rate_only_label = QLabel()
        self.rate_only_label.setObjectName("indicator_rate_only")
        self.rate_only_label.setWordWrap(True)
        set_colours(self.rate_only_label, foreground=RATE_ONLY_TONE)
        self.chart = TrendChartWidget()
        self.chart_button = QPushButton()
        self.chart_button.setObjectName("chart_toggle")
        self.chart_button.setCheckable(True)
        self.chart_button.toggled.connect(self.show_chart)
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
        # The notes beside the chart, not under it: on a 1024×600 screen the grid keeps about
        # twice the rows it had with four lines of notes below the chart. They scroll when the
        # part is short rather than overlap.
        notes_text = QWidget()
        notes = QVBoxLayout(notes_text)
        notes.setContentsMargins(0, 0, 0, 0)
        for label in (self.parts_label, self.rate_only_label, self.scope_label, self.legend):
            notes.addWidget(label)
        notes.addStretch(1)
        notes_area = QScrollArea()
        notes_area.setObjectName("indicator_notes")
        notes_area.setWidget(notes_text)
        notes_area.setWidgetResizable(True)
        notes_area.setFrameShape(QFrame.Shape.NoFrame)
        notes_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side = QVBoxLayout()
        side.addWidget(notes_area, 1)
        side.addWidget(self.chart_button, 0, Qt.AlignmentFlag.AlignRight)
        self.lower_pane = QWidget()
        self.lower_pane.setObjectName("indicator_lower")
        lower = QHBoxLayout(self.lower_pane)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.chart, 1)
        lower.addLayout(side, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.holder)
        splitter.addWidget(self.lower_pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([3000, 1000])  # the chart a quarter of the height, not half
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.year_box.currentIndexChanged.connect(self.rebuild)
        self.half_box.currentIndexChanged.connect(self.rebuild)
        add_undo_keys(self, self.undo, self.redo)
        self.rebuild()
        self.chart_button.setChecked(ind.chart_shown(workspace))
        self.show_chart(self.chart_button.isChecked())

    def show_chart(self, shown: bool) -> None:
        """Show or hide the trend chart, and remember it for the next time."""
        self.chart.setVisible(shown)
        self.chart_button.setText(
            _("Hide the trend ch&art") if shown else _("Show the trend ch&art")
        )
        if shown != ind.chart_shown(self.workspace):
            ind.keep_chart_shown(self.workspace, shown)

    def undo(self) -> None:
        if self.grid is not None:
            self.grid.undo()

    def redo(self) -> None:
        if self.grid is not None:
            self.grid.redo()

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
        found = self.source.row(indicator_id)
        first = NUMERATOR if found is not None and found.has_parts else ACTUAL
        column = [c.id for c in self.source.columns()].index(first)
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
        self.grid = EntryGrid(self.source, label_cap=520, undo_keys=False)
        self.grid.table.currentCellChanged.connect(lambda *_args: self._show_current())
        self.grid.changed.connect(lambda *_args: self._after_save())
        self.holder_layout.addWidget(self.grid)
        self._show_targets()
        self._show_scope()
        self._show_current()
        self._show_rate_only()

    def _after_save(self) -> None:
        """A part saved changes the rate beside it: show the row (and the marks) again."""
        if self.grid is not None:
            self.grid.refresh()
        self._show_current()
        self._show_rate_only()

    def _show_current(self) -> None:
        self._show_trend()
        self._show_parts()

    def _show_parts(self) -> None:
        """What the numerator and denominator of the current row count, in words."""
        row = self.grid.table.currentRow() if self.grid is not None else -1
        rows = self.source.rows()
        found = self.source.row(rows[row].id) if 0 <= row < len(rows) else None
        parts = found.indicator.parts if found is not None and found.has_parts else None
        self.parts_label.setVisible(parts is not None)
        if parts is None:
            return
        self.parts_label.setText(
            _("Numerator: {numerator} · Denominator: {denominator}").format(
                numerator=tr(parts.numerator), denominator=tr(parts.denominator)
            )
        )
        official = parts.status.value == "confirmed"
        self.parts_label.setToolTip(
            "" if official else _("Treem's wording, not the official text.")
        )

    def _show_rate_only(self) -> None:
        """Which results were typed as a rate alone (the province cannot add them up)."""
        rate_only = self.source.rate_only()
        self.rate_only_label.setVisible(bool(rate_only))
        numbers = ", ".join(r.indicator.number or r.indicator.id for r in rate_only)
        self.rate_only_label.setText(
            _(
                "In brown: a rate typed without its numerator and denominator ({numbers}); the "
                "province cannot add it up."
            ).format(numbers=numbers)
        )

    def _show_scope(self) -> None:
        """Which indicators of the set are not the commune's own, and why (in the tooltip)."""
        hidden = ind.not_reported(self.workspace)
        self.scope_label.setVisible(bool(hidden))
        self.scope_label.setText(
            _(
                "Not shown: indicators the province or the country computes, or of the other "
                "area: {items}."
            ).format(items=", ".join(_scope_item(i) for i in hidden))
        )
        self.scope_label.setToolTip(
            "\n".join(f"{_scope_item(i)}: {tr(i.label)}. {i.levels_note or ''}" for i in hidden)
        )

    def _show_targets(self) -> None:
        """Whose targets are used, by name and number (the file's id in the tooltip)."""
        indicator_set = self.source.indicator_set
        overrides = indicator_set.overrides
        if not overrides:
            text = _("Targets: national (Decision {number})").format(
                number=indicator_set.legal_number
            )
            self.targets_label.setToolTip("")
        else:
            origin = overrides[-1]
            province = tr(origin.province_name) if origin.province_name else ""
            name = ", ".join(x for x in (province, origin.legal_number or "") if x)
            text = _("Targets: the province's ({name}) where it set its own").format(name=name)
            self.targets_label.setToolTip(f"{origin.document_id} ({origin.version})")
        self.targets_label.setText(text)
        marked = any(r.target_text.endswith("*") for r in ind.rows(self.workspace, self.period()))
        self.legend.setVisible(marked)

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


def _scope_item(indicator: Indicator) -> str:
    """ "1" or "4c (urban area)": the indicator's number, with its area when it has one."""
    number = indicator.number or tr(indicator.label)
    if indicator.area == "urban":
        return _("{number} (urban area)").format(number=number)
    if indicator.area == "rural":
        return _("{number} (rural area)").format(number=number)
    return number
