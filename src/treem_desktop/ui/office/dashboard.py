"""The follow-up dashboard of a period: counts, results, the share recognised against the
target, a filterable sortable table of the communes, a chart, and who has not sent."""

from __future__ import annotations

from treem_desktop.formatting import format_number, format_percent
from treem_desktop.i18n import _
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.followup import (
    ALL,
    FILTERS,
    REFUSED_FILTER,
    MissingCommune,
    known_periods,
    missing_communes,
    set_commune_contact,
    waiting_resubmissions,
)
from treem_desktop.office.status import LATE, MISSING, RECOGNISED, PeriodStatus, period_status
from treem_desktop.ui.office.chart import StatusChart
from treem_desktop.ui.office.signer_notice import SignerNotice
from treem_desktop.ui.office.status_model import CommuneFilter, CommuneStatusModel
from treem_desktop.ui.office.widgets import named, wrapped
from treem_desktop.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QGuiApplication,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)


def filter_names() -> dict[str, str]:
    return {
        ALL: _("All communes"),
        MISSING: _("Not sent"),
        LATE: _("Late"),
        REFUSED_FILTER: _("Refused"),
        RECOGNISED: _("Recognised"),
    }


def target_source_text(status: PeriodStatus) -> str:
    if status.target_source == "province":
        return _("the province's own target")
    return _("Decision 23/QĐ-TTg")


class Dashboard(QWidget):
    """The follow-up of one period (evaluations)."""

    resubmissions_asked = Signal()
    details_asked = Signal()

    def __init__(self, office: OfficeFolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.status: PeriodStatus | None = None
        self.missing: list[MissingCommune] = []
        self.period = named(QComboBox(), "office_period")
        self.period.setAccessibleName(_("Period"))
        self.filter = named(QComboBox(), "office_filter")
        self.filter.setAccessibleName(_("Show"))
        for key, text in filter_names().items():
            self.filter.addItem(text, key)
        self.signer_notice = SignerNotice()
        self.signer_notice.details_asked.connect(self.details_asked)
        self.counts = named(wrapped(), "office_counts")
        self.results = named(wrapped(), "office_results")
        self.waiting = named(QPushButton(), "office_waiting")
        self.waiting.clicked.connect(self.resubmissions_asked)
        self.chart = StatusChart()
        self.model = CommuneStatusModel()
        self.rows = CommuneFilter(self.model)
        self.table = self._table()
        self.missing_list = named(QListWidget(), "office_missing")
        self.missing_list.setAccessibleName(_("Communes that have not sent"))
        self.missing_list.setWordWrap(True)
        self.missing_list.itemActivated.connect(self._edit_contact)
        self.copy = named(QPushButton(_("Cop&y the list")), "office_copy_missing")
        self.copy.clicked.connect(self.copy_missing)
        self.contact = named(QPushButton(_("Cont&act…")), "office_contact")
        self.contact.clicked.connect(self._edit_current_contact)
        self._lay_out()
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filter.currentIndexChanged.connect(
            lambda _i: self.rows.choose(str(self.filter.currentData()))
        )
        self.fill_periods()

    def _table(self) -> QTableView:
        table = named(QTableView(), "office_table")
        table.setModel(self.rows)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        # every column as wide as its text (a narrow window scrolls sideways, never elides)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.setAccessibleName(_("Communes of the period"))
        return table

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        period_label = QLabel(_("&Period:"))
        period_label.setBuddy(self.period)
        filter_label = QLabel(_("&Show:"))
        filter_label.setBuddy(self.filter)
        for widget in (period_label, self.period, filter_label, self.filter):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.waiting)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(top)
        left_box.addWidget(self.counts)
        left_box.addWidget(self.table, 1)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.results)
        right_box.addWidget(self.chart)
        missing_label = QLabel(_("Communes that have &not sent:"))
        missing_label.setBuddy(self.missing_list)
        right_box.addWidget(missing_label)
        right_box.addWidget(self.missing_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy)
        buttons.addWidget(self.contact)
        right_box.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)  # the table's columns whole on a 1366 px screen
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.signer_notice)
        box.addWidget(split, 1)

    def fill_periods(self, keep: str | None = None) -> None:
        chosen = keep or self.period.currentText()
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItems(known_periods(self.office.conn))
        if chosen and self.period.findText(chosen) >= 0:
            self.period.setCurrentText(chosen)
        self.period.blockSignals(False)
        self.refresh()

    def current_period(self) -> str:
        return self.period.currentText()

    def show_filter(self, key: str) -> None:
        self.filter.setCurrentIndex(FILTERS.index(key))

    def refresh(self) -> None:
        profile = self.office.require_profile()
        self.signer_notice.show_signer(profile.signer)
        period = self.current_period()
        if not period:
            return
        self.status = period_status(self.office.conn, profile, period)
        self.model.set_rows(self.status.communes)
        self.counts.setText(self._counts_text(self.status))
        self.results.setText(self._results_text(self.status))
        self.chart.show_status(self.status)
        self.missing = missing_communes(self.office.conn, self.status)
        self._fill_missing()
        waiting = len(waiting_resubmissions(self.office.conn, period))
        self.waiting.setText(_("Resu&bmissions waiting: {count}").format(count=waiting))
        self.waiting.setEnabled(waiting > 0)

    def _counts_text(self, status: PeriodStatus) -> str:
        c = status.counts
        return _(
            "Expected {expected} · on time {on_time} · late {late} · not sent {missing} · "
            "refused {refused}"
        ).format(
            expected=format_number(c["expected"]),
            on_time=format_number(c["on-time"]),
            late=format_number(c["late"]),
            missing=format_number(c["missing"]),
            refused=format_number(c["refused"]),
        )

    def _results_text(self, status: PeriodStatus) -> str:
        scored = [r.total for r in status.communes if r.total is not None]
        zero = sum(1 for r in status.communes if r.criteria_at_zero)
        met = status.recognised_percent >= status.target_percent
        lines = [
            _("Recognised: {count} of {expected} communes ({share}).").format(
                count=format_number(status.recognised),
                expected=format_number(len(status.communes)),
                share=format_percent(status.recognised_percent),
            ),
            _("Target: {target} ({source}); {met}.").format(
                target=format_percent(status.target_percent),
                source=target_source_text(status),
                met=_("reached") if met else _("not reached"),
            ),
            _("Average score: {average}; communes with a criterion at 0: {zero}.").format(
                average=format_number(sum(scored) / len(scored), 1) if scored else "—",
                zero=format_number(zero),
            ),
        ]
        return "\n".join(lines)

    def _fill_missing(self) -> None:
        self.missing_list.clear()
        for commune in self.missing:
            item = QListWidgetItem(self._missing_line(commune))
            item.setData(Qt.ItemDataRole.UserRole, commune.code)
            self.missing_list.addItem(item)
        self.copy.setEnabled(bool(self.missing))
        self.contact.setEnabled(bool(self.missing))

    @staticmethod
    def _missing_line(commune: MissingCommune) -> str:
        contact = commune.contact or _("contact not known")
        return f"{commune.name} ({commune.code}): {contact}"

    def reminder_text(self) -> str:
        """What "Copy the list" puts on the clipboard: a reminder ready to paste."""
        heading = _("Communes that have not sent their self-assessment for {period}:").format(
            period=self.current_period()
        )
        lines = [f"{i}. {self._missing_line(c)}" for i, c in enumerate(self.missing, 1)]
        return "\n".join([heading, *lines])

    def copy_missing(self) -> None:
        QGuiApplication.clipboard().setText(self.reminder_text())

    def _edit_current_contact(self) -> None:
        item = self.missing_list.currentItem() or self.missing_list.item(0)
        if item is not None:
            self._edit_contact(item)

    def _edit_contact(self, item: QListWidgetItem) -> None:
        code = str(item.data(Qt.ItemDataRole.UserRole))
        commune = next(c for c in self.missing if c.code == code)
        text, ok = QInputDialog.getText(
            self,
            _("Contact"),
            _("Who to call at {commune} (name, phone, e-mail):").format(commune=commune.name),
            QLineEdit.EchoMode.Normal,
            commune.contact,
        )
        if ok:
            with self.office.transaction():
                set_commune_contact(self.office.conn, code, text)
            self.refresh()
