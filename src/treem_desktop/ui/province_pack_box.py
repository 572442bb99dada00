"""Settings' "the province's scoring table" (bảng điểm của tỉnh): which signed pack is in use,
and a button to import a new one (``treem standard import PACK`` in the window).

A pack is verified against the receiving office's registered certificate; a refused pack
changes nothing and its reason is shown under the button. An imported pack re-scores the
rounds and may bring the province's targets and document templates: :attr:`imported` tells
the window, which shows them on every page already open (ui/pack_refresh.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from treem_desktop.commune.kept_packs import KeptPack, kept_packs
from treem_desktop.commune.standard_pack import ImportedPack, import_pack
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.formatting import format_date_short
from treem_desktop.i18n import _
from treem_desktop.standards.model import tr
from treem_desktop.ui.profile_fields import ProblemLabel
from treem_desktop.ui.qt import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)


class ProvincePackBox(QWidget):
    """The pack in use, the import button, and what the last import did or why it was refused.

    Signals:
        imported: a pack was imported (scores, targets and templates may have changed).
    """

    imported = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.kept = QLabel()
        self.kept.setObjectName("province_pack_kept")
        self.kept.setWordWrap(True)
        self.button = QPushButton(_("&Import the province's scoring table…"))
        self.button.setObjectName("import_standard_pack")
        self.button.setToolTip(
            _(
                "The signed file the province sends (…standard-pack.zip): the official points, "
                "and its targets and document templates when it carries them"
            )
        )
        self.button.clicked.connect(self._choose)
        self.result = QLabel()
        self.result.setObjectName("province_pack_result")
        self.result.setWordWrap(True)
        self.result.hide()
        self.problem = ProblemLabel()
        self.problem.setObjectName("province_pack_problem")
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kept)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addWidget(self.problem)
        self._show_kept()

    def _show_kept(self) -> None:
        packs = kept_packs(self.workspace)
        self.kept.setText(kept_text(packs[0]) if packs else no_pack_text())

    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("The province's scoring table"),
            str(Path.home()),
            _("Scoring table pack (*.zip)"),
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> bool:
        """Import the pack in ``path``; say what it brought, or why it was refused."""
        try:
            done = import_pack(self.workspace, path)
        except TreemError as error:
            self.result.hide()
            self.problem.show_problem(refusal_text(error))
            return False
        self.problem.show_problem(None)
        self.result.setText("\n".join(imported_lines(done)))
        self.result.show()
        self._show_kept()
        self.imported.emit()
        return True


def no_pack_text() -> str:
    return _(
        "No scoring table from the province yet: the points the public texts do not give are "
        "self-scored and marked “provisional”."
    )


def kept_text(pack: KeptPack) -> str:
    """The pack in use: who signed it and when."""
    day = format_date_short(pack.signed_at.date()) if pack.signed_at is not None else "—"
    return _("In use: the scoring table of {office}, signed on {date} ({count} values).").format(
        office=pack.office or _("the province"), date=day, count=pack.values
    )


def refusal_text(error: TreemError) -> str:
    """The refusal, and where to register the office's certificate when that is missing."""
    message = error.message()
    if error.code == "RECIPIENT_NOT_TRUSTED":
        message += " " + _("Register it in Outbox → Sending settings.")
    return message


def imported_lines(done: ImportedPack) -> list[str]:
    """What the import did, in the officer's words."""
    signed = str(done.document.get("signed_at", ""))[:10]
    try:
        day = format_date_short(dt.date.fromisoformat(signed))
    except ValueError:
        day = signed
    lines = [
        _("Imported the province's scoring table: {count} values signed on {date}.").format(
            count=len(done.filled), date=day
        ),
        _("The evaluation's points are now counted with these values."),
    ]
    if done.targets is not None:
        lines.append(
            _("The province's targets are in force: {title}.").format(title=tr(done.targets.title))
        )
    for template in done.templates:
        lines.append(_("Document template received: {label}.").format(label=tr(template.label)))
    return lines
