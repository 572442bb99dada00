"""The province's targets the pack carries, chosen in the scoring-table editor.

The file is the one a commune would import with its own targets command; it is checked at once
with the commune's checks (the file's, then no conflict with the national set) and refused with
the reason in words; the line says how many targets of which years the pack will carry. The
choice is kept with the editor's draft and checked again when the editor opens.
"""

from __future__ import annotations

from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.indicators.model import TargetOverride
from treem_desktop.office.standard_pack import (
    CarriedTargets,
    ChosenFile,
    read_file,
    targets_from_bytes,
)
from treem_desktop.standards.model import tr
from treem_desktop.ui.office.widgets import named, wrapped
from treem_desktop.ui.qt import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QWidget,
    Signal,
)


def targets_text(override: TargetOverride) -> str:
    """``5 chỉ tiêu của tỉnh, năm 2025, 2030 (Kế hoạch …)``."""
    indicators = {e.indicator for e in override.entries} | {i.id for i in override.extra_indicators}
    years = ", ".join(str(y) for y in sorted({e.year for e in override.entries}))
    return _("{count} province targets, year {years} ({title})").format(
        count=len(indicators), years=years, title=tr(override.title)
    )


class TargetsChoice(QWidget):
    """A line saying which targets the pack carries, **Chỉ tiêu của tỉnh…** and **Không gửi
    chỉ tiêu**; ``changed`` when the officer changes the choice."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.carried: CarriedTargets | None = None
        self.chosen: ChosenFile | None = None
        self.line = named(wrapped(), "targets_line")
        self.choose = named(QPushButton(_("Province &targets…")), "choose_targets")
        self.choose.setToolTip(_("The province's own targets, sent to the communes in the pack"))
        self.choose.clicked.connect(self.ask)
        self.drop = named(QPushButton(_("Do not send tar&gets")), "drop_targets")
        self.drop.clicked.connect(self._drop)
        for button in (self.choose, self.drop):
            button.setAutoDefault(False)  # Enter in a value's field never opens the file dialog
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.choose)
        row.addWidget(self.drop)
        self.set_carried(None)

    def ask(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("The province's targets"), str(Path.home()), _("Targets file (*.json)")
        )
        if chosen:
            self.take(Path(chosen))

    def take(self, path: Path) -> bool:
        """Check ``path`` and carry it, or say why it is refused (the choice stays as it was)."""
        try:
            chosen = ChosenFile(path.name, read_file(path))
            carried = targets_from_bytes(chosen.content, path.name)
        except TreemError as error:
            QMessageBox.warning(self, _("The province's targets"), error.message())
            return False
        self.set_carried(carried, chosen)
        self.changed.emit()
        return True

    def restore(self, chosen: ChosenFile) -> str | None:
        """Take back the file kept with the draft, checked again; the reason when it no longer
        passes the checks (it is then not carried)."""
        try:
            carried = targets_from_bytes(chosen.content, chosen.name)
        except TreemError as error:
            return _(
                "The province's targets chosen before (“{name}”) no longer pass the checks and "
                "are not sent: {reason}"
            ).format(name=chosen.name, reason=error.message())
        self.set_carried(carried, chosen)
        return None

    def _drop(self) -> None:
        self.set_carried(None)
        self.changed.emit()
        self.choose.setFocus()  # the button pressed is hidden now

    def set_carried(self, carried: CarriedTargets | None, chosen: ChosenFile | None = None) -> None:
        self.carried = carried
        self.chosen = chosen if carried is not None else None
        self.drop.setVisible(carried is not None)
        if carried is None:
            self.line.setText(_("The pack carries no province targets."))
        else:
            self.line.setText(_("The pack carries {what}.").format(
                what=targets_text(carried.override)))  # fmt: skip
