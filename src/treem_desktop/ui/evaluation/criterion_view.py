"""One criterion: its sub-indicators' inputs with the rate and points, notes and evidence."""

from __future__ import annotations

from treem_desktop.formatting import format_number, format_percent
from treem_desktop.i18n import _
from treem_desktop.services.evaluation import EvaluationRound, far_from_last_year
from treem_desktop.services.score_text import status_text
from treem_desktop.standards.model import (
    Criterion,
    Standard,
    Status,
    SubIndicator,
    manual_points_input,
    tr,
)
from treem_desktop.standards.scoring import CriterionScore, SubScore, SubState
from treem_desktop.storage.eval_repo import EvidenceRow
from treem_desktop.ui.evaluation.fields import InputField
from treem_desktop.ui.looks import set_font
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
        flag = "" if maximum.confirmed else f" — {status_text(maximum.status)}"
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
        column.addWidget(title)
        column.addWidget(facts)
        return box

    def _sub_box(self, sub: SubIndicator, evaluation: EvaluationRound) -> QGroupBox:
        flag = "" if sub.status is Status.CONFIRMED else f"  [{status_text(sub.status)}]"
        box = QGroupBox(sub.id)
        column = QVBoxLayout(box)
        label = QLabel(tr(sub.label) + flag)
        label.setWordWrap(True)
        column.addWidget(label)
        for item in sub.inputs:
            column.addWidget(self._field(item, evaluation))
        manual = self._field(manual_points_input(sub), evaluation)
        self.manual[sub.id] = manual
        column.addWidget(manual)
        result = QLabel()
        result.setObjectName(f"{sub.id}:result")
        result.setWordWrap(True)
        set_font(result, bold=True)
        self.results[sub.id] = result
        column.addWidget(result)
        return box

    def _field(self, item: object, evaluation: EvaluationRound) -> InputField:
        assert hasattr(item, "id")
        field = InputField(item, evaluation.previous.get(item.id), evaluation.previous_year)  # type: ignore[arg-type]
        field.set_value(evaluation.values.get(item.id))
        field.edited.connect(self.edited.emit)
        field.explained.connect(self.explained.emit)
        self.fields[item.id] = field
        return field

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
        column.addWidget(self.files)
        self.note.textChanged.connect(self._note_changed)
        self.data_date.textEdited.connect(self._note_changed)
        return box

    def _note_changed(self) -> None:
        self.note_edited.emit(self.criterion.id, self.note.toPlainText(), self.data_date.text())

    def show_note(self, note: str, data_date: str, files: list[EvidenceRow]) -> None:
        self.note.blockSignals(True)
        self.note.setPlainText(note)
        self.note.blockSignals(False)
        self.data_date.setText(data_date)
        self.files.clear()
        for row in files:
            self.files.addItem(f"{row.file_name}  ·  sha256 {row.sha256[:12]}…  ·  {row.size:,} B")

    def show_result(self, result: CriterionScore, evaluation: EvaluationRound) -> None:
        rules = {s.id: s.rule.type for s in self.criterion.sub_indicators}
        for sub in result.subs:
            self.results[sub.id].setText(describe(sub, rules[sub.id]))
            by_hand = sub.state in (SubState.NEEDS_POINTS_BY_HAND, SubState.SCORED_BY_HAND)
            self.manual[sub.id].setVisible(by_hand)
        for input_id, field in self.fields.items():
            value = evaluation.values.get(input_id)
            needed = far_from_last_year(evaluation, input_id, value)
            field.show_explanation(needed, evaluation.explanations.get(input_id, ""))


def describe(sub: SubScore, rule_type: str) -> str:
    """``Tỷ lệ 95,0% → 50 điểm`` and the like."""
    measure = ""
    if sub.measure is not None and rule_type in ("rate_threshold", "survey_score"):
        measure = _("Rate {value} → ").format(value=format_percent(sub.measure))
    elif sub.measure is not None:
        measure = _("Value {value} → ").format(value=format_number(sub.measure))
    if sub.state is SubState.MISSING_INPUTS:
        return _("Not enough data yet.")
    if sub.state is SubState.NEEDS_POINTS_BY_HAND:
        return measure + _(
            "no official scale for this case: enter the points by hand in the field above."
        )
    points = format_number(sub.points or 0, 0 if (sub.points or 0) == int(sub.points or 0) else 1)
    text = measure + _("{points} points").format(points=points)
    if sub.state is SubState.SCORED_BY_HAND:
        text += " " + _("(scored by hand)")
    elif sub.unconfirmed:
        text += " " + _("(not confirmed officially)")
    return text
