"""The scoring-table editor's rows, grouped by criterion, in the officer's words.

Each open value is one row: what it is (the item's number and text), the field, the button for
its own source and the line saying who entered it from which document. A criterion's problems
(its items do not add up, bands out of order…) show in red at the top of its group.
"""

from __future__ import annotations

from treem_desktop.i18n import _
from treem_desktop.standards.model import Criterion, Standard, tr
from treem_desktop.standards.pack import Slot
from treem_desktop.standards.pack_checks import FIELD_WORDS, target_words
from treem_desktop.ui.office.scoring_draft import ScoringDraft
from treem_desktop.ui.office.scoring_fields import BandsField, ValueField, shown_number
from treem_desktop.ui.office.scoring_source import SourceDialog, source_words
from treem_desktop.ui.profile_fields import ERROR_STYLE
from treem_desktop.ui.qt import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

TOTAL_GROUP = "total"
NOTE_STYLE = "color: #555;"
WORDS_WIDTH = 260


def group_of(target: str) -> str:
    """The group a value (or a problem about it) shows in: ``c2`` for ``c2.x.bands``."""
    return TOTAL_GROUP if target == "max_total" else target.split(".")[0]


def row_words(standard: Standard, target: str) -> str:
    if target == "max_total":
        return _("Total points of the standard")
    owner, _dot, name = target.rpartition(".")
    if "." not in owner:
        return _("Maximum points of the criterion")
    words = _(FIELD_WORDS.get(name, name))
    return words[:1].upper() + words[1:]


def details(standard: Standard, slot: Slot) -> str:
    """The "Chi tiết" tooltip: which value it is and what the sources read so far suggest
    (the value's id stays in the draft and the log, never on screen)."""
    lines = [_("Details: {target}").format(target=target_words(standard, slot.target))]
    current = slot.current
    if current is not None and current.known and not isinstance(current.value, bool):
        lines.append(_("Suggested so far: {value}").format(value=shown_number(current.number)))
    if current is not None and current.note:
        lines.append(current.note)
    return "\n".join(lines)


class SlotGroup(QGroupBox):
    """One criterion's open values (or the standard's total). ``changed(target)``."""

    changed = Signal(str)

    def __init__(
        self, title: str, draft: ScoringDraft, slots: list[Slot], parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.draft = draft
        self.problem = QLabel()
        self.problem.setObjectName("criterion_problems")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.grid = QGridLayout()
        self.grid.setColumnMinimumWidth(0, WORDS_WIDTH)
        self.grid.setColumnStretch(3, 1)
        self.fields: dict[str, ValueField | BandsField] = {}
        self.checks: list[str] = []  # the pack checks' problems of this criterion
        self.typing: dict[str, str] = {}  # a field's text that is not a number, by target
        self.notes: dict[str, QLabel] = {}
        box = QVBoxLayout(self)
        box.addWidget(self.problem)
        box.addLayout(self.grid)
        item = ""
        for slot in slots:
            owner = slot.target.rpartition(".")[0]
            if owner.count(".") == 1 and owner != item:
                item = owner
                self._item_heading(owner)
            self._row(slot)

    def _item_heading(self, sub_id: str) -> None:
        standard = self.draft.standard
        sub = next(s for s in standard.sub_indicators() if s.id == sub_id)
        label = QLabel(f"<b>{standard.item_number(sub_id)}.</b> {tr(sub.label)}")
        label.setWordWrap(True)
        self.grid.addWidget(label, self.grid.rowCount(), 0, 1, 4)

    def _row(self, slot: Slot) -> None:
        row = self.grid.rowCount()
        words = QLabel(row_words(self.draft.standard, slot.target))
        words.setWordWrap(True)
        words.setToolTip(details(self.draft.standard, slot))
        field = self._field(slot)
        words.setBuddy(field if isinstance(field, ValueField) else field.rows[0][0])
        button = QToolButton()
        button.setText(_("Source…"))
        button.setToolTip(_("The document this value comes from, if not the common one"))
        button.clicked.connect(lambda: self._ask_source(slot.target))
        note = QLabel()
        note.setStyleSheet(NOTE_STYLE)
        note.setWordWrap(True)
        self.grid.addWidget(words, row, 0)
        top = Qt.AlignmentFlag.AlignTop
        cell = QHBoxLayout()  # the button beside its own field, whatever the field's width
        cell.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft | top)
        cell.addWidget(button, 0, top)
        cell.addWidget(note, 1, top)
        self.grid.addLayout(cell, row, 1, 1, 3)
        self.fields[slot.target] = field
        self.notes[slot.target] = note
        self.show_source(slot.target)

    def _field(self, slot: Slot) -> ValueField | BandsField:
        entry = self.draft.entries[slot.target]
        target = slot.target
        if not target.endswith(".bands"):
            field = ValueField(entry.value)
            field.setAccessibleName(row_words(self.draft.standard, target))
            field.committed.connect(lambda value: self._take(target, value=value))
            field.refused.connect(lambda words: self._refused(target, words))
            return field
        official = [
            (b.limit.number, b.points.number)
            for b in slot.bands
            if b.limit.confirmed and b.points.confirmed
        ]
        bands = BandsField(official, list(entry.bands), self.draft.at_least(target))
        bands.committed.connect(lambda rows: self._take(target, bands=rows))
        bands.refused.connect(lambda words: self._refused(target, words))
        return bands

    def _refused(self, target: str, words: str) -> None:
        """``Tiêu chí 2: điểm tối đa: hãy nhập …`` in red at the top of the group."""
        if words:
            what = target_words(self.draft.standard, target)
            self.typing[target] = _("{what} – {problem}.").format(what=what, problem=words)
        else:
            self.typing.pop(target, None)
        self._show()
        self.changed.emit(target)  # the editor's summary and Sign button follow

    def _take(
        self,
        target: str,
        value: float | None = None,
        bands: list[tuple[float, float]] | None = None,
    ) -> None:
        entry = self.draft.entries[target]
        if bands is None:
            entry.value = value
        else:
            entry.bands = list(bands)
        self.show_source(target)
        self.changed.emit(target)

    def _ask_source(self, target: str) -> None:
        entry = self.draft.entries[target]
        what = row_words(self.draft.standard, target)
        dialog = SourceDialog(what, entry.own_source, self.draft.default_source, self)
        if dialog.exec() == SourceDialog.DialogCode.Accepted:
            entry.own_source = dialog.own_source()
            self.show_source(target)
            self.changed.emit(target)

    def show_source(self, target: str) -> None:
        """Who entered the value and from which document, once it is entered."""
        entry = self.draft.entries[target]
        words = source_words(self.draft.source_of(target)) if entry.entered else ""
        if entry.own_source is not None and entry.entered:
            words = _("own source: {source}").format(source=words)
        self.notes[target].setText(words)

    def show_problems(self, messages: list[str]) -> None:
        """The pack checks' problems of this criterion, under what was typed wrong."""
        self.checks = list(messages)
        self._show()

    def _show(self) -> None:
        messages = [*self.typing.values(), *self.checks]
        self.problem.setText("\n".join(messages))
        self.problem.setVisible(bool(messages))


def criterion_title(criterion: Criterion) -> str:
    return _("Criterion {number}. {name}").format(number=criterion.number, name=tr(criterion.name))


def slot_groups(draft: ScoringDraft) -> list[SlotGroup]:
    """The groups in the order of the standard: the total first, then each criterion."""
    groups = []
    total = [s for s in draft.slots if s.target == "max_total"]
    if total:
        groups.append(SlotGroup(_("The whole standard"), draft, total))
    for criterion in draft.standard.criteria:
        mine = [s for s in draft.slots if group_of(s.target) == criterion.id]
        if mine:
            group = SlotGroup(criterion_title(criterion), draft, mine)
            group.setObjectName(f"group_{criterion.id}")
            groups.append(group)
    if total:
        groups[0].setObjectName(f"group_{TOTAL_GROUP}")
    return groups
