"""“Cách đánh số”: how issued documents are numbered, a small control any page can place.

The choice is kept in the database's settings (commune.document_numbering); the documents
page shows it above its register, and Settings may place the same widget.
"""

from __future__ import annotations

from treem_desktop.commune.document_numbering import (
    WAY_LABELS,
    numbering,
    set_numbering,
    way_label,
)
from treem_desktop.commune.workspace import Workspace
from treem_desktop.i18n import _
from treem_desktop.ui.qt import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget, Signal

FIRST_NUMBER_LIMIT = 9999


class NumberingBox(QWidget):
    """The three ways in a list; the register's first number beside it when that way is on."""

    changed = Signal()

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.setObjectName("numbering_box")
        self.workspace = workspace
        chosen = numbering(workspace)
        self.ways = QComboBox()
        self.ways.setObjectName("numbering_way")
        self.ways.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.ways.setMinimumContentsLength(18)
        for way in WAY_LABELS:
            self.ways.addItem(way_label(way), way)
        self.ways.setCurrentIndex(self.ways.findData(chosen.way))
        self.first = QLineEdit(str(chosen.first_number))
        self.first.setObjectName("numbering_first")
        self.first.setMaximumWidth(70)
        self.first_label = QLabel(_("Start at n&umber:"))
        self.first_label.setBuddy(self.first)
        label = QLabel(_("Nu&mbering:"))
        label.setBuddy(self.ways)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.ways, 1)
        layout.addWidget(self.first_label)
        layout.addWidget(self.first)
        self.ways.currentIndexChanged.connect(lambda _index: self._save())
        self.first.editingFinished.connect(self._save)
        self._show_first()

    def _show_first(self) -> None:
        self.ways.setToolTip(self.ways.currentText())  # whole, where the box is narrow
        register = self.ways.currentData() == "register"
        self.first.setVisible(register)
        self.first_label.setVisible(register)

    def _save(self) -> None:
        text = self.first.text().strip()
        first = (
            int(text)
            if text.isascii() and text.isdigit() and 0 < int(text) <= FIRST_NUMBER_LIMIT
            else None
        )
        if first is None:
            first = numbering(self.workspace).first_number
            self.first.setText(str(first))
        set_numbering(self.workspace, str(self.ways.currentData()), first)
        self._show_first()
        self.changed.emit()
