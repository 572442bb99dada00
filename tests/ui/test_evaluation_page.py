"""The evaluation workspace, driven as an officer would: type, watch the verdict, undo."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.helpers import type_into
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune.workspace import Workspace
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
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # the keyboard goes to this window
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
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # a value is saved once complete


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
    assert row is not None and (row.text(1), row.text(3)) == ("2/2", "125")
    assert page.criteria.points[5] == "125"
    narrow = page.criteria.compact  # a narrow list shows "points / max" in one column
    assert row.text(2) == ("125 / 125" if narrow else "125")
    c2 = page.criteria.topLevelItem(1)
    assert c2 is not None and page.criteria.points[1] == "80*" and c2.text(3) == "?*"
    assert c2.text(2) == ("80* / ?*" if narrow else "80*")

    enter(qtbot, page, "c9", "c9.x.points", "0")  # one criterion at 0: not recognised
    assert page.panel.verdict.text() == "Chưa đạt — tạm tính"
    assert "Tiêu chí 9 bị 0 điểm" in page.panel.reasons.text()
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert page.panel.verdict.text() == "Đạt — tạm tính"
    assert page.view is not None and page.view.fields["c9.x.points"].typed_text() == "70"

    again = ev.open_round(workspace, 2026)  # everything was saved as it was typed
    assert again.values["c9.x.points"] == 70 and again.values["c6.a.numerator"] == 19
    assert again.score().total == 985
    changed = {e.field for e in entries_for(workspace.conn, "eval_round", "2026")}
    assert {"c6.a.numerator", "c9.x.points", "c12.x.play_space"} <= changed


def test_a_numerator_above_its_denominator_is_refused_in_words(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ev.start_round(workspace, 2026)
    page = open_page(qtbot, workspace)
    enter(qtbot, page, "c7", "c7.a.denominator", "50")
    enter(qtbot, page, "c7", "c7.a.numerator", "51")
    assert page.view is not None
    problem = page.view.fields["c7.a.numerator"].problem
    assert problem.isVisible()
    assert problem.text() == (
        "Số trẻ em dưới 1 tuổi được tiêm chủng đầy đủ (51) không được lớn hơn "
        "Tổng số trẻ em dưới 1 tuổi (50). Chưa lưu giá trị nào."
    )
    assert "c7.a.numerator" not in ev.open_round(workspace, 2026).values  # nor "5"
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
    enter(qtbot, page, "c7", "c7.a.numerator", "45")
    enter(qtbot, page, "c7", "c7.a.denominator", "200")
    field = page.view.fields["c7.a.denominator"]  # type: ignore[union-attr]
    assert field.explanation is not None and field.explanation.isVisible()
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
    view.data_date.setFocus()
    type_into(view.data_date, "31/10/2026")
    qtbot.keyClick(view.data_date, Qt.Key.Key_Return)
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


# Issue 12: entry an officer can trust.


def test_a_partial_value_is_never_saved_and_a_refused_one_stays_marked(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    page = open_page(qtbot, workspace)
    field = page.show_criterion("c6").fields["c6.a.numerator"]
    editor = field.editor
    assert isinstance(editor, QLineEdit)
    editor.setFocus()
    editor.selectAll()
    type_into(editor, "25")
    assert ev.open_round(workspace, 2026).values["c6.a.numerator"] == 19  # no "2", no "25"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # leaving the field offers the value
    assert editor.text() == "25" and field.problem.isVisible()
    assert field.problem.text() == (
        "Số trẻ em có hoàn cảnh đặc biệt được trợ giúp, chăm sóc (25) không được lớn hơn "
        "Tổng số trẻ em có hoàn cảnh đặc biệt (20). Đã lưu: 19"
    ) or field.problem.text().endswith("(20). Đã lưu: 19")
    assert ev.open_round(workspace, 2026).values["c6.a.numerator"] == 19
    assert page.panel.total.text() == "50 điểm"
    page.show_criterion("c1")
    assert page.show_criterion("c6").fields["c6.a.numerator"].typed_text() == "19"
    editor = page.view.fields["c6.a.numerator"].editor  # type: ignore[union-attr]
    assert isinstance(editor, QLineEdit)
    editor.setFocus()
    editor.selectAll()
    type_into(editor, "18")
    qtbot.waitUntil(lambda: ev.open_round(workspace, 2026).values["c6.a.numerator"] == 18)
    type_into(editor, "0")  # 180, then Enter
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert ev.open_round(workspace, 2026).values["c6.a.numerator"] == 18


def test_the_reason_box_waits_for_the_pair_and_never_takes_the_next_fields_keys(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ev.import_values(workspace, 2025, {"c7.a.numerator": 45, "c7.a.denominator": 50})
    ev.start_round(workspace, 2026)
    page = open_page(qtbot, workspace)
    view = page.show_criterion("c7")
    numerator, denominator = (view.fields[f"c7.a.{n}"] for n in ("numerator", "denominator"))
    numerator.editor.setFocus()
    type_into(numerator.editor, "5")
    qtbot.wait(900)  # the pause saves 5, but the pair is not complete: nothing asked yet
    assert ev.open_round(workspace, 2026).values["c7.a.numerator"] == 5
    assert numerator.explanation is not None and not numerator.explanation.isVisible()
    qtbot.keyClick(numerator.editor, Qt.Key.Key_Tab)
    assert denominator.editor.hasFocus()
    type_into(denominator.editor, "200")
    qtbot.keyClick(denominator.editor, Qt.Key.Key_Tab)
    assert ev.open_round(workspace, 2026).values["c7.a.denominator"] == 200
    assert numerator.explanation.isVisible() and numerator.explanation.text() == ""
    assert not numerator.explanation.hasFocus()


def test_self_scoring_says_up_to_how_much_and_the_total_stays_within_1000(
    qtbot: QtBot, workspace: Workspace
) -> None:
    values = {k: v for fields in ROUND.values() for k, v in fields.items()}
    del values["c13.y.points"]  # 680 of the 725 shared points given
    ev.import_values(workspace, 2026, values)
    page = open_page(qtbot, workspace)
    view = page.show_criterion("c13")
    assert view.manual["c13.y"].isVisible()
    assert view.results["c13.y"].text() == (
        "Chưa có thang điểm chính thức cho kết quả này: hãy nhập điểm xã tự chấm cho nội dung "
        "này, tối đa 45 điểm."
    )
    enter(qtbot, page, "c13", "c13.y.points", "50")
    problem = view.fields["c13.y.points"].problem
    assert problem.isVisible() and "725" in problem.text() and "tối đa 45 điểm" in problem.text()
    assert "c13.y.points" not in ev.open_round(workspace, 2026).values
    enter(qtbot, page, "c13", "c13.y.points", "45")
    assert page.panel.total.text() == "1.000 điểm"
    assert ev.open_round(workspace, 2026).score().total == 1000


def test_an_item_answered_no_gets_0_and_no_self_score_box(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ev.start_round(workspace, 2026)
    page = open_page(qtbot, workspace)
    enter(qtbot, page, "c1", "c1.b.has", "không")
    view = page.view
    assert view is not None
    assert ev.open_round(workspace, 2026).values["c1.b.has"] is False
    assert view.results["c1.b"].text() == "0 điểm *"
    assert not view.manual["c1.b"].isVisible()


def test_ctrl_z_undoes_the_last_field_edit_from_another_box(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ev.start_round(workspace, 2026)
    page = open_page(qtbot, workspace)
    enter(qtbot, page, "c7", "c7.a.denominator", "50")
    enter(qtbot, page, "c7", "c7.a.numerator", "49")
    view = page.view
    assert view is not None
    view.note.setFocus()
    type_into(view.note, "Sổ tiêm chủng")
    qtbot.keyClick(view.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "c7.a.numerator" not in ev.open_round(workspace, 2026).values
    assert view.fields["c7.a.numerator"].typed_text() == ""
    assert view.note.toPlainText() == "Sổ tiêm chủng"  # the note's text is not the change undone
    denominator = view.fields["c7.a.denominator"].editor
    denominator.setFocus()
    qtbot.keyClick(denominator, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo
    assert ev.open_round(workspace, 2026).values["c7.a.numerator"] == 49
    assert view.fields["c7.a.numerator"].typed_text() == "49"


def test_the_date_of_the_data_refuses_a_day_that_does_not_exist(
    qtbot: QtBot, workspace: Workspace
) -> None:
    evaluation = ev.start_round(workspace, 2026)
    page = open_page(qtbot, workspace)
    view = page.show_criterion("c1")
    view.data_date.setFocus()
    type_into(view.data_date, "31/13/2026")
    qtbot.keyClick(view.data_date, Qt.Key.Key_Tab)
    assert view.date_problem.isVisible() and "31/13/2026" in view.date_problem.text()
    assert ev.criterion_note(workspace, evaluation, "c1")[1] == ""
    view.data_date.setFocus()
    view.data_date.selectAll()
    type_into(view.data_date, "31/10/2026")
    qtbot.keyClick(view.data_date, Qt.Key.Key_Return)
    assert not view.date_problem.isVisible()
    assert ev.criterion_note(workspace, evaluation, "c1")[1] == "31/10/2026"


def test_fixing_a_line_scrolls_the_missing_input_into_view_at_1024x560(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ev.import_values(workspace, 2026, {"c6.a.numerator": 19, "c6.a.denominator": 20})
    page = open_page(qtbot, workspace)
    page.resize(1024, 560)
    page.fix_preflight_line("c6")  # 6.1 is scored: its own-points box is hidden, not missing
    view = page.view
    assert view is not None
    editor = view.fields["c6.b.numerator"].editor
    qtbot.waitUntil(lambda: not editor.visibleRegion().isEmpty())
    assert editor.hasFocus()


INPUT_ID = re.compile(r"c\d+\.[a-z]")
ENGLISH_DECIMAL = re.compile(r"\d\.\d+\s*(điểm|%)|\d,\d{3}\b")


def shown_texts(page: EvaluationPage) -> list[str]:
    from PySide6.QtWidgets import QGroupBox

    texts = [w.text() for w in page.findChildren(QLabel) if w.isVisible()]
    texts += [w.title() for w in page.findChildren(QGroupBox) if w.isVisible()]
    texts += [w.placeholderText() for w in page.findChildren(QLineEdit) if w.isVisible()]
    for row in range(page.criteria.topLevelItemCount()):
        item = page.criteria.topLevelItem(row)
        assert item is not None
        texts += [item.text(column) for column in range(4)]
    return texts


def test_the_page_shows_no_input_ids_and_no_english_decimal_points(
    qtbot: QtBot, workspace: Workspace
) -> None:
    values = {k: v for fields in ROUND.values() for k, v in fields.items()}
    values["c13.x.points"] = "7,5"
    values["c6.a.numerator"] = "18"  # 90%: no official scale, scored by the commune
    values["c6.a.points"] = "15,5"
    ev.import_values(workspace, 2025, values)
    ev.import_values(workspace, 2026, values)
    page = open_page(qtbot, workspace)
    seen: list[str] = []
    for criterion in ev.open_round(workspace, 2026).standard.criteria:
        page.show_criterion(criterion.id)
        seen += shown_texts(page)
    enter(qtbot, page, "c6", "c6.a.numerator", "25")  # a refusal, in words
    last = "\n".join(shown_texts(page))
    assert last.count("* giá trị chưa được xác nhận") == 1  # the mark, explained once
    assert "không được lớn hơn" in last
    seen.append(last)
    joined = "\n".join(seen)
    assert "7,5" in joined and "15,5 điểm" in joined and "Nội dung 6.1" in joined
    assert not INPUT_ID.search(joined), INPUT_ID.findall(joined)
    assert not ENGLISH_DECIMAL.search(joined), ENGLISH_DECIMAL.findall(joined)
    assert "một nguồn thứ cấp" not in joined


def test_criterion_names_wrap_instead_of_eliding(qtbot: QtBot, workspace: Workspace) -> None:
    ev.start_round(workspace, 2026)
    page = open_page(qtbot, workspace)
    page.resize(1024, 560)
    qtbot.wait(50)
    tree = page.criteria
    item = tree.topLevelItem(12)  # 13. Mức độ hài lòng của trẻ em và người dân về …
    assert item is not None
    line = tree.fontMetrics().height()
    assert tree.visualItemRect(item).height() >= 2 * line
    assert tree.textElideMode() == Qt.TextElideMode.ElideNone
