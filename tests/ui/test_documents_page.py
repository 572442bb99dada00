"""A plan edited in the window: a task added by keyboard, printed to PDF, in the deadlines."""

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.services.workspace import Workspace
from treem_desktop.storage import register_repo
from treem_desktop.ui.documents.deadlines_page import DeadlinesPage
from treem_desktop.ui.documents.page import DocumentsPage

PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"
TODAY = dt.date(2026, 11, 23)


def keys(text: str) -> None:
    for char in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        type_into(widget, char)


def press(qtbot: QtBot, key: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key)


def open_page(qtbot: QtBot, workspace: Workspace) -> DocumentsPage:
    page = DocumentsPage(workspace, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def test_add_a_task_print_the_plan_and_find_the_deadline(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    page = open_page(qtbot, workspace)
    entry = page.new_document(PLAN)
    assert entry.status == "draft" and page.grid is not None
    grid = page.grid
    first_blank = len(page.task_source.tasks)
    grid.table.setFocus()
    grid.table.setCurrentCell(first_blank, 0)
    keys("Tổ chức diễn đàn trẻ em cấp xã")
    press(qtbot, Qt.Key.Key_Tab)
    keys("Đoàn Thanh niên")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    keys("15/12/2026")
    press(qtbot, Qt.Key.Key_Return)
    added = register_repo.document_tasks(workspace.conn, entry.id)[-1]
    assert (added.content, added.lead_office, added.due_on) == (
        "Tổ chức diễn đàn trẻ em cấp xã",
        "Đoàn Thanh niên",
        dt.date(2026, 12, 15),
    )

    qtbot.mouseClick(page.buttons["issue"], Qt.MouseButton.LeftButton)
    assert "01/KH-UBND" in page.status.text()
    pdf = page.print_to_pdf(tmp_path / "ke-hoach.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    flat = " ".join(unicodedata.normalize("NFC", text.stdout).split())
    assert "Số: 01/KH-UBND" in flat and "Tổ chức diễn đàn trẻ em cấp xã" in flat
    assert "Lò Văn Tâm" in flat

    deadlines = DeadlinesPage(workspace, today=TODAY)
    qtbot.addWidget(deadlines)
    assert ("15/12/2026", "Tổ chức diễn đàn trẻ em cấp xã", "Đoàn Thanh niên") in deadlines.rows()


def test_a_wrong_deadline_is_refused_and_the_summary_is_saved(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace)
    entry = page.new_document(PLAN)
    assert page.grid is not None
    assert not page.grid.type_into(0, 3, "31/02/2026")
    assert "phải là ngày tháng" in page.grid.message.text()
    page.summary.setFocus()
    page.summary.selectAll()
    type_into(page.summary, "Kế hoạch tự đánh giá năm 2026")
    assert register_repo.entry(workspace.conn, entry.id).summary == "Kế hoạch tự đánh giá năm 2026"


def test_save_as_word_keeps_the_issued_number(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    page = open_page(qtbot, workspace)
    page.new_document(PLAN)
    qtbot.mouseClick(page.buttons["issue"], Qt.MouseButton.LeftButton)
    for name in ("a.docx", "b.docx"):
        page.save_docx(tmp_path / name)
        qtbot.waitUntil(lambda n=name: n in page.status.text(), timeout=15000)  # type: ignore[misc]
    import docx

    for name in ("a.docx", "b.docx"):
        document = docx.Document(str(tmp_path / name))
        cells = [
            p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs
        ]
        assert "Số: 01/KH-UBND" in cells
    assert [e.reference for e in register_repo.entries(workspace.conn)] == ["01/KH-UBND"]


def test_the_officer_rewrites_a_paragraph_and_the_recipients(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    page = open_page(qtbot, workspace)
    page.new_document(PLAN)
    page.tabs.setCurrentIndex(1)
    editor = page.paragraphs
    editor.list.setCurrentRow(2)
    original = editor.editor.toPlainText()
    editor.editor.setFocus()
    editor.editor.selectAll()
    type_into(editor.editor, "Đánh giá đúng thực chất việc thực hiện 13 tiêu chí của xã.")
    editor.list.setCurrentRow(3)
    editor.editor.selectAll()
    qtbot.keyClick(editor.editor, Qt.Key.Key_Delete)  # emptied: left out of the document
    page.tabs.setCurrentIndex(2)
    page.recipients.editor.setPlainText(
        "- Sở Y tế tỉnh Điện Biên (b/c);\nĐảng ủy xã\nLưu: VT, VHXH."
    )
    document = page.current_document()
    texts = ["".join(r.text for r in b.runs) for b in document.body if hasattr(b, "runs")]
    assert "Đánh giá đúng thực chất việc thực hiện 13 tiêu chí của xã." in texts
    assert original not in texts
    assert document.recipients == ("Sở Y tế tỉnh Điện Biên (b/c)", "Đảng ủy xã", "Lưu: VT, VHXH")
    pdf = page.print_to_pdf(tmp_path / "ke-hoach.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    flat = " ".join(unicodedata.normalize("NFC", text.stdout).split())
    assert "Đánh giá đúng thực chất việc thực hiện 13 tiêu chí của xã." in flat
    assert "- Đảng ủy xã;" in flat and "- Lưu: VT, VHXH." in flat
