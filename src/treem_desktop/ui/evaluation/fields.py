"""One input of a sub-indicator: its field, unit, last year's value and its problems.

A typed value is offered for saving only when it is complete: on leaving the field, on Enter,
or after a short pause; never at each keystroke. A refused value stays in the field, marked,
with the reason in words and the value that is saved.
"""

from __future__ import annotations

from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.standards.model import Input, InputKind, Status, tr
from treem_desktop.standards.round import StoredValue
from treem_desktop.standards.score_text import status_text
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

YES_NO_CHOICES = ("", "yes", "no")
PAUSE_MS = 700
"""A pause in typing this long offers the value for saving."""
UNCONFIRMED_MARK = " *"
"""The one mark for a value not confirmed from the official text (explained on the page)."""
REFUSED_STYLE = "QLineEdit { border: 2px solid #b3261e; }"


def value_text(value: StoredValue | None) -> str:
    """How a stored value is shown in its field: ``1.234``, ``95,5``, ``có``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if float(value) == int(value):
        return str(int(value))
    return format_number(float(value), 1)


def status_detail(status: Status) -> str:
    """The "Chi tiết" tooltip of a marked value: why it is marked."""
    return _("Details: {status}").format(status=status_text(status))


class InputField(QWidget):
    """A labelled field that offers complete values; the page decides what is saved.

    Signals:
        edited: (input id, raw text or "yes"/"no"/"") when a value is complete.
        explained: (input id, text) for the reason a value is far from last year's.
    """

    edited = Signal(str, object)
    explained = Signal(str, str)

    def __init__(
        self, item: Input, previous: StoredValue | None, previous_year: int | None
    ) -> None:
        super().__init__()
        self.item = item
        self.saved: StoredValue | None = None
        self.pending = False
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(PAUSE_MS)
        self.pause.timeout.connect(self.commit)
        self.editor = self._make_editor()
        self.editor.setObjectName(item.id)
        self.label = QLabel(tr(item.label) + self._flag())
        self.label.setWordWrap(True)
        self.label.setBuddy(self.editor)
        if self._flag():
            self.label.setToolTip(status_detail(item.status))
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
        self.problem.setObjectName(f"{item.id}:problem")
        self.explanation: QLineEdit | None = None
        row = QHBoxLayout()
        row.addWidget(self.editor, 2)
        row.addWidget(unit, 1)
        row.addWidget(last, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.label)
        column.addLayout(row)
        column.addWidget(self.problem)

    def _flag(self) -> str:
        sure = self.item.status in (Status.CONFIRMED, Status.PACK)  # the text, or the pack
        if sure or self.item.kind is InputKind.POINTS:
            return ""
        return UNCONFIRMED_MARK

    def _make_editor(self) -> QWidget:
        if self.item.kind is InputKind.YES_NO:
            box = QComboBox()
            box.addItems([_("— not entered —"), _("yes"), _("no")])
            box.currentIndexChanged.connect(
                lambda index: self.edited.emit(self.item.id, YES_NO_CHOICES[index])
            )
            return box
        line = QLineEdit()
        line.textEdited.connect(self._typed)
        line.editingFinished.connect(self.commit)
        return line

    def make_explanation(self) -> QLineEdit:
        """The reason box, made after the sub-indicator's fields so Tab reaches them first."""
        self.explanation = QLineEdit()
        self.explanation.setObjectName(f"{self.item.id}:explanation")
        self.explanation.setPlaceholderText(
            _("{label}: far from last year's value, say why in a few words").format(
                label=tr(self.item.label)
            )
        )
        self.explanation.hide()
        self.explanation.textEdited.connect(lambda text: self.explained.emit(self.item.id, text))
        return self.explanation

    def _typed(self) -> None:
        self.pending = True
        self.pause.start()

    def commit(self) -> None:
        """Offer the typed value for saving, once (leaving the field, Enter or a pause)."""
        self.pause.stop()
        if not self.pending or not isinstance(self.editor, QLineEdit):
            return
        self.pending = False
        self.edited.emit(self.item.id, self.editor.text())

    def typed_text(self) -> str:
        return self.editor.text() if isinstance(self.editor, QLineEdit) else ""

    def set_value(self, value: StoredValue | None) -> None:
        """Show a saved value without offering it again (loading, saving, undo)."""
        self.saved = value
        self.pending = False
        self.pause.stop()
        self.editor.blockSignals(True)
        if isinstance(self.editor, QComboBox):
            index = 0 if value is None else (1 if value else 2)
            self.editor.setCurrentIndex(index)
        elif isinstance(self.editor, QLineEdit):
            self.editor.setText(value_text(value))
        self.editor.blockSignals(False)
        self.show_refused(None)

    def show_refused(self, message: str | None) -> None:
        """Mark the field with why its value was not saved, and say what is saved."""
        if message is None:
            self.problem.show_problem(None)
            self.editor.setStyleSheet("")
            return
        saved = (
            _("Saved: {value}").format(value=value_text(self.saved))
            if self.saved is not None
            else _("Nothing saved yet.")
        )
        self.problem.show_problem(f"{message} {saved}")
        self.editor.setStyleSheet(REFUSED_STYLE)

    @property
    def refused(self) -> bool:
        return self.problem.isVisibleTo(self)

    def show_explanation(self, needed: bool, text: str) -> None:
        if self.explanation is None:
            return
        self.explanation.setVisible(needed or bool(text))
        if self.explanation.text() != text and not self.explanation.hasFocus():
            self.explanation.setText(text)
