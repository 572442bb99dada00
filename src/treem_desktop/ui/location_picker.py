"""Choosing the province, then the commune with search-as-you-type (diacritics optional)."""

from __future__ import annotations

from treem_desktop.core.admin_units import AdminUnits, Commune, Province, search_communes
from treem_desktop.i18n import _
from treem_desktop.ui.qt import (
    QComboBox,
    QEvent,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QObject,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

_COMMUNE_ROLE = Qt.ItemDataRole.UserRole


class LocationPicker(QWidget):
    """Province combo box, a search field and the matching communes.

    Typing narrows the list at once; Up and Down move in it without leaving the field, so
    the whole choice is made from the keyboard.

    Signals:
        commune_changed: the chosen commune, or None when nothing matches.
    """

    commune_changed = Signal(object)

    def __init__(self, units: AdminUnits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._units = units
        self.province_box = QComboBox()
        self.province_box.setObjectName("province")
        for province in units.provinces:
            self.province_box.addItem(f"{province.name} ({province.code})", province.code)
        self.search = QLineEdit()
        self.search.setObjectName("commune_search")
        self.search.setPlaceholderText(_("Type part of the name, e.g. muong phang"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("commune_results")
        self.results.setMinimumHeight(160)
        self.chosen = QLabel()
        self.chosen.setObjectName("commune_chosen")
        self._build_layout()
        self.province_box.currentIndexChanged.connect(self._refresh)
        self.search.textChanged.connect(self._refresh)
        self.results.currentItemChanged.connect(self._on_current)
        self.search.installEventFilter(self)
        self.province_box.setCurrentIndex(-1)

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        province_label = QLabel(_("&Province / city"))
        province_label.setBuddy(self.province_box)
        search_label = QLabel(_("&Commune / ward (search)"))
        search_label.setBuddy(self.search)
        for widget in (province_label, self.province_box, search_label, self.search):
            layout.addWidget(widget)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.chosen)

    def province(self) -> Province | None:
        code = self.province_box.currentData()
        return self._units.province(code) if code else None

    def commune(self) -> Commune | None:
        item = self.results.currentItem()
        return item.data(_COMMUNE_ROLE) if item is not None else None

    def select(self, province_code: str, commune_code: str | None = None) -> None:
        """Show ``province_code`` and, when given, select ``commune_code`` in the list."""
        self.province_box.setCurrentIndex(self.province_box.findData(province_code))
        if commune_code is None:
            return
        for row in range(self.results.count()):
            if self.results.item(row).data(_COMMUNE_ROLE).code == commune_code:
                self.results.setCurrentRow(row)
                return

    def _refresh(self) -> None:
        province = self.province()
        self.results.clear()
        if province is None:
            self._on_current(None)
            return
        for commune in search_communes(province, self.search.text()):
            item = QListWidgetItem(f"{commune.name}  ·  {commune.code}")
            item.setData(_COMMUNE_ROLE, commune)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self._on_current(None)

    def _on_current(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        commune = item.data(_COMMUNE_ROLE) if item is not None else None
        if commune is None:
            province = self.province()
            self.chosen.setText(
                _("No commune matches “{text}”.").format(text=self.search.text())
                if province and self.search.text()
                else ""
            )
        else:
            self.chosen.setText(
                _("Chosen: {commune}, {province}").format(
                    commune=commune.name, province=self._units.province(commune.province_code).name
                )
            )
        self.commune_changed.emit(commune)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)
