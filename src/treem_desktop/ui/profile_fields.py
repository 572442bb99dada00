"""The commune profile's fields, shared by the first-run wizard and the Settings page."""

from __future__ import annotations

import html

from treem_desktop.core.categories import load_categories
from treem_desktop.core.commune import (
    REQUIRED_FIELDS,
    SIGNER_TITLES,
    field_label,
    signature_heading,
)
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.qt import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

ERROR_STYLE = "color: #b3261e;"
REQUIRED_MARK = " *"


def required_legend() -> QLabel:
    """The one line that explains the "*" after a field's name."""
    legend = QLabel(_("* required"))
    legend.setObjectName("required_legend")
    return legend


def caption_for(name: str) -> str:
    """A field's label, with "*" when the field is required."""
    return field_label(name) + (REQUIRED_MARK if name in REQUIRED_FIELDS else "")


class ProblemLabel(QLabel):
    """A red line under a field that says what is wrong with it, hidden when all is well."""

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_problem(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


class FieldGroup(QWidget):
    """A form of named fields, each with its problem label.

    Signals:
        edited: a field was changed by the user (each keystroke).
        committed: the user finished a field (left it, pressed Enter or picked a value).
    """

    edited = Signal()
    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.problems: dict[str, ProblemLabel] = {}
        self.fields: dict[str, QWidget] = {}

    def add_field(self, name: str, widget: QWidget, label: str | None = None) -> None:
        problem = ProblemLabel()
        widget.setObjectName(name)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(problem)
        caption = QLabel(label or caption_for(name))
        caption.setBuddy(widget)
        self.form.addRow(caption, column)
        self.problems[name] = problem
        self.fields[name] = widget
        if isinstance(widget, QLineEdit):
            widget.editingFinished.connect(self.committed)

    def show_problems(self, problems: list[TreemError]) -> bool:
        """Show each problem under its field; returns True when one of them is ours."""
        by_field = {p.field: p.message() for p in problems}
        for name, label in self.problems.items():
            label.show_problem(by_field.get(name))
        first = next((name for name in self.problems if name in by_field), None)
        if first is not None:
            self.fields[first].setFocus()
        return first is not None


class CategoryChooser(QWidget):
    """The three threshold categories as radio buttons, with their thresholds."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)  # none is checked until the officer picks one
        self.buttons: dict[str, QRadioButton] = {}
        for category in load_categories().categories:
            text = _("{label} — threshold {threshold} points").format(
                label=category.label, threshold=category.threshold
            )
            button = QRadioButton(text)
            button.setObjectName(f"category_{category.id}")
            self.group.addButton(button)
            self.buttons[category.id] = button
            layout.addWidget(button)
            button.toggled.connect(self._toggled)

    def _toggled(self, checked: bool) -> None:
        if checked:
            self.edited.emit()

    def value(self) -> str:
        return next((cid for cid, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, category_id: str) -> None:
        button = self.buttons.get(category_id)
        if button is not None:
            button.setChecked(True)


class PeopleFields(FieldGroup):
    """Officer, signer and the signer's title, with the signature heading it gives."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.officer = QLineEdit()
        self.signer = QLineEdit()
        self.title = QComboBox()
        self.title.setEditable(True)
        self.title.addItems(list(SIGNER_TITLES))
        self.title.setCurrentIndex(-1)  # nothing chosen until the officer picks or types it
        title_line = self.title.lineEdit()
        assert title_line is not None
        title_line.setPlaceholderText(_("— choose —"))
        title_line.editingFinished.connect(self.committed)
        self.title.activated.connect(lambda _index: self.committed.emit())
        self.preview = QLabel()
        self.preview.setObjectName("signature_preview")
        self.add_field("officer_name", self.officer)
        self.add_field("signer_name", self.signer)
        self.add_field("signer_title", self.title)
        self.form.addRow(_("Signature block"), self.preview)
        for line in (self.officer, self.signer):
            line.textEdited.connect(self._changed)
        self.title.currentTextChanged.connect(self._changed)
        self._update_preview()

    def _changed(self, _text: str = "") -> None:
        self._update_preview()
        self.edited.emit()

    def _update_preview(self) -> None:
        lines = signature_heading(self.title.currentText() or "")
        name = self.signer.text().strip() or _("(signer's name)")
        heading = "<br>".join(html.escape(line) for line in lines)
        self.preview.setText(
            f"<div align='center'><b>{heading}</b><br><br><b>{html.escape(name)}</b></div>"
        )

    def values(self) -> dict[str, str]:
        return {
            "officer_name": self.officer.text(),
            "signer_name": self.signer.text(),
            "signer_title": self.title.currentText(),
        }

    def set_values(self, officer: str, signer: str, title: str) -> None:
        self.officer.setText(officer)
        self.signer.setText(signer)
        self.title.setCurrentText(title)
        self._update_preview()


class RecipientFields(FieldGroup):
    """The receiving office, its e-mail, and the document-number suffixes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = QLineEdit()
        self.office.setPlaceholderText(_("e.g. Sở Y tế tỉnh Điện Biên"))
        self.email = QLineEdit()
        self.email.setPlaceholderText("phongbaotro@example.gov.vn")
        self.abbreviations = QLineEdit()
        self.abbreviations.setPlaceholderText(_("e.g. UBND"))
        self.abbreviations.setToolTip(
            _("Comma-separated; the first is used by default: UBND gives Số: 05/KH-UBND")
        )
        self.add_field("recipient_name", self.office)
        self.add_field("recipient_email", self.email)
        self.add_field("issuer_abbreviations", self.abbreviations)
        for line in (self.office, self.email, self.abbreviations):
            line.textEdited.connect(self._changed)

    def _changed(self, _text: str) -> None:
        self.edited.emit()

    def values(self) -> dict[str, object]:
        return {
            "recipient_name": self.office.text(),
            "recipient_email": self.email.text(),
            "issuer_abbreviations": tuple(
                part.strip() for part in self.abbreviations.text().split(",") if part.strip()
            ),
        }

    def set_values(self, office: str, email: str, abbreviations: tuple[str, ...]) -> None:
        self.office.setText(office)
        self.email.setText(email)
        self.abbreviations.setText(", ".join(abbreviations))
