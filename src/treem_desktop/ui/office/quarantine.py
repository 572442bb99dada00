"""Refused packets with their reasons; trusting a commune's certificate from one of them with
the fingerprint the commune reads out from its key card."""

from __future__ import annotations

import re

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.followup import import_until_stopped
from treem_desktop.office.profile import expected_communes
from treem_desktop.office.sources import packet_sources
from treem_desktop.office.trust import trust_from_file
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.office.fingerprint_field import FingerprintDialog
from treem_desktop.ui.office.widgets import moment_text, named, wrapped
from treem_desktop.ui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def commune_names(office: OfficeFolder) -> dict[str, str]:
    """The names of the office's communes by code."""
    return {c.code: c.name for c in expected_communes(office.require_profile())}


def breakable(text: str) -> str:
    """``text`` with a line break allowed after each colon of a long fingerprint."""
    return re.sub(r"(?<=[0-9A-F]{2}):(?=[0-9A-F]{2})", ":\u200b", text)


def reason_text(entry: store.QuarantinedPacket) -> str:
    try:
        return TreemError(entry.code, **entry.params).message()
    except Exception:  # noqa: BLE001 - a reason recorded by another version
        return entry.code


class QuarantineDialog(QDialog):
    def __init__(self, office: OfficeFolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quarantine_dialog")
        self.setWindowTitle(_("Refused packets"))
        self.office = office
        self.entries: list[store.QuarantinedPacket] = []
        self.names = commune_names(office)
        self.table = self._table()
        self.detail = named(wrapped(), "quarantine_detail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.trust_button = QPushButton(_("&Trust this commune's certificate…"))
        self.trust_button.setObjectName("trust_commune")
        self.trust_button.clicked.connect(self.trust_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.trust_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        note = wrapped(
            _(
                "Refused packets are kept, never deleted. A packet from a commune not yet trusted "
                "is accepted once you confirm its certificate."
            ),
        )
        box = QVBoxLayout(self)
        box.addWidget(note)
        box.addWidget(self.table, 1)
        box.addWidget(self.detail)
        box.addWidget(buttons)
        self.resize(760, 420)
        self.fill()

    def _table(self) -> QTableWidget:
        table = named(QTableWidget(0, 4), "quarantine_table")
        table.setHorizontalHeaderLabels(
            [_("Commune or ward"), _("Period"), _("Refused at"), _("Why refused")]
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.setAccessibleName(_("Refused packets"))
        return table

    def fill(self) -> None:
        self.entries = store.quarantined(self.office.conn)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, text in enumerate(self.cells(entry)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.trust_button.setEnabled(bool(self.entries))
        if self.entries:
            self.table.selectRow(0)
        self._show_detail()

    def cells(self, entry: store.QuarantinedPacket) -> tuple[str, str, str, str]:
        """(commune, period, when refused, reason) as the table shows them."""
        commune = self.names.get(entry.commune_code) or entry.commune_code or "—"
        return commune, entry.period, moment_text(entry.quarantined_at), reason_text(entry)

    def _show_detail(self) -> None:
        """The selected packet's whole reason (the table cuts it) and its file."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            self.detail.setText("")
            return
        entry = self.entries[row]
        reason = breakable(reason_text(entry))
        self.detail.setText(_("{reason}\nFile: {file}").format(reason=reason, file=entry.file_name))

    def trust_selected(self) -> FingerprintDialog | None:
        """Ask for the selected packet's commune's fingerprint (window-modal); trust its
        certificate and check the packet again once it is given."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            return None
        entry = self.entries[row]
        shown = str(entry.params.get("fingerprint", ""))
        dialog = FingerprintDialog(
            _("Trust a commune's certificate"),
            _(
                "Ask the commune to read the fingerprint on its key card and type it here, or "
                "read the card's QR code from a photo of it.\nThe packet's certificate: "
                "{fingerprint}"
            ).format(fingerprint=shown or "—"),
            self,
        )
        dialog.accepted.connect(lambda: self._trust(entry, dialog.fingerprint()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _trust(self, entry: store.QuarantinedPacket, typed: str) -> None:
        if not typed:
            return
        path = self.office.path / entry.stored_name
        try:
            trusted = trust_from_file(self.office, path, typed)
            import_until_stopped(self.office, packet_sources([path]), _ignore, _never)
        except TreemError as error:
            show_error(self, error)
            return
        QMessageBox.information(
            self,
            _("Trust a commune's certificate"),
            _("{commune}'s certificate is trusted; its packet was checked again.").format(
                commune=trusted.commune_name
            ),
        )
        self.fill()


def _ignore(done: int, total: int, name: str) -> None:
    return None


def _never() -> bool:
    return False
