"""A template the province sent in its standard pack (kept in ``<data>/mau-van-ban/``) is
offered on the documents page beside the shipped ones, and a document is made from it."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from tests.ui.test_documents_page import open_page
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.templates import PROVINCE_FOLDER, load_templates
from treem_desktop.paths import resources_dir

SHIPPED_PLAN = "ke-hoach-bao-ve-cham-soc-tre-em-nam"


def test_the_documents_page_offers_the_provinces_template(
    qtbot: QtBot, workspace: Workspace
) -> None:
    document = json.loads(
        (resources_dir() / "templates" / f"{SHIPPED_PLAN}.v1.json").read_text(encoding="utf-8")
    )
    document["id"] = "ke-hoach-rieng-cua-tinh"
    document["label"] = {"vi": "Kế hoạch riêng của tỉnh", "en": "The province's own plan"}
    folder = workspace.data_dir.path / PROVINCE_FOLDER
    folder.mkdir()
    text = json.dumps(document, ensure_ascii=False)
    (folder / "ke-hoach-rieng-cua-tinh.v1.json").write_text(text, encoding="utf-8")
    page = open_page(qtbot, workspace)
    box = page.template_box
    shown = [box.itemText(i) for i in range(box.count())]
    assert len(shown) == len(load_templates()) + 1
    assert shown[-1].endswith("Kế hoạch riêng của tỉnh (mẫu của tỉnh)"), shown
    entry = page.new_document("ke-hoach-rieng-cua-tinh", 2026)
    assert entry.template_id == "ke-hoach-rieng-cua-tinh"
