"""The evaluation page: a year's round, the criteria, one criterion, and the score panel.

A field is saved when its value is complete and valid (on leaving it, Enter, or a short
pause); Ctrl+Z anywhere on the page undoes the last saved change, which is then saved too,
and every change is written to the audit trail.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.standards.model import Standard, manual_points_input, tr
from treem_desktop.standards.round import StoredValue
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.evaluation.criteria_list import CriteriaList
from treem_desktop.ui.evaluation.criterion_view import CriterionView
from treem_desktop.ui.evaluation.fields import YES_NO_CHOICES, InputField, value_text
from treem_desktop.ui.evaluation.messages import field_message
from treem_desktop.ui.evaluation.score_panel import ScorePanel
from treem_desktop.ui.ops import run_op

if TYPE_CHECKING:
    from treem_desktop.ui.packets.packet_dialog import PacketDialog

from treem_desktop.ui.qt import (
    QComboBox,
    QEvent,
    QFileDialog,
    QHBoxLayout,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QObject,
    QPushButton,
    QShortcut,
    QSplitter,
    Qt,
    QTimer,
    QUndoCommand,
    QUndoStack,
    QVBoxLayout,
    QWidget,
    Signal,
)


class EvaluationPage(QWidget):
    """The child-friendly commune evaluation of one year.

    Signals:
        score_changed: the round's new Score, after every saved change.
    """

    score_changed = Signal(object)
    document_requested = Signal(int)  # a register id to open, 0 for the documents page

    def __init__(self, workspace: Workspace, year: int | None = None) -> None:
        super().__init__()
        self.setObjectName("evaluation_page")
        self.workspace = workspace
        self.undo_stack = QUndoStack(self)
        self.year_box = QComboBox()
        self.year_box.setObjectName("round_year")
        self.start_button = QPushButton()
        self.start_button.setObjectName("start_round")
        self.start_button.clicked.connect(self._start_round)
        self.export_button = QPushButton(_("E&xport the score sheet (xlsx)…"))
        self.export_button.setObjectName("export_sheet")
        self.export_button.clicked.connect(self._export)
        self.packet_button = QPushButton(_("Make the &packet…"))
        self.packet_button.setObjectName("make_packet")
        self.packet_button.clicked.connect(self.open_packet_dialog)
        self.packet_dialog: PacketDialog | None = None
        self.status = QLabel()
        self.status.setObjectName("evaluation_status")
        self.standard_label = QLabel()
        self.standard_label.setWordWrap(True)
        self.legend = QLabel(
            _("* a value not confirmed from the official text (point at it for details)")
        )
        self.legend.setObjectName("unconfirmed_legend")
        self.legend.setWordWrap(True)
        self.body = QWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Year:")))
        top.addWidget(self.year_box)
        top.addWidget(self.start_button)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.packet_button)
        layout.addLayout(top)
        layout.addWidget(self.standard_label)  # its own line: the buttons keep their words
        layout.addWidget(self.legend)
        layout.addWidget(self.status)
        layout.addWidget(self.body, 1)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_last)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.undo_stack.redo)
        QShortcut(QKeySequence("Ctrl+Y"), self, self.undo_stack.redo)
        self.keys = UndoKeys(self)
        self.evaluation: ev.EvaluationRound | None = None
        self.view: CriterionView | None = None
        self._fill_years(year or dt.date.today().year)
        self.year_box.currentIndexChanged.connect(self._year_picked)
        self._year_picked()

    # Rounds -----------------------------------------------------------------------------

    def _fill_years(self, selected: int) -> None:
        years = sorted(set(ev.round_years(self.workspace)) | {selected, dt.date.today().year})
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in years:
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(self.year_box.findData(selected))
        self.year_box.blockSignals(False)

    def selected_year(self) -> int:
        return int(self.year_box.currentData())

    def _year_picked(self) -> None:
        year = self.selected_year()
        try:
            self.evaluation = ev.open_round(self.workspace, year)
        except TreemError:
            self.evaluation = None
        self.undo_stack.clear()
        self._rebuild()

    def reload_standard(self) -> None:
        """The round opened again, on the criterion shown: a standard pack was imported, so its
        points and "provisional" marks change (the values typed do not)."""
        if self.view is not None:
            self.view.commit_pending()
        shown = self.view.criterion.id if self.view is not None else None
        self._year_picked()
        if shown is not None and self.evaluation is not None:
            self.show_criterion(shown)

    def _start_round(self) -> None:
        try:
            self.evaluation = ev.start_round(self.workspace, self.selected_year())
        except TreemError as error:
            show_error(self, error)
            return
        self._rebuild()

    def _rebuild(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.start_button.setVisible(self.evaluation is None)
        self.legend.setVisible(self.evaluation is not None)
        self.export_button.setVisible(self.evaluation is not None)
        self.packet_button.setVisible(self.evaluation is not None)
        self.start_button.setText(
            _("Start the {year} evaluation").format(year=self.selected_year())
        )
        if self.evaluation is None:
            self.standard_label.setText(_("There is no evaluation for this year yet."))
            self.view = None
            return
        standard = self.evaluation.standard
        since = (
            _(" · last year's values ({year}) are shown beside the fields").format(
                year=self.evaluation.previous_year
            )
            if self.evaluation.previous_year
            else ""
        )
        self.standard_label.setText(
            _("Standard {number} (version {version}){since}").format(
                number=standard.legal_number, version=standard.version, since=since
            )
        )
        self.criteria = CriteriaList(standard)
        self.panel = ScorePanel()
        self.holder = QWidget()
        self.holder_layout = QVBoxLayout(self.holder)
        self.holder_layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.criteria)
        splitter.addWidget(self.holder)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([260, 520, 200])
        self.body_layout.addWidget(splitter)
        self.criteria.currentItemChanged.connect(lambda *_args: self._criterion_picked())
        self._select_row(0)
        self.refresh()

    def _select_row(self, row: int) -> None:
        item = self.criteria.topLevelItem(row)
        if item is not None:
            self.criteria.setCurrentItem(item)

    def _criterion_picked(self) -> None:
        assert self.evaluation is not None
        current = self.criteria.currentItem()
        row = self.criteria.indexOfTopLevelItem(current) if current is not None else -1
        if row < 0:
            return
        criterion = self.evaluation.standard.criterion(self.criteria.criterion_id(row))
        if self.view is not None:
            self.view.commit_pending()
            self.view.blockSignals(True)
            self.holder_layout.removeWidget(self.view)
            self.view.hide()
            self.view.deleteLater()
        self.view = CriterionView(self.evaluation.standard, criterion, self.evaluation)
        self.view.edited.connect(self.field_edited)
        self.view.explained.connect(self._explained)
        self.view.note_edited.connect(self._note_edited)
        self.view.add_evidence.connect(self._attach)
        note, data_date = ev.criterion_note(self.workspace, self.evaluation, criterion.id)
        self.view.show_note(
            note, data_date, ev.evidence(self.workspace, self.evaluation, criterion.id)
        )
        self.holder_layout.addWidget(self.view)
        self.view.show()  # now, not at the next turn of the event loop
        self.keys.watch(self)
        self.refresh()

    def show_criterion(self, criterion_id: str) -> CriterionView:
        for row in range(self.criteria.topLevelItemCount()):
            if self.criteria.criterion_id(row) == criterion_id:
                self._select_row(row)
        assert self.view is not None
        return self.view

    # Editing ----------------------------------------------------------------------------

    def field_edited(self, input_id: str, raw: object) -> None:
        """Save a complete value, or mark the field with why not (the old value stays saved)."""
        assert self.evaluation is not None and self.view is not None
        before = self.evaluation.values.get(input_id)
        if not self._store(input_id, raw):
            return
        after = self.evaluation.values.get(input_id)
        if before != after:
            self.undo_stack.push(ValueCommand(self, input_id, before, after))

    def _store(self, input_id: str, raw: object) -> bool:
        assert self.evaluation is not None
        field = self.view.fields.get(input_id) if self.view else None
        try:
            ev.set_value(self.workspace, self.evaluation, input_id, raw)
        except TreemError as error:
            if field is not None:
                field.show_refused(field_message(error))
            return False
        if field is not None:
            field.set_value(self.evaluation.values.get(input_id))
        self.refresh()
        return True

    def restore(self, input_id: str, value: StoredValue | None) -> None:
        """Put a value back (undo/redo): shown in its field and saved."""
        raw = (
            value_text(value) if not isinstance(value, bool) else YES_NO_CHOICES[1 if value else 2]
        )
        if self._store(input_id, raw if value is not None else None):
            label = self._input_label(input_id)
            self.status.setText(_("Changed back: {label}").format(label=label))

    def _input_label(self, input_id: str) -> str:
        from treem_desktop.standards.model import tr

        assert self.evaluation is not None
        item = self.evaluation.standard.inputs().get(input_id)
        sub = self.evaluation.standard.sub_of_input(input_id)
        number = self.evaluation.standard.item_number(sub.id) if sub else ""
        return f"{number} – {tr(item.label)}" if item else number

    def undo_last(self) -> None:
        """Ctrl+Z: a value still being typed goes back to the saved one; else undo a change."""
        field = self._field_with_focus()
        if field is not None and (field.pending or field.refused):
            field.set_value(field.saved)
            return
        self.undo_stack.undo()

    def _field_with_focus(self) -> InputField | None:
        if self.view is None:
            return None
        return next((f for f in self.view.fields.values() if f.editor.hasFocus()), None)

    def _explained(self, input_id: str, text: str) -> None:
        assert self.evaluation is not None
        ev.set_explanation(self.workspace, self.evaluation, input_id, text)
        self.refresh()

    def _note_edited(self, criterion_id: str, note: str, data_date: str) -> None:
        assert self.evaluation is not None
        ev.save_criterion_note(self.workspace, self.evaluation, criterion_id, note, data_date)

    def _attach(self, criterion_id: str) -> None:
        assert self.evaluation is not None and self.view is not None
        name, _filter = QFileDialog.getOpenFileName(self, _("Attach evidence"))
        if not name:
            return
        self.attach_file(criterion_id, Path(name))

    def attach_file(self, criterion_id: str, path: Path) -> None:
        assert self.evaluation is not None and self.view is not None
        try:
            ev.add_evidence_file(self.workspace, self.evaluation, criterion_id, path)
        except TreemError as error:
            show_error(self, error)
            return
        note, data_date = ev.criterion_note(self.workspace, self.evaluation, criterion_id)
        self.view.show_note(
            note, data_date, ev.evidence(self.workspace, self.evaluation, criterion_id)
        )

    def _export(self) -> None:
        suggested = Path.home() / f"bang-diem-xa-phu-hop-voi-tre-em-{self.selected_year()}.xlsx"
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export the score sheet"), str(suggested), "Excel (*.xlsx)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Write the score sheet off the window's thread, then say where it is."""
        from treem_desktop.ui.ops import in_own_connection

        evaluation = self.evaluation
        assert evaluation is not None
        today = dt.date.today()

        def work(job: object) -> Path:  # the stamp's lookup verifies packets: off the thread
            return in_own_connection(
                self.workspace, lambda w: ev.export_score_sheet(w, evaluation, path, today)
            )

        def done(written: Path) -> None:
            self.status.setText(_("Score sheet written: {path}").format(path=written))

        run_op(self, _("Writing the score sheet…"), work, done)

    def open_packet_dialog(self) -> PacketDialog | None:
        """The pre-flight and packet dialog for the year's round (window-modal)."""
        from treem_desktop.ui.packets.packet_dialog import PacketDialog

        if self.evaluation is None:
            return None
        dialog = PacketDialog(
            self.workspace,
            "evaluation",
            str(self.selected_year()),
            self,
            inputs=input_names(self.evaluation.standard),
        )
        dialog.fix_requested.connect(self.fix_preflight_line)
        dialog.finished.connect(dialog.deleteLater)
        self.packet_dialog = dialog
        dialog.open()
        return dialog

    def fix_preflight_line(self, target: str) -> None:
        """A criterion opens here; a document on the documents page."""
        if target.startswith("document:"):
            number = target.removeprefix("document:")
            self.document_requested.emit(
                int(number) if number.isascii() and number.isdigit() else 0
            )
        else:
            self.focus_first_missing(self.show_criterion(target))

    def focus_first_missing(self, view: CriterionView) -> None:
        """Put the cursor in the criterion's first input still needed, scrolled into view."""
        assert self.evaluation is not None
        result = self.evaluation.score().criterion(view.criterion.id)
        needed = [i for sub in result.subs for i in sub.missing if i in view.fields]
        field = view.fields[needed[0]] if needed else next(iter(view.fields.values()))
        field.editor.setFocus()

        def scroll() -> None:  # once the new view is laid out
            view.ensureWidgetVisible(field, 20, 40)

        body = view.widget()
        if body is not None:
            body.adjustSize()
        scroll()
        QTimer.singleShot(0, scroll)

    def refresh(self) -> None:
        """Recompute the score and show it everywhere (well under a millisecond)."""
        if self.evaluation is None:
            return
        score = self.evaluation.score()
        self.criteria.show_score(score)
        unexplained = ev.unexplained(self.evaluation)
        extra = [
            _("Say why “{input}” is far from last year's value.").format(input=self._input_label(i))
            for i in unexplained
        ]
        self.panel.show_score(score, extra)
        if self.view is not None:
            self.view.show_result(score.criterion(self.view.criterion.id), self.evaluation)
        self.score_changed.emit(score)


class ValueCommand(QUndoCommand):
    """One saved change of one field: one step of Ctrl+Z."""

    def __init__(
        self,
        page: EvaluationPage,
        input_id: str,
        before: StoredValue | None,
        after: StoredValue | None,
    ) -> None:
        super().__init__(page._input_label(input_id))
        self.page = page
        self.input_id = input_id
        self.before = before
        self.after = after
        self._first = True

    def redo(self) -> None:
        if self._first:  # already saved as it was typed
            self._first = False
            return
        self.page.restore(self.input_id, self.after)

    def undo(self) -> None:
        self.page.restore(self.input_id, self.before)


class UndoKeys(QObject):
    """Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y in any box of the page undo or redo the data change,
    not only the text inside the box that has the focus."""

    def __init__(self, page: EvaluationPage) -> None:
        super().__init__(page)
        self.page = page

    def watch(self, root: QWidget) -> None:
        for widget in root.findChildren(QWidget):
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        step = undo_step(event)
        if step is None:
            return False
        if kind is QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes here as a key press, not to the box's own undo
            return True
        if step == "undo":
            self.page.undo_last()
        else:
            self.page.undo_stack.redo()
        return True


def undo_step(event: QKeyEvent) -> str | None:
    """ "undo", "redo" or None for a key event."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    control = Qt.KeyboardModifier.ControlModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    modifiers = event.modifiers()
    if event.matches(QKeySequence.StandardKey.Redo) or (
        modifiers & control
        and (event.key() == Qt.Key.Key_Y or (event.key() == Qt.Key.Key_Z and modifiers & shift))
    ):
        return "redo"
    return None


def input_names(standard: Standard) -> dict[str, str]:
    """``6.1 – label`` for every input: the item's number as the page shows it, then its label."""
    names = {}
    for sub in standard.sub_indicators():
        number = standard.item_number(sub.id)
        for item in (*sub.inputs, manual_points_input(sub)):
            names[item.id] = f"{number} – {tr(item.label)}"
    return names
