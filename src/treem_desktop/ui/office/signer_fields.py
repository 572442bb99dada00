"""Who signs the office's documents: the name, the position and on whose behalf, with the
signature block they give (the office's counterpart of the commune's ``PeopleFields``)."""

from __future__ import annotations

import html

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.office.signer import (
    AUTHORITIES,
    OFFICE_AUTHORITY_WORDS,
    SIGNER_TITLES,
    OfficeSigner,
    authority_for,
    build_signer,
    office_signature_heading,
    required_authority,
)
from treem_desktop.ui.office.widgets import named
from treem_desktop.ui.qt import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget


class OfficeSignerFields(QWidget):
    """Three fields in a form and the signature block they give, updated as one types."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = named(QLineEdit(), "office_signer_name")
        self.name.setPlaceholderText(_("e.g. Nguyễn Văn An (may be entered later)"))
        self.title = named(QComboBox(), "office_signer_title")
        self.title.setEditable(True)
        self.title.addItems(list(SIGNER_TITLES))
        self.authority = named(QComboBox(), "office_signer_authority")
        for value in AUTHORITIES:
            self.authority.addItem(_(OFFICE_AUTHORITY_WORDS[value]), value)
        self.preview = named(QLabel(), "office_signature_preview")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._label(_("Signer's full na&me:"), self.name), self.name)
        form.addRow(self._label(_("Signer's pos&ition:"), self.title), self.title)
        form.addRow(self._label(_("Si&gns:"), self.authority), self.authority)
        form.addRow(_("Signature block:"), self.preview)
        self.name.textChanged.connect(self._update)
        self.title.currentTextChanged.connect(self._title_changed)
        self.authority.currentIndexChanged.connect(self._update)
        self._title_changed(self.title.currentText())

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _title_changed(self, title: str) -> None:
        """A Giám đốc signs in his own right, a Phó Giám đốc "KT.": the choice follows the title;
        for another title it is the user's."""
        required = required_authority(title)
        if required is not None:
            self.authority.setCurrentIndex(self.authority.findData(required))
        self.authority.setEnabled(required is None)
        self._update()

    def _update(self) -> None:
        signer = self._unchecked()
        heading = "<br>".join(html.escape(line) for line in office_signature_heading(signer))
        name = html.escape(signer.name.strip() or _("(signer's name)"))
        self.preview.setText(f"<div align='center'><b>{heading}</b><br><br><b>{name}</b></div>")

    def _unchecked(self) -> OfficeSigner:
        title = self.title.currentText()
        return OfficeSigner(self.name.text(), title, authority_for(title, self._authority()))

    def _authority(self) -> str:
        return str(self.authority.currentData() or "")

    def signer(self) -> OfficeSigner:
        """The signer as entered, checked (a :class:`TreemError` says what is wrong)."""
        return build_signer(self.name.text(), self.title.currentText(), self._authority())

    def set_signer(self, signer: OfficeSigner) -> None:
        self.name.setText(signer.name)
        self.title.setCurrentText(signer.title)
        self.authority.setCurrentIndex(max(0, self.authority.findData(signer.authority)))
        self._title_changed(signer.title)

    def fields(self) -> tuple[QWidget, ...]:
        return (self.name, self.title, self.authority)

    def focus_problem(self, error: TreemError) -> None:
        """The keyboard to the field the problem is about."""
        field = error.field
        (self.title if field == "signer_title" else self.name).setFocus()

    def has_answers(self) -> bool:
        return bool(self.name.text().strip())
