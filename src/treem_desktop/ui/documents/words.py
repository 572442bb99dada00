"""Editing a document's words: its paragraphs one by one, and its recipients list."""

from __future__ import annotations

from treem_desktop.commune import documents as docs
from treem_desktop.commune.documents import RegisterEntry
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.edits import editable_paragraphs
from treem_desktop.i18n import _
from treem_desktop.ui.qt import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)

KEY_ROLE = Qt.ItemDataRole.UserRole
PREVIEW_CHARACTERS = 90


class ParagraphsEditor(QWidget):
    """The body's paragraphs in a list; the chosen one in an editor, saved as it is typed."""

    def __init__(self, workspace: Workspace, entry: RegisterEntry) -> None:
        super().__init__()
        self.workspace = workspace
        self.entry = entry
        self.list = QListWidget()
        self.list.setObjectName("paragraphs")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("paragraph_text")
        self.editor.setEnabled(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            QLabel(_("Pick a paragraph, then change its words (empty leaves it out):"))
        )
        layout.addWidget(splitter, 1)
        self.list.currentItemChanged.connect(lambda *_args: self._picked())
        self.editor.textChanged.connect(self._edited)
        self.reload()

    def reload(self) -> None:
        document = docs.document_for(self.workspace, self.entry)
        template = docs.template_document(self.workspace, self.entry)
        shown = dict(editable_paragraphs(document))
        self.list.clear()
        for key, original in editable_paragraphs(template):
            text = shown.get(key, "")
            item = QListWidgetItem((text or _("(left out)"))[:PREVIEW_CHARACTERS])
            item.setData(KEY_ROLE, key)
            item.setToolTip(original)
            self.list.addItem(item)
        self._texts = {key: shown.get(key, "") for key, _text in editable_paragraphs(template)}

    def _picked(self) -> None:
        item = self.list.currentItem()
        self.editor.setEnabled(item is not None)
        self.editor.setReadOnly(self.entry.locked)
        self.editor.blockSignals(True)
        self.editor.setPlainText(self._texts.get(item.data(KEY_ROLE), "") if item else "")
        self.editor.blockSignals(False)

    def _edited(self) -> None:
        item = self.list.currentItem()
        if item is None or self.entry.locked:
            return
        key, text = item.data(KEY_ROLE), self.editor.toPlainText()
        docs.set_paragraph(self.workspace, self.entry, key, text)
        self._texts[key] = text
        item.setText((text or _("(left out)"))[:PREVIEW_CHARACTERS])


class RecipientsEditor(QWidget):
    """ "Nơi nhận": one recipient a line; the last is usually "Lưu: VT, …"."""

    def __init__(self, workspace: Workspace, entry: RegisterEntry) -> None:
        super().__init__()
        self.workspace = workspace
        self.entry = entry
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("recipients")
        self.editor.setPlainText("\n".join(docs.document_for(workspace, entry).recipients))
        self.editor.setReadOnly(entry.locked)
        self.editor.textChanged.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            QLabel(_("One recipient a line; the dashes and the punctuation are added:"))
        )
        layout.addWidget(self.editor, 1)

    def _edited(self) -> None:
        if self.entry.locked:
            return
        lines = [line for line in self.editor.toPlainText().splitlines() if line.strip()]
        docs.set_recipients(self.workspace, self.entry, lines)
