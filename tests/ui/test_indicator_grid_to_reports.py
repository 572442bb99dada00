"""A value typed through the indicators grid is the one Phụ lục 2 prints, in Word and in Excel.

Issue 13, must show 4: one source of truth for a value, typed key by key in the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_indicators_page import open_page, press, type_in_result
from tests.unit.test_indicator_appendix import FORM, REPORT, sheet_rows, word_rows
from treem_desktop.commune.document_data import commune_data
from treem_desktop.commune.table_export import export_table
from treem_desktop.commune.tables import open_table
from treem_desktop.commune.workspace import Workspace
from treem_desktop.documents.compose import compose
from treem_desktop.documents.docx_render import render_docx
from treem_desktop.documents.templates import find_template


def test_a_value_typed_in_the_grid_is_the_same_in_phu_luc_2_word_and_excel(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    page = open_page(qtbot, workspace)  # the 2025 results
    type_in_result(qtbot, page, "ct04a", "8,5")
    press(qtbot, Qt.Key.Key_Return)
    type_in_result(qtbot, page, "ct05a", "96")
    press(qtbot, Qt.Key.Key_Return)

    document = compose(
        find_template(REPORT),
        workspace.require_profile(),
        2025,
        None,
        None,
        data=commune_data(workspace),
    )
    word = word_rows(render_docx(document, tmp_path / "bao-cao.docx"))
    table = open_table(workspace, FORM, "pl2", "2025")
    excel = sheet_rows(export_table(workspace, table, tmp_path / "pl2.xlsx"))

    underweight = next(k for k in word if k.startswith("4a. "))
    vaccinated = next(k for k in word if k.startswith("5a. "))
    assert "8,5" in word[underweight] and "96" in word[vaccinated]
    assert 8.5 in excel[underweight] and 96 in excel[vaccinated]
