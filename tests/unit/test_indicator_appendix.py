"""Phụ lục 2 reads the indicators already entered: the same number in Word and in Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl

from treem_desktop.commune import indicators as ind
from treem_desktop.commune.document_data import commune_data
from treem_desktop.commune.table_export import export_table
from treem_desktop.commune.tables import open_table
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.compose import compose
from treem_desktop.documents.docx_render import render_docx
from treem_desktop.documents.templates import find_template

REPORT = "bao-cao-chuong-trinh-hanh-dong-vi-tre-em"
FORM = "report-nap-2021-2030"


def word_rows(path: Path) -> dict[str, list[str]]:
    """Every table row of the docx by the text of its first cell."""
    found: dict[str, list[str]] = {}
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            texts = [c.text for c in row.cells]
            found.setdefault(texts[0], texts)
    return found


def sheet_rows(path: Path) -> dict[str, list[object]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return {
        str(row[0].value): [c.value for c in row]
        for row in sheet.iter_rows()
        if row[0].value is not None
    }


def test_an_indicator_typed_on_the_indicators_page_is_in_phu_luc_2_in_word_and_excel(
    workspace: Workspace, tmp_path: Path
) -> None:
    ind.set_value(workspace, "2026", "ct04a", "8,5")
    ind.set_value(workspace, "2026", "ct05a", "96")
    document = compose(
        find_template(REPORT),
        workspace.require_profile(),
        2026,
        None,
        None,
        data=commune_data(workspace),
    )
    word = word_rows(render_docx(document, tmp_path / "bao-cao.docx"))
    excel = sheet_rows(
        export_table(
            workspace,
            open_table(workspace, FORM, "pl2", "2026"),
            tmp_path / "pl2.xlsx",
        )
    )

    underweight = next(k for k in word if k.startswith("4a. "))
    vaccinated = next(k for k in word if k.startswith("5a. "))
    assert "8,5" in word[underweight] and "96" in word[vaccinated]
    assert 8.5 in excel[underweight] and 96 in excel[vaccinated]
    assert "%" in excel[underweight] and "phần trăm" not in excel[underweight]
    in_word = [k for k in word if k[:1].isdigit() and ". " in k]
    in_excel = [k for k in excel if k[:1].isdigit() and ". " in k]
    assert in_excel == [k for k in in_word if k in excel] and len(in_excel) > 20
    assert any(k.startswith("Mục tiêu 1:") for k in excel)
    assert not any(k.startswith("1. Tỷ lệ xã, phường") for k in excel)  # the province's own


def test_numbers_print_without_a_trailing_separator_and_dates_are_real_dates(
    workspace: Workspace, tmp_path: Path
) -> None:
    session = open_table(workspace, FORM, "b1-1")
    session.store("r1", "1", "Kế hoạch số 12/KH-UBND")
    session.store("r1", "3", "10/02/2026")
    sheet = openpyxl.load_workbook(export_table(workspace, session, tmp_path / "b.xlsx")).active
    assert sheet is not None
    dates = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, dt.datetime)]
    assert [c.value for c in dates] == [dt.datetime(2026, 2, 10)]
    assert dates[0].number_format == "DD/MM/YYYY"
    formats = {c.number_format for row in sheet.iter_rows() for c in row}
    assert "#,##0.##" not in formats


def test_a_yes_prints_the_same_word_in_word_and_excel(workspace: Workspace, tmp_path: Path) -> None:
    session = open_table(workspace, FORM, "b2-2")
    session.store("r1", "1", "Chương trình A")
    session.store("r1", "2b", "có")
    excel = sheet_rows(export_table(workspace, session, tmp_path / "b22.xlsx"))
    row = next(v for v in excel.values() if "Chương trình A" in v)
    document = compose(
        find_template(REPORT),
        workspace.require_profile(),
        2026,
        None,
        None,
        data=commune_data(workspace),
    )
    word = word_rows(render_docx(document, tmp_path / "b.docx"))
    word_row = next(v for v in word.values() if "Chương trình A" in v)
    assert "x" in row and "Có" not in row
    assert "x" in word_row
