"""The scoring-table editor's inputs: a number taken when typing is finished, and a scale.

A value is taken only when the officer leaves the field or presses Enter (which also moves on),
and only when it is a number not below 0, written the Vietnamese way (``1,5``; ``1.000`` is a
thousand). The mouse wheel does nothing to these fields.
"""

from __future__ import annotations

from treem_desktop.formatting import format_number
from treem_desktop.i18n import N_, _
from treem_desktop.indicators.tables import parse_number
from treem_desktop.ui.profile_fields import ERROR_STYLE
from treem_desktop.ui.qt import (
    QGridLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QWidget,
    Signal,
)

FIELD_WIDTH = 80


def shown_number(value: float | None) -> str:
    if value is None:
        return ""
    return format_number(value, 0 if value == int(value) else None)


NOT_A_NUMBER = N_("type a number of points not below 0, such as 10 or 2,5")


class ValueField(QLineEdit):
    """A number field. ``committed(value)``: a finished, valid entry (None when emptied);
    ``refused(words)``: what is wrong with the text typed ("" once it is right again)."""

    committed = Signal(object)
    refused = Signal(str)

    def __init__(self, value: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(shown_number(value), parent)
        self.value = value
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFixedWidth(FIELD_WIDTH)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editingFinished.connect(self._take)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._next_field().setFocus(Qt.FocusReason.TabFocusReason)

    def _next_field(self) -> QWidget:
        """The next number field in the Tab order (Enter skips the buttons between)."""
        widget: QWidget | None = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if isinstance(widget, ValueField) and widget.isEnabled() and widget.isVisible():
                return widget
            widget = widget.nextInFocusChain()
        return self

    def _take(self) -> None:
        text = self.text().strip()
        try:
            value = parse_number(text, grouped_thousands=True) if text else None
            if value is not None and value < 0:
                raise ValueError("below 0")
        except ValueError:
            self._show_problem(_(NOT_A_NUMBER))
            return
        self._show_problem("")
        changed = value != self.value
        self.value = value
        self.setText(shown_number(value))
        if changed:
            self.committed.emit(value)

    def _show_problem(self, message: str) -> None:
        self.setStyleSheet(f"QLineEdit {{ border: 2px solid #b3261e; {ERROR_STYLE} }}"
                           if message else "")  # fmt: skip
        self.setToolTip(message[:1].upper() + message[1:])
        self.refused.emit(message)


class BandsField(QWidget):
    """An item's scale: the official bands (fixed) then rows of ``limit % → points``.

    ``committed(bands)``: the complete rows ``[(limit, points)]`` after a finished entry.
    """

    committed = Signal(object)
    refused = Signal(str)

    def __init__(
        self,
        official: list[tuple[float, float]],
        bands: list[tuple[float, float]],
        at_least: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.at_least = at_least
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        self.rows: list[tuple[ValueField, ValueField]] = []
        for limit, points in official:
            self._official_row(limit, points)
        for limit, points in bands:
            self.add_row(limit, points)
        for _missing in range(max(0, 2 - len(bands))):
            self.add_row()
        self.more = QPushButton(_("Add a band"))
        self.more.clicked.connect(self._more)
        self.more.setAutoDefault(False)  # Enter in a value's field never adds a band
        self.grid.addWidget(self.more, 100, 1, 1, 4, Qt.AlignmentFlag.AlignLeft)

    def _limit_words(self) -> tuple[str, str]:
        if self.at_least:
            return _("From"), _("% and above →")
        return _("Up to"), _("% and below →")

    def _official_row(self, limit: float, points: float) -> None:
        row = self.grid.rowCount()
        words = (
            _("official text: from {limit}% up → {points} points")
            if self.at_least
            else _("official text: up to {limit}% → {points} points")
        )
        label = QLabel(words.format(limit=shown_number(limit), points=shown_number(points)))
        self.grid.addWidget(label, row, 0, 1, 5)

    def add_row(self, limit: float | None = None, points: float | None = None) -> None:
        row = len(self.rows) + 10
        first, second = ValueField(limit), ValueField(points)
        first.setAccessibleName(_("Band {n}: limit in %").format(n=len(self.rows) + 1))
        second.setAccessibleName(_("Band {n}: points").format(n=len(self.rows) + 1))
        before, after = self._limit_words()
        self.grid.addWidget(QLabel(before), row, 0, Qt.AlignmentFlag.AlignRight)
        self.grid.addWidget(first, row, 1)
        self.grid.addWidget(QLabel(after), row, 2)
        self.grid.addWidget(second, row, 3)
        self.grid.addWidget(QLabel(_("points")), row, 4)
        for field in (first, second):
            field.committed.connect(lambda _value: self.committed.emit(self.bands()))
            field.refused.connect(self._row_refused)
        self.rows.append((first, second))

    def _row_refused(self, _words: str) -> None:
        """Say the first row whose field holds what is not a number ("" when none)."""
        for number, row in enumerate(self.rows, start=1):
            if any(field.toolTip() for field in row):
                self.refused.emit(_("band {n}: {what}").format(n=number, what=_(NOT_A_NUMBER)))
                return
        self.refused.emit("")

    def _more(self) -> None:
        self.add_row()
        self.rows[-1][0].setFocus()

    def bands(self) -> list[tuple[float, float]]:
        """The rows with both a limit and points, in the order typed."""
        return [
            (limit.value, points.value)
            for limit, points in self.rows
            if limit.value is not None and points.value is not None
        ]
