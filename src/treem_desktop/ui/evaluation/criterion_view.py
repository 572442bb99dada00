"""One criterion: its sub-indicators' inputs with the rate and points, notes and evidence."""

from __future__ import annotations

import datetime as dt

from treem_desktop.commune.evaluation import EvaluationRound, far_from_last_year
from treem_desktop.formatting import format_number, format_percent
from treem_desktop.i18n import _
from treem_desktop.standards.model import (
    Criterion,
    Input,
    Standard,
    Status,
    SubIndicator,
    manual_points_input,
    tr,
)
from treem_desktop.standards.round import EvidenceRow
from treem_desktop.standards.scoring import CriterionScore, SubScore, SubState, by_hand_room
from treem_desktop.ui.evaluation.fields import UNCONFIRMED_MARK, InputField, status_detail
from treem_desktop.ui.looks import set_font
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


class CriterionView(QScrollArea):
    """Everything the officer enters for one criterion.

    Signals:
        edited: (input id, raw value) as typed.
        explained: (input id, text).
        note_edited: (criterion id, note, data date).
        add_evidence: criterion id, when the officer asks to attach a file.
    """

    edited = Signal(str, object)
    explained = Signal(str, str)
    note_edited = Signal(str, str, str)
    add_evidence = Signal(str)

    def __init__(
        self, standard: Standard, criterion: Criterion, evaluation: EvaluationRound
    ) -> None:
        super().__init__()
        self.setObjectName(f"criterion_view_{criterion.id}")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.criterion = criterion
        self.standard = standard
        self.saved_date = ""
        self.fields: dict[str, InputField] = {}
        self.results: dict[str, QLabel] = {}
        self.manual: dict[str, QWidget] = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self._heading(standard, criterion))
        for sub in criterion.sub_indicators:
            layout.addWidget(self._sub_box(sub, evaluation))
        layout.addWidget(self._notes_box())
        layout.addStretch(1)
        self.setWidget(body)

    def _heading(self, standard: Standard, criterion: Criterion) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        title = QLabel(
            _("Criterion {number}: {name}").format(number=criterion.number, name=tr(criterion.name))
        )
        title.setWordWrap(True)
        set_font(title, point_size=14, bold=True)
        maximum = criterion.max_points
        points = format_number(maximum.number, 0) if maximum.known else "?"
        flag = "" if maximum.confirmed else UNCONFIRMED_MARK
        offices = ", ".join(
            tr(standard.offices[role.office]) + (_(" (lead)") if role.lead else "")
            for role in criterion.offices
        )
        facts = QLabel(
            _("Maximum {points} points{flag}").format(points=points, flag=flag)
            + "\n"
            + _("Responsible: {offices}").format(offices=offices)
        )
        facts.setObjectName("criterion_facts")
        facts.setWordWrap(True)
        if flag:
            facts.setToolTip(status_detail(maximum.status))
        column.addWidget(title)
        column.addWidget(facts)
        return box

    def _sub_box(self, sub: SubIndicator, evaluation: EvaluationRound) -> QGroupBox:
        number = self.standard.item_number(sub.id)
        box = QGroupBox(_("Item {number}").format(number=number))
        box.setObjectName(f"item_{number}")
        box.setToolTip(self._sub_detail(sub))
        column = QVBoxLayout(box)
        flag = "" if sub.status in (Status.CONFIRMED, Status.PACK) else UNCONFIRMED_MARK
        label = QLabel(tr(sub.label) + flag)
        label.setWordWrap(True)
        column.addWidget(label)
        fields = [self._field(item, evaluation) for item in sub.inputs]
        manual = self._field(manual_points_input(sub), evaluation)
        manual.label.setText(_("Points the commune gives itself for this item"))
        self.manual[sub.id] = manual
        for field in [*fields, manual]:
            column.addWidget(field)
        result = QLabel()
        result.setObjectName(f"{sub.id}:result")
        result.setWordWrap(True)
        set_font(result, bold=True)
        self.results[sub.id] = result
        column.addWidget(result)
        for field in fields:  # made last: Tab goes from field to field first
            column.addWidget(field.make_explanation())
        return box

    def _sub_detail(self, sub: SubIndicator) -> str:
        """The "Chi tiết" tooltip: the item's code, how sure its values are, its source."""
        lines = [_("Details: code {code}").format(code=sub.id)]
        if sub.status is not Status.CONFIRMED:
            lines.append(status_detail(sub.status))
        source = self.standard.sources.get(sub.source or "", {})
        if source:
            lines.append(_("Source: {source}").format(source=", ".join(source.values())))
        return "\n".join(lines)

    def _field(self, item: Input, evaluation: EvaluationRound) -> InputField:
        field = InputField(item, evaluation.previous.get(item.id), evaluation.previous_year)
        field.set_value(evaluation.values.get(item.id))
        field.edited.connect(self.edited.emit)
        field.explained.connect(self.explained.emit)
        self.fields[item.id] = field
        return field

    def commit_pending(self) -> None:
        """Offer every value still being typed (before this view goes away)."""
        for field in self.fields.values():
            field.commit()

    def _notes_box(self) -> QGroupBox:
        box = QGroupBox(_("Evidence"))
        column = QVBoxLayout(box)
        self.note = QPlainTextEdit()
        self.note.setObjectName("evidence_note")
        self.note.setPlaceholderText(_("Where the figures come from: registers, minutes, reports…"))
        self.note.setFixedHeight(80)
        self.data_date = QLineEdit()
        self.data_date.setObjectName("data_date")
        self.data_date.setPlaceholderText(_("Date of the data, e.g. 31/10/2026"))
        self.date_problem = ProblemLabel()
        self.date_problem.setObjectName("data_date:problem")
        self.files = QListWidget()
        self.files.setObjectName("evidence_files")
        self.files.setFixedHeight(70)
        attach = QPushButton(_("&Attach a file…"))
        attach.setObjectName("attach_evidence")
        attach.clicked.connect(lambda: self.add_evidence.emit(self.criterion.id))
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Date of the data:")))
        row.addWidget(self.data_date, 1)
        row.addWidget(attach)
        column.addWidget(self.note)
        column.addLayout(row)
        column.addWidget(self.date_problem)
        column.addWidget(self.files)
        self.note.textChanged.connect(self._note_changed)
        self.data_date.editingFinished.connect(self._date_finished)
        return box

    def _note_changed(self) -> None:
        self.note_edited.emit(self.criterion.id, self.note.toPlainText(), self.saved_date)

    def _date_finished(self) -> None:
        """Save the date when it is a real day (dd/mm/yyyy); else say so and keep the old one."""
        text = self.data_date.text().strip()
        if text and real_day(text) is None:
            self.date_problem.show_problem(
                _("“{text}” is not a date: write day/month/year, such as 31/10/2026.").format(
                    text=text
                )
                + " "
                + (_("Saved: {value}").format(value=self.saved_date) if self.saved_date else "")
            )
            return
        self.date_problem.show_problem(None)
        if text != self.saved_date:
            self.saved_date = text
            self._note_changed()

    def show_note(self, note: str, data_date: str, files: list[EvidenceRow]) -> None:
        self.note.blockSignals(True)
        self.note.setPlainText(note)
        self.note.blockSignals(False)
        self.data_date.setText(data_date)
        self.saved_date = data_date
        self.files.clear()
        for row in files:
            self.files.addItem(
                _("{name}  ·  {size} bytes").format(
                    name=row.file_name, size=format_number(row.size)
                )
            )
            item = self.files.item(self.files.count() - 1)
            if item is not None:
                item.setToolTip(_("Details: sha256 {digest}").format(digest=row.sha256))

    def show_result(self, result: CriterionScore, evaluation: EvaluationRound) -> None:
        for sub, sub_score in zip(self.criterion.sub_indicators, result.subs, strict=True):
            room = by_hand_room(self.standard, evaluation.values, sub).points
            self.results[sub.id].setText(describe(sub_score, sub.rule.type, room))
            by_hand = sub_score.state in (SubState.NEEDS_POINTS_BY_HAND, SubState.SCORED_BY_HAND)
            self.manual[sub.id].setVisible(by_hand)
            complete = all(i.id in evaluation.values for i in sub.inputs if i.whole_number)
            for item in sub.inputs:
                value = evaluation.values.get(item.id)
                needed = complete and far_from_last_year(evaluation, item.id, value)
                self.fields[item.id].show_explanation(
                    needed, evaluation.explanations.get(item.id, "")
                )


def real_day(text: str) -> dt.date | None:
    """The day written as dd/mm/yyyy, or None (31/13/2026 is no day)."""
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def points_text(points: float) -> str:
    return format_number(points, 0 if points == int(points) else 1)


def describe(sub: SubScore, rule_type: str, room: float) -> str:
    """``Tỷ lệ 95,0% → 50 điểm``, or what to enter where there is no official scale."""
    measure = ""
    if sub.measure is not None and rule_type in ("rate_threshold", "survey_score"):
        measure = _("Rate {value} → ").format(value=format_percent(sub.measure))
    elif sub.measure is not None:
        measure = _("Value {value} → ").format(value=format_number(sub.measure))
    if sub.state is SubState.MISSING_INPUTS:
        return _("Not enough data yet.")
    if sub.state is SubState.NEEDS_POINTS_BY_HAND:
        return guidance(sub, rule_type, room)
    points = points_text(sub.points or 0)
    text = measure + _("{points} points").format(points=points)
    if sub.state is SubState.SCORED_BY_HAND:
        text += " " + _("(scored by the commune, at most {room} points)").format(
            room=points_text(room)
        )
    elif sub.unconfirmed:
        text += UNCONFIRMED_MARK
    return text


def guidance(sub: SubScore, rule_type: str, room: float) -> str:
    """One sentence: what to enter, and up to how much (the points left for this item)."""
    if sub.measure is None and rule_type == "rate_threshold":
        return _(
            "There were no cases this year (0 of 0), and the standard does not say how to "
            "score that: enter the points the commune gives itself, at most {room} points."
        ).format(room=points_text(room))
    return _(
        "The standard has no official scale for this result: enter the points the commune "
        "gives itself for this item, at most {room} points."
    ).format(room=points_text(room))
