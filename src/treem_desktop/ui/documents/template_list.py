"""The templates offered for a new document: a template the province sent in its pack is
marked "(mẫu của tỉnh)" in the open list, and its tooltip names the office, the pack's date
and the version.

The closed box is narrow on a 1024 px screen: it shows the chosen template's name elided in
the middle (its type and its last words stay readable), the whole name in its tooltip, and
a province template's origin in a small badge under it (:attr:`TemplateBox.origin`).
"""

from __future__ import annotations

from treem_desktop.commune.template_sources import TemplateSource, source_of, template_sources
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.templates import PROVINCE, Template, load_templates
from treem_desktop.formatting import format_date_short
from treem_desktop.i18n import _, current_language
from treem_desktop.ui.looks import set_colours
from treem_desktop.ui.qt import (
    QComboBox,
    QLabel,
    QPaintEvent,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    Qt,
    QWidget,
)

TOOLTIP = Qt.ItemDataRole.ToolTipRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
"""The template's name without its origin, as the closed box shows it."""
ORIGIN_ROLE = Qt.ItemDataRole.UserRole + 2
"""A province template's origin, as the badge shows it ("" for a shipped template)."""

BADGE_TEXT = "#0b3d91"  # 9.6:1 on the badge's background
BADGE_BACKGROUND = "#e4ecf8"


def template_name(template: Template) -> str:
    """``KH — Kế hoạch …``: the type code and the template's title in the window's language,
    else in Vietnamese (a province's template may have only that); never the two mixed. The
    document itself stays Vietnamese."""
    title = template.label.get(current_language()) or template.label.get("vi") or template.id
    return f"{template.type_code} — {title}"


def template_text(template: Template) -> str:
    """The name, then "(mẫu của tỉnh)" for one the province sent (the open list's line)."""
    text = template_name(template)
    if template.origin == PROVINCE:
        return _("{name} (province's template)").format(name=text)
    return text


def province_tip(template: Template, source: TemplateSource | None) -> str:
    """Which pack brought the province's template, and its version."""
    if source is None or not source.office or source.signed_at is None:
        return _(
            "Sent by the province in its scoring-table pack; template version {version}."
        ).format(version=template.version)
    return _(
        "Sent by {office} in the scoring-table pack signed on {date}; template version {version}."
    ).format(
        office=source.office,
        date=format_date_short(source.signed_at.date()),
        version=template.version,
    )


def province_badge(source: TemplateSource | None) -> str:
    """The badge's words: the province's template, and who sent it on which day if known."""
    if source is None or not source.office or source.signed_at is None:
        return _("Province's template")
    return _("Province's template, from {office}, signed on {date}").format(
        office=source.office, date=format_date_short(source.signed_at.date())
    )


class TemplateBox(QComboBox):
    """Every template (shipped, then the province's), by id; the tooltip and the badge
    (:attr:`origin`, placed by the page) follow the one chosen."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_document_template")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)  # the name elides in the middle: fits 1024 px
        self.origin = QLabel()
        self.origin.setObjectName("template_origin")
        self.origin.setWordWrap(True)
        self.origin.setMargin(3)
        set_colours(self.origin, foreground=BADGE_TEXT, background=BADGE_BACKGROUND)
        self.currentIndexChanged.connect(lambda _index: self._show_chosen())
        self.reload(workspace)

    def reload(self, workspace: Workspace) -> None:
        """Read the templates again (a pack may have brought new ones); the one chosen stays
        chosen while it is still offered."""
        chosen = self.currentData()
        self.blockSignals(True)
        self.clear()
        sources = template_sources(workspace)
        for template in load_templates(workspace.data_dir.path):
            self._add(template, sources)
        self.setCurrentIndex(max(0, self.findData(chosen)))
        self.blockSignals(False)
        self._show_chosen()

    def _add(self, template: Template, sources: dict[str, TemplateSource]) -> None:
        self.addItem(template_text(template), template.id)
        index = self.count() - 1
        self.setItemData(index, template_name(template), NAME_ROLE)
        if template.origin == PROVINCE:
            source = source_of(sources, template.id, template.version)
            self.setItemData(index, province_tip(template, source), TOOLTIP)
            self.setItemData(index, province_badge(source), ORIGIN_ROLE)

    def _show_chosen(self) -> None:
        index = self.currentIndex()
        name = self.chosen_name()
        tip = self.itemData(index, TOOLTIP) if index >= 0 else None
        self.setToolTip(f"{name}\n{tip}" if tip else name)
        badge = self.itemData(index, ORIGIN_ROLE) if index >= 0 else None
        self.origin.setText(str(badge or ""))
        self.origin.setToolTip(str(tip or ""))
        self.origin.setVisible(bool(badge))
        self.update()

    def chosen_name(self) -> str:
        """The chosen template's whole name, without its origin."""
        index = self.currentIndex()
        return str(self.itemData(index, NAME_ROLE) or "") if index >= 0 else ""

    def closed_text(self) -> str:
        """What the closed box shows: the chosen name, elided in the middle to fit."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elided(option)

    def _elided(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        width = max(0, field.width() - 4)  # the label is drawn 1 px in from each side
        return self.fontMetrics().elidedText(
            self.chosen_name(), Qt.TextElideMode.ElideMiddle, width
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
