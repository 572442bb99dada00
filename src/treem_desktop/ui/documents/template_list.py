"""The templates offered for a new document: a template the province sent in its pack is
marked "(mẫu của tỉnh)", and its tooltip names the office, the pack's date and the version."""

from __future__ import annotations

from treem_desktop.commune.template_sources import TemplateSource, source_of, template_sources
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.templates import PROVINCE, Template, load_templates
from treem_desktop.formatting import format_date_short
from treem_desktop.i18n import _
from treem_desktop.ui.qt import QComboBox, Qt

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def template_text(template: Template) -> str:
    """``KH — Kế hoạch …``, then "(mẫu của tỉnh)" for one the province sent."""
    text = f"{template.type_code} — {template.label.get('vi', template.id)}"
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


def fill_template_box(box: QComboBox, workspace: Workspace) -> None:
    """Every template (shipped, then the province's), by id; the box's tooltip follows the
    one chosen."""
    sources = template_sources(workspace)
    for template in load_templates(workspace.data_dir.path):
        box.addItem(template_text(template), template.id)
        if template.origin == PROVINCE:
            source = source_of(sources, template.id, template.version)
            box.setItemData(box.count() - 1, province_tip(template, source), TOOLTIP)
    box.currentIndexChanged.connect(lambda index: box.setToolTip(_tip(box, index)))
    box.setToolTip(_tip(box, box.currentIndex()))


def _tip(box: QComboBox, index: int) -> str:
    tip = box.itemData(index, TOOLTIP) if index >= 0 else None
    return str(tip) if tip else ""
