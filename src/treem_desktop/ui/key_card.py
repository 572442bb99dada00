"""The key card: the commune's certificate, its fingerprint in hex and as a QR code.

The officer reads the fingerprint (or shows the QR code) to the receiving office, which
compares it with the certificate it received: a key sent by USB or e-mail is trusted only
after this check by another channel. The card can be saved as a one-page A4 PDF to print.
"""

from __future__ import annotations

from pathlib import Path

from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.services.commune_key import (
    PASSPHRASE_MIN_LENGTH,
    KeyFiles,
    KeySummary,
    ensure_commune_key,
    export_certificate,
    fingerprint_qr_text,
    qr_modules,
    summarize,
)
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.passphrase import PassphrasePair
from treem_desktop.ui.qt import (
    QColor,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFont,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPdfWriter,
    QPushButton,
    QRectF,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
)

QR_BORDER_MODULES = 4  # the quiet zone the QR standard asks for
PDF_RESOLUTION = 300


class QrCode(QWidget):
    """A QR code drawn module by module (sharp at any size, on screen and on paper)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.modules = qr_modules(text)
        self.setObjectName("key_qr")
        self.setToolTip(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        side = (len(self.modules) + 2 * QR_BORDER_MODULES) * 4
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        side = min(self.width(), self.height())
        paint_qr(painter, QRectF(0, 0, side, side), self.modules)
        painter.end()


def paint_qr(painter: QPainter, area: QRectF, modules: list[list[bool]]) -> None:
    """Draw ``modules`` with their quiet zone, filling the square ``area``."""
    count = len(modules) + 2 * QR_BORDER_MODULES
    step = min(area.width(), area.height()) / count
    painter.fillRect(area, QColor("white"))
    dark = QColor("black")
    for row_index, row in enumerate(modules):
        for column_index, is_dark in enumerate(row):
            if is_dark:
                x = area.left() + (column_index + QR_BORDER_MODULES) * step
                y = area.top() + (row_index + QR_BORDER_MODULES) * step
                # A hair wider than a module, so that no light seam shows between neighbours.
                painter.fillRect(QRectF(x, y, step + 0.5, step + 0.5), dark)


class CreateKeyDialog(QDialog):
    """Create the commune's key and certificate, protected by a passphrase typed twice."""

    def __init__(
        self, files: KeyFiles, profile: CommuneProfile, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("create_key_dialog")
        self.setWindowTitle(_("Create the commune's signing key"))
        self.setMinimumWidth(480)
        self.files = files
        self.profile = profile
        intro = QLabel(
            _(
                "What the commune sends is signed with a key kept on this computer. Choose a "
                "passphrase of at least {limit} characters and keep it safe: nobody, not even "
                "Treem, can recover it."
            ).format(limit=PASSPHRASE_MIN_LENGTH)
        )
        intro.setWordWrap(True)
        self.pair = PassphrasePair()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.make_key)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pair)
        layout.addWidget(buttons)
        self.pair.first.setFocus()

    def make_key(self) -> None:
        if not self.pair.accepted():
            return
        try:
            ensure_commune_key(self.files, self.profile, self.pair.passphrase())
        except TreemError as error:
            self.pair.problem.show_problem(error.message())
            return
        self.accept()


class KeyCard(QWidget):
    """The certificate in use, with buttons to export it and to save the printable card."""

    def __init__(
        self,
        data_path: Path,
        profile: CommuneProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("key_card")
        self.files = KeyFiles.in_data_dir(data_path)
        self.profile = profile
        self.summary: KeySummary | None = None
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.content: QWidget | None = None
        self.populate()

    def populate(self) -> None:
        """(Re)build the card from the key files as they are now."""
        if self.content is not None:
            self.content.hide()
            self.content.deleteLater()
        self.content = QWidget()
        self.outer.addWidget(self.content)
        layout = QVBoxLayout(self.content)
        try:
            self.summary = summarize(self.files)
        except TreemError as error:
            self.summary = None
            missing = QLabel(error.message())
            missing.setObjectName("key_missing")
            missing.setWordWrap(True)
            layout.addWidget(missing)
            if error.code == "KEY_MISSING" and self.profile is not None:
                self.create_button = QPushButton(_("&Create the signing key…"))
                self.create_button.setObjectName("key_create")
                self.create_button.clicked.connect(self.ask_create)
                layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
            return
        row = QHBoxLayout()
        row.addLayout(self._facts(self.summary), 1)
        self.qr = QrCode(fingerprint_qr_text(self.summary))
        self.qr.setFixedSize(self.qr.sizeHint())
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(_("E&xport the certificate…"))
        self.export_button.setObjectName("key_export")
        self.export_button.clicked.connect(self._ask_export)
        self.card_button = QPushButton(_("Save the key &card (PDF)…"))
        self.card_button.setObjectName("key_card_pdf")
        self.card_button.clicked.connect(self._ask_card)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.card_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def ask_create(self) -> CreateKeyDialog:
        """The dialog that creates the key (window-modal); the card refreshes when it is made."""
        assert self.profile is not None
        dialog = CreateKeyDialog(self.files, self.profile, self)
        dialog.accepted.connect(self.populate)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _facts(self, summary: KeySummary) -> QFormLayout:
        form = QFormLayout()
        self.fingerprint = QLabel(_grouped_fingerprint(summary.fingerprint))
        self.fingerprint.setObjectName("key_fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setFont(QFont("Liberation Mono"))
        protection = (
            _("protected by a passphrase")
            if summary.protected
            else _("NOT protected: run “treem key protect”")
        )
        form.addRow(_("Commune code"), QLabel(summary.commune_code))
        form.addRow(_("Valid from"), QLabel(summary.not_before.strftime("%d/%m/%Y")))
        form.addRow(_("Valid until"), QLabel(summary.not_after.strftime("%d/%m/%Y")))
        form.addRow(_("Private key"), QLabel(protection))
        form.addRow(_("SHA-256 fingerprint"), self.fingerprint)
        return form

    def _ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the certificate"), "chung-thu-xa.pem", _("Certificate (*.pem)")
        )
        if path:
            try:
                export_certificate(self.files, Path(path))
            except TreemError as error:
                show_error(self, error)

    def _ask_card(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the key card"), "the-khoa-xa.pdf", _("PDF (*.pdf)")
        )
        if path:
            try:
                self.save_card(Path(path))
            except TreemError as error:
                show_error(self, error)

    def save_card(self, target: Path) -> None:
        """Write the printable key card to ``target`` (one A4 page)."""
        if self.summary is None:
            raise TreemError("KEY_MISSING")
        writer = QPdfWriter(str(target))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(PDF_RESOLUTION)
        writer.setTitle(_("Key card"))
        painter = QPainter()
        if not painter.begin(writer):
            raise TreemError("FILE_UNWRITABLE", path=str(target), detail=_("cannot be opened"))
        try:
            paint_card(painter, self.summary)
        finally:
            painter.end()


def _grouped_fingerprint(fingerprint: str) -> str:
    """The 32 hex pairs in two lines of 16, easier to read aloud."""
    pairs = fingerprint.split(":")
    return ":".join(pairs[:16]) + "\n" + ":".join(pairs[16:])


def paint_card(painter: QPainter, summary: KeySummary) -> None:
    """The card's content at 300 dpi: title, who, validity, fingerprint and the QR code."""
    dpi = PDF_RESOLUTION
    margin = dpi  # one inch
    y = float(margin)

    def line(
        text: str, points: int, *, bold: bool = False, family: str = "Liberation Serif"
    ) -> None:
        nonlocal y
        font = QFont(family)
        font.setPointSize(points)
        font.setBold(bold)
        painter.setFont(font)
        height = points * dpi / 72 * 1.5
        painter.drawText(QRectF(margin, y, 6.3 * dpi, height), Qt.AlignmentFlag.AlignLeft, text)
        y += height

    line(_("KEY CARD OF THE COMMUNE'S SIGNING KEY"), 16, bold=True)
    line(summary.common_name, 13, bold=True)
    line(_("Commune code: {code}").format(code=summary.commune_code), 13)
    line(
        _("Valid from {start} until {end}").format(
            start=summary.not_before.strftime("%d/%m/%Y"),
            end=summary.not_after.strftime("%d/%m/%Y"),
        ),
        13,
    )
    y += dpi * 0.2
    line(_("SHA-256 fingerprint of the certificate:"), 13, bold=True)
    for part in _grouped_fingerprint(summary.fingerprint).split("\n"):
        line(part, 11, family="Liberation Mono")
    y += dpi * 0.2
    modules = qr_modules(fingerprint_qr_text(summary))
    paint_qr(painter, QRectF(margin, y, 2.2 * dpi, 2.2 * dpi), modules)
    y += 2.4 * dpi
    line(
        _("Read this fingerprint to the receiving office by telephone, or let it scan the code."),
        11,
    )
