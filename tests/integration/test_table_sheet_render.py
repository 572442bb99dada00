"""Report tables exported to xlsx print like the outline's tables (real LibreOffice, real PDF)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pytest

from tests.integration.test_score_sheet_render import run, to_pdf
from treem_desktop.commune import tables as tb
from treem_desktop.commune.table_export import export_table
from treem_desktop.commune.workspace import Workspace

pytestmark = pytest.mark.integration


def test_table_2_3_keeps_its_merged_header_numbers_and_totals(
    workspace: Workspace, tmp_path: Path
) -> None:
    session = tb.open_table(workspace, "report-1555-2020", "b2-3")
    session.store("2012-2015-xa", "1a", "1")
    session.store("2012-2015-xa", "1b", "2")
    session.store("2012-2015-xa", "2", "Cán bộ văn hóa - xã hội")
    xlsx = export_table(workspace, session, tmp_path / "bang-2-3.xlsx")

    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    merged = {str(r) for r in sheet.merged_cells.ranges}
    texts = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    group = next(
        c for row in sheet.iter_rows() for c in row if str(c.value).startswith("Số lượng người")
    )
    assert any(r.startswith(group.coordinate + ":") for r in merged)  # spans (1a)…(1c)
    assert "Chuyên trách\n(1a)" in texts and "Tổng số\n(1c)" in texts
    assert sheet.page_setup.orientation == "landscape"

    pdf = to_pdf(xlsx, tmp_path)
    text = " ".join(unicodedata.normalize("NFC", run("pdftotext", pdf, "-")).split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Bảng 2.3. Tổ chức bộ máy bảo vệ, chăm sóc trẻ em các cấp",
        "Giai đoạn 2012 - 2015",
        "(1a)",
        "Cán bộ văn hóa - xã hội",
        "Lò Văn Tâm",
    ):
        assert expected in text, expected


def test_table_2_1_prints_every_year(workspace: Workspace, tmp_path: Path) -> None:
    session = tb.open_table(workspace, "report-1555-2020", "b2-1")
    for year in range(2012, 2021):
        session.store(str(year), "chien-dich", str(year - 2000))
    pdf = to_pdf(export_table(workspace, session, tmp_path / "bang-2-1.xlsx"), tmp_path)
    text = " ".join(unicodedata.normalize("NFC", run("pdftotext", pdf, "-")).split())
    assert all(str(year) in text for year in range(2012, 2021))
    assert "Kinh phí (1000đ)" in text
