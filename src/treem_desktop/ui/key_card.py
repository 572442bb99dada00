"""The key card: the commune's certificate, its fingerprint in hex and as a QR code.

The officer reads the fingerprint (or shows the QR code) to the receiving office, which
compares it with the certificate it received: a key sent by USB or e-mail is trusted only
after this check by another channel. The card can be saved as a one-page A4 PDF to print.
From the card the key is also backed up to a USB stick, restored, replaced (with a statement
signed by the old key) and protected; a key naming another commune is put away in the history.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from treem_desktop.commune.commune_key import (
    PASSPHRASE_MIN_LENGTH,
    KeyFiles,
    KeySummary,
    ensure_commune_key,
    export_certificate,
    fingerprint_qr_text,
    qr_modules,
    summarize,
)
from treem_desktop.commune.key_backup import KeyBackup, backup_key, read_backup
from treem_desktop.commune.key_history import retire_key
from treem_desktop.commune.key_replace import KeyReplacement, copy_key_change
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.commune import CommuneProfile
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.ui.enrollment_dialog import EnrollmentDialog
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.key_dialogs import ProtectKeyDialog, ReplaceKeyDialog, RestoreKeyDialog
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
        *,
        workspace: Workspace | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("key_card")
        self.files = KeyFiles.in_data_dir(data_path)
        self.profile = profile
        self.workspace = workspace  # given: the card offers the enrollment file
        self.summary: KeySummary | None = None
        self.replacement: KeyReplacement | None = None
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.content: QWidget | None = None
        self.status = QLabel()
        self.status.setObjectName("key_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        self.handover_button = QPushButton(_("Copy the key change for the receiving &office…"))
        self.handover_button.setObjectName("key_handover")
        self.handover_button.clicked.connect(self._ask_handover)
        self.handover_button.hide()
        self.outer.addWidget(self.status)
        self.outer.addWidget(self.handover_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.populate()

    def set_profile(self, profile: CommuneProfile) -> None:
        """The data folder's profile changed (its commune perhaps): rebuild the card."""
        self.profile = profile
        self.populate()

    def populate(self) -> None:
        """(Re)build the card from the key files as they are now."""
        if self.content is not None:
            self.content.hide()
            self.content.deleteLater()
        self.content = QWidget()
        self.outer.insertWidget(0, self.content)
        layout = QVBoxLayout(self.content)
        try:
            self.summary = summarize(self.files)
        except TreemError as error:
            self.summary = None
            self._no_key(layout, error)
            return
        row = QHBoxLayout()
        row.addLayout(self._facts(self.summary), 1)
        self.qr = QrCode(fingerprint_qr_text(self.summary))
        self.qr.setFixedSize(self.qr.sizeHint())
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        if self._names_other_commune(self.summary):
            self._other_commune(layout)
            return
        layout.addLayout(self._buttons(self.summary))

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _no_key(self, layout: QVBoxLayout, error: TreemError) -> None:
        missing = QLabel(error.message())
        missing.setObjectName("key_missing")
        missing.setWordWrap(True)
        layout.addWidget(missing)
        if self.profile is None:
            return
        row = QHBoxLayout()
        if error.code == "KEY_MISSING":
            self.create_button = self._button(
                _("&Create the signing key…"), "key_create", self.ask_create
            )
            row.addWidget(self.create_button)
        self.restore_button = self._button(_("&Restore the key…"), "key_restore", self._ask_restore)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)

    def _names_other_commune(self, summary: KeySummary) -> bool:
        if self.profile is None:
            return False
        commune = self.profile.commune
        return (summary.commune_code, summary.province_code) != (
            commune.code,
            commune.province_code,
        )

    def _other_commune(self, layout: QVBoxLayout) -> None:
        assert self.profile is not None
        warning = QLabel(
            _(
                "This key names another commune, not {commune}: it cannot sign for this commune. "
                "Put it away in the history (it is kept, not deleted) and create or restore "
                "{commune}'s own key."
            ).format(commune=self.profile.commune.name)
        )
        warning.setObjectName("key_other_commune")
        warning.setWordWrap(True)
        layout.addWidget(warning)
        self.retire_button = self._button(
            _("Put this key away and create a &new one…"), "key_retire", self.retire_and_create
        )
        layout.addWidget(self.retire_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _buttons(self, summary: KeySummary) -> QVBoxLayout:
        self.export_button = self._button(
            _("E&xport the certificate…"), "key_export", self._ask_export
        )
        self.card_button = self._button(
            _("Save the key &card (PDF)…"), "key_card_pdf", self._ask_card
        )
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.export_button)
        first.addWidget(self.card_button)
        if self.profile is not None:
            self.backup_button = self._button(
                _("&Back up the key…"), "key_backup", self._ask_backup
            )
            self.restore_button = self._button(
                _("&Restore the key…"), "key_restore", self._ask_restore
            )
            self.replace_button = self._button(
                _("Re&place the key…"), "key_replace", self.ask_replace
            )
            for button in (self.backup_button, self.restore_button, self.replace_button):
                second.addWidget(button)
            if self.workspace is not None:
                self.enrollment_button = self._button(
                    _("Make the &enrollment file for the province…"),
                    "key_enrollment",
                    self.ask_enrollment,
                )
                first.addWidget(self.enrollment_button)
            if not summary.protected:
                self.protect_button = self._button(
                    _("Pro&tect with a passphrase…"), "key_protect", self.ask_protect
                )
                second.addWidget(self.protect_button)
        first.addStretch(1)
        second.addStretch(1)
        rows = QVBoxLayout()
        rows.addLayout(first)
        rows.addLayout(second)
        return rows

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def backup_to(self, folder: Path) -> KeyBackup:
        """Back the key up into ``folder`` (a USB stick) and say where it went."""
        backup = backup_key(self.files, folder)
        self.show_status(
            _(
                "The key was backed up, encrypted with its passphrase, to {path}. Keep the USB "
                "stick and the passphrase in different safe places."
            ).format(path=backup.folder)
        )
        return backup

    def _ask_backup(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose the USB stick or folder for the backup")
        )
        if folder:
            try:
                self.backup_to(Path(folder))
            except TreemError as error:
                show_error(self, error)

    def open_restore(self, source: Path) -> RestoreKeyDialog | None:
        """The dialog that restores the backup at ``source`` (window-modal), or None."""
        assert self.profile is not None
        try:
            bundle = read_backup(source)
        except TreemError as error:
            show_error(self, error)
            return None
        dialog = RestoreKeyDialog(self.files, self.profile, source, bundle, self)
        dialog.accepted.connect(lambda: self._restored(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _restored(self, dialog: RestoreKeyDialog) -> None:
        restored = dialog.restored
        assert restored is not None
        self.populate()
        if restored.unchanged:
            self.show_status(_("This key is already the one in use; nothing was changed."))
        else:
            self.show_status(
                _("The key was restored. Fingerprint: {fingerprint}").format(
                    fingerprint=restored.fingerprint
                )
            )

    def _ask_restore(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose the key's backup folder"))
        if folder:
            self.open_restore(Path(folder))

    def ask_replace(self) -> ReplaceKeyDialog:
        """The dialog that replaces the key (window-modal); the card shows the new key after."""
        assert self.profile is not None
        dialog = ReplaceKeyDialog(self.files, self.profile, self)
        dialog.accepted.connect(lambda: self._replaced(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _replaced(self, dialog: ReplaceKeyDialog) -> None:
        self.replacement = dialog.replacement
        assert self.replacement is not None
        self.populate()
        self.show_status(
            _(
                "The key was replaced. Give the receiving office the new key card and the key "
                "change signed by the old key ({path}). Back the new key up."
            ).format(path=self.replacement.statement)
        )
        self.handover_button.show()

    def copy_change_to(self, folder: Path) -> list[Path]:
        """Copy the last replacement's statement, signature and new certificate to ``folder``."""
        assert self.replacement is not None
        copied = copy_key_change(self.replacement, self.files, folder)
        self.show_status(_("Copied to {path}.").format(path=folder))
        return copied

    def _ask_handover(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose the USB stick or folder"))
        if folder:
            try:
                self.copy_change_to(Path(folder))
            except TreemError as error:
                show_error(self, error)

    def ask_enrollment(self) -> EnrollmentDialog:
        """The dialog that makes the enrollment file (window-modal)."""
        assert self.workspace is not None
        dialog = EnrollmentDialog(self.workspace, self)
        dialog.accepted.connect(lambda: self._enrollment_made(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _enrollment_made(self, dialog: EnrollmentDialog) -> None:
        self.show_status(dialog.outcome_text())  # a token's fingerprint is not on this card

    def ask_protect(self) -> ProtectKeyDialog:
        dialog = ProtectKeyDialog(self.files, self)
        dialog.accepted.connect(self.populate)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def retire_and_create(self) -> CreateKeyDialog | None:
        """Move the key naming another commune into the history, then offer to create one."""
        try:
            retire_key(self.files)
        except TreemError as error:
            show_error(self, error)
            return None
        self.populate()
        self.show_status(_("The other commune's key was kept in keys/history."))
        return self.ask_create()

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
        self.fingerprint.setFont(card_font(monospace=True))
        protection = (
            _("protected by a passphrase")
            if summary.protected
            else _("NOT protected: use “Protect with a passphrase” below")
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
        write_key_card(self.summary, target)


def write_key_card(summary: KeySummary, target: Path) -> None:
    """Write the printable key card of ``summary`` to ``target`` (one A4 PDF page)."""
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(_("Key card"))
    painter = QPainter()
    if not painter.begin(writer):
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=_("cannot be opened"))
    try:
        paint_card(painter, summary)
    finally:
        painter.end()


def _grouped_fingerprint(fingerprint: str) -> str:
    """The 32 hex pairs in two lines of 16, easier to read aloud."""
    pairs = fingerprint.split(":")
    return ":".join(pairs[:16]) + "\n" + ":".join(pairs[16:])


SERIF_FAMILIES = ["Times New Roman", "Liberation Serif", "DejaVu Serif"]
"""Windows has the first; Linux its metric twin, then any serif with Vietnamese letters."""
MONO_FAMILIES = ["Consolas", "Courier New", "Liberation Mono", "DejaVu Sans Mono"]


def card_font(monospace: bool = False) -> QFont:
    """The first of the families the system has (Qt tries them in order)."""
    font = QFont()
    font.setFamilies(MONO_FAMILIES if monospace else SERIF_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Monospace if monospace else QFont.StyleHint.Serif)
    return font


def paint_card(painter: QPainter, summary: KeySummary) -> None:
    """The card's content at 300 dpi: title, who, validity, fingerprint and the QR code."""
    dpi = PDF_RESOLUTION
    margin = dpi  # one inch
    y = float(margin)

    def line(text: str, points: int, *, bold: bool = False, monospace: bool = False) -> None:
        nonlocal y
        font = card_font(monospace)
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
        line(part, 11, monospace=True)
    y += dpi * 0.2
    modules = qr_modules(fingerprint_qr_text(summary))
    paint_qr(painter, QRectF(margin, y, 2.2 * dpi, 2.2 * dpi), modules)
    y += 2.4 * dpi
    line(
        _("Read this fingerprint to the receiving office by telephone, or let it scan the code."),
        11,
    )
