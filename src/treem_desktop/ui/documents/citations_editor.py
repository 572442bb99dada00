"""Văn bản căn cứ: the documents a template cites, named by the officer (number, date, issuer).

One box per document the template cites. A document with no number is not cited: the clause
that names it is left out of the document. Saved as typed (on leaving a field).
"""

from __future__ import annotations

from treem_desktop.commune import documents as docs
from treem_desktop.commune.documents import RegisterEntry
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.citations import Citation, CitedDocument
from treem_desktop.documents.compose import context
from treem_desktop.documents.templates import find_template
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.qt import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

FIELDS = ("number", "date", "kind", "issuer")


class CitationsEditor(QWidget):
    """The template's cited documents, each with its number, date, kind and issuer."""

    def __init__(self, workspace: Workspace, entry: RegisterEntry) -> None:
        super().__init__()
        self.workspace = workspace
        self.entry = entry
        self.template = find_template(entry.template_id, workspace.data_dir.path)
        values = context(workspace.require_profile(), entry.year, None)
        saved = docs.citations_of(workspace, entry)
        self.fields: dict[str, dict[str, QLineEdit]] = {}
        self.problem = QLabel()
        self.problem.setObjectName("citation_problem")
        self.problem.setStyleSheet("color: #a50e0e")
        self.problem.setWordWrap(True)
        self.problem.hide()
        boxes = QWidget()
        column = QVBoxLayout(boxes)
        for cited in self.template.citations:
            column.addWidget(self._box(cited, saved.get(cited.id, Citation()), values))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(boxes)
        hint = QLabel(
            _(
                "The documents this one cites. Leave the number empty and the sentence "
                "that cites it is left out."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(scroll, 1)

    def _box(self, cited: CitedDocument, saved: Citation, values: dict[str, str]) -> QGroupBox:
        box = QGroupBox(cited.label)
        form = QFormLayout(box)
        found = {name: QLineEdit() for name in FIELDS}
        found["number"].setText(saved.number)
        found["date"].setText(saved.date.strftime("%d/%m/%Y") if saved.date else "")
        found["kind"].setText(saved.kind)
        found["kind"].setPlaceholderText(cited.kind)
        found["issuer"].setText(saved.issuer)
        found["issuer"].setPlaceholderText(cited.issuer.format(**values))
        labels = {
            "number": _("&Number:"),
            "date": _("Da&te (dd/mm/yyyy):"),
            "kind": _("Kind of document:"),
            "issuer": _("Issued by:"),
        }
        for name, edit in found.items():
            edit.setObjectName(f"citation_{cited.id}_{name}")
            edit.setReadOnly(self.entry.locked)
            edit.editingFinished.connect(lambda c=cited.id: self.save(c))
            form.addRow(labels[name], edit)
        self.fields[cited.id] = found
        return box

    def save(self, citation_id: str) -> bool:
        """Store what the boxes of ``citation_id`` say; a wrong date is named, not stored."""
        if self.entry.locked:
            return False
        found = self.fields[citation_id]
        try:
            date = docs.parse_due(found["date"].text())
        except TreemError:
            self.problem.setText(
                _("The date {text} is not a date such as 10/01/2026.").format(
                    text=found["date"].text().strip()
                )
            )
            self.problem.show()
            return False
        self.problem.hide()
        citation = Citation(
            found["number"].text(), date, found["kind"].text(), found["issuer"].text()
        )
        docs.set_citation(self.workspace, self.entry, citation_id, citation)
        return True
