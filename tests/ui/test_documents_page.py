"""A plan edited in the window: a task added by keyboard, printed to PDF, in the deadlines;
issuing asks first and locks; the year a document is about; the numbering ways."""

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.commune.workspace import Workspace
from treem_desktop.storage import register_repo
from treem_desktop.ui.documents.deadlines_page import DeadlinesPage
from treem_desktop.ui.documents.issue_dialog import IssueDialog
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


def choose_numbering(page: DocumentsPage, way: str) -> None:
    page.numbering.ways.setCurrentIndex(page.numbering.ways.findData(way))


def open_issue_dialog(qtbot: QtBot, page: DocumentsPage) -> IssueDialog:
    qtbot.mouseClick(page.buttons["issue"], Qt.MouseButton.LeftButton)
    dialog = page.issue_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def issue_through_dialog(qtbot: QtBot, page: DocumentsPage) -> None:
    """Issue, ticking the box for deadlines already past (the plan's fall in Oct/Nov)."""
    dialog = open_issue_dialog(qtbot, page)
    if dialog.keep_past.isVisible():
        dialog.keep_past.setChecked(True)
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_add_a_task_print_the_plan_and_find_the_deadline(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    page = open_page(qtbot, workspace)
    choose_numbering(page, "register")
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

    issue_through_dialog(qtbot, page)
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
    choose_numbering(page, "register")
    page.new_document(PLAN)
    issue_through_dialog(qtbot, page)
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


def test_issuing_asks_first_shows_the_past_deadlines_and_locks(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace)
    entry = page.new_document(PLAN)
    dialog = open_issue_dialog(qtbot, page)
    assert register_repo.entry(workspace.conn, entry.id).status == "draft"  # asked, not done
    assert dialog.number_text.text() == "Số:      /KH-UBND"  # the default: blank for the clerk
    assert dialog.date.text() == "23/11/2026"
    dialog.date.setText("07/12/2026")  # after the file is due at the province (30/11)
    items = [dialog.tasks.topLevelItem(i) for i in range(dialog.tasks.topLevelItemCount())]
    shown = [item.text(0) for item in items if item is not None]
    assert "30/11/2026 — trước ngày ban hành" in shown
    assert "22/12/2026" in shown  # the data, 15 days after the issue date: not flagged
    assert dialog.keep_past.isVisible() and not dialog.issue_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert register_repo.entry(workspace.conn, entry.id).status == "draft"

    dialog = open_issue_dialog(qtbot, page)
    dialog.date.setText("20/10/2026")  # before every deadline: nothing to flag
    assert not dialog.keep_past.isVisible() and dialog.issue_button.isEnabled()
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    issued = register_repo.entry(workspace.conn, entry.id)
    assert (issued.status, issued.number, issued.issued_on) == (
        "issued",
        None,
        dt.date(2026, 10, 20),
    )
    assert "để trống" in page.status.text()

    assert page.summary.isReadOnly() and page.grid is not None
    assert not page.grid.editable(0, 0) and page.grid.table.rowCount() == len(
        page.task_source.tasks
    )
    page.tabs.setCurrentIndex(1)
    page.paragraphs.list.setCurrentRow(2)
    assert page.paragraphs.editor.isReadOnly()
    assert page.recipients.editor.isReadOnly()
    assert not page.buttons["issue"].isVisible() and page.buttons["amend"].isVisible()
    assert "đã khóa" in page.lock_note.text()


def test_later_prints_say_what_was_issued_and_an_amendment_keeps_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from treem_desktop.commune.setup import save_commune

    page = open_page(qtbot, workspace)
    entry = page.new_document(PLAN)
    issue_through_dialog(qtbot, page)
    issued_signer = page.current_document().signature.name
    save_commune(workspace, workspace.require_profile().with_changes(signer_name="Lường Thị Hoa"))
    assert page.current_document().signature.name == issued_signer  # as issued

    qtbot.mouseClick(page.buttons["amend"], Qt.MouseButton.LeftButton)
    question = page.amend_question
    qtbot.waitUntil(question.isVisible)
    from treem_desktop.ui.qt import QMessageBox

    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert register_repo.entry(workspace.conn, entry.id).amending
    assert len(register_repo.history(workspace.conn, entry.id)) == 1
    assert not page.summary.isReadOnly()
    page.summary.setFocus()
    page.summary.selectAll()
    type_into(page.summary, "Kế hoạch đã sửa")
    qtbot.mouseClick(page.buttons["issue"], Qt.MouseButton.LeftButton)  # lock it again
    locked = register_repo.entry(workspace.conn, entry.id)
    assert locked.locked and locked.summary == "Kế hoạch đã sửa"
    assert page.current_document().summary == "Kế hoạch đã sửa"
    fields = {
        r[0]
        for r in workspace.conn.execute(
            "SELECT field FROM audit_log WHERE entity = 'outgoing_document' AND entity_id = ?",
            (str(entry.id),),
        )
    }
    assert {"status", "amending", "summary"} <= fields

    qtbot.mouseClick(page.buttons["new_version"], Qt.MouseButton.LeftButton)
    assert page.entry is not None and page.entry.id != entry.id
    assert page.entry.status == "draft" and page.entry.summary == "Kế hoạch đã sửa"
    assert not page.summary.isReadOnly()


def test_next_years_plan_is_drafted_in_november_not_in_march(
    qtbot: QtBot, workspace: Workspace
) -> None:
    page = open_page(qtbot, workspace)
    assert page.empty_hint.isVisible()  # an empty register says what to do first
    assert [page.period_box.itemText(i) for i in range(page.period_box.count())] == [
        "2026",
        "2027",
    ]
    entry = page.new_document(PLAN, period=2027)
    assert (entry.year, entry.period) == (2027, "2027")
    assert not page.empty_hint.isVisible()
    tasks = page.task_source.tasks
    assert tasks[0].after_days == 25  # dated when issued
    assert tasks[-1].due == dt.date(2027, 11, 30)  # the file due at the province
    march = DocumentsPage(workspace, today=dt.date(2026, 3, 2))
    qtbot.addWidget(march)
    assert march.period_box.count() == 1 and march.period_box.itemText(0) == "2026"


def test_typed_numbering_takes_the_clerks_number(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace)
    choose_numbering(page, "typed")
    entry = page.new_document(PLAN, period=2027)
    dialog = open_issue_dialog(qtbot, page)
    assert not dialog.issue_button.isEnabled()  # no number typed yet
    dialog.number.setText("125")
    assert dialog.number_text.text() == "Số: 125/KH-UBND"
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert register_repo.entry(workspace.conn, entry.id).reference == "125/KH-UBND"


def test_the_deadlines_page_lists_issued_tasks_and_counts_the_drafts_apart(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from treem_desktop.commune import documents as docs

    draft = docs.new_document(workspace, PLAN, 2026)
    waiting = len(docs.tasks_of(workspace, draft))
    page = DeadlinesPage(workspace, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    assert page.rows() == [] and page.drafts_note.isVisible()
    assert f"{waiting} việc" in page.drafts_note.text()
    docs.issue(workspace, draft, dt.date(2026, 11, 1))
    page.reload()
    assert len(page.rows()) == waiting and not page.drafts_note.isVisible()
    assert {"16/11/2026", "30/11/2026", "01/12/2026"} <= {row[0] for row in page.rows()}
