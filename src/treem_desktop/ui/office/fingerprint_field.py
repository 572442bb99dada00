"""Where the office types a commune's fingerprint: the field, and a button that fills it from a
photo (or scan) of the commune's key card, its QR code read by office.qr_photo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.office.qr_photo import read_key_card_photo
from treem_desktop.ui.office.widgets import named, wrapped
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

# A phone names its photos IMG_0001.JPG: both cases, for file systems that tell them apart.
PHOTO_PATTERNS = " ".join(
    f"*.{suffix} *.{suffix.upper()}" for suffix in ("png", "jpg", "jpeg", "bmp")
)


class FingerprintField(QWidget):
    """The fingerprint typed, or read from a photo of the key card; under it, which card the
    photo showed (note), or in red why nothing was read (problem).

    Signals:
        edited: the fingerprint was typed or filled from a photo.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ask_photo: Callable[[], Path | None] = self._ask_photo
        self.edit = named(QLineEdit(), "trust_fingerprint")
        self.edit.setPlaceholderText("AB:CD:…")
        self.edit.textEdited.connect(self._typed)
        self.photo_button = named(QPushButton(_("Read the &QR code from a photo…")), "qr_photo")
        self.photo_button.clicked.connect(self.read_photo)
        self.note = named(wrapped(), "qr_photo_note")
        self.note.hide()
        self.problem = named(ProblemLabel(), "qr_photo_problem")
        self.setFocusProxy(self.edit)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.photo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)

    def text(self) -> str:
        return self.edit.text()

    def read_photo(self) -> None:
        """Ask for the photo and fill the field with the fingerprint its QR code holds."""
        path = self.ask_photo()
        if path is not None:
            self.fill_from(path)

    def fill_from(self, path: Path) -> None:
        try:
            code = read_key_card_photo(path)
        except TreemError as error:
            self._say("")
            self.problem.show_problem(error.message())
            return
        self.edit.setText(code.fingerprint)
        self.edit.setCursorPosition(0)
        self._say(
            _(
                "Read from the photo: the key card of the commune with code {code}. Check that "
                "it is the commune you expect, then confirm."
            ).format(code=code.commune_code)
        )
        self.edit.setFocus()
        self.edited.emit()

    def _typed(self, _text: str) -> None:
        self._say("")
        self.edited.emit()

    def _say(self, text: str) -> None:
        self.problem.show_problem(None)
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _ask_photo(self) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("The photo or scan of the key card"),
            str(Path.home()),
            _("Pictures ({patterns})").format(patterns=PHOTO_PATTERNS),
        )
        return Path(path) if path else None


class FingerprintDialog(QDialog):
    """Ask for a commune's fingerprint (typed or read from a photo of its key card)."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fingerprint_dialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.field = FingerprintField()
        form = QFormLayout()
        form.addRow(_("&Fingerprint (SHA-256):"), self.field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(prompt))
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.field.setFocus()

    def fingerprint(self) -> str:
        return self.field.text().strip()
