"""Setting up a receiving office (thiết lập cơ quan tiếp nhận): its name, level and province,
who signs its documents, a passphrase for its key; then the certificate's fingerprint the
communes confirm. Opened on a set-up office (edit mode, "Office details"), it changes the name
and the signer only: the area and the key stay."""

from __future__ import annotations

from collections.abc import Callable

from treem_desktop.core.admin_units import Province, load_admin_units, search_provinces
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.setup import OfficeSetup, change_office_details, set_up_office
from treem_desktop.office.signer import OfficeSigner
from treem_desktop.paths import DataDirChoice
from treem_desktop.ui.location_picker import SearchList
from treem_desktop.ui.office.signer_fields import OfficeSignerFields
from treem_desktop.ui.office.widgets import named, wrapped
from treem_desktop.ui.passphrase import PassphrasePair
from treem_desktop.ui.profile_fields import REQUIRED_MARK, ProblemLabel
from treem_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QGridLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QMessageBox,
    QObject,
    QPushButton,
    QShowEvent,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)

LEVEL = "province"
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class OfficeSetupDialog(QDialog):
    """The office's answers on one page; once set up, its fingerprint on the next.

    ``before_create`` runs just before the folder is made (the first run uses it to close an
    unused commune folder); it may raise a :class:`TreemError`, shown on the page. Given
    ``office``, the dialog edits that office's details instead (:meth:`edit_mode`).
    """

    def __init__(
        self,
        data_dir: DataDirChoice,
        before_create: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        office: OfficeFolder | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("office_setup")
        self.setWindowTitle(_("Set up the receiving office"))
        self.office = office
        self.data_dir = data_dir
        self.before_create = before_create
        self.result_setup: OfficeSetup | None = None
        self.province: Province | None = None
        self.units = load_admin_units()
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        self.resize(900, 520)
        self._show_provinces("")
        if office is not None:
            self._edit_mode(office)
        self.name.setFocus()

    def _edit_mode(self, office: OfficeFolder) -> None:
        """The name and the signer of a set-up office, its area shown, no key questions."""
        profile = office.require_profile()
        self.setWindowTitle(_("Office details"))
        self.name.setText(profile.name)
        self.signer.set_signer(profile.signer)
        self.province = self.units.province(profile.province_code)
        self.area.setText(profile.province_name)
        self.form.setRowVisible(self.area, True)
        hidden = (self.passphrase, self.key_intro, self.province_label, self.provinces.field,
                  self.provinces.list, self.chosen)  # fmt: skip
        for widget in hidden:
            widget.hide()
        self.create_button.setText(_("&Save"))
        # The page shown after a first set-up is never shown here; kept in the stack, it would
        # size the dialog (~100 px of empty space above the buttons).
        done_page = self.pages.widget(1)
        if done_page is not None:
            self.pages.removeWidget(done_page)
        self.resize(620, 300)  # made to fit its content when shown (showEvent)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """In edit mode, as tall as what it shows: the hidden key and province questions
        leave no empty band above the buttons."""
        super().showEvent(event)
        if self.office is not None:  # once shown, the layout knows what is hidden
            QTimer.singleShot(0, lambda: self.resize(self.width(), self.minimumSizeHint().height()))

    def _form_page(self) -> QWidget:
        page = QWidget()
        self.name = named(QLineEdit(), "office_name")
        self.name.setPlaceholderText(_("e.g. Department of Health of Điện Biên province"))
        self.passphrase = PassphrasePair()
        self.provinces = SearchList("office_province", _("e.g. ha noi, dien bien"), self._pick)
        self.provinces.field.textChanged.connect(self._show_provinces)
        self.provinces.field.installEventFilter(self)
        self.chosen = named(wrapped(), "office_province_chosen")
        self.problem = named(ProblemLabel(), "office_setup_problem")
        self.signer = named(OfficeSignerFields(), "office_signer")
        form = QFormLayout()
        form.addRow(_("Office &name:") + REQUIRED_MARK, self.name)
        form.addRow(_("Level:"), QLabel(_("Province level")))
        self.area = named(QLabel(), "office_area")
        form.addRow(_("Province / city:"), self.area)
        form.setRowVisible(self.area, False)  # shown in edit mode, where it cannot change
        self.form = form
        self.key_intro = intro = wrapped(
            _(
                "The office's key signs the receipts and the scoring tables it sends to its "
                "communes. Choose a passphrase that only the office's staff know."
            )
        )
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.signer)
        left.addSpacing(8)
        left.addWidget(intro)
        left.addWidget(self.passphrase)
        left.addStretch(1)
        self.province_label = province_label = QLabel(_("&Province / city") + REQUIRED_MARK)
        province_label.setBuddy(self.provinces.field)
        grid = QGridLayout(page)
        grid.addLayout(left, 0, 0, 4, 1)
        grid.addWidget(province_label, 0, 1)
        grid.addWidget(self.provinces.field, 1, 1)
        grid.addWidget(self.provinces.list, 2, 1)
        grid.addWidget(self.chosen, 3, 1)
        grid.addWidget(self.problem, 4, 0, 1, 2)
        grid.addWidget(self._form_buttons(), 5, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(2, 1)
        chain = (self.name, *self.signer.fields(), self.passphrase.first, self.passphrase.second,
                 self.provinces.field, self.provinces.list)  # fmt: skip
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        return page

    def _form_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.create_button = named(QPushButton(_("&Set up the office")), "office_create")
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        self.create_button.setDefault(True)
        buttons.accepted.connect(self.set_up)
        buttons.rejected.connect(self.reject)
        return buttons

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_text = named(wrapped(), "office_setup_done")
        self.fingerprint = named(QLabel(), "office_fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.fingerprint.font()
        font.setFamilies(["Consolas", "Liberation Mono", "DejaVu Sans Mono"])
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.fingerprint.setFont(font)
        self.open_button = named(QPushButton(_("&Open the office window")), "office_open")
        self.open_button.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_text)
        layout.addWidget(self.fingerprint)
        layout.addWidget(
            wrapped(
                _(
                    "Read this fingerprint to the communes over the phone, or send it in an "
                    "official letter: each commune checks it before it trusts the receipts and "
                    "scoring tables of your office."
                )
            )
        )
        layout.addStretch(1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _show_provinces(self, text: str) -> None:
        found = search_provinces(self.units, text) if text.strip() else self.units.provinces
        self.provinces.fill([(p.name, p) for p in found], highlight_first=bool(text.strip()))

    def _pick(self, province: object) -> None:
        if isinstance(province, Province):
            self.province = province
            self.chosen.setText(_("Chosen: {province}").format(province=province.name))
            self.problem.show_problem(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """In the province's search: Up and Down move in the list, Enter picks."""
        if watched is self.provinces.field and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.KeyPress:
                if event.key() in _ENTER_KEYS:
                    if self.provinces.pick_highlighted():
                        self.passphrase.first.setFocus()
                    return True
                step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
                if step is not None:
                    self.provinces.move(step)
                    return True
        return super().eventFilter(watched, event)

    def set_up(self) -> None:
        """Check the answers, then make the folder, profile, key and certificate (in edit mode,
        store the name and the signer)."""
        if not self.name.text().strip():
            self.problem.show_problem(_("Enter the office's name."))
            self.name.setFocus()
            return
        try:
            signer = self.signer.signer()
        except TreemError as error:
            self.problem.show_problem(error.message())
            self.signer.focus_problem(error)
            return
        if self.office is not None:
            self._save_details(self.office, signer)
            return
        if self.province is None:
            self.problem.show_problem(
                _("Choose the province: type part of its name and press Enter.")
            )
            self.provinces.field.setFocus()
            return
        if not self.passphrase.accepted():
            return
        try:
            if self.before_create is not None:
                self.before_create()
                self.before_create = None
            done = set_up_office(
                self.data_dir,
                self.province.code,
                self.name.text(),
                LEVEL,
                self.passphrase.passphrase(),
                signer,
            )
        except TreemError as error:
            self.problem.show_problem(error.message())
            return
        self._show_done(done)

    def _save_details(self, office: OfficeFolder, signer: OfficeSigner) -> None:
        try:
            change_office_details(office, self.name.text(), signer)
        except TreemError as error:
            self.problem.show_problem(error.message())
            return
        self.accept()

    def _show_done(self, done: OfficeSetup) -> None:
        from treem_desktop.signing.keys import fingerprint

        self.result_setup = done
        self.done_text.setText(
            _("{office} ({province}) is set up. The fingerprint of its certificate:").format(
                office=done.profile.name, province=done.profile.province_name
            )
        )
        pairs = fingerprint(done.certificate).split(":")
        self.fingerprint.setText(":".join(pairs[:16]) + "\n" + ":".join(pairs[16:]))
        self.pages.setCurrentIndex(1)
        self.open_button.setDefault(True)
        self.open_button.setFocus()

    def has_answers(self) -> bool:
        typed = (self.name.text(), self.passphrase.first.text(), self.passphrase.second.text())
        return any(typed) or self.province is not None or self.signer.has_answers()

    def reject(self) -> None:
        """Esc and Cancel ask before the answers are thrown away; once set up, Esc goes on (in
        edit mode Esc leaves the stored details as they were)."""
        if self.office is not None:
            super().reject()
        elif self.result_setup is not None:
            self.accept()
        elif not self.has_answers() or self.confirm_discard():
            super().reject()

    def confirm_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Stop the setup?"),
            _("Stop setting up the office? What you have entered will be lost."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("discard_office_setup")
        for kind, text in ((QMessageBox.StandardButton.Yes, _("Yes")),
                           (QMessageBox.StandardButton.No, _("No"))):  # fmt: skip
            button = box.button(kind)
            if button is not None:
                button.setText(text)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes


def run_office_setup(
    data_dir: DataDirChoice, before_create: Callable[[], None] | None = None
) -> bool:
    """The office setup dialog; True when the office was set up."""
    dialog = OfficeSetupDialog(data_dir, before_create)
    dialog.exec()
    return dialog.result_setup is not None


def edit_office_details(office: OfficeFolder, parent: QWidget | None = None) -> bool:
    """The setup dialog in edit mode; True when new details were saved."""
    dialog = OfficeSetupDialog(office.data_dir, parent=parent, office=office)
    return dialog.exec() == QDialog.DialogCode.Accepted
