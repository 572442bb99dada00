"""The bar above the follow-up while nobody is named to sign the office's documents: said before
the documents are written, with a button to the office's details."""

from __future__ import annotations

from treem_desktop.i18n import _
from treem_desktop.office.signer import OfficeSigner
from treem_desktop.ui.looks import set_colours
from treem_desktop.ui.office.widgets import named, wrapped
from treem_desktop.ui.qt import QHBoxLayout, QPushButton, QWidget, Signal


def signer_missing_text() -> str:
    return _(
        "Nobody is named to sign the office's documents yet: the consolidated report and the "
        "list would leave the line under the signature empty."
    )


class SignerNotice(QWidget):
    """Shown while the office's signer is not set.

    Signals:
        details_asked: the officer pressed the button to enter the office's details.
    """

    details_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("office_signer_notice")
        set_colours(self, background="#fff4ce", foreground="#3d3000")
        self.text = named(wrapped(signer_missing_text()), "office_signer_notice_text")
        self.button = named(QPushButton(_("Office d&etails…")), "office_signer_notice_details")
        self.button.clicked.connect(self.details_asked)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def show_signer(self, signer: OfficeSigner) -> None:
        self.setVisible(not signer.is_set)
