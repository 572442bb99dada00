"""The documents page's "Văn bản căn cứ" tab: the officer names the documents cited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from tests.ui.test_documents_page import open_page
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.model import Paragraph

PLAN = "ke-hoach-bao-ve-cham-soc-tre-em-nam"
CITED = "Kế hoạch số 45/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh Điện Biên"


def opening(page: object) -> str:
    document = page.current_document()  # type: ignore[attr-defined]
    first = next(b for b in document.body if isinstance(b, Paragraph))
    return "".join(r.text for r in first.runs)


def test_the_officer_names_the_provinces_plan_and_it_is_cited(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace)
    page.new_document(PLAN, 2026)
    assert CITED not in opening(page) and "các kế hoạch" not in opening(page)
    tab = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == "Văn bản căn cứ")
    page.tabs.setCurrentIndex(tab)
    editor = page.citations
    assert editor is not None
    fields = editor.fields["province_plan"]
    assert fields["issuer"].placeholderText() == "Ủy ban nhân dân tỉnh Điện Biên"
    fields["date"].setFocus()
    type_into(fields["date"], "10/01/2O26")  # a letter O for a zero: named, not stored
    qtbot.keyClick(fields["date"], Qt.Key.Key_Tab)
    assert editor.problem.isVisible() and "10/01/2O26" in editor.problem.text()
    fields["date"].clear()
    type_into(fields["date"], "10/01/2026")
    fields["number"].setFocus()
    type_into(fields["number"], "45/KH-UBND")
    qtbot.keyClick(fields["number"], Qt.Key.Key_Tab)
    assert not editor.problem.isVisible()
    assert f"2021 - 2030; {CITED} về bảo vệ, chăm sóc và giáo dục trẻ em;" in opening(page)
    page.grab().save("/tmp/h10/citations-tab.png")


def test_a_template_citing_nothing_has_no_such_tab(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace)
    page.new_document("ke-hoach-danh-gia-xa-phu-hop-tre-em", 2026)
    assert page.citations is None
    assert "Văn bản căn cứ" not in [page.tabs.tabText(i) for i in range(page.tabs.count())]
