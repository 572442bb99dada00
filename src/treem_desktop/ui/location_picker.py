"""Choosing the province, then the commune, each by typing part of its name (accents optional).

Typing narrows a list and highlights its best match; nothing is chosen until the officer
picks one (Enter, a click or a double-click), and the line under the lists says what is
chosen. Choosing a province chooses no commune.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from treem_desktop.core.admin_units import (
    AdminUnits,
    Commune,
    Province,
    search_communes,
    search_provinces,
)
from treem_desktop.i18n import _
from treem_desktop.ui.profile_fields import REQUIRED_MARK
from treem_desktop.ui.qt import (
    QEvent,
    QGridLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QObject,
    Qt,
    QWidget,
    Signal,
)

_DATA_ROLE = Qt.ItemDataRole.UserRole
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchList:
    """A search field over a list: typing narrows it, Up/Down move in it, Enter picks.

    ``on_pick`` gets the picked item's data; ``on_edit`` is called when the text is typed.
    """

    def __init__(self, name: str, placeholder: str, on_pick: Callable[[object], None]) -> None:
        self.field = QLineEdit()
        self.field.setObjectName(f"{name}_search")
        self.field.setPlaceholderText(placeholder)
        self.field.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName(f"{name}_results")
        self.list.setMinimumHeight(96)
        self._on_pick = on_pick
        self.list.itemClicked.connect(self._picked)
        self.list.itemActivated.connect(self._picked)

    def fill(self, entries: Sequence[tuple[str, object]], highlight_first: bool) -> None:
        """Show ``entries`` (text, data); highlight the first when the officer typed a search."""
        self.list.clear()
        for text, data in entries:
            item = QListWidgetItem(text)
            item.setData(_DATA_ROLE, data)
            self.list.addItem(item)
        if highlight_first and self.list.count():
            self.list.setCurrentRow(0)

    def highlighted(self) -> object | None:
        item = self.list.currentItem()
        return item.data(_DATA_ROLE) if item is not None else None

    def highlight(self, data: object) -> None:
        """Highlight the entry holding ``data``, when it is listed."""
        for row in range(self.list.count()):
            if self.list.item(row).data(_DATA_ROLE) == data:
                self.list.setCurrentRow(row)
                return

    def move(self, step: int) -> None:
        if self.list.count():
            row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
            self.list.setCurrentRow(row)

    def pick_highlighted(self) -> bool:
        """Pick the highlighted entry (or the only one); False when there is none."""
        if self.list.currentItem() is None and self.list.count() == 1:
            self.list.setCurrentRow(0)
        item = self.list.currentItem()
        if item is None:
            return False
        self._picked(item)
        return True

    def _picked(self, item: QListWidgetItem) -> None:
        self._on_pick(item.data(_DATA_ROLE))


class LocationPicker(QWidget):
    """The province's search and list beside the commune's, and the line saying what is chosen.

    Signals:
        commune_changed: the chosen commune, or None when none is chosen.
    """

    commune_changed = Signal(object)

    def __init__(self, units: AdminUnits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._units = units
        self._province: Province | None = None
        self._commune: Commune | None = None
        self.provinces = SearchList(
            "province", _("e.g. ha noi, dien bien"), lambda p: self.pick_province(p)
        )
        self.province_search = self.provinces.field
        self.province_list = self.provinces.list
        self.communes = SearchList(
            "commune", _("Type part of the name, e.g. muong phang"), lambda c: self.pick_commune(c)
        )
        self.search, self.results = self.communes.field, self.communes.list
        self.chosen = QLabel()
        self.chosen.setObjectName("commune_chosen")
        self.chosen.setWordWrap(True)
        self._build_layout()
        self.province_search.textChanged.connect(self._province_typed)
        self.search.textChanged.connect(self._commune_typed)
        for field in (self.province_search, self.search):
            field.installEventFilter(self)
        self._show_provinces(highlight=False)
        self._show_chosen()

    def _build_layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        province_label = QLabel(_("&Province / city") + REQUIRED_MARK)
        province_label.setBuddy(self.province_search)
        commune_label = QLabel(_("&Commune / ward (search)") + REQUIRED_MARK)
        commune_label.setBuddy(self.search)
        grid.addWidget(province_label, 0, 0)
        grid.addWidget(self.province_search, 1, 0)
        grid.addWidget(self.province_list, 2, 0)
        grid.addWidget(commune_label, 0, 1)
        grid.addWidget(self.search, 1, 1)
        grid.addWidget(self.results, 2, 1)
        grid.addWidget(self.chosen, 3, 0, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setRowStretch(2, 1)

    def province(self) -> Province | None:
        """The province the officer picked, or None."""
        return self._province

    def commune(self) -> Commune | None:
        """The commune the officer picked, or None."""
        return self._commune

    def highlighted_commune(self) -> Commune | None:
        """The commune highlighted in the list (not necessarily picked)."""
        found = self.communes.highlighted()
        return found if isinstance(found, Commune) else None

    def select(self, province_code: str, commune_code: str | None = None) -> None:
        """Pick ``province_code`` and, when given, ``commune_code`` (as if the officer had)."""
        self.pick_province(self._units.province(province_code))
        if commune_code is not None:
            self.pick_commune(self._units.commune(commune_code))

    def pick_province(self, province: object) -> None:
        assert isinstance(province, Province)
        self._province = province
        self.province_search.blockSignals(True)  # the name shown is not a new search
        self.province_search.setText(province.name)
        self.province_search.blockSignals(False)
        self._show_provinces(highlight=False)
        self.provinces.highlight(province)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._commune = None
        self._show_communes(highlight=False)
        self._changed()

    def pick_commune(self, commune: object) -> None:
        assert isinstance(commune, Commune)
        self._commune = commune
        self.communes.highlight(commune)
        self._show_chosen()
        self.commune_changed.emit(commune)

    def _province_typed(self) -> None:
        self._province = None
        self._commune = None
        self._show_provinces(highlight=bool(self.province_search.text().strip()))
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.results.clear()
        self._changed()

    def _commune_typed(self) -> None:
        self._commune = None
        self._show_communes(highlight=bool(self.search.text().strip()))
        self._changed()

    def _changed(self) -> None:
        self._show_chosen()
        self.commune_changed.emit(self._commune)

    def _show_provinces(self, highlight: bool) -> None:
        found = search_provinces(self._units, self.province_search.text())
        self.provinces.fill([(p.name, p) for p in found], highlight)

    def _show_communes(self, highlight: bool) -> None:
        if self._province is None:
            self.results.clear()
            return
        found = search_communes(self._province, self.search.text())
        self.communes.fill([(f"{c.name}  ·  {c.code}", c) for c in found], highlight)

    def _show_chosen(self) -> None:
        self.chosen.setText(self._chosen_text())

    def _chosen_text(self) -> str:
        if self._commune is not None:
            province = self._units.province(self._commune.province_code).name
            return _("Chosen: {commune}, {province}").format(
                commune=self._commune.name, province=province
            )
        if self._province is None:
            if self.province_search.text().strip() and not self.province_list.count():
                return _("No province matches “{text}”.").format(text=self.province_search.text())
            return _("Type the province, then press Enter to choose it.")
        if self.search.text().strip() and not self.results.count():
            return _("No commune matches “{text}”.").format(text=self.search.text())
        return _("Province: {province}. Now type the commune and press Enter to choose it.").format(
            province=self._province.name
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and watched in (self.province_search, self.search):
            assert isinstance(event, QKeyEvent)
            return self._key_in_search(watched is self.search, Qt.Key(event.key()))
        return super().eventFilter(watched, event)

    def _key_in_search(self, in_commune: bool, key: Qt.Key) -> bool:
        """Up/Down move the highlight; Enter picks it (a second Enter goes on to Next)."""
        search = self.communes if in_commune else self.provinces
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(key)
        if step is not None:
            search.move(step)
            return True
        if key not in _ENTER_KEYS:
            return False
        if in_commune:
            if self._commune is not None and self._commune == self.highlighted_commune():
                return False  # already chosen: Enter goes to the dialog's default button
            return search.pick_highlighted()
        if self._province is None and not search.pick_highlighted():
            return False  # nothing to pick: the page says what is missing
        self.search.setFocus()
        return True
