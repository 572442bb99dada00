"""A template that came in the province's signed pack is marked on the documents page, and its
tooltip names the office, the day the pack was signed and the template's version."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.handoff_support import office_key, write_certificate
from tests.integration.test_standard_pack_end_to_end import filled_values
from tests.ui.test_documents_page import open_page
from treem_desktop.commune.receipts import trust_recipient
from treem_desktop.commune.standard_pack import import_pack
from treem_desktop.commune.workspace import Workspace
from treem_desktop.handoff.standard_pack import listed, make_pack, template_member
from treem_desktop.office.standard_pack import shipped_standard
from treem_desktop.paths import resources_dir
from treem_desktop.signing.keys import fingerprint
from treem_desktop.ui.documents.page import DocumentsPage
from treem_desktop.ui.qt import Qt

SHIPPED_PLAN = "ke-hoach-bao-ve-cham-soc-tre-em-nam"
OWN_PLAN = "ke-hoach-rieng-cua-tinh"
SOURCE = {"number": "1/QĐ-UBND", "date": "2025-08-01", "issuer": "UBND tỉnh"}


def template_bytes(template_id: str, version: int, label: str) -> bytes:
    path = resources_dir() / "templates" / f"{SHIPPED_PLAN}.v1.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["id"], document["version"] = template_id, version
    document["label"] = {"vi": label, "en": label}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def import_province_pack(workspace: Workspace, tmp_path: Path) -> None:
    """The office signs a pack carrying its own plan and a version 2 of the shipped plan; the
    commune trusts the office and imports it."""
    certificate, key = office_key()
    pem = write_certificate(certificate, tmp_path / "office.pem")
    trust_recipient(workspace, pem, fingerprint(certificate))
    carried = [
        (template_member(OWN_PLAN, 3), template_bytes(OWN_PLAN, 3, "Kế hoạch riêng của tỉnh")),
        (template_member(SHIPPED_PLAN, 2), template_bytes(SHIPPED_PLAN, 2, "Kế hoạch năm (mới)")),
    ]
    standard = shipped_standard("qd-06-2019")
    document = {
        "format": "treem-standard-pack", "format_version": 2,
        "standard": {"id": standard.id, "version": standard.version, "sha256": standard.sha256},
        "office": {"name": "Sở Y tế tỉnh Điện Biên", "province_code": "11"},
        "signed_at": "2026-03-02T09:15:00+07:00",
        "values": [{**v, "entered_by": "Lan", "document": SOURCE} for v in filled_values()],
        "templates": [listed(name, data) for name, data in carried], "targets": None,
    }  # fmt: skip
    pack = tmp_path / "tinh.standard-pack.zip"
    pack.write_bytes(make_pack(document, certificate, key, carried))
    import_pack(workspace, pack)


def item_of(page: DocumentsPage, template_id: str) -> tuple[str, str]:
    box = page.template_box
    index = box.findData(template_id)
    assert index >= 0
    tip = box.itemData(index, Qt.ItemDataRole.ToolTipRole)
    return box.itemText(index), str(tip or "")


def test_the_provinces_templates_are_marked_with_their_pack(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    import_province_pack(workspace, tmp_path)
    page = open_page(qtbot, workspace)
    text, tip = item_of(page, OWN_PLAN)
    assert text == "KH — Kế hoạch riêng của tỉnh (mẫu của tỉnh)"
    assert "Sở Y tế tỉnh Điện Biên" in tip and "02/03/2026" in tip and "phiên bản 3" in tip
    text, tip = item_of(page, SHIPPED_PLAN)  # a newer version replaces the shipped one
    assert text.endswith("Kế hoạch năm (mới) (mẫu của tỉnh)") and "phiên bản 2" in tip
    shipped = [i for i in range(page.template_box.count()) if "(mẫu của tỉnh)" not in
               page.template_box.itemText(i)]  # fmt: skip
    assert shipped and all(
        not page.template_box.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in shipped
    )
    page.template_box.setCurrentIndex(page.template_box.findData(OWN_PLAN))
    assert "Sở Y tế tỉnh Điện Biên" in page.template_box.toolTip()  # the closed box says it too
    page.template_box.setCurrentIndex(shipped[0])
    assert page.template_box.toolTip() == page.template_box.chosen_name()  # the name alone


def test_the_closed_box_shows_the_chosen_name_whole_or_elided_in_the_middle_at_1024_px(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """The closed box cut "(mẫu của tỉnh)" at 1024 px: the name now elides in the middle,
    whole in the tooltip, and the province's origin is a badge under the box."""
    import_province_pack(workspace, tmp_path)
    page = open_page(qtbot, workspace)
    page.resize(1024 - 190 - 16, 520)  # the page's room in a window on a 1024 px screen
    box = page.template_box
    box.setCurrentIndex(box.findData(OWN_PLAN))
    qtbot.waitUntil(lambda: box.width() < 400)
    assert box.closed_text() == "KH — Kế hoạch riêng của tỉnh"  # whole: no origin in it
    assert page.template_box.origin.isVisible()
    assert page.template_box.origin.text().startswith("Mẫu của tỉnh, do Sở Y tế tỉnh Điện Biên")
    longest = max(range(box.count()), key=lambda i: len(box.itemText(i)))
    box.setCurrentIndex(longest)
    shown, name = box.closed_text(), box.chosen_name()
    assert "…" in shown and box.fontMetrics().horizontalAdvance(shown) < box.width()
    head, tail = shown.split("…")
    assert name.startswith(head) and name.endswith(tail) and len(tail.strip()) > 3
    assert box.toolTip().startswith(name)
    assert not page.template_box.origin.isVisible() or "(mẫu của tỉnh)" in box.itemText(longest)


def test_a_province_template_whose_pack_is_not_kept_still_says_where_it_came_from(
    qtbot: QtBot, workspace: Workspace
) -> None:
    folder = workspace.data_dir.path / "mau-van-ban"
    folder.mkdir()
    (folder / f"{OWN_PLAN}.v1.json").write_bytes(template_bytes(OWN_PLAN, 1, "Kế hoạch của tỉnh"))
    page = open_page(qtbot, workspace)
    text, tip = item_of(page, OWN_PLAN)
    assert text.endswith("(mẫu của tỉnh)") and "tỉnh" in tip and "phiên bản 1" in tip
