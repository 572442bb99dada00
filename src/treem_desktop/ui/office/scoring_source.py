"""Who entered the scoring table's values and from which document (văn bản nguồn).

One box at the top of the editor gives the source of every value; a value may have its own
(:class:`SourceDialog`), which the pack records with it.
"""

from __future__ import annotations

import datetime as dt

from treem_desktop.i18n import _
from treem_desktop.indicators.tables import parse_date
from treem_desktop.ui.office.scoring_draft import Source
from treem_desktop.ui.profile_fields import ERROR_STYLE
from treem_desktop.ui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)


def shown_date(iso: str) -> str:
    try:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def source_words(source: Source) -> str:
    """``Nguyễn Thị Lan · 123/QĐ-UBND (01/08/2025, UBND tỉnh Điện Biên)``, or what is missing."""
    document = source.document()
    if document is None or not source.entered_by.strip():
        return _("source not given yet")
    return f"{source.entered_by} · {document.title()}"


class SourceFields(QWidget):
    """Four fields: who entered, document number, date, issuer. ``changed``: one was finished."""

    changed = Signal()

    def __init__(self, source: Source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entered_by = self._field(source.entered_by, _("full name, unit"))
        self.number = self._field(source.number, _("e.g. 123/QĐ-UBND"))
        self.date = self._field(shown_date(source.date), _("dd/mm/yyyy"))
        self.issuer = self._field(source.issuer, _("e.g. Provincial People's Committee"))
        self.date.editingFinished.connect(self._check_date)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        rows = (
            (_("&Entered by:"), self.entered_by, _("Document &number:"), self.number),
            (_("Document d&ate:"), self.date, _("&Issued by:"), self.issuer),
        )
        for row, (first, one, second, two) in enumerate(rows):
            for column, (words, field) in enumerate(((first, one), (second, two))):
                label = QLabel(words)
                label.setBuddy(field)
                grid.addWidget(label, row, column * 2)
                grid.addWidget(field, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def _field(self, text: str, hint: str) -> QLineEdit:
        field = QLineEdit(text)
        field.setPlaceholderText(hint)
        field.editingFinished.connect(self.changed.emit)
        return field

    def _check_date(self) -> None:
        text = self.date.text().strip()
        try:
            iso = parse_date(text) if text else ""
        except ValueError:
            self.date.setStyleSheet(ERROR_STYLE)
            self.date.setToolTip(_("Write the date as dd/mm/yyyy, such as 01/08/2025."))
            return
        self.date.setStyleSheet("")
        self.date.setToolTip("")
        self.date.setText(shown_date(iso))

    def source(self) -> Source:
        text = self.date.text().strip()
        try:
            iso = parse_date(text) if text else ""
        except ValueError:
            iso = ""
        parts = (self.entered_by, self.number, self.issuer)
        who, number, issuer = (f.text().strip() for f in parts)
        return Source(who, number, iso, issuer)


class SourceDialog(QDialog):
    """The source of one value: the common one, or its own."""

    def __init__(
        self, what: str, own: Source | None, common: Source, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("value_source_dialog")
        self.setWindowTitle(_("Source of a value"))
        self.same = QCheckBox(_("&Same as the source for all values"))
        self.same.setChecked(own is None)
        self.fields = SourceFields(own or common)
        self.fields.setEnabled(own is not None)
        self.same.toggled.connect(lambda same: self.fields.setEnabled(not same))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(what))
        box.addWidget(self.same)
        box.addWidget(self.fields)
        box.addWidget(buttons)

    def own_source(self) -> Source | None:
        """None for the common source."""
        return None if self.same.isChecked() else self.fields.source()
