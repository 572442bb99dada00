"""The first-run wizard: welcome, place, category, people, receiving office, key, summary."""

from __future__ import annotations

import html
from dataclasses import replace

from treem_desktop.commune.commune_key import PASSPHRASE_MIN_LENGTH
from treem_desktop.core.admin_units import AdminUnits, load_admin_units
from treem_desktop.core.categories import load_categories
from treem_desktop.core.commune import (
    CommuneProfile,
    field_label,
    suggested_category,
    validate_profile,
)
from treem_desktop.errors import TreemError
from treem_desktop.i18n import LANGUAGES, _, current_language
from treem_desktop.ui.location_picker import LocationPicker
from treem_desktop.ui.passphrase import PassphrasePair
from treem_desktop.ui.profile_fields import (
    CategoryChooser,
    PeopleFields,
    ProblemLabel,
    RecipientFields,
    required_legend,
)
from treem_desktop.ui.qt import (
    QComboBox,
    QLabel,
    QMessageBox,
    QRadioButton,
    QRect,
    QSize,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
    Signal,
)
from treem_desktop.ui.wheel_guard import install_wheel_guard
from treem_desktop.ui.window_fit import FRAME

WELCOME, LOCATION, CATEGORY, PEOPLE, RECIPIENT, KEY, SUMMARY = range(7)
PREFERRED_SIZE = QSize(860, 600)
MINIMUM_SIZE = QSize(640, 440)


def fit_wizard(wizard: QWidget, available: QRect) -> None:
    """Size ``wizard`` to fit, frame included, in ``available`` (the screen less its taskbar)."""
    room = FRAME.inside(available)
    wizard.setMinimumSize(MINIMUM_SIZE.boundedTo(room.size()))
    size = PREFERRED_SIZE.boundedTo(room.size())
    wizard.resize(size)
    wizard.move(
        room.x() + (room.width() - size.width()) // 2,
        room.y() + (room.height() - size.height()) // 2,
    )


class SetupWizard(QWizard):
    """Collects a :class:`CommuneProfile`, or the wish to try the demo commune.

    Attributes:
        use_demo: True when the officer chose to try the app with the demo commune.

    Signals:
        language_chosen: a language code picked on the first page.
    """

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_wheel_guard()  # the wheel never changes an answer (also before the app starts)
        self.units = load_admin_units()
        self.use_demo = False
        self.restarting = False  # closing to rebuild in another language: nothing to ask
        self.setObjectName("setup_wizard")
        self.setWindowTitle(_("Set up Treem for your commune"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self._translate_buttons()
        self.welcome = WelcomePage(self)
        self.location = LocationPage(self.units)
        self.category = CategoryPage(self.units, self.location)
        self.people = PeoplePage()
        self.recipient = RecipientPage()
        self.key = KeyPage()
        self.summary = SummaryPage(self)
        pages = (self.welcome, self.location, self.category, self.people, self.recipient)
        for page_id, page in enumerate((*pages, self.key, self.summary)):
            self.setPage(page_id, page)
        screen = self.screen()
        if screen is not None:
            fit_wizard(self, screen.availableGeometry())

    def reject(self) -> None:
        """Esc, Cancel and the close button ask before the answers are thrown away."""
        if self.restarting or self.confirm_discard():
            super().reject()

    def confirm_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Stop the setup?"),
            _("Stop setting up Treem? What you have entered on these pages will be lost."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("discard_setup")
        for kind, text in (
            (QMessageBox.StandardButton.Yes, _("Yes")),
            (QMessageBox.StandardButton.No, _("No")),
        ):
            button = box.button(kind)
            if button is not None:
                button.setText(text)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _translate_buttons(self) -> None:
        texts = {
            QWizard.WizardButton.BackButton: _("< &Back"),
            QWizard.WizardButton.NextButton: _("&Next >"),
            QWizard.WizardButton.FinishButton: _("&Finish"),
            QWizard.WizardButton.CancelButton: _("Cancel"),
        }
        for button, text in texts.items():
            self.setButtonText(button, text)

    def profile(self) -> CommuneProfile:
        """The profile as entered so far (not yet validated)."""
        commune = self.location.picker.commune()
        if commune is None:
            raise TreemError("CHOICE_REQUIRED", field="commune", label=field_label("commune"))
        values: dict[str, object] = {
            **self.people.fields.values(),
            **self.recipient.fields.values(),
        }
        profile = CommuneProfile(
            commune=commune,
            province_name=self.units.province(commune.province_code).name,
            category=self.category.chooser.value(),
        )
        return replace(profile, **values)  # type: ignore[arg-type]


class WelcomePage(QWizardPage):
    """Language, and the choice between setting up one's commune and trying the demo."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Welcome to Treem"))
        self.setSubTitle(_("Child protection and care work of the commune, on this computer."))
        intro = QLabel(
            _(
                "Treem keeps your commune's data on this computer and works without internet. "
                "First tell it which commune you work for; everything can be changed later "
                "in Settings."
            )
        )
        intro.setWordWrap(True)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.own = QRadioButton(_("Set up &my commune"))
        self.own.setObjectName("choice_own")
        self.demo = QRadioButton(
            _("&Try it with a demo commune (Xã Mường Phăng, Điện Biên; sample names)")
        )
        self.demo.setObjectName("choice_demo")
        self.own.setChecked(True)
        self.demo.toggled.connect(self._choice_changed)
        layout = QVBoxLayout(self)
        for widget in (intro, QLabel(_("Language:")), self.language, self.own, self.demo):
            layout.addWidget(widget)
        layout.addStretch(1)

    def _language_changed(self) -> None:
        self._wizard.restarting = True
        self._wizard.language_chosen.emit(self.language.currentData())

    def _choice_changed(self) -> None:
        self._wizard.use_demo = self.demo.isChecked()
        self.setFinalPage(self.demo.isChecked())
        self._wizard.button(QWizard.WizardButton.NextButton).setVisible(not self.demo.isChecked())

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return -1 if self.demo.isChecked() else LOCATION


class LocationPage(QWizardPage):
    def __init__(self, units: AdminUnits) -> None:
        super().__init__()
        self.setTitle(_("Where is your commune?"))
        self.setSubTitle(
            _(
                "Type part of the province's name and press Enter, then the commune's "
                "(accents optional)."
            )
        )
        self.picker = LocationPicker(units)
        self.problem = ProblemLabel()
        self.problem.setObjectName("location_problem")
        self.picker.commune_changed.connect(lambda _c: self.problem.show_problem(None))
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.problem)
        layout.addWidget(required_legend())

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.picker.province_search.setFocus()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        if self.picker.province() is None:
            self.problem.show_problem(
                _("Choose the province: type part of its name and press Enter.")
            )
            self.picker.province_search.setFocus()
            return False
        if self.picker.commune() is None:
            self.problem.show_problem(
                _("Choose the commune: type part of its name and press Enter, or click it.")
            )
            self.picker.search.setFocus()
            return False
        self.problem.show_problem(None)
        return True


class CategoryPage(QWizardPage):
    def __init__(self, units: AdminUnits, location: LocationPage) -> None:
        super().__init__()
        self._units = units
        self._location = location
        self.setTitle(_("Which category is your commune in?"))
        self.setSubTitle(_("The category sets the total score needed for recognition. Choose one."))
        self.chooser = CategoryChooser()
        self.hint = QLabel()
        self.hint.setObjectName("category_hint")
        self.hint.setWordWrap(True)
        note = QLabel(
            _(
                "Whether a commune is mountainous, an island or extremely disadvantaged is not "
                "in the official list: check your province's decision."
            )
        )
        note.setToolTip(_("Source: {source}").format(source=load_categories().source))
        note.setWordWrap(True)
        self.problem = ProblemLabel()
        self.problem.setObjectName("category_problem")
        self.chooser.edited.connect(lambda: self.problem.show_problem(None))
        layout = QVBoxLayout(self)
        for widget in (self.chooser, self.problem, self.hint, note):
            layout.addWidget(widget)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        commune = self._location.picker.commune()
        suggestion = suggested_category(commune, self._units) if commune else None
        self.hint.setVisible(suggestion == "phuong-tw")  # a rule; anything else is a guess
        if commune is not None and suggestion is not None:
            suggested = load_categories().get(suggestion)
            self.hint.setText(
                _("Suggestion for {commune}: {category}. Choose it only if it is right.").format(
                    commune=commune.name, category=suggested.label
                )
            )
        buttons = list(self.chooser.buttons.values())
        checked = next((b for b in buttons if b.isChecked()), buttons[0])
        checked.setFocus()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        if self.chooser.value():
            return True
        self.problem.show_problem(
            _("Choose the category: Up and Down move, the space bar chooses.")
        )
        next(iter(self.chooser.buttons.values())).setFocus()
        return False


class _FieldsPage(QWizardPage):
    """A page whose fields are checked with the profile's own rules before moving on."""

    def __init__(self, fields: PeopleFields | RecipientFields, title: str, subtitle: str) -> None:
        super().__init__()
        self.fields = fields
        self.setTitle(title)
        self.setSubTitle(subtitle)
        layout = QVBoxLayout(self)
        layout.addWidget(fields)
        layout.addWidget(required_legend())
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        first = next(iter(self.fields.fields.values()))
        first.setFocus()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        problems = validate_profile(wizard.profile(), complete=True)
        return not self.fields.show_problems(problems)


class PeoplePage(_FieldsPage):
    fields: PeopleFields

    def __init__(self) -> None:
        super().__init__(
            PeopleFields(),
            _("Who works and who signs?"),
            _("The signer and title give the signature block of every document."),
        )


class RecipientPage(_FieldsPage):
    fields: RecipientFields

    def __init__(self) -> None:
        super().__init__(
            RecipientFields(),
            _("Where do your reports go?"),
            _("The office that receives the commune's reports, and how documents are numbered."),
        )


class KeyPage(QWizardPage):
    """The passphrase that protects the commune's signing key, typed twice and checked here."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Protect the commune's signing key"))
        self.setSubTitle(
            _(
                "What the commune sends is signed with a key kept on this computer. Choose a "
                "passphrase of at least {limit} characters and keep it safe: nobody, not even "
                "Treem, can recover it."
            ).format(limit=PASSPHRASE_MIN_LENGTH)
        )
        self.pair = PassphrasePair()
        self.first, self.second, self.problem = self.pair.first, self.pair.second, self.pair.problem
        layout = QVBoxLayout(self)
        layout.addWidget(self.pair)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.first.setFocus()

    def passphrase(self) -> bytes:
        return self.pair.passphrase()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        return self.pair.accepted()


class SummaryPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Check and finish"))
        self.setSubTitle(_("Press Finish to save. Everything can be changed later in Settings."))
        self.text = QLabel()
        self.text.setObjectName("summary")
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        profile = self._wizard.profile()
        category = load_categories().get(profile.category)
        rows = [
            (_("Commune / ward"), f"{profile.commune.name} ({profile.commune.code})"),
            (_("Province / city"), profile.province_name),
            (
                _("Category"),
                _("{label} — threshold {threshold} points").format(
                    label=category.label, threshold=category.threshold
                ),
            ),
            (_("Officer in charge"), profile.officer_name or "—"),
            (_("Signer"), f"{profile.signer_name or '—'} ({profile.signer_title})"),
            (_("Receiving office"), profile.recipient_name or "—"),
            (_("E-mail"), profile.recipient_email or "—"),
            (_("Document-number suffixes"), ", ".join(profile.issuer_abbreviations)),
            (_("Signing key"), _("a new key, protected by the passphrase")),
        ]
        self.text.setText(
            "<table cellspacing='6'>"
            + "".join(
                f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )
