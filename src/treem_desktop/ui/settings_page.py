"""Settings: the commune's profile and the language, each field saved when it is finished.

A field is saved when the officer leaves it, presses Enter or picks a value, never on each
keystroke (a half-typed name is not a value); a wrong value stays marked with its message
and the value still saved beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from treem_desktop.commune.preferences import store_language
from treem_desktop.commune.setup import save_commune
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.admin_units import Commune, load_admin_units
from treem_desktop.core.commune import CommuneProfile, validate_profile
from treem_desktop.errors import TreemError
from treem_desktop.i18n import LANGUAGES, _, current_language
from treem_desktop.ui.errors import show_error
from treem_desktop.ui.key_card import KeyCard
from treem_desktop.ui.location_picker import LocationPicker
from treem_desktop.ui.profile_fields import CategoryChooser, PeopleFields, RecipientFields
from treem_desktop.ui.province_pack_box import ProvincePackBox
from treem_desktop.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    Signal,
)


class SettingsPage(QScrollArea):
    """Every field of the commune's profile; a field is saved when the officer finishes it.

    A field with a problem shows it underneath, with the value still saved; the other
    fields are saved regardless.

    Signals:
        profile_saved: the profile as stored after a save.
        language_changed: the newly chosen language code.
        pack_imported: the province's standard pack was imported (scores, targets, templates).
    """

    profile_saved = Signal(object)
    language_changed = Signal(str)
    status_changed = Signal(str)
    pack_imported = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_page")
        self.setWidgetResizable(True)
        self._workspace = workspace
        self._stored = workspace.require_profile()
        self.place = QLabel()
        self.place.setObjectName("settings_place")
        self.change_commune = QPushButton(_("Change co&mmune…"))
        self.change_commune.setObjectName("change_commune")
        self.category = CategoryChooser()
        self.people = PeopleFields()
        self.recipient = RecipientFields()
        self.language = QComboBox()
        self.language.setObjectName("settings_language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.status = QLabel(_("Changes are saved when you leave a field or press Enter."))
        self.status.setObjectName("settings_status")
        self._build_layout()
        self._load(self._stored)
        self.category.edited.connect(self.save_now)  # a pick is a finished choice
        for fields in (self.people, self.recipient):
            fields.committed.connect(self.save_now)
        self.change_commune.clicked.connect(self._change_commune)
        self.language.currentIndexChanged.connect(self._language_picked)

    def _build_layout(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.status)
        place_row = QHBoxLayout()
        place_row.addWidget(self.place, 1)
        place_row.addWidget(self.change_commune)
        layout.addWidget(_group(_("Commune"), place_row))
        layout.addWidget(_group(_("Category for the recognition threshold"), self.category))
        layout.addWidget(_group(_("People"), self.people))
        layout.addWidget(_group(_("Receiving office and document numbers"), self.recipient))
        self.province_pack = ProvincePackBox(self._workspace)
        self.province_pack.imported.connect(self.pack_imported.emit)
        layout.addWidget(_group(_("The province's scoring table"), self.province_pack))
        layout.addWidget(_group(_("Language"), self.language))
        self.key_card = KeyCard(
            self._workspace.data_dir.path, self._stored, workspace=self._workspace
        )
        layout.addWidget(_group(_("The commune's signing key"), self.key_card))
        layout.addStretch(1)
        self.setWidget(body)

    def _load(self, profile: CommuneProfile) -> None:
        self.place.setText(
            f"<b>{profile.commune.name}</b> ({profile.commune.code}), {profile.province_name}"
        )
        self.category.blockSignals(True)
        self.category.set_value(profile.category)
        self.category.blockSignals(False)
        self.people.set_values(profile.officer_name, profile.signer_name, profile.signer_title)
        self.recipient.set_values(
            profile.recipient_name, profile.recipient_email, profile.issuer_abbreviations
        )
        self.language.blockSignals(True)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.blockSignals(False)

    def candidate(self) -> CommuneProfile:
        """The profile as on screen, before validation."""
        values: dict[str, object] = {**self.people.values(), **self.recipient.values()}
        values["category"] = self.category.value() or self._stored.category
        return replace(self._stored, **values)  # type: ignore[arg-type]

    def save_now(self) -> None:
        """Save every valid field at once; show the problems of the others."""
        candidate = self.candidate()
        problems = validate_profile(candidate, complete=True)
        self._show_problems(problems)
        for problem in problems:
            if problem.field:
                candidate = replace(
                    candidate, **{problem.field: getattr(self._stored, problem.field)}
                )
        self._store(candidate, problems)

    def _show_problems(self, problems: list[TreemError]) -> None:
        """Each problem under its field, with the value still saved (without moving focus)."""
        by_field = {p.field: p.message() for p in problems if p.field}
        for group in (self.people, self.recipient):
            for name, label in group.problems.items():
                message = by_field.get(name)
                if message is not None:
                    saved = getattr(self._stored, name)
                    shown = ", ".join(saved) if isinstance(saved, tuple) else str(saved)
                    message += " " + _("Saved value: {value}").format(value=shown or "—")
                label.show_problem(message)

    def _store(self, candidate: CommuneProfile, problems: list[TreemError]) -> None:
        try:
            saved = save_commune(self._workspace, candidate, allow_other_commune=True)
        except TreemError as error:
            show_error(self, error)
            return
        changed = saved != self._stored
        self._stored = saved
        self.key_card.profile = saved
        if problems:
            self._set_status(_("Not saved: correct the fields marked in red."))
        elif changed:
            self._set_status(
                _("Saved at {time}.").format(time=dt.datetime.now().strftime("%H:%M:%S"))
            )
        if changed:
            self.profile_saved.emit(saved)

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status_changed.emit(text)

    def flush(self) -> None:
        """Save the field being typed in (before the page or the window closes)."""
        if self.candidate() != self._stored:
            self.save_now()

    def _change_commune(self) -> None:
        dialog = ChangeCommuneDialog(self._stored, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.commune is None:
            return
        commune = dialog.commune
        if commune.code == self._stored.commune.code:
            return
        answer = QMessageBox.question(
            self,
            _("Change commune"),
            _("Change this data folder from {old} to {new}?").format(
                old=self._stored.commune.name, new=commune.name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        province = load_admin_units().province(commune.province_code).name
        self._stored_changed(replace(self.candidate(), commune=commune, province_name=province))

    def _stored_changed(self, candidate: CommuneProfile) -> None:
        before = self._stored
        self._store(candidate, validate_profile(candidate, complete=True))
        self._load(self._stored)
        if self._stored.commune.code != before.commune.code:
            self._commune_changed(before)

    def _commune_changed(self, before: CommuneProfile) -> None:
        """The old commune's key was put away (commune.setup.save_commune): say so."""
        self.key_card.set_profile(self._stored)
        if self.key_card.summary is None:
            self.key_card.show_status(
                _(
                    "The signing key of {old} was kept in keys/history: it cannot sign for "
                    "{new}. Create or restore {new}'s key here, then give the receiving office "
                    "its key card."
                ).format(old=before.commune.name, new=self._stored.commune.name)
            )

    def _language_picked(self) -> None:
        code = self.language.currentData()
        self.flush()
        store_language(self._workspace, code)
        self.language_changed.emit(code)


class ChangeCommuneDialog(QDialog):
    """Pick another commune (confirmed by the caller before anything is saved)."""

    def __init__(self, current: CommuneProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change commune"))
        self.setMinimumSize(520, 480)
        self.commune: Commune | None = None
        self.picker = LocationPicker(load_admin_units())
        self.picker.select(current.commune.province_code, current.commune.code)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        """OK takes the commune picked, or the one highlighted in the list."""
        self.commune = self.picker.commune() or self.picker.highlighted_commune()
        if self.commune is not None:
            self.accept()


def _group(title: str, content: QWidget | QHBoxLayout) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    if isinstance(content, QWidget):
        layout.addWidget(content)
    else:
        layout.addLayout(content)
    return box
