"""A resubmission's changes against the packet counted now: old → new by criterion and
indicator, with "Accept the new one" (confirmed first) and "Keep the old one"."""

from __future__ import annotations

import re
from typing import Any

from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.office import packet_store as store
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.resubmission import ValueChange, accept_packet, packet_diff
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

_PART = re.compile(r"([a-z_]+)(?:\[([^\]]+)\])?")


def item_words(item_id: str) -> str:
    """``c6.a`` → ``6a``; ``c6`` → ``6``: the numbering officers read in Decision 06."""
    return item_id.lstrip("cC").replace(".", "")


def change_label(path: str) -> str:
    """Words for a changed value's path; never the path itself."""
    if path == "score.total":
        return _("Total points")
    if path == "score.verdict":
        return _("Outcome")
    if path == "score.provisional":
        return _("Provisional score")
    if path.startswith("inputs."):
        return _("Figure entered for {item}").format(item=_input_words(path[7:]))
    words = []
    for name, key in _PART.findall(path):
        if name == "criteria" and key:
            words.append(_("Criterion {number}").format(number=item_words(key)))
        elif name == "sub_indicators" and key:
            words.append(_("indicator {number}").format(number=item_words(key)))
        elif name in ("indicators", "values") and key:
            words.append(_("indicator {number}").format(number=key))
        elif name == "points":
            words.append(_("points"))
    return ", ".join(words) if words else _("Other value")


def _input_words(name: str) -> str:
    parts = name.split(".")
    part = {"numerator": _("numerator"), "denominator": _("denominator")}.get(parts[-1], "")
    item = item_words(".".join(parts[:-1] if part else parts))
    return f"{item} ({part})" if part else item


def value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value)
    if value == "recognised":
        return _("Recognised")
    if value == "not-recognised":
        return _("Not recognised")
    return str(value)


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
                count=len(self.changes),
            ),
        )
        self.table = self._table(self.changes)
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

    def _table(self, changes: list[ValueChange]) -> QTableWidget:
        table = named(QTableWidget(len(changes), 3), "resubmission_changes")
        table.setHorizontalHeaderLabels([_("What"), _("Before"), _("Now")])
        for row, change in enumerate(changes):
            cells = (change_label(change.path), value_text(change.before), value_text(change.after))
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
