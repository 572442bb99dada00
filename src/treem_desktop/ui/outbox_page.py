"""The outbox page (Hộp thư đi): every packet with its state and history, and the ways out.

Actions apply to the selected packets, or to every packet not yet sent when none is selected.
Sending and importing receipts run off the window's thread (:func:`ui.ops.run_op`); the
result of each packet is written under the list, and the page says when the outbox changed
so the home page's line follows.
"""

from __future__ import annotations

from pathlib import Path

from treem_desktop.commune import outbox
from treem_desktop.commune import outbox as repo
from treem_desktop.commune.outbox_text import (
    ACTION_LABELS,
    STATE_LABELS,
    entry_note,
    history_detail,
    packet_title,
    when,
    where_short,
)
from treem_desktop.commune.preferences import is_demo
from treem_desktop.commune.workspace import Workspace
from treem_desktop.i18n import _
from treem_desktop.ui.looks import set_colours
from treem_desktop.ui.ops import in_own_connection, run_op
from treem_desktop.ui.qt import (
    QAbstractItemView,
    QColor,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

COLUMNS = ("number", "packet", "state", "note", "route", "updated")
FIT_ROWS = 100
"""How many rows around those shown the columns are fitted to."""
STATE_COLOURS = {
    repo.FAILED: "#a50e0e",
    repo.QUEUED: "#8a5a00",
    repo.SENT: "#1a5fb4",
    repo.ACKNOWLEDGED: "#26734d",
}


class OutboxPage(QWidget):
    """Signals:
    changed: a packet's state changed (the home page's summary is out of date).
    open_page: the officer asked for another page (by its name in ``main_window.PAGES``).
    """

    changed = Signal()
    open_page = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outbox_page")
        self.workspace = workspace
        self._sent_all = False
        self.list = _tree(
            "outbox_list",
            [_("No."), _("Packet"), _("State"), _("Note"), _("Sent by / to"), _("Updated")],
        )
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setUniformRowHeights(True)  # one line per packet: no row measured on its own
        # Columns fit the rows around those shown, not all of a long outbox (~0.1 s for 1,000).
        self.list.header().setResizeContentsPrecision(FIT_ROWS)
        self.list.itemSelectionChanged.connect(self.show_what_goes)
        self.list.currentItemChanged.connect(lambda *_args: self.show_history())
        self.history = _tree(
            "outbox_history", [_("Time"), _("Event"), _("Sent by / to"), _("Details")]
        )
        self.result = QLabel(_("Select packets, or none to act on every packet not yet sent."))
        self.result.setObjectName("outbox_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.result.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab
        self.demo_note = demo_banner(is_demo(workspace))
        self.empty_note = self._empty_note()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(self._buttons())
        layout.addWidget(self.demo_note)
        layout.addWidget(self.empty_note)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.result)
        self.reload()

    def _empty_note(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("outbox_empty")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty_text = QLabel(empty_outbox_text())
        self.empty_text.setObjectName("outbox_empty_text")
        self.empty_text.setWordWrap(True)
        self.go_evaluation = QPushButton(_("Go to the E&valuation page"))
        self.go_evaluation.setObjectName("outbox_go_evaluation")
        self.go_evaluation.clicked.connect(lambda: self.open_page.emit("evaluation"))
        layout = QVBoxLayout(frame)
        layout.addWidget(self.empty_text)
        layout.addWidget(self.go_evaluation, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return frame

    def _buttons(self) -> QVBoxLayout:
        """Two rows, so that every button's whole text fits a 1024-pixel-wide screen."""
        rows = QVBoxLayout()
        send, other = QHBoxLayout(), QHBoxLayout()
        self.usb_button = _button(send, "outbox_usb", _("Send by &USB…"), self.send_by_usb)
        self.email_button = _button(send, "outbox_email", _("Send by e-&mail"), self.send_by_email)
        self.upload_button = _button(send, "outbox_upload", _("U&pload"), self.upload)
        self.eml_button = _button(send, "outbox_eml", _("Save as .&eml…"), self.save_eml)
        send.addStretch(1)
        self.receipt_button = _button(
            other, "outbox_receipt", _("Import &receipts…"), self.import_receipts
        )
        self.add_button = _button(other, "outbox_add", _("&Add a packet file…"), self.add_file)
        other.addStretch(1)
        self.settings_button = _button(
            other, "outbox_settings", _("Sending &settings…"), self.open_settings
        )
        rows.addLayout(send)
        rows.addLayout(other)
        return rows

    def open_settings(self) -> None:
        from treem_desktop.ui.sending_settings import SendingSettingsDialog

        self.settings_dialog = SendingSettingsDialog(self.workspace, self)
        self.settings_dialog.open()

    def reload(self) -> None:
        chosen = set(self.selected_sequences())
        current = self.current_sequence()
        self.list.blockSignals(True)  # a reload keeps the result line and the choice as they were
        try:
            self._fill_list(chosen, current)
        finally:
            self.list.blockSignals(False)
        for column in range(len(COLUMNS)):
            self.list.resizeColumnToContents(column)
        _fit_headers(self.list)
        note = COLUMNS.index("note")
        self.list.setColumnWidth(note, min(self.list.columnWidth(note), 360))
        self.show_history()

    def _fill_list(self, chosen: set[int], current: int | None) -> None:
        self.list.clear()
        unrecorded = repo.unrecorded(self.workspace)
        demo = is_demo(self.workspace)
        items = [
            _entry_item(entry, entry.sequence in unrecorded, demo)
            for entry in outbox.entries(self.workspace)
        ]
        self.list.addTopLevelItems(items)
        self.empty_note.setVisible(not items)  # an empty outbox says where packets come from
        self.splitter.setVisible(bool(items))
        if current is None and not chosen:
            return
        by_sequence = {item.data(0, Qt.ItemDataRole.UserRole): item for item in items}
        if current in by_sequence:
            self.list.setCurrentItem(by_sequence[current])  # (this selects it alone)
            by_sequence[current].setSelected(current in chosen)
        for sequence in chosen:  # the choice follows
            if sequence in by_sequence:
                by_sequence[sequence].setSelected(True)

    def show_what_goes(self) -> None:
        """Say under the list what the buttons will act on: the chosen packets, or all."""
        count = len(self.list.selectedItems())
        if count:
            self.result.setText(
                _("{count} packet(s) chosen: the buttons act on them.").format(count=count)
            )
        else:
            self.result.setText(_("Select packets, or none to act on every packet not yet sent."))

    def selected_sequences(self) -> list[int]:
        return sorted(
            int(item.data(0, Qt.ItemDataRole.UserRole)) for item in self.list.selectedItems()
        )

    def current_sequence(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def state_text(self, sequence: int) -> str:
        """The state shown for packet ``sequence`` (for tests and accessibility tools)."""
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == sequence:
                return item.text(COLUMNS.index("state"))
        return ""

    def show_history(self) -> None:
        self.history.clear()
        sequence = self.current_sequence()
        if sequence is None:
            hint = QTreeWidgetItem([_("Select a packet to see each time it was sent.")])
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.history.addTopLevelItem(hint)
            hint.setFirstColumnSpanned(True)  # the whole sentence, not cut to one column
            _fit_headers(self.history)
            return
        for attempt in repo.attempts(self.workspace, sequence):
            event = _(ACTION_LABELS.get(attempt.action, attempt.action))
            where = where_short(attempt.route, attempt.destination)
            detail = history_detail(attempt.action, attempt.detail, attempt.code)
            item = QTreeWidgetItem([when(attempt.at), event, where, detail])
            item.setToolTip(2, attempt.destination)
            item.setToolTip(3, detail)
            self.history.addTopLevelItem(item)
        for column in range(3):
            self.history.resizeColumnToContents(column)
        _fit_headers(self.history)

    def choose_usb_folder(self) -> Path | None:
        """A removable drive, or any folder when there is none or the officer prefers."""
        from treem_desktop.handoff.usb import removable_drives

        drives = removable_drives()
        other = _("Another folder…")
        if drives:
            names = [str(d.path) for d in drives] + [other]
            name, ok = QInputDialog.getItem(
                self, _("Send by USB"), _("The USB stick:"), names, 0, False
            )
            if not ok:
                return None
            if name != other:
                return Path(name)
        folder = QFileDialog.getExistingDirectory(self, _("The USB stick or folder"))
        return Path(folder) if folder else None

    def send_by_usb(self) -> None:
        folder = self.choose_usb_folder()
        if folder is not None:
            self.send(outbox.Route("usb", folder))

    def send_by_email(self) -> None:
        self.send(outbox.Route("email"))

    def upload(self) -> None:
        self.send(outbox.Route("upload"))

    def send(self, route: outbox.Route) -> None:
        sequences = self.selected_sequences() or None
        self._sent_all = sequences is None
        workspace = self.workspace
        run_op(
            self,
            _("Sending the packets…"),
            lambda job: in_own_connection(workspace, lambda w: outbox.send(w, route, sequences)),
            self.show_outcomes,
        )

    def show_outcomes(self, outcomes: list[outbox.SendOutcome]) -> None:
        from treem_desktop.commune.outbox_text import left_out_line, nothing_sent, outcome_line

        left_out = len(outbox.from_before_the_outbox(self.workspace)) if self._sent_all else 0
        titles = {e.sequence: packet_title(e) for e in outbox.entries(self.workspace)}
        lines = [outcome_line(o, titles.get(o.sequence, "")) for o in outcomes]
        if not lines:
            lines = [nothing_sent(left_out)]
        elif left_out:
            lines.append(left_out_line(left_out))
        self.result.setText("\n".join(lines))
        self.reload()
        self.changed.emit()

    def choose_packet_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Add a packet file"), str(Path.home()), _("Packets (TREEM_*.zip)")
        )
        return Path(name) if name else None

    def add_file(self) -> None:
        """Put back a packet file this commune built (a copy from a stick or an e-mail)."""
        from treem_desktop.errors import TreemError

        path = self.choose_packet_file()
        if path is None:
            return
        try:
            entry = outbox.keep_packet(self.workspace, path)
        except TreemError as error:
            self.result.setText(error.message())
            return
        self.result.setText(_("{title} is in the outbox again.").format(title=packet_title(entry)))
        self.reload()
        self.changed.emit()

    def save_eml(self) -> None:
        sequence = self.current_sequence()
        if sequence is None:
            self.result.setText(_("Select the packet to save as .eml first."))
            return
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save as .eml"),
            str(Path.home() / f"goi-du-lieu-{sequence}.eml"),
            _("E-mail message (*.eml)"),
        )
        if target:
            saved = outbox.save_eml(self.workspace, sequence, Path(target))
            self.result.setText(
                _(
                    "The message with the packet attached was saved to {path}; send it from "
                    "webmail."
                ).format(path=saved)
            )
            self.reload()

    def choose_receipts(self) -> list[Path]:
        files, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Import receipts"),
            str(Path.home()),
            _("Receipts and saved e-mails (*.receipt.zip *.eml)"),
        )
        return [Path(f) for f in files]

    def import_receipts(self) -> None:
        from treem_desktop.commune.receipts import import_receipts

        paths = self.choose_receipts()
        if paths:
            workspace = self.workspace
            run_op(
                self,
                _("Checking the receipts…"),
                lambda job: in_own_connection(workspace, lambda w: import_receipts(w, paths)),
                self.show_receipts,
            )

    def show_receipts(self, outcomes: list[object]) -> None:
        from treem_desktop.commune.outbox_text import receipt_line
        from treem_desktop.commune.receipts import ReceiptOutcome

        lines = [receipt_line(o) for o in outcomes if isinstance(o, ReceiptOutcome)]
        self.result.setText("\n".join(lines) or _("No receipt was found."))
        self.reload()
        self.changed.emit()


def _tree(name: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setAllColumnsShowFocus(True)  # the keyboard's row is seen whole, not one cell
    tree.setHeaderLabels(headers)
    return tree


def _fit_headers(tree: QTreeWidget) -> None:
    """Every column at least as wide as its heading, so no heading is cut."""
    header = tree.header()
    for column in range(tree.columnCount() - 1):  # the last one stretches
        tree.setColumnWidth(column, max(tree.columnWidth(column), header.sectionSizeHint(column)))


def _button(row: QHBoxLayout, name: str, text: str, slot: object) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    row.addWidget(button)
    return button


def demo_banner(demo: bool) -> QLabel:
    """ "Gói thử (demo)": shown where the demo commune's packets are made and kept."""
    banner = QLabel(
        _(
            "Demo packets: signed with the demo key and holding sample data; a receiving "
            "office refuses them."
        )
    )
    banner.setObjectName("demo_packets")
    banner.setWordWrap(True)
    banner.setMargin(6)
    set_colours(banner, background="#fff4ce", foreground="#3d3000")
    banner.setVisible(demo)
    return banner


def empty_outbox_text() -> str:
    """What an empty outbox says: where packets come from, and what happens to them here."""
    return _(
        "The outbox is empty: no packet has been made yet.\n"
        "To send the commune's report, first make a packet: on the Evaluation, Indicators or "
        "Documents page, click “Make the packet to send…”. The packet then waits here until "
        "it is sent by USB stick, e-mail or upload, and until the receiving office's receipt "
        "comes back."
    )


def _entry_item(
    entry: repo.OutboxEntry, before_the_outbox: bool, demo: bool = False
) -> QTreeWidgetItem:
    note = entry_note(entry, before_the_outbox)
    title = packet_title(entry)
    item = QTreeWidgetItem(
        [
            str(entry.sequence),
            _("{title} (demo packet)").format(title=title) if demo else title,
            _(STATE_LABELS[entry.state]),
            note,
            where_short(entry.route, entry.destination),
            when(entry.updated),
        ]
    )
    item.setData(0, Qt.ItemDataRole.UserRole, entry.sequence)
    colour = _STATE_BRUSHES.get(entry.state)
    if colour is not None:
        item.setForeground(_STATE, colour)
    item.setToolTip(_PACKET, entry.file_name)
    if note:
        item.setToolTip(_NOTE, note)
    if entry.destination:
        item.setToolTip(_ROUTE, entry.destination)
    return item


_STATE, _PACKET, _NOTE, _ROUTE = (COLUMNS.index(c) for c in ("state", "packet", "note", "route"))
_STATE_BRUSHES = {state: QColor(colour) for state, colour in STATE_COLOURS.items()}
