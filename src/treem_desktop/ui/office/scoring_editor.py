"""The office's editor of the official scoring table (bảng điểm chính thức của tỉnh).

Lists every value of the standard the public texts leave open, by criterion; each finished entry
is checked at once (items add up to their criterion's maximum, maxima to the total, bands from
the best to the worst) and kept as a draft in the office's database, with the province's targets
and templates chosen to go with the pack (checked again when the editor opens). Sign asks,
unlocks the office key, and writes the standard pack communes import (docs/standard-pack.md).
"""

from __future__ import annotations

from pathlib import Path

from treem_desktop.i18n import _
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.standard_pack import (
    DEFAULT_STANDARD,
    Carried,
    ChosenFiles,
    load_chosen,
    load_draft,
    save_chosen,
    save_draft,
    shipped_standard,
)
from treem_desktop.standards.model import Standard, tr
from treem_desktop.ui.office.scoring_draft import ScoringDraft
from treem_desktop.ui.office.scoring_sign import sign_draft
from treem_desktop.ui.office.scoring_slots import SlotGroup, group_of, slot_groups
from treem_desktop.ui.office.scoring_source import SourceFields
from treem_desktop.ui.office.scoring_targets import TargetsChoice
from treem_desktop.ui.office.scoring_templates import TemplatesChoice
from treem_desktop.ui.office.widgets import named, wrapped
from treem_desktop.ui.profile_fields import ERROR_STYLE
from treem_desktop.ui.qt import (
    QApplication,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSize,
    QVBoxLayout,
    QWidget,
)
from treem_desktop.ui.window_fit import FRAME

SIZE = (1100, 680)  # less where the screen is smaller (1024×600 less a taskbar)


class ScoringEditor(QDialog):
    """Fill, check and sign the standard's open values."""

    def __init__(
        self, office: OfficeFolder, parent: QWidget | None = None, standard: Standard | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scoring_editor")
        self.office = office
        self.standard = standard or shipped_standard(DEFAULT_STANDARD)
        self.draft = ScoringDraft(self.standard)
        kept = load_draft(office, self.standard)
        if kept is not None:
            self.draft.load_json(kept)
        self.written: Path | None = None
        self.setWindowTitle(_("Official scoring table"))
        self.source = SourceFields(self.draft.default_source)
        self.source.changed.connect(self._source_changed)
        self.source_problem = named(wrapped(), "source_problem")
        self.source_problem.setStyleSheet(ERROR_STYLE)
        self.targets = TargetsChoice()
        self.templates = TemplatesChoice()
        self.kept_problem = named(wrapped(), "kept_problem")
        self.kept_problem.setStyleSheet(ERROR_STYLE)
        self._restore_chosen()
        self.targets.changed.connect(self._chosen_changed)
        self.templates.changed.connect(self._chosen_changed)
        self.groups = slot_groups(self.draft)
        for group in self.groups:
            group.changed.connect(self._changed)
        self.scroll_area = self._scroll_area()
        self.count = named(QLabel(), "entered_count")
        self.summary = named(wrapped(), "sign_summary")
        self.sign_button = named(QPushButton(_("&Sign and save the pack…")), "sign_pack")
        self.sign_button.clicked.connect(self.sign)
        close = QPushButton(_("&Close"))
        close.clicked.connect(self.accept)
        for button in (self.sign_button, close):
            button.setAutoDefault(False)  # Enter in a value's field moves on, never signs
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        box.addWidget(self._intro())
        box.addWidget(self._source_box())
        box.addWidget(self.targets)
        box.addWidget(self.templates)
        box.addWidget(self.kept_problem)
        box.addWidget(self.scroll_area, 1)
        box.addLayout(self._bottom(close))
        self._fit()
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[union-attr]
        self.refresh()

    def _fit(self) -> None:
        size = QSize(*SIZE)
        screen = self.screen()
        if screen is not None:
            size = size.boundedTo(FRAME.inside(screen.availableGeometry()).size())
        self.resize(size)

    def _intro(self) -> QLabel:
        title = tr(self.standard.title)
        return wrapped(
            _(
                "Values of “{title}” that the public texts do not give: type what the province's "
                "official text says. Each value is kept as a draft as soon as it is typed."
            ).format(title=title)
        )

    def _source_box(self) -> QGroupBox:
        group = QGroupBox(_("Source document (for every value unless a value has its own)"))
        box = QVBoxLayout(group)
        box.setContentsMargins(6, 4, 6, 4)
        box.addWidget(self.source)
        box.addWidget(self.source_problem)
        return group

    def _scroll_area(self) -> QScrollArea:
        inner = QWidget()
        box = QVBoxLayout(inner)
        for group in self.groups:
            box.addWidget(group)
        box.addStretch(1)
        area = QScrollArea()
        area.setObjectName("scoring_scroll")
        area.setWidgetResizable(True)
        area.setWidget(inner)
        return area

    def _bottom(self, close: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.count)
        row.addWidget(self.summary, 1)
        row.addWidget(self.sign_button)
        row.addWidget(close)
        return row

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keep the field being typed in on screen (Tab and Enter move down the list)."""
        inner = self.scroll_area.widget()
        if new is not None and inner is not None and inner.isAncestorOf(new):
            self.scroll_area.ensureWidgetVisible(new, 10, 40)

    def _source_changed(self) -> None:
        self.draft.default_source = self.source.source()
        for group in self.groups:
            for target in group.fields:
                group.show_source(target)
        self._keep()

    def _changed(self, _target: str) -> None:
        self._keep()

    def _restore_chosen(self) -> None:
        """Take back the files kept with the draft, each checked again: one that no longer
        passes is said in red and dropped from the draft, never signed."""
        kept = load_chosen(self.office, self.standard)
        found = [self.targets.restore(kept.targets)] if kept.targets else []
        found += [self.templates.restore(chosen) for chosen in kept.templates]
        problems = [p for p in found if p is not None]
        self.kept_problem.setText("\n".join(problems))
        self.kept_problem.setVisible(bool(problems))
        if problems:
            self._keep_chosen()

    def _chosen_changed(self) -> None:
        self.kept_problem.setVisible(False)
        self._keep_chosen()

    def _keep_chosen(self) -> None:
        chosen = ChosenFiles(self.targets.chosen, tuple(self.templates.chosen))
        save_chosen(self.office, self.standard, chosen)

    def carried(self) -> Carried:
        """What the pack carries beside the values: the targets, then the templates."""
        return Carried(self.targets.carried, tuple(self.templates.carried))

    def _keep(self) -> None:
        save_draft(self.office, self.standard, self.draft.to_json())
        self.refresh()

    def refresh(self) -> None:
        """The problems by criterion, the count of values entered and the Sign button."""
        by_group: dict[str, list[str]] = {}
        for problem in self.draft.number_problems():
            by_group.setdefault(group_of(problem.target), []).append(problem.message())
        for group in self.groups:
            group.show_problems(by_group.get(_group_key(group), []))
        missing = self.draft.without_source()
        self.source_problem.setText(
            _(
                "{count} values have no complete source yet: write who entered them and the "
                "document's number, date and issuer."
            ).format(count=missing)
            if missing
            else ""
        )
        self.source_problem.setVisible(bool(missing))
        entered, total = self.draft.entered_count(), len(self.draft.slots)
        self.count.setText(_("{entered} / {total} values entered").format(
            entered=entered, total=total))  # fmt: skip
        typing = sum(len(group.typing) for group in self.groups)
        self.sign_button.setEnabled(self.draft.can_sign() and not typing)
        problems = sum(len(m) for m in by_group.values()) + typing
        self.summary.setText(self._summary(problems, missing))

    def _summary(self, problems: int, missing: int) -> str:
        if not self.draft.entered_count():
            return _("Type at least one value to sign.")
        if problems or missing:
            return _("Fix what is shown in red before signing.")
        return _("The values agree with each other; they can be signed.")

    def sign(self) -> None:
        if self.draft.can_sign():
            sign_draft(self, self.office, self.draft, self._signed, self.carried())

    def _signed(self, path: Path) -> None:
        self.written = path


def _group_key(group: SlotGroup) -> str:
    return group.objectName().removeprefix("group_")
