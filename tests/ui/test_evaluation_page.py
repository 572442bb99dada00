"""The evaluation workspace, driven as an officer would: type, watch the verdict, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.services import evaluation as ev
from treem_desktop.services.workspace import Workspace
from treem_desktop.storage.audit import entries_for
from treem_desktop.ui.evaluation.page import EvaluationPage

# What the officer types, criterion by criterion (yes/no fields take "có"/"không").
ROUND: dict[str, dict[str, str]] = {
    "c1": {"c1.a.has": "có", "c1.b.has": "có", "c1.c.has": "có", "c1.d.has": "có"},
    "c2": {"c2.x.numerator": "118", "c2.x.denominator": "120", "c2.x.points": "80"},
    "c3": {"c3.x.numerator": "0", "c3.x.denominator": "1500", "c3.x.points": "100"},
    "c4": {"c4.x.numerator": "1", "c4.x.denominator": "1500", "c4.x.points": "60"},
    "c5": {"c5.x.numerator": "2", "c5.x.denominator": "1500", "c5.x.points": "70"},
    "c6": {
        "c6.a.denominator": "20",
        "c6.a.numerator": "19",
        "c6.b.denominator": "3",
        "c6.b.numerator": "3",
    },
    "c7": {"c7.a.denominator": "50", "c7.a.numerator": "49"},
    "c8": {
        "c8.x.numerator": "10",
        "c8.x.denominator": "200",
        "c8.x.points": "40",
        "c8.y.numerator": "20",
        "c8.y.denominator": "200",
        "c8.y.points": "40",
    },
    "c9": {"c9.x.numerator": "900", "c9.x.denominator": "1000", "c9.x.points": "70"},
    "c10": {"c10.x.numerator": "300", "c10.x.denominator": "310", "c10.x.points": "90"},
    "c11": {"c11.x.forums": "2", "c11.x.points": "50"},
    "c12": {"c12.x.play_space": "có", "c12.x.activities": "6", "c12.x.points": "50"},
    "c13": {
        "c13.x.percent": "85",
        "c13.x.points": "30",
        "c13.y.percent": "80",
        "c13.y.points": "30",
    },
}


def open_page(qtbot: QtBot, workspace: Workspace) -> EvaluationPage:
    page = EvaluationPage(workspace, year=2026)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def enter(qtbot: QtBot, page: EvaluationPage, criterion: str, input_id: str, text: str) -> None:
    view = page.show_criterion(criterion)
    editor = view.fields[input_id].editor
    qtbot.waitUntil(editor.isVisible, timeout=2000)
    if isinstance(editor, QComboBox):
        editor.setFocus()
        qtbot.keyClick(editor, Qt.Key.Key_Down if text == "có" else Qt.Key.Key_End)
        return
    assert isinstance(editor, QLineEdit)
    editor.setFocus()
    editor.selectAll()
    type_into(editor, text)


def test_fill_a_whole_round_and_watch_the_verdict(qtbot: QtBot, workspace: Workspace) -> None:
    page = open_page(qtbot, workspace)
    assert page.evaluation is None and page.start_button.isVisible()
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.evaluation is not None
    assert page.panel.verdict.text() == "Chưa đủ dữ liệu"
    verdicts = []
    for criterion, fields in ROUND.items():
        for input_id, text in fields.items():
            enter(qtbot, page, criterion, input_id, text)
        verdicts.append(page.panel.verdict.text())
    assert verdicts[:-1] == ["Chưa đủ dữ liệu"] * 12  # one criterion still unscored
    assert page.panel.verdict.text() == "Đạt — tạm tính"
    assert page.panel.total.text() == "985 điểm"
    assert "ngưỡng" not in page.panel.total.text() and "800" in page.panel.threshold.text()
    row = page.criteria.topLevelItem(5)
    assert row is not None and (row.text(1), row.text(2), row.text(3)) == ("2/2", "125", "125")
    c2 = page.criteria.topLevelItem(1)
    assert c2 is not None and c2.text(2) == "80*" and c2.text(3) == "?*"

    enter(qtbot, page, "c9", "c9.x.points", "0")  # one criterion at 0: not recognised
    assert page.panel.verdict.text() == "Chưa đạt — tạm tính"
    assert "Tiêu chí 9 bị 0 điểm" in page.panel.reasons.text()
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert page.panel.verdict.text() == "Đạt — tạm tính"
    assert page.view is not None and page.view.fields["c9.x.points"].editor.text() == "70"

    again = ev.open_round(workspace, 2026)  # everything was saved as it was typed
    assert again.values["c9.x.points"] == 70 and again.values["c6.a.numerator"] == 19
    assert again.score().total == 985
    changed = {e.field for e in entries_for(workspace.conn, "eval_round", "2026")}
    assert {"c6.a.numerator", "c9.x.points", "c12.x.play_space"} <= changed


def test_a_numerator_above_its_denominator_is_refused_while_typing(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ev.start_round(workspace, 2026)
    page = open_page(qtbot, workspace)
    enter(qtbot, page, "c7", "c7.a.denominator", "50")
    enter(qtbot, page, "c7", "c7.a.numerator", "51")
    assert page.view is not None
    problem = page.view.fields["c7.a.numerator"].problem
    assert problem.isVisible() and "không được lớn hơn" in problem.text()
    assert "(chưa lưu)" in problem.text()
    assert ev.open_round(workspace, 2026).values["c7.a.numerator"] == 5  # the last valid value
    enter(qtbot, page, "c7", "c7.a.numerator", "49")
    assert not problem.isVisible()
    assert page.view.results["c7.a"].text() == "Tỷ lệ 98,0% → 50 điểm"


def test_last_year_is_shown_beside_and_a_far_value_asks_why(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ev.import_values(workspace, 2025, {"c7.a.numerator": 45, "c7.a.denominator": 50})
    page = open_page(qtbot, workspace)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    view = page.show_criterion("c7")
    previous = view.findChild(QLabel, "c7.a.numerator:previous")
    assert previous is not None and previous.text() == "Năm 2025: 45"
    enter(qtbot, page, "c7", "c7.a.denominator", "200")
    field = page.view.fields["c7.a.denominator"]  # type: ignore[union-attr]
    assert field.explanation.isVisible()
    assert "Hãy ghi lý do" in page.panel.reasons.text()
    field.explanation.setFocus()
    type_into(field.explanation, "Sáp nhập thêm 3 thôn")
    assert ev.open_round(workspace, 2026).explanations == {
        "c7.a.denominator": "Sáp nhập thêm 3 thôn"
    }
    assert "Hãy ghi lý do" not in page.panel.reasons.text()


def test_notes_and_evidence_files_are_kept(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    ev.start_round(workspace, 2026)
    page = open_page(qtbot, workspace)
    view = page.show_criterion("c1")
    view.note.setFocus()
    type_into(view.note, "Quyết định phân công số 12/QĐ-UBND")
    type_into(view.data_date, "31/10/2026")
    source = tmp_path / "quyet-dinh.pdf"
    source.write_bytes(b"%PDF-1.4 decision")
    page.attach_file("c1", source)
    assert view.files.count() == 1 and "quyet-dinh.pdf" in view.files.item(0).text()
    reopened = open_page(qtbot, workspace)
    view = reopened.show_criterion("c1")
    assert view.note.toPlainText() == "Quyết định phân công số 12/QĐ-UBND"
    assert view.data_date.text() == "31/10/2026"
    assert view.files.count() == 1


def test_export_the_score_sheet_without_freezing_the_window(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    ev.import_values(workspace, 2026, {"c7.a.numerator": 49, "c7.a.denominator": 50})
    page = open_page(qtbot, workspace)
    assert page.export_button.isVisible()
    target = tmp_path / "bang-diem.xlsx"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.status.text().startswith("Đã ghi bảng điểm"), timeout=15000)
    assert target.exists() and target.read_bytes()[:2] == b"PK"
    assert str(target) in page.status.text()
    import openpyxl

    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM" in texts


def test_an_export_to_a_missing_folder_says_so(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    from tests.ui.helpers import answer_message_box

    ev.import_values(workspace, 2026, {"c7.a.numerator": 49, "c7.a.denominator": 50})
    page = open_page(qtbot, workspace)
    shown: list[str] = []
    answer_message_box(shown)
    page.export_to(tmp_path / "khong-co" / "bang-diem.xlsx")
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    assert "Không ghi được tệp" in shown[0]
