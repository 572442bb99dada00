"""Indicator and plan packets made from their own pages: pre-flight, build, check at once."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import unicodedata
import zipfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.helpers import answer_message_box, wait_built
from treem_desktop.commune import documents as docs
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key
from treem_desktop.commune.workspace import Workspace
from treem_desktop.storage.packet_repo import packets
from treem_desktop.ui.documents.page import DocumentsPage
from treem_desktop.ui.indicators.indicators_page import IndicatorsPage
from treem_desktop.ui.packets.packet_dialog import PacketDialog

PLAN = "ke-hoach-bao-ve-cham-soc-tre-em-nam"


def keyed(workspace: Workspace) -> Workspace:
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, workspace.require_profile(), None)
    return workspace


def lines(dialog: PacketDialog) -> list[str]:
    return [dialog.preflight.item(i).text() for i in range(dialog.preflight.count())]


def test_the_indicator_packet_of_the_period_shown(qtbot: QtBot, workspace: Workspace) -> None:
    ind.import_values(keyed(workspace), "2026-H1", {"ct04a": 8.1})
    page = IndicatorsPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.show()
    page.half_box.setCurrentIndex(1)  # first half
    qtbot.mouseClick(page.packet_button, Qt.MouseButton.LeftButton)
    dialog = page.packet_dialog
    assert isinstance(dialog, PacketDialog) and dialog.period == "2026-H1"
    assert "6 tháng đầu năm 2026" in dialog.windowTitle()
    assert any("chưa có số liệu" in line for line in lines(dialog)), lines(dialog)
    assert not dialog.fix_button.isHidden() and dialog.build_button.isEnabled()
    asked: list[str] = []
    answer_message_box(asked, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    wait_built(qtbot, dialog)
    assert "chỉ tiêu chưa có số liệu" in asked[0], asked
    assert dialog.built_path is not None, dialog.problem.text()
    assert dialog.built_path.name == "TREEM_03325_indicators_2026-H1_0001.zip"
    with zipfile.ZipFile(dialog.built_path) as archive:
        data = json.loads(archive.read("data.json"))
    assert {r["id"]: r["value"] for r in data["indicators"]}["ct04a"] == 8.1
    dialog.reject()


def test_the_plan_packet_waits_for_an_issued_document(qtbot: QtBot, workspace: Workspace) -> None:
    keyed(workspace)
    draft = docs.new_document(workspace, PLAN, 2026)
    page = DocumentsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.reload(select=draft.id)
    qtbot.mouseClick(page.packet_button, Qt.MouseButton.LeftButton)
    dialog = page.packet_dialog
    assert isinstance(dialog, PacketDialog) and dialog.period == "2026"
    assert not dialog.build_button.isEnabled()  # nothing issued: nothing to send
    assert any("Chưa ban hành" in line for line in lines(dialog)), lines(dialog)
    dialog.reject()

    docs.issue(workspace, draft, dt.date(2026, 3, 2))
    page.reload(select=draft.id)
    qtbot.mouseClick(page.packet_button, Qt.MouseButton.LeftButton)
    dialog = page.packet_dialog
    assert isinstance(dialog, PacketDialog) and dialog.build_button.isEnabled()
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    wait_built(qtbot, dialog)
    assert dialog.built_path is not None, dialog.problem.text()
    assert [p.kind for p in packets(workspace.conn)] == ["plan"]
    dialog.reject()


def test_a_document_printed_after_sending_carries_its_packet(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    keyed(workspace)
    issued = docs.issue(workspace, docs.new_document(workspace, PLAN, 2026), dt.date(2026, 3, 2))
    page = DocumentsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.reload(select=issued.id)
    before = page.print_to_pdf(tmp_path / "before.pdf")
    assert "mã gói" not in pdf_text(before)
    qtbot.mouseClick(page.packet_button, Qt.MouseButton.LeftButton)
    dialog = page.packet_dialog
    assert isinstance(dialog, PacketDialog)
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    wait_built(qtbot, dialog)
    assert dialog.built_path is not None, dialog.problem.text()
    dialog.reject()
    after = pdf_text(page.print_to_pdf(tmp_path / "after.pdf"))
    assert f"Gói {dialog.built_path.name}" in after and "SHA-256" in after


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return unicodedata.normalize("NFC", " ".join(done.stdout.split()))


def test_a_report_not_issued_is_fixed_on_the_documents_page_in_one_click(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from treem_desktop.commune import evaluation as ev
    from treem_desktop.ui.evaluation.page import EvaluationPage
    from treem_desktop.ui.main_window import MainWindow

    ev.import_values(keyed(workspace), 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    draft = docs.new_document(workspace, "bao-cao-tu-danh-gia", 2026)
    window = MainWindow(workspace, today=dt.date(2026, 11, 23))
    qtbot.addWidget(window)
    window.show()
    window.show_page(1)  # the evaluation page
    page = window.stack.currentWidget()
    assert isinstance(page, EvaluationPage)
    qtbot.mouseClick(page.packet_button, Qt.MouseButton.LeftButton)
    dialog = page.packet_dialog
    assert isinstance(dialog, PacketDialog)
    [row] = [i for i, text in enumerate(lines(dialog)) if "báo cáo tự đánh giá" in text.lower()]
    dialog.preflight.setCurrentRow(row)
    qtbot.mouseClick(dialog.fix_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget(), DocumentsPage))
    documents = window.stack.currentWidget()
    assert isinstance(documents, DocumentsPage)
    assert documents.entry is not None and documents.entry.id == draft.id


def test_a_missing_indicator_is_fixed_in_one_click(qtbot: QtBot, workspace: Workspace) -> None:
    keyed(workspace)
    page = IndicatorsPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.packet_button, Qt.MouseButton.LeftButton)
    dialog = page.packet_dialog
    assert isinstance(dialog, PacketDialog)
    dialog.preflight.setCurrentRow(0)
    qtbot.mouseClick(dialog.fix_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.grid is not None
    first = next(r for r in page.source.rows() if not r.section)
    ids = [r.id for r in page.source.rows()]
    assert page.grid.table.currentRow() == ids.index(first.id)
    assert page.grid.table.currentColumn() == 2  # the result column, ready for typing
