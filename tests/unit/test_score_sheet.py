"""The score sheet (bảng tự đánh giá, chấm điểm) as an officer opens, prints and signs it."""

from __future__ import annotations

import datetime as dt
import errno
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from treem_desktop.commune.evaluation import EvaluationRound, import_values
from treem_desktop.commune.workspace import Workspace
from treem_desktop.errors import TreemError
from treem_desktop.exports.official_blocks import MOTTO, NATION
from treem_desktop.exports.score_sheet import write_score_sheet
from treem_desktop.exports.text_fit import Look, text_height, text_lines
from treem_desktop.i18n import _, set_language

TODAY = dt.date(2026, 1, 5)
SAMPLE: dict[str, object] = {
    "c1.a.has": True,
    "c1.b.has": "có",
    "c1.c.has": 1,
    "c1.d.has": True,
    "c2.x": {"numerator": 118, "denominator": 120},
    "c2.x.points": 80,
    "c3.x": {"numerator": 0, "denominator": 1500, "points": 100},
    "c4.x": {"numerator": 1, "denominator": 1500, "points": 60},
    "c5.x": {"numerator": 2, "denominator": 1500, "points": 70},
    "c6.a": {"numerator": 19, "denominator": 20},
    "c6.b": {"numerator": 3, "denominator": 3},
    "c7.a": {"numerator": 49, "denominator": 50},
    "c8.x": {"numerator": 10, "denominator": 200, "points": 40},
    "c8.y": {"numerator": 20, "denominator": 200, "points": 40},
    "c9.x": {"numerator": 900, "denominator": 1000, "points": 70},
    "c10.x": {"numerator": 300, "denominator": 310, "points": 90},
    "c11.x": {"forums": 2, "points": 50},
    "c12.x": {"play_space": "có", "activities": 6, "points": 50},
    "c13.x": {"percent": 85, "points": 30},
    "c13.y": {"percent": 80, "points": 30},
}


def write(workspace: Workspace, evaluation: EvaluationRound, path: Path) -> Any:
    written = write_score_sheet(path, evaluation, workspace.require_profile(), TODAY)
    assert written == path
    return openpyxl.load_workbook(path).active


@pytest.fixture
def sheet(workspace: Workspace, tmp_path: Path) -> Any:
    evaluation = import_values(workspace, 2026, SAMPLE)
    return write(workspace, evaluation, tmp_path / "bang-diem-2026.xlsx")


def find_row(sheet: Any, first_cell: object) -> int:
    rows = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == first_cell]
    assert len(rows) == 1, f"{first_cell!r} in column A: rows {rows}"
    return rows[0]


def header_row(sheet: Any) -> int:
    return find_row(sheet, _("No."))


def find_column(sheet: Any, header: str) -> int:
    row = header_row(sheet)
    found = [c for c in range(1, sheet.max_column + 1) if sheet.cell(row, c).value == header]
    assert len(found) == 1, header
    return found[0]


def cell(sheet: Any, first_cell: object, header: str) -> Any:
    return sheet.cell(find_row(sheet, first_cell), find_column(sheet, header))


def test_the_header_follows_decree_30_in_two_columns(sheet: Any) -> None:
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN"
    assert sheet["A2"].value == "XÃ MƯỜNG PHĂNG"
    assert sheet["C1"].value == NATION == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["C2"].value == MOTTO == "Độc lập - Tự do - Hạnh phúc"
    assert {"A1:B1", "A2:B2", "C1:H1", "C2:H2"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert all(sheet[c].font.b for c in ("A1", "A2", "C1", "C2"))
    assert sheet["C2"].font.u == "single"
    assert all(sheet.row_dimensions[r].height >= 24 for r in (1, 2))


def test_the_title_names_the_standard_and_the_year(sheet: Any) -> None:
    title = find_row(sheet, "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM")
    assert sheet.cell(title, 1).font.b and sheet.cell(title, 1).font.sz == 14
    assert sheet.row_dimensions[title].height >= 24
    subtitle = sheet.cell(title + 1, 1).value
    assert "Tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em" in subtitle and "2026" in subtitle
    assert "06/QĐ-TTg" in sheet.cell(title + 2, 1).value
    assert "03/01/2019" in sheet.cell(title + 2, 1).value


def test_in_english_the_labels_are_english_and_the_decree_formulae_stay(
    workspace: Workspace, tmp_path: Path
) -> None:
    set_language("en")
    evaluation = import_values(workspace, 2026, SAMPLE)
    sheet = write(workspace, evaluation, tmp_path / "score-sheet.xlsx")
    assert find_row(sheet, "SELF-ASSESSMENT AND SCORE SHEET") == 5
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN"
    assert [sheet.cell(header_row(sheet), c).value for c in (1, 7, 8)] == [
        "No.",
        "Points scored",
        "Remarks",
    ]
    assert cell(sheet, "2.1", "Remarks").value == "Points entered by hand"


def test_the_columns_are_numbered_under_the_headers(sheet: Any) -> None:
    numbers = header_row(sheet) + 1
    assert [sheet.cell(numbers, c).value for c in range(1, 9)] == [f"({n})" for n in range(1, 9)]


def test_criterion_rows_are_bold_with_their_subtotal(sheet: Any) -> None:
    points = cell(sheet, 6, _("Points scored"))
    assert points.value == 125 and points.font.b
    assert "*" not in points.number_format  # criterion 6 is confirmed from the official text
    assert cell(sheet, 6, _("Criterion and content assessed")).font.b
    assert not cell(sheet, "6.1", _("Criterion and content assessed")).font.b
    assert cell(sheet, "6.1", _("Result {year}").format(year=2026)).value == "19/20"
    assert cell(sheet, "6.1", _("Rate (%)")).value == "95,0"
    assert cell(sheet, "6.2", _("Points scored")).value == 75


def test_criterion_1_is_marked_unconfirmed(sheet: Any) -> None:
    maximum = cell(sheet, 1, _("Max. points"))
    points = cell(sheet, 1, _("Points scored"))
    assert (maximum.value, points.value) == (100, 100)
    assert maximum.number_format.endswith('"*"') and points.number_format.endswith('"*"')
    assert "chưa xác nhận (một nguồn thứ cấp)" in cell(sheet, 1, _("Remarks")).value
    assert cell(sheet, "1.1", _("Remarks")).value == "chưa xác nhận (một nguồn thứ cấp)"
    assert cell(sheet, "1.4", _("Remarks")).value == "chưa xác nhận (suy luận)"


def test_points_entered_by_hand_are_marked(sheet: Any) -> None:
    points = cell(sheet, "2.1", _("Points scored"))
    assert points.value == 80 and points.number_format.endswith('"*"')
    assert cell(sheet, "2.1", _("Max. points")).value == "?"
    assert cell(sheet, "2.1", _("Remarks")).value == _("Points entered by hand")
    footnotes = [str(sheet.cell(r, 1).value) for r in range(1, sheet.max_row + 1)]
    assert any(f.startswith("(*)") and "06/QĐ-TTg" in f for f in footnotes)


def test_total_threshold_and_verdict(sheet: Any) -> None:
    points_column = find_column(sheet, _("Points scored"))
    total = find_row(sheet, _("Total"))
    assert sheet.cell(total, points_column).value == 985
    assert sheet.cell(total, points_column).number_format == '0"*"'  # provisional
    threshold = total + 1
    assert "Xã miền núi" in sheet.cell(threshold, 1).value
    assert sheet.cell(threshold, points_column).value == 800
    verdict = sheet.cell(total + 2, find_column(sheet, _("Max. points"))).value
    assert verdict.startswith("Đạt")
    reasons = [sheet.cell(r, 1).value for r in range(total + 3, sheet.max_row + 1)]
    assert any(str(r).startswith("- Kết quả tạm tính: các tiêu chí 1, 2, 3") for r in reasons)


def test_the_signature_block_closes_the_sheet(sheet: Any) -> None:
    texts = {
        sheet.cell(r, c).value: (r, c)
        for r in range(1, sheet.max_row + 1)
        for c in range(1, sheet.max_column + 1)
        if sheet.cell(r, c).value is not None
    }
    date_row, date_column = texts["Mường Phăng, ngày 05 tháng 01 năm 2026"]
    assert sheet.cell(date_row, date_column).font.i
    assert texts["TM. ỦY BAN NHÂN DÂN"][0] == date_row + 1
    assert texts["CHỦ TỊCH"][0] == date_row + 2
    name_row, name_column = texts["Lò Văn Tâm"]
    assert name_row == sheet.max_row and name_row > date_row + 2
    assert sheet.cell(name_row, name_column).font.b
    assert texts["Nguyễn Thị Hà"][0] == name_row


def test_it_prints_on_a4_landscape_one_page_wide_with_the_header_repeated(sheet: Any) -> None:
    head = header_row(sheet)
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == f"${head}:${head + 1}"
    assert sheet.freeze_panes == f"A{head + 2}"
    assert 0.7 <= sheet.page_margins.left <= 1.2 and sheet.page_margins.top >= 0.7


def test_every_cell_is_times_new_roman_and_every_row_has_a_height(sheet: Any) -> None:
    fonts = {
        sheet.cell(r, c).font.name
        for r in range(1, sheet.max_row + 1)
        for c in range(1, sheet.max_column + 1)
        if sheet.cell(r, c).value is not None
    }
    assert fonts == {"Times New Roman"}
    assert all(sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1))
    assert sheet.parent._fonts[0].name == "Times New Roman"  # the unit of column widths


def test_last_years_figures_stand_beside_this_years(workspace: Workspace, tmp_path: Path) -> None:
    import_values(workspace, 2025, {"c6.a": {"numerator": 15, "denominator": 20}})
    evaluation = import_values(workspace, 2026, SAMPLE)
    sheet = write(workspace, evaluation, tmp_path / "bang-diem-2026.xlsx")
    last_year = _("Result {year}").format(year=2025)
    assert cell(sheet, "6.1", last_year).value == "15/20\n(75,0%)"
    assert cell(sheet, "6.1", _("Result {year}").format(year=2026)).value == "19/20"
    assert cell(sheet, "7.1", last_year).value is None
    assert sheet.cell(header_row(sheet) + 1, 9).value == "(9)"


def test_an_unfinished_round_says_not_enough_data(workspace: Workspace, tmp_path: Path) -> None:
    evaluation = import_values(workspace, 2026, {"c6.a": {"numerator": 19, "denominator": 20}})
    sheet = write(workspace, evaluation, tmp_path / "bang-diem-2026.xlsx")
    assert cell(sheet, 6, _("Points scored")).value == "—"
    assert cell(sheet, "6.1", _("Points scored")).value == 50
    assert cell(sheet, "6.2", _("Remarks")).value == _("Figures not entered yet")
    total = find_row(sheet, _("Total"))
    assert sheet.cell(total + 2, find_column(sheet, _("Max. points"))).value.startswith(
        "Chưa đủ dữ liệu"
    )


def test_writing_replaces_the_file_and_leaves_nothing_else(
    workspace: Workspace, tmp_path: Path
) -> None:
    evaluation = import_values(workspace, 2026, SAMPLE)
    target = tmp_path / "out" / "bang-diem.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    write(workspace, evaluation, target)
    assert [p.name for p in target.parent.iterdir()] == ["bang-diem.xlsx"]
    assert target.read_bytes()[:2] == b"PK"


def test_a_full_disk_keeps_the_old_file(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    evaluation = import_values(workspace, 2026, SAMPLE)
    target = tmp_path / "out" / "bang-diem.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old")

    def full_disk(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", full_disk)
    with pytest.raises(TreemError) as raised:
        write_score_sheet(target, evaluation, workspace.require_profile(), TODAY)
    assert raised.value.code == "DISK_FULL"
    assert [p.name for p in target.parent.iterdir()] == ["bang-diem.xlsx"]
    assert target.read_bytes() == b"old"


def test_a_missing_folder_is_an_error_and_leaves_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    evaluation = import_values(workspace, 2026, SAMPLE)
    with pytest.raises(FileNotFoundError):
        write_score_sheet(
            tmp_path / "no" / "x.xlsx", evaluation, workspace.require_profile(), TODAY
        )
    assert not (tmp_path / "no").exists()


def test_openpyxl_is_not_loaded_until_a_sheet_is_written() -> None:
    code = "import sys, treem_desktop.exports.score_sheet; print('openpyxl' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_row_heights_grow_with_wrapped_text_and_uppercase() -> None:
    words = "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin"
    assert text_lines(words, 60, 12) == 1
    assert 1 < text_lines(words, 30, 12) < text_lines(words, 15, 12)
    assert text_lines("a\nb", 20, 12) == 2
    assert text_lines("M" * 40, 5, 12) >= 10  # a word wider than the cell is broken
    title = text_height("BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM", 120, Look(size=14, bold=True))
    assert title >= 26
    assert text_height("Ủy ban", 120, Look(size=14)) < title
