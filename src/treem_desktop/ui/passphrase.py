"""Choosing a passphrase: typed twice, checked at once, said plainly what is wrong."""

from __future__ import annotations

from treem_desktop.commune.commune_key import check_passphrase
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import QFormLayout, QLineEdit, QWidget


class PassphrasePair(QWidget):
    """Two password fields and the line under them that says what is wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = self._secret_field("passphrase")
        self.second = self._secret_field("passphrase_again")
        self.problem = ProblemLabel()
        self.problem.setObjectName("passphrase_problem")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("&Passphrase:"), self.first)
        form.addRow(_("&Again:"), self.second)
        form.addRow(self.problem)

    def _secret_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.textEdited.connect(lambda _text: self.problem.show_problem(None))
        return field

    def passphrase(self) -> bytes:
        return self.first.text().encode("utf-8")

    def accepted(self) -> bool:
        """True when the passphrase is long enough and typed the same twice; else say why."""
        try:
            check_passphrase(self.passphrase())
            if self.first.text() != self.second.text():
                raise TreemError("PASSPHRASE_MISMATCH")
        except TreemError as error:
            self.problem.show_problem(error.message())
            self.second.clear()
            (self.first if error.code == "PASSPHRASE_TOO_SHORT" else self.second).setFocus()
            return False
        return True
