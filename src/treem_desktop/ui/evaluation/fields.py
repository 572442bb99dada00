"""One input of a sub-indicator: its field, unit, last year's value and its problems."""

from __future__ import annotations

from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.services.score_text import status_text
from treem_desktop.standards.model import Input, InputKind, Status, tr
from treem_desktop.storage.eval_repo import StoredValue
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)

YES_NO_CHOICES = ("", "yes", "no")


def value_text(value: StoredValue | None) -> str:
    """How a stored value is shown in its field: ``1.234``, ``95,5``, ``có``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if float(value) == int(value):
        return str(int(value))
    return format_number(float(value), 1)


class InputField(QWidget):
    """A labelled field that reports each edit; the page decides what is saved.

    Signals:
        edited: (input id, raw text or "yes"/"no"/"") as the officer types.
        explained: (input id, text) for the reason a value is far from last year's.
    """

    edited = Signal(str, object)
    explained = Signal(str, str)

    def __init__(
        self, item: Input, previous: StoredValue | None, previous_year: int | None
    ) -> None:
        super().__init__()
        self.item = item
        self.editor = self._make_editor()
        self.editor.setObjectName(item.id)
        label = QLabel(tr(item.label) + self._flag())
        label.setWordWrap(True)
        label.setBuddy(self.editor)
        if item.hint:
            self.editor.setToolTip(tr(item.hint))
        unit = QLabel(tr(item.unit))
        last = QLabel(
            _("{year}: {value}").format(year=previous_year, value=value_text(previous))
            if previous_year is not None and previous is not None
            else ""
        )
        last.setObjectName(f"{item.id}:previous")
        self.problem = ProblemLabel()
        self.explanation = QLineEdit()
        self.explanation.setObjectName(f"{item.id}:explanation")
        self.explanation.setPlaceholderText(
            _("This is far from last year's value: say why, in a few words")
        )
        self.explanation.hide()
        self.explanation.textEdited.connect(lambda text: self.explained.emit(item.id, text))
        row = QHBoxLayout()
        row.addWidget(self.editor, 2)
        row.addWidget(unit, 1)
        row.addWidget(last, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(label)
        column.addLayout(row)
        column.addWidget(self.problem)
        column.addWidget(self.explanation)

    def _flag(self) -> str:
        if self.item.status is Status.CONFIRMED or self.item.kind is InputKind.POINTS:
            return ""
        return f"  [{status_text(self.item.status)}]"

    def _make_editor(self) -> QWidget:
        if self.item.kind is InputKind.YES_NO:
            box = QComboBox()
            box.addItems([_("— not entered —"), _("yes"), _("no")])
            box.currentIndexChanged.connect(
                lambda index: self.edited.emit(self.item.id, YES_NO_CHOICES[index])
            )
            return box
        line = QLineEdit()
        line.textEdited.connect(lambda text: self.edited.emit(self.item.id, text))
        return line

    def set_value(self, value: StoredValue | None) -> None:
        """Show a stored value without reporting an edit (loading, undo)."""
        self.editor.blockSignals(True)
        if isinstance(self.editor, QComboBox):
            index = 0 if value is None else (1 if value else 2)
            self.editor.setCurrentIndex(index)
        elif isinstance(self.editor, QLineEdit):
            self.editor.setText(value_text(value))
        self.editor.blockSignals(False)

    def show_explanation(self, needed: bool, text: str) -> None:
        self.explanation.setVisible(needed or bool(text))
        if self.explanation.text() != text and not self.explanation.hasFocus():
            self.explanation.setText(text)
