"""A resubmission's changes against the packet counted now: old → new by criterion and
indicator, with "Accept the new one" (confirmed first) and "Keep the old one"."""

from __future__ import annotations

from treem_desktop.i18n import _
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.resubmission import accept_packet, packet_diff
from treem_desktop.ui.office.resubmission_rows import Row, shown_rows
from treem_desktop.ui.office.widgets import named, wrapped
from treem_desktop.ui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ResubmissionDialog(QDialog):
    """The changed values of one pending resubmission; accepting it makes it the one counted."""

    def __init__(
        self, office: OfficeFolder, packet: store.ReceivedPacket, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resubmission_dialog")
        self.office = office
        self.packet = packet
        self.current, self.changes = packet_diff(office.conn, packet)
        self.rows = shown_rows(self.changes, self.current.data, packet.data)
        self.accepted_new = False
        self.setWindowTitle(_("Resubmission from {commune}").format(commune=packet.commune_name))
        intro = wrapped(
            _(
                "{commune} sent its data for {period} again (sending {new}; counted now: "
                "sending {old}). {count} values changed:"
            ).format(
                commune=packet.commune_name,
                period=packet.period,
                new=packet.sequence,
                old=self.current.sequence,
                count=len(self.rows),
            ),
        )
        self.table = self._table(self.rows)
        buttons = QDialogButtonBox()
        self.accept_button = named(QPushButton(_("&Accept the new one")), "accept_new")
        self.keep_button = named(QPushButton(_("&Keep the old one")), "keep_old")
        buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_button.clicked.connect(self.accept_new)
        self.keep_button.clicked.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.table, 1)
        box.addWidget(buttons)
        self.resize(720, 420)
        self.keep_button.setFocus()

    def _table(self, rows: list[Row]) -> QTableWidget:
        table = named(QTableWidget(len(rows), 3), "resubmission_changes")
        table.setHorizontalHeaderLabels([_("What"), _("Before"), _("Now")])
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setAccessibleName(_("Values that changed"))
        return table

    def accept_new(self) -> None:
        answer = QMessageBox.question(
            self,
            _("Accept the new one"),
            _(
                "Count sending {new} of {commune} from now on? Sending {old} is kept, "
                "no longer counted."
            ).format(
                new=self.packet.sequence,
                old=self.current.sequence,
                commune=self.packet.commune_name,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        accept_packet(self.office.conn, self.packet)
        self.accepted_new = True
        self.accept()
