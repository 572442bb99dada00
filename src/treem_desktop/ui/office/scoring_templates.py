"""The province's document templates the pack carries, chosen in the scoring-table editor.

Each file is checked at once with the checks a commune applies when it imports the pack (the
template loader's own, then a name the pack's layout allows) and refused with the reason in
words; the list shows each template by its name and version; **Bỏ mẫu đã chọn** (or Delete)
takes the selected one out. The choice is kept with the editor's draft and checked again when
the editor opens.
"""

from __future__ import annotations

from pathlib import Path

from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.office.standard_pack import (
    CarriedTemplate,
    ChosenFile,
    read_file,
    template_from_content,
)
from treem_desktop.standards.model import tr
from treem_desktop.ui.office.widgets import named, wrapped
from treem_desktop.ui.qt import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QKeyEvent,
    QListWidget,
    QMessageBox,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

MOST_ROWS_SHOWN = 3  # more scroll: the values' list keeps the room


def template_text(carried: CarriedTemplate) -> str:
    """``Kế hoạch riêng của tỉnh (phiên bản 2)``."""
    template = carried.template
    return _("{name} (version {version})").format(name=tr(template.label), version=template.version)


def refusal(name: str, error: TreemError) -> str:
    return _(
        "The template “{name}” is refused: it does not pass the checks a commune applies to "
        "the pack.\n{reason}"
    ).format(name=name, reason=reason_of(error))


def reason_of(error: TreemError) -> str:
    """What is wrong: for a template the checks refused, which template, which part and why
    (the file's name is said already); else the error's message."""
    detail = error.params.get("detail")
    if error.code == "TEMPLATE_INVALID" and isinstance(detail, str) and detail:
        return detail.rstrip(".") + "."
    return error.message()


class TemplateList(QListWidget):
    """The templates chosen; Delete takes the selected one out."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class TemplatesChoice(QWidget):
    """A line saying how many templates the pack carries, their list, **Mẫu văn bản của tỉnh…**
    and **Bỏ mẫu đã chọn**; ``changed`` when the officer changes the choice."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.carried: list[CarriedTemplate] = []
        self.chosen: list[ChosenFile] = []
        self.line = named(wrapped(), "templates_line")
        self.listing = named(TemplateList(), "templates_list")
        self.listing.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.listing.setAccessibleName(_("Templates sent with the pack"))
        self.listing.delete_pressed.connect(self.remove_selected)
        self.add = named(QPushButton(_("Province te&mplates…")), "add_templates")
        self.add.setToolTip(_("Document templates of the province, sent to the communes"))
        self.add.clicked.connect(self.ask)
        self.remove = named(QPushButton(_("&Remove the selected template")), "remove_template")
        self.remove.clicked.connect(self.remove_selected)
        for button in (self.add, self.remove):
            button.setAutoDefault(False)  # Enter in a value's field never opens the file dialog
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.add)
        row.addWidget(self.remove)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.listing)
        self._show()

    def ask(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(
            self, _("The province's templates"), str(Path.home()), _("Document template (*.json)")
        )
        for name in chosen:
            self.take(Path(name))

    def take(self, path: Path) -> bool:
        """Check ``path`` and add it, or say why it is refused (the list stays as it was)."""
        try:
            chosen = ChosenFile(path.name, read_file(path))
            carried = template_from_content(chosen.content, path.name)
        except TreemError as error:
            QMessageBox.warning(self, _("The province's templates"), refusal(path.name, error))
            return False
        twin = self._same_as(carried)
        if twin is not None:
            QMessageBox.warning(
                self,
                _("The province's templates"),
                _("“{name}” is already in the pack: {template}.").format(
                    name=path.name, template=template_text(twin)
                ),
            )
            return False
        self._append(chosen, carried)
        self.changed.emit()
        return True

    def restore(self, chosen: ChosenFile) -> str | None:
        """Take back a file kept with the draft, checked again; the reason when it no longer
        passes the checks (it is then not carried)."""
        try:
            carried = template_from_content(chosen.content, chosen.name)
        except TreemError as error:
            return _(
                "The template chosen before (“{name}”) no longer passes the checks and is not "
                "sent: {reason}"
            ).format(name=chosen.name, reason=reason_of(error))
        if self._same_as(carried) is None:
            self._append(chosen, carried)
        return None

    def remove_selected(self) -> None:
        row = self.listing.currentRow()
        if not 0 <= row < len(self.carried):
            return
        del self.carried[row], self.chosen[row]
        self._show()
        self.changed.emit()
        if not self.carried:
            self.add.setFocus()  # the list and the button pressed are hidden now

    def _same_as(self, carried: CarriedTemplate) -> CarriedTemplate | None:
        key = (carried.template.id, carried.template.version)
        return next((c for c in self.carried if (c.template.id, c.template.version) == key), None)

    def _append(self, chosen: ChosenFile, carried: CarriedTemplate) -> None:
        self.chosen.append(chosen)
        self.carried.append(carried)
        self._show()
        self.listing.setCurrentRow(len(self.carried) - 1)

    def _show(self) -> None:
        self.listing.clear()
        for carried in self.carried:
            self.listing.addItem(template_text(carried))
        for row, chosen in enumerate(self.chosen):
            item = self.listing.item(row)
            if item is not None:
                item.setToolTip(_("File: {name}").format(name=chosen.name))
        shown = min(len(self.carried), MOST_ROWS_SHOWN)
        self.listing.setFixedHeight(self.listing.sizeHintForRow(0) * shown + 4 if shown else 0)
        self.listing.setVisible(bool(self.carried))
        self.remove.setVisible(bool(self.carried))
        self.line.setText(
            _("The pack carries {count} province templates:").format(count=len(self.carried))
            if self.carried
            else _("The pack carries no province templates.")
        )
